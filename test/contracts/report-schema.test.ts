import { describe, expect, it } from 'vitest';
import { schemaValidator } from '../../src/core/schemas.js';
import { fixture } from '../helpers/paths.js';
import { runCli } from '../helpers/cli.js';
import { REPORT_SCHEMA } from '../../src/model/report.js';

const validate = schemaValidator('report');

describe('report document schema', () => {
  it('accepts what `gatewatch report --json` prints for the newest bundled kernel', async () => {
    const r = await runCli(['report', '--json']);
    expect(r.code).toBe(0);
    expect(validate(JSON.parse(r.stdout)), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
  });

  it('accepts the report of the bundled 6.1 scan', async () => {
    const r = await runCli(['report', '--kernel', '6.1', '--json']);
    expect(r.code).toBe(0);
    expect(validate(JSON.parse(r.stdout)), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
  });

  it('accepts a report with every gate class, judged at a later rustc', async () => {
    const r = await runCli(['report', fixture('report', 'kernel-with-every-class', 'scan.json'), '--registry', fixture('report', 'registry-rustc-1.95.json'), '--rustc', '1.85', '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(new Set(doc.gates.map((g: { class: string }) => g.class))).toEqual(new Set(['removable', 'removable-at', 'blocker', 'error']));
    expect(validate(doc), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
  });

  it('rejects a gate with a class the contract does not name', () => {
    const gate = { name: 'x', kind: 'feature', class: 'stable', since: null, trackingIssue: null, status: 'stable', occurrences: [] };
    const doc = { schema: REPORT_SCHEMA, tree: 't', toolchain: null, rustMinVersion: null, gates: [gate], planner: [], done: { total: 1, remaining: 0, ratio: 1, perArch: {} }, audit: [] };
    expect(validate(doc)).toBe(false);
    expect(validate.errors?.[0]?.instancePath).toBe('/gates/0/class');
  });
});
