import { existsSync, readFileSync } from 'node:fs';
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

/**
 * `VERSION.PATCHLEVEL.SUBLEVEL` read from a tree's top Makefile by the test itself, so that a test does not pin the
 * patch release Debian ships today (CI installs whatever `linux-source-6.12` is current).
 */
export function makefileKernelVersion(tree: string): string {
  const vars = new Map<string, string>();
  for (const line of readFileSync(join(tree, 'Makefile'), 'utf8').split('\n').slice(0, 10)) {
    const eq = line.indexOf('=');
    if (eq > 0) vars.set(line.slice(0, eq).trim(), line.slice(eq + 1).trim());
  }
  return `${vars.get('VERSION')}.${vars.get('PATCHLEVEL')}.${vars.get('SUBLEVEL')}`;
}
