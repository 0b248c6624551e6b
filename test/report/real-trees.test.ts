/**
 * The report of Debian's 6.12 and 6.1 trees, judged with the real nightly toolchain, and every feature class
 * checked again against that compiler directly (one `#![feature]` per line, its diagnostics read by line), and
 * every flag class against its `-Z help`. Skips with a note when the trees or the toolchain are absent.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compareRustVersions } from '../../src/core/rust-version.js';
import type { Gate, ReportDocument } from '../../src/model/report.js';
import { reportReporters } from '../../src/reporters/report/index.js';
import { runCli } from '../helpers/cli.js';
import { sarifValidator } from './sarif-schema.js';
import { kernelTree } from '../helpers/paths.js';

const nightly = spawnSync('rustc', ['+nightly', '--version'], { encoding: 'utf8' });
const hasNightly = nightly.status === 0;
if (!hasNightly) console.warn('skipping real-toolchain report tests: `rustc +nightly` is not installed');
const tmp = mkdtempSync(join(tmpdir(), 'gatewatch-real-report-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** What nightly says about each feature name, by compiling one crate with one `#![feature]` per line. */
function compilerSays(names: string[]): Map<string, { code: string; since?: string; partial?: boolean }> {
  const file = join(tmp, `probe-${names.length}.rs`);
  writeFileSync(file, names.map((n) => `#![feature(${n})]`).join('\n') + '\nextern crate proc_macro;\nextern crate test;\n');
  const r = spawnSync('rustc', ['+nightly', '--crate-type=lib', '--emit=metadata', '--error-format=json', '-o', join(tmp, 'p.rmeta'), file], { encoding: 'utf8' });
  const out = new Map<string, { code: string; since?: string; partial?: boolean }>();
  for (const line of r.stderr.split('\n')) {
    if (!line.startsWith('{')) continue;
    const d = JSON.parse(line) as { message: string; code: { code: string } | null; spans: { line_start: number }[] };
    const name = names[(d.spans[0]?.line_start ?? 0) - 1];
    if (!name || !d.code) continue;
    const since = /(?:stable|stabilized) since (\d+\.\d+\.\d+)/.exec(d.message)?.[1];
    const partial = /partially stabilized/.test(d.message);
    out.set(name, { code: d.code.code, ...(since ? { since } : {}), ...(partial ? { partial } : {}) });
  }
  return out;
}

/** The -Z flags nightly knows, from `rustc -Z help` (`-Z  name=val -- help`). */
function nightlyFlags(): Set<string> {
  const help = execFileSync('rustc', ['+nightly', '-Z', 'help'], { encoding: 'utf8', maxBuffer: 16 << 20 });
  return new Set([...help.matchAll(/^\s*-Z\s+([a-z0-9_-]+)/gm)].map((m) => `-Z${m[1]!.replace(/_/g, '-')}`));
}

/** The -Z flags nightly cargo knows, from `cargo -Z help` (`-Z name  -- help`). */
function nightlyCargoFlags(): Set<string> {
  const help = spawnSync('cargo', ['+nightly', '-Z', 'help'], { encoding: 'utf8' });
  return new Set([...`${help.stdout}${help.stderr}`.matchAll(/^\s*-Z\s+([a-z0-9_-]+)/gm)].map((m) => `-Z${m[1]!}`));
}

function checkAgainstCompiler(report: ReportDocument) {
  const features = report.gates.filter((g) => g.kind === 'feature');
  const said = compilerSays(features.map((g) => g.name));
  const wrong: string[] = [];
  for (const g of features) {
    const s = said.get(g.name);
    const versionGuarded = g.reason.startsWith('used only with rustc <');
    if (g.status === 'stable') {
      // "partially stabilized since X" counts as stable since X, as for any other stable feature.
      if (s?.code !== 'stable_features' || s.since !== g.since) wrong.push(`${g.name}: report says stable since ${g.since}, compiler ${JSON.stringify(s)}`);
    } else if (g.status === 'removed' || g.status === 'unknown') {
      if (s?.code !== 'E0557' && s?.code !== 'E0635') wrong.push(`${g.name}: report says ${g.status}, compiler ${JSON.stringify(s)}`);
      if (g.class !== 'error' && !versionGuarded) wrong.push(`${g.name}: ${g.status} but class ${g.class}`);
    } else if (s && ['stable_features', 'E0557', 'E0635'].includes(s.code)) {
      wrong.push(`${g.name}: report says ${g.status}, compiler ${s.code}`);
    }
    if (g.status === 'incomplete' && s?.code !== 'incomplete_features') wrong.push(`${g.name}: report says incomplete, compiler ${JSON.stringify(s)}`);
  }
  const known = nightlyFlags();
  for (const g of report.gates.filter((x) => x.kind === 'flag' && x.occurrences.every((o) => o.tool === 'cargo'))) {
    if (!nightlyCargoFlags().has(g.name) || g.class !== 'blocker') wrong.push(`${g.name}: cargo flag, class ${g.class}, listed by cargo -Z help: ${nightlyCargoFlags().has(g.name)}`);
  }
  for (const g of report.gates.filter((x) => x.kind === 'flag' && x.occurrences.some((o) => o.tool !== 'cargo'))) {
    const listed = known.has(g.name);
    if (g.class === 'blocker' && !listed) wrong.push(`${g.name}: blocker but nightly's -Z help lacks it`);
    if (g.class === 'error' && listed) wrong.push(`${g.name}: error but nightly's -Z help lists it`);
  }
  expect(wrong).toEqual([]);
}

const classOf = (r: ReportDocument, name: string): Gate | undefined => r.gates.find((g) => g.name === name);

for (const version of ['6.12', '6.1'] as const) {
  const tree = kernelTree(version);
  describe.skipIf(!tree || !hasNightly)(`Debian linux-source-${version} against rustc +nightly`, () => {
    let report: ReportDocument;
    it('reports in one command', async () => {
      const r = await runCli(['report', tree!, '--toolchain', 'nightly', '--json', '--progress', 'none']);
      expect(r.code, r.stderr).toBe(0);
      report = JSON.parse(r.stdout) as ReportDocument;
      expect(report.gates.length).toBeGreaterThan(10);
      expect(report.planner[0]!.version).toBe(report.rustMinVersion);
    });

    it('every class agrees with the compiler', () => checkAgainstCompiler(report));

    it('its SARIF log is valid against the official schema, one result per gate use', () => {
      const log = JSON.parse(reportReporters.sarif(report, { colour: false }).output);
      const validate = sarifValidator();
      expect(validate(log), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
      expect(log.runs[0].results.length).toBe(report.gates.reduce((n, g) => n + g.occurrences.length, 0) + report.audit.filter((a) => a.verdict === 'wrong').length);
    });

    it('"what can we drop at 1.85?" makes the features stable by then removable', async () => {
      const r = JSON.parse((await runCli(['report', tree!, '--toolchain', 'nightly', '--rustc', '1.85', '--json', '--progress', 'none'])).stdout) as ReportDocument;
      const stableBy185 = report.gates.filter((g) => g.status === 'stable' && g.since !== null && compareRustVersions(g.since, '1.85.0') <= 0);
      for (const g of stableBy185) expect(classOf(r, g.name)?.class, g.name).toBe('removable');
      // The planner's 1.85.0 row counts exactly the gates this report does not call removable.
      expect(r.gates.filter((g) => g.class !== 'removable').length).toBe(r.planner.find((p) => p.version === '1.85.0')!.remaining);
    });
  });
}

describe.skipIf(!kernelTree('6.12') || !hasNightly)('6.12 facts checked by hand against nightly', () => {
  it('inline_const and lint_reasons go at 1.79 and 1.81; arbitrary_self_types blocks; -Zno-jump-tables goes at 1.93', async () => {
    const r = JSON.parse((await runCli(['report', kernelTree('6.12')!, '--toolchain', 'nightly', '--json', '--progress', 'none'])).stdout) as ReportDocument;
    expect(classOf(r, 'inline_const')).toMatchObject({ class: 'removable-at', since: '1.79.0' });
    expect(classOf(r, 'lint_reasons')).toMatchObject({ class: 'removable-at', since: '1.81.0' });
    expect(classOf(r, 'arbitrary_self_types')).toMatchObject({ class: 'blocker', trackingIssue: 44874 });
    expect(classOf(r, '-Zno-jump-tables')).toMatchObject({ class: 'removable-at', since: '1.93.0' });
  });
});
