/**
 * The bench's floors (src/bench/io-floor.cts) must walk and read the scope ripgrep searches in the same run, or
 * their ratios to it say nothing. Checked against ripgrep's own file list on a small tree (skipped without rg).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { walkScope } from '../../src/bench/io-floor.cjs';
import { SCOPE_GLOBS } from '../../src/bench/scan-bench.js';

const hasRipgrep = spawnSync('rg', ['--version']).status === 0;
const tree = mkdtempSync(join(tmpdir(), 'gatewatch-floor-'));
afterAll(() => rmSync(tree, { recursive: true, force: true }));

const files = [
  'Makefile', 'Kbuild', 'Kconfig', 'init/main.c', 'rust/kernel/lib.rs', 'rust/Makefile', 'arch/x86/Makefile.postlink',
  'scripts/Makefile.build', 'scripts/tags.sh', 'scripts/checkpatch.pl', 'scripts/dtc/Makefile.dtc', 'tools/build/Build.mk',
  'tools/scripts/utilities.mak', 'drivers/net/Kbuild.include', 'Documentation/rust/index.rst', '.clippy.toml',
];
for (const f of files) {
  mkdirSync(dirname(join(tree, f)), { recursive: true });
  writeFileSync(join(tree, f), 'x\n');
}
mkdirSync(join(tree, 'empty/dir'), { recursive: true });

describe('the floors of the scan bench', () => {
  it.skipIf(!hasRipgrep)("walk the files ripgrep's globs select, and every directory", () => {
    const rg = spawnSync('rg', ['-uu', '--files', ...SCOPE_GLOBS.flatMap((g) => ['-g', g]), '.'], { cwd: tree, encoding: 'utf8' });
    const listed = rg.stdout.split('\n').filter((l) => l !== '').map((l) => l.replace(/^\.\//, ''));
    const scope = walkScope(tree);
    expect([...scope.files].sort()).toEqual(listed.sort());
    expect(scope.files).toContain('tools/build/Build.mk');
    expect(scope.files).not.toContain('tools/scripts/utilities.mak');
    expect(scope.dirs).toContain('empty/dir');
    expect(scope.dirs[0]).toBe('.');
  });
});
