/**
 * The registry commands against this machine's default stable toolchain: asking the compiler about a name the
 * registry has never seen, and regenerating the bundled data into a temporary file. Skipped without `stable`.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../src/core/errors.js';
import type { Registry } from '../../src/model/registry.js';
import { probeFeatures } from '../../src/registry/probe.js';
import { resolveToolchain } from '../../src/registry/toolchain.js';
import { runCli } from '../helpers/cli.js';
import { fixture } from '../helpers/paths.js';

const stable = await resolveToolchain('stable').catch((e: Error) => {
  console.warn(`skipping real registry command tests: ${e.message} (install it with \`rustup toolchain install stable --component rust-docs\`)`);
  return null;
});
const tmp = mkdtempSync(join(tmpdir(), 'gatewatch-registry-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe.skipIf(stable === null)('registry commands with the real stable toolchain', () => {
  it('asks the compiler about a name the registry has never seen', async () => {
    const r = await runCli(['feature', 'gatewatch_surely_unknown_gate', '--toolchain', 'stable', '--json']);
    // Known to neither the registry nor the compiler: the answer is "no such name", exit 1.
    expect(r.code).toBe(EXIT.findings);
    const a = JSON.parse(r.stdout);
    expect(a.entry).toBeNull();
    expect(a.probe).toMatchObject({ name: 'gatewatch_surely_unknown_gate', status: 'unknown', toolchain: `rustc ${stable!.version}` });
  }, 60_000);

  it('probes names in one batch, leaving out names that would abort it, and reading those of proc_macro and test', async () => {
    const a = await probeFeatures(['let_chains', 'type', 'not-an-ident', 'proc_macro_span', 'test', 'box_syntax'], { toolchain: 'stable' });
    const by = new Map(a.results.map((r) => [r.name, r]));
    expect(by.get('type')?.status).toBe('invalid');
    expect(by.get('not-an-ident')?.status).toBe('invalid');
    expect(a.diagnostics.filter((d) => d.code === 'registry/invalid-feature-name')).toHaveLength(2);
    expect(by.get('let_chains')).toMatchObject({ status: 'stable', since: expect.stringMatching(/^1\.\d+\.\d+$/) });
    expect(by.get('box_syntax')?.status).toBe('removed');
    expect(by.get('proc_macro_span')?.status).toBe('unstable');
    expect(by.get('test')?.status).toBe('unstable');
  }, 60_000);

  it('verifies a checkout\'s names with a toolchain: real gates confirmed, invented ones left out and said so', async () => {
    const r = await runCli(['registry', 'build', '--from-rust', fixture('registry', 'checkout-with-tricky-entries'), '--toolchain', 'stable', '--json', '--progress', 'none']);
    expect(r.code, r.stderr).toBe(0);
    const reg = JSON.parse(r.stdout) as Registry;
    expect(reg.features.find((f) => f.name === 'let_chains')).toMatchObject({ status: 'stable', since: '1.88.0', verified: true });
    expect(reg.features.find((f) => f.name === 'box_syntax')).toMatchObject({ status: 'removed', since: '1.70.0', verified: true });
    expect(reg.features.find((f) => f.name === 'brand_new_gate')).toBeUndefined();
    expect(reg.diagnostics.find((d) => d.code === 'registry/unknown-to-compiler')?.message).toContain('brand_new_gate');
  }, 60_000);

  it('regenerates the registry with provenance of the toolchain it read', async () => {
    const out = join(tmp, 'registry.json');
    const r = await runCli(['registry', 'update', '--toolchains', 'stable', '--output', out, '--progress', 'none']);
    expect(r.code, r.stderr).toBe(0);
    const reg = JSON.parse(readFileSync(out, 'utf8')) as Registry;
    expect(reg.toolchain).toMatchObject({ name: 'stable', version: stable!.version });
    expect(reg.provenance).toContainEqual(expect.objectContaining({ source: 'toolchain', detail: expect.stringContaining(stable!.version) }));
    expect(reg.provenance.some((p) => p.source === 'release-notes')).toBe(true);
    expect(reg.features.filter((f) => f.kind === 'lang' && f.verified).length).toBeGreaterThan(400);
  }, 180_000);
});

describe.skipIf(stable === null)('the compiler answer a report asks for is kept', () => {
  it('report keeps what the compiler said about names the registry lacks in the store, as history does', async () => {
    const tree = join(tmp, 'unknown-gate-tree');
    mkdirSync(tree, { recursive: true });
    writeFileSync(join(tree, 'lib.rs'), '#![feature(gatewatch_surely_unknown_gate)]\n');
    const cacheDir = join(tmp, 'report-cache');
    const env = { NO_COLOR: '1', GATEWATCH_CACHE_DIR: cacheDir };
    const first = await runCli(['report', tree, '--json'], { env });
    const kept = readdirSync(cacheDir).filter((f) => readFileSync(join(cacheDir, f), 'utf8').split('\n', 1)[0]!.includes('registry/probe-answer'));
    expect(kept).toHaveLength(1);
    const second = await runCli(['report', tree, '--json'], { env });
    const gates = (out: string) => (JSON.parse(out) as { gates: { name: string; class: string }[] }).gates.map((g) => `${g.name} ${g.class}`);
    expect(gates(second.stdout)).toEqual(gates(first.stdout));
    // Unknown to the registry and to the compiler: an error of the tree, found by asking, not a registry gap.
    expect(gates(first.stdout)).toEqual(['gatewatch_surely_unknown_gate error']);
  }, 60_000);
});
