/** `check` in CI: a tree with nothing to check, or of another kind than the baseline, must not pass green. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../src/core/errors.js';
import { runCli } from '../helpers/cli.js';
import { fixture } from '../helpers/paths.js';

const tmp = mkdtempSync(join(tmpdir(), 'gatewatch-check-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A tree of generated files. */
function tree(name: string, files: Record<string, string>): string {
  const dir = join(tmp, name);
  mkdirSync(dir, { recursive: true });
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const cargo = fixture('scan', 'cfg-attr-with-two-features');

describe('check refuses what it cannot check', () => {
  it('a directory with no Rust or kernel sources exits 2 with one line, also when writing a baseline', async () => {
    const empty = tree('docs-only', { 'README.md': '# not a tree\n' });
    const baseline = join(tmp, 'some-baseline.json');
    expect((await runCli(['check', cargo, '--baseline', baseline, '--write-baseline'])).code).toBe(EXIT.ok);
    for (const extra of [[], ['--write-baseline']]) {
      const r = await runCli(['check', empty, '--baseline', baseline, '--progress', 'none', ...extra]);
      expect(r.code).toBe(EXIT.error);
      expect(r.stderr).toMatch(/^gatewatch: no Rust or kernel sources in .*docs-only: not a kernel tree or Cargo workspace, and no gate found; nothing to check\n/);
    }
  });

  it('a tree of another kind than the baseline was written from exits 2', async () => {
    const baseline = join(tmp, 'cargo-baseline.json');
    expect((await runCli(['check', cargo, '--baseline', baseline, '--write-baseline'])).code).toBe(EXIT.ok);
    const rust = tree('loose-rust', { 'lib.rs': '#![feature(allocator_api)]\n' });
    const r = await runCli(['check', rust, '--baseline', baseline, '--progress', 'none']);
    expect(r.code).toBe(EXIT.error);
    expect(r.stderr).toContain('is a tree of Rust files, but the baseline was written from a Cargo workspace');
  });

  it('a new gate unknown to rustc is named as such, and the failure says how to accept it', async () => {
    const baseline = join(tmp, 'cargo-baseline-2.json');
    const dir = tree('cargo-plus-typo', { 'Cargo.toml': '[package]\nname = "demo"\nversion = "0.1.0"\nedition = "2021"\n', 'src/lib.rs': '#![feature(allocator_api)]\n' });
    expect((await runCli(['check', dir, '--baseline', baseline, '--write-baseline'])).code).toBe(EXIT.ok);
    writeFileSync(join(dir, 'src', 'lib.rs'), '#![feature(allocator_api, allocatr_api_typo)]\n');
    const r = await runCli(['check', dir, '--baseline', baseline, '--progress', 'none']);
    expect(r.code).toBe(EXIT.findings);
    expect(r.stdout).toContain('new feature allocatr_api_typo, unknown to rustc');
    expect(r.stdout).toContain('--write-baseline');
    const json = JSON.parse((await runCli(['check', dir, '--baseline', baseline, '--json', '--progress', 'none'])).stdout);
    expect(json.added).toMatchObject([{ name: 'allocatr_api_typo', unknown: true }]);
  });
});
