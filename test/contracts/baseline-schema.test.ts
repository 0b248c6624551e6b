import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { schemaValidator } from '../../src/core/schemas.js';
import { repoRoot } from '../helpers/paths.js';
import { runCli } from '../helpers/cli.js';
import { BASELINE_SCHEMA } from '../../src/model/report.js';

const validate = schemaValidator('baseline');
const validateCheck = schemaValidator('check');
const scanJson = join(repoRoot, 'data', 'scans', 'linux-6.12.json');
const tmp = mkdtempSync(join(tmpdir(), 'gatewatch-baseline-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('baseline document schema', () => {
  it('accepts the baseline `gatewatch check --write-baseline` writes, and what it prints with --json', async () => {
    const file = join(tmp, 'baseline.json');
    const r = await runCli(['check', scanJson, '--baseline', file, '--write-baseline', '--json']);
    expect(r.code).toBe(0);
    const written = JSON.parse(readFileSync(file, 'utf8'));
    expect(written.gates.length).toBeGreaterThan(0);
    expect(validate(written), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    expect(validate(JSON.parse(r.stdout)), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
  });

  it('accepts what `gatewatch check --json` prints (gatewatch/check@1) when gates were added and removed', async () => {
    const file = join(tmp, 'changed.json');
    await runCli(['check', scanJson, '--baseline', file, '--write-baseline']);
    const baseline = JSON.parse(readFileSync(file, 'utf8'));
    baseline.gates = [...baseline.gates.slice(1), { kind: 'feature', name: 'gone_feature', locations: ['rust/kernel/lib.rs:1'] }];
    writeFileSync(file, JSON.stringify(baseline));
    const r = await runCli(['check', scanJson, '--baseline', file, '--json']);
    expect(r.code).toBe(1);
    const diff = JSON.parse(r.stdout);
    expect([diff.added.length, diff.removed.length]).toEqual([1, 1]);
    expect(validateCheck(diff), JSON.stringify(validateCheck.errors?.slice(0, 3))).toBe(true);
  });

  it('rejects a gate with a kind the contract does not name', () => {
    expect(validate({ schema: BASELINE_SCHEMA, tree: 't', gates: [{ kind: 'lang', name: 'x', locations: [] }] })).toBe(false);
    expect(validate.errors?.[0]?.instancePath).toBe('/gates/0/kind');
  });

  it('a malformed baseline given to `check` is exit 2 naming the file and the wrong field', async () => {
    const file = join(tmp, 'malformed.json');
    writeFileSync(file, JSON.stringify({ schema: BASELINE_SCHEMA, tree: 't', gates: [{ kind: 'feature', name: 'x', locations: 'rust/kernel/lib.rs:1' }] }));
    const r = await runCli(['check', scanJson, '--baseline', file]);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe(`gatewatch: ${file} is not a valid baseline document: /gates/0/locations must be array`);
    expect(r.stderr).toContain('--write-baseline');
  });
});
