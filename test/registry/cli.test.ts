import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { fixture } from '../helpers/paths.js';
import { EXIT } from '../../src/core/errors.js';
import { REGISTRY_SCHEMA, type Registry } from '../../src/model/registry.js';
import { FEATURE_ANSWER_SCHEMA } from '../../src/model/feature.js';

describe('gatewatch feature (bundled registry, no compiler run)', () => {
  it('answers a flag in any spelling with its help, as JSON', async () => {
    const r = await runCli(['feature', '-Zbinary_dep_depinfo', '--json']);
    expect(r.code).toBe(0);
    const a = JSON.parse(r.stdout);
    expect(a.schema).toBe(FEATURE_ANSWER_SCHEMA);
    expect(a.entry).toMatchObject({ name: '-Zbinary-dep-depinfo', kind: 'flag' });
    expect(a.entry.help).toEqual(expect.any(String));
    expect(a.entry.sources.length).toBeGreaterThan(0);
  });

  it('prints a removed flag with its stable replacement, never "stable since" for the -Z form', async () => {
    const r = await runCli(['feature', '-Zno-jump-tables']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('status:         removed; replaced by `-Cjump-tables=n` (stable since 1.93.0)');
    expect(r.stdout).not.toMatch(/status: +stable since/);
  });

  it('says when a -Z flag is in no registry, and exits 1', async () => {
    const r = await runCli(['feature', '-Zsurely-not-a-flag']);
    expect(r.code).toBe(EXIT.findings);
    expect(r.stdout).toMatch(/^-Zsurely-not-a-flag: not in the registry/);
  });
});

describe('gatewatch registry', () => {
  it('prints the bundled document with schema, toolchain provenance and features of every kind', async () => {
    const r = await runCli(['registry', '--json']);
    expect(r.code).toBe(0);
    const reg = JSON.parse(r.stdout) as Registry;
    expect(reg.schema).toBe(REGISTRY_SCHEMA);
    expect(reg.toolchain?.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(reg.provenance.some((p) => p.source === 'toolchain')).toBe(true);
    for (const kind of ['lang', 'lib', 'flag'] as const) expect(reg.features.some((f) => f.kind === kind), kind).toBe(true);
    for (const f of reg.features) {
      expect(Object.keys(f)).toEqual(expect.arrayContaining(['name', 'kind', 'status', 'since', 'trackingIssue', 'sources']));
    }
  });

  it('fails with one line and exit 2 for a toolchain that does not exist', async () => {
    const r = await runCli(['registry', '--toolchain', 'no-such-toolchain-xyz']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^gatewatch: toolchain `no-such-toolchain-xyz` cannot be run[^\n]*\n$/);
    expect(r.stdout).toBe('');
  });

  it('builds from a checkout without a toolchain', async () => {
    const r = await runCli(['registry', 'build', '--from-rust', fixture('registry', 'checkout-with-tricky-entries'), '--json']);
    expect(r.code).toBe(0);
    const reg = JSON.parse(r.stdout) as Registry;
    expect(reg.toolchain).toBeNull();
    expect(reg.features.find((f) => f.name === 'generators')).toMatchObject({ status: 'removed', since: '1.75.0', renamedTo: 'coroutines' });
    expect(reg.features.find((f) => f.name === '-Zcrate-attr')).toMatchObject({ kind: 'flag', status: 'unstable' });
    expect(reg.diagnostics.some((d) => d.code === 'registry/bad-feature-entry')).toBe(true);
  });

  it('needs exactly one of --from-rust and --from-toolchain', async () => {
    const r = await runCli(['registry', 'build']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('exactly one of --from-rust');
  });
});
