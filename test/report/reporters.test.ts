/**
 * Golden files for every report reporter, and the SARIF log checked against the official SARIF 2.1.0 schema.
 * Regenerate the goldens with `scripts/update-goldens.sh` and review the diff.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeReport } from '../../src/analyses/report.js';
import { computeBaselineDiff } from '../../src/analyses/baseline.js';
import { checkReporters } from '../../src/reporters/check/index.js';
import { reportReporters } from '../../src/reporters/report/index.js';
import { gateSentence } from '../../src/reporters/report/sarif.js';
import { GATEWATCH_HOMEPAGE, GATEWATCH_VERSION } from '../../src/core/version.js';
import { runCli } from '../helpers/cli.js';
import type { Diagnostic } from '../../src/model/diagnostic.js';
import { renderDiagnostic } from '../../src/reporters/diagnostics.js';
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

describe('SARIF results code scanning can tell apart', () => {
  const fingerprints = (log: { runs: { results: { partialFingerprints?: Record<string, string> }[] }[] }) =>
    log.runs[0]!.results.map((x) => JSON.stringify(x.partialFingerprints ?? null));

  it('the bundled 6.12 report: every result has its own fingerprint, the driver its version and URI, messages are sentences', async () => {
    const r = await runCli(['report', '--kernel', '6.12', '--sarif', '--progress', 'none']);
    expect(r.code, r.stderr).toBe(0);
    const log = JSON.parse(r.stdout);
    const prints = fingerprints(log);
    expect(prints).not.toContain('null');
    expect(new Set(prints).size).toBe(prints.length);
    expect(log.runs[0].tool.driver).toMatchObject({ name: 'gatewatch', version: GATEWATCH_VERSION, informationUri: GATEWATCH_HOMEPAGE });
    const sanitizer = log.runs[0].results.filter((x: { properties?: { gate?: string } }) => x.properties?.gate === '-Zsanitizer');
    expect(sanitizer.length).toBeGreaterThan(1);
    for (const x of log.runs[0].results as { message: { text: string } }[]) expect(x.message.text).toMatch(/^[`A-Z].*\.$/);
  }, 60_000);

  it('the blocker sentence, as the issue asks for it', () => {
    expect(gateSentence({ name: '-Zsanitizer', class: 'blocker', since: null })).toBe('`-Zsanitizer` still needs an unstable compiler');
  });

  it('check --sarif: two uses of one new gate in one file are two fingerprints', () => {
    const scan = scanOf('kernel-with-every-class');
    const baseline = JSON.parse(readFileSync(fixture('report', 'baseline-missing-two-gates.json'), 'utf8'));
    const diff = computeBaselineDiff(scan, baseline, 'baseline-missing-two-gates.json');
    const twice = { ...diff, added: diff.added.map((g) => ({ ...g, occurrences: [...g.occurrences, { ...g.occurrences[0]!, line: g.occurrences[0]!.line + 1 }] })) };
    const log = JSON.parse(checkReporters.sarif(twice, { colour: false }).output);
    const prints = fingerprints(log);
    expect(new Set(prints).size).toBe(prints.length);
    expect(log.runs[0].results[0].message.text).toContain('--write-baseline');
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

describe('diagnostics in SARIF', () => {
  const placed: Diagnostic = { code: 'make/unterminated-conditional', severity: 'warning', message: 'unterminated conditional `ifdef X`', file: 'arch/x86/Makefile', line: 6, hint: 'add `endif`' };
  const columned: Diagnostic = { code: 'make/unclosed-reference', severity: 'error', message: 'unbalanced `$(`', file: 'Makefile', line: 9, column: 4 };
  const placeless: Diagnostic = { code: 'report/no-compiler-to-ask', severity: 'info', message: 'no compiler could be asked' };
  const scan = { ...scanOf('kernel-with-every-class'), diagnostics: [placed, columned] };

  it('each diagnostic is a result: rule id its code, level from its severity, a location only when it has a place', () => {
    const withDiagnostics = computeReport(scan, registry(), { diagnostics: [placeless] });
    const log = JSON.parse(reportReporters.sarif(withDiagnostics, { colour: false }).output);
    expect(sarifValidator()(log), JSON.stringify(sarifValidator().errors?.slice(0, 3))).toBe(true);
    const run = log.runs[0];
    const results = run.results.slice(-3);
    expect(results.map((x: { ruleId: string; level: string }) => `${x.ruleId} ${x.level}`)).toEqual(['make/unterminated-conditional warning', 'make/unclosed-reference error', 'report/no-compiler-to-ask note']);
    expect(results[0].message.text).toBe('unterminated conditional `ifdef X` (hint: add `endif`)');
    expect(results[0].locations[0].physicalLocation).toEqual({ artifactLocation: { uri: 'arch/x86/Makefile', uriBaseId: '%SRCROOT%' }, region: { startLine: 6 } });
    expect(results[1].locations[0].physicalLocation.region).toEqual({ startLine: 9, startColumn: 4 });
    expect(results[2].locations).toBeUndefined();
    for (const r of results) expect(run.tool.driver.rules[r.ruleIndex].id).toBe(r.ruleId);
  });

  it('check --sarif gives the scan\'s diagnostics as results too, after the new gates', () => {
    const baseline = JSON.parse(readFileSync(fixture('report', 'baseline-missing-two-gates.json'), 'utf8'));
    const diff = computeBaselineDiff(scan, baseline, 'baseline-missing-two-gates.json');
    const log = JSON.parse(checkReporters.sarif(diff, { colour: false }).output);
    expect(sarifValidator()(log)).toBe(true);
    const results = log.runs[0].results as { ruleId: string; ruleIndex: number }[];
    expect(results.map((x) => x.ruleId)).toEqual([...diff.added.flatMap((g) => g.occurrences.map(() => 'gatewatch/new-gate')), 'make/unterminated-conditional', 'make/unclosed-reference']);
    for (const r of results) expect(log.runs[0].tool.driver.rules[r.ruleIndex].id).toBe(r.ruleId);
  });

  it('every terminal reporter shows a diagnostic the same way', () => {
    const line = '  arch/x86/Makefile:6: warning unterminated conditional `ifdef X` [make/unterminated-conditional]\n    hint: add `endif`';
    const baseline = JSON.parse(readFileSync(fixture('report', 'baseline-missing-two-gates.json'), 'utf8'));
    expect(reportReporters.terminal(computeReport(scan, registry()), { colour: false }).output).toContain(line);
    expect(checkReporters.terminal(computeBaselineDiff(scan, baseline, 'b.json'), { colour: false }).output).toContain(line);
    expect(renderDiagnostic(placed, false)).toBe(line);
  });
});
