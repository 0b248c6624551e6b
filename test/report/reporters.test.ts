/**
 * Golden files for every report reporter, and the SARIF log checked against the official SARIF 2.1.0 schema.
 * Regenerate the goldens with `scripts/update-goldens.sh` and review the diff.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeReport } from '../../src/analyses/report.js';
import { computeBaselineDiff } from '../../src/analyses/baseline.js';
import { checkReporters, reportReporters } from '../../src/reporters/report/index.js';
import { fixture } from '../helpers/paths.js';
import { registry, scanOf } from './load.js';
import { sarifValidator } from './sarif-schema.js';

const UPDATE = process.env['UPDATE_GOLDENS'] === '1';
const goldens = fixture('report', 'kernel-with-every-class', 'golden');

function golden(name: string, actual: string) {
  const path = join(goldens, name);
  if (UPDATE) {
    mkdirSync(goldens, { recursive: true });
    writeFileSync(path, actual);
  }
  expect(existsSync(path), `${path} is missing: run scripts/update-goldens.sh`).toBe(true);
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

const report = computeReport(scanOf('kernel-with-every-class'), registry());
const ext = { terminal: 'txt', json: 'json', markdown: 'md', sarif: 'sarif' } as const;

describe('report reporters match their golden files', () => {
  for (const [name, render] of Object.entries(reportReporters)) {
    it(name, () => {
      const r = render(report, { colour: false });
      expect(r.exitCode).toBe(0);
      golden(`report.${ext[name as keyof typeof ext]}`, r.output);
    });
  }

  it('terminal with colour differs only by escape codes', () => {
    const plain = reportReporters.terminal(report, { colour: false }).output;
    const coloured = reportReporters.terminal(report, { colour: true }).output;
    expect(coloured).not.toBe(plain);
    // eslint-disable-next-line no-control-regex
    expect(coloured.replace(/\x1b\[[0-9;]*m/g, '')).toBe(plain);
  });

  it('check, terminal and JSON', () => {
    const scan = scanOf('kernel-with-every-class');
    const baseline = JSON.parse(readFileSync(fixture('report', 'baseline-missing-two-gates.json'), 'utf8'));
    const diff = computeBaselineDiff(scan, baseline, 'baseline-missing-two-gates.json');
    const text = checkReporters.terminal(diff, { colour: false });
    expect(text.exitCode).toBe(1);
    golden('check.txt', text.output);
    expect(checkReporters.json(diff, { colour: false }).exitCode).toBe(1);
  });
});

describe('SARIF', () => {
  const log = JSON.parse(reportReporters.sarif(report, { colour: false }).output);
  it('is valid against the official SARIF 2.1.0 JSON schema', () => {
    const validate = sarifValidator();
    const ok = validate(log);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
    // The schema does bite: a result without a message, or a log of the wrong version, is rejected.
    const broken = structuredClone(log);
    delete broken.runs[0].results[0].message;
    expect(validate(broken)).toBe(false);
    expect(validate({ ...log, version: '2.0.0' })).toBe(false);
  });

  it('has one result per gate use, at its file, line and column, plus one per wrong claim', () => {
    const uses = report.gates.flatMap((g) => g.occurrences.map((o) => ({ g, o })));
    const wrong = report.audit.filter((a) => a.verdict === 'wrong');
    const results = log.runs[0].results as { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn?: number } } }[] }[];
    expect(results).toHaveLength(uses.length + wrong.length);
    uses.forEach(({ g, o }, i) => {
      expect(results[i]!.ruleId).toBe(`gatewatch/${g.class}`);
      expect(results[i]!.locations[0]!.physicalLocation).toMatchObject({ artifactLocation: { uri: o.file }, region: { startLine: o.line, startColumn: o.column } });
    });
  });
});

describe('check --sarif', () => {
  it('has one error result per use of a gate the baseline lacks, valid against the schema', () => {
    const scan = scanOf('kernel-with-every-class');
    const baseline = JSON.parse(readFileSync(fixture('report', 'baseline-missing-two-gates.json'), 'utf8'));
    const diff = computeBaselineDiff(scan, baseline, 'baseline-missing-two-gates.json');
    const r = checkReporters.sarif(diff, { colour: false });
    expect(r.exitCode).toBe(1);
    const log = JSON.parse(r.output);
    expect(sarifValidator()(log)).toBe(true);
    const uses = diff.added.flatMap((g) => g.occurrences);
    expect(log.runs[0].results.map((x: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => x.locations[0]!.physicalLocation.artifactLocation.uri)).toEqual(uses.map((o) => o.file));
  });
});
