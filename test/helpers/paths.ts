import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, found from this file (tests never depend on the working directory). */
export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** A fixture directory under fixtures/. */
export const fixture = (...parts: string[]) => join(repoRoot, 'fixtures', ...parts);

/** Debian's kernel trees unpacked by scripts/setup-kernels.sh, or null with a note when absent. */
export function kernelTree(version: '6.12' | '6.1'): string | null {
  const dir = join(repoRoot, '.cache', 'kernels', `linux-source-${version}`);
  if (existsSync(join(dir, 'Makefile'))) return dir;
  console.warn(`skipping real-tree tests for ${version}: ${dir} is absent (run scripts/setup-kernels.sh after apt-get install linux-source-${version})`);
  return null;
}
