import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findTreeAround } from '../../src/inputs/report.js';
import { bundledKernels } from '../../src/inputs/scan.js';
import { runCli } from '../helpers/cli.js';
import { fixture } from '../helpers/paths.js';

const crate = fixture('cli', 'cargo-tree-reported-from-inside');
const kernel = fixture('cli', 'kernel-tree-with-underscore-flag');
const plain = mkdtempSync(join(tmpdir(), 'gatewatch-plain-'));
afterAll(() => rmSync(plain, { recursive: true, force: true }));

describe('report with no tree argument', () => {
  it('inside a Cargo tree reports that tree and says so in the header', async () => {
    const r = await runCli(['report', '--roadmap', 'none'], { cwd: crate });
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('report of the tree at cargo-tree-reported-from-inside (the current directory)');
    expect(lines[1]).toMatch(/^cargo-tree-reported-from-inside — /);
    expect(r.stdout).toContain('try_blocks');
    const json = JSON.parse((await runCli(['report', '--json', '--roadmap', 'none'], { cwd: crate })).stdout) as { tree: string };
    expect(json.tree).toBe('cargo-tree-reported-from-inside');
  });

  it('in a directory below the tree reports the tree that holds it (Markdown says so too)', async () => {
    const r = await runCli(['report', '--markdown', '--roadmap', 'none'], { cwd: join(crate, 'src') });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('# Stable Rust readiness: cargo-tree-reported-from-inside');
    expect(r.stdout).toContain('Report of the tree at cargo-tree-reported-from-inside (which holds the current directory); ');
  });

  it('finds a kernel tree by its top Makefile, Kbuild and rust/Makefile, from a directory inside it', () => {
    expect(findTreeAround(join(kernel, 'rust', 'kernel'))).toEqual({ path: kernel, from: 'ancestor' });
    expect(findTreeAround(kernel)).toEqual({ path: kernel, from: 'current-directory' });
  });

  it.skipIf(bundledKernels().length === 0)('in a plain directory reports the newest bundled kernel, as before, and says nothing of a found tree', async () => {
    expect(findTreeAround(plain)).toBeNull();
    const r = await runCli(['report', '--roadmap', 'none', '--only', 'errors'], { cwd: plain });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).not.toContain('report of the tree at');
    expect(r.stdout.split('\n')[0]).toContain(`kernel ${bundledKernels()[0]}`);
  });

  it('a named tree or --kernel is reported as named, wherever the command runs', async () => {
    const r = await runCli(['report', kernel, '--roadmap', 'none', '--only', 'errors'], { cwd: crate });
    expect(r.stdout).not.toContain('report of the tree at');
    expect(r.stdout.split('\n')[0]).toMatch(/^kernel-tree-with-underscore-flag — /);
  });
});
