/**
 * The done ratio means one thing (README, "The done ratio"): of the gates the tree needs at its own minimum rustc
 * and configuration, the share that needs no unstable compiler at the chosen minimum. It never falls as `--rustc`
 * rises, and the summary's "removable later" agrees with the planner, which lists every release that drops a gate.
 */
import { describe, expect, it } from 'vitest';
import { computeReport } from '../../src/analyses/report.js';
import { compareRustVersions } from '../../src/core/rust-version.js';
import type { ReportDocument } from '../../src/model/report.js';
import { runCli } from '../helpers/cli.js';
import { kernelTree } from '../helpers/paths.js';
import { registry, scanOf } from './load.js';

const MINIMA = ['1.78', '1.79', '1.84', '1.92', '1.93', '1.95', '1.98', '2.0'];

/** The done ratios of one tree at rising minima, each with its document. */
function expectNeverFalls(reports: ReportDocument[]) {
  for (let i = 1; i < reports.length; i++) {
    const [a, b] = [reports[i - 1]!, reports[i]!];
    expect(b.done.ratio, `${a.judgedAgainst} -> ${b.judgedAgainst}`).toBeGreaterThanOrEqual(a.done.ratio);
    expect(b.done.total, 'the denominator is the tree\'s own').toBe(a.done.total);
    for (const [arch, d] of Object.entries(b.done.perArch)) expect(d.ratio, `${arch} at ${b.judgedAgainst}`).toBeGreaterThanOrEqual(a.done.perArch[arch]!.ratio);
  }
}

/** Gates that can go at a later minimum, and what the planner drops after the chosen one: the same names. */
function expectSummaryAgreesWithPlanner(r: ReportDocument) {
  const later = r.gates.filter((g) => g.class === 'removable-at' && g.since !== null).map((g) => g.name).sort();
  const dropped = r.planner.filter((p) => compareRustVersions(p.version, r.judgedAgainst!) > 0).flatMap((p) => p.drops);
  expect(dropped.sort()).toEqual(later);
}

describe('the done ratio on a fixture', () => {
  const reports = MINIMA.map((rustc) => computeReport(scanOf('kernel-with-every-class'), registry(), { rustc }));

  it('counts, at the tree\'s own minimum, only what is removable there', () => {
    const own = reports[0]!;
    expect(own.done.total).toBe(own.gates.length);
    expect(own.done.remaining).toBe(own.gates.filter((g) => g.class !== 'removable').length);
  });

  it('never falls as --rustc rises, overall and per architecture, over the same denominator', () => {
    expectNeverFalls(reports);
    // A gate confined to `rustc < 1.93` leaves the gate list at 1.93 but stays in the denominator as done.
    const at193 = reports[MINIMA.indexOf('1.93')]!;
    expect(at193.gates.map((g) => g.name)).not.toContain('-Zno-jump-tables');
    expect(at193.done.total).toBe(reports[0]!.done.total);
    expect(reports.at(-1)!.done.ratio).toBeGreaterThan(reports[0]!.done.ratio);
  });

  it('the planner reaches the release where the last gate drops, past the registry, marked as such', () => {
    const r = reports[0]!;
    const llvm = r.gates.find((g) => g.name === '-Zllvm-module-flag')!;
    expect(llvm).toMatchObject({ class: 'removable-at', since: '1.98.0' });
    const row = r.planner.find((p) => p.version === '1.98.0')!;
    expect(row).toMatchObject({ drops: ['-Zllvm-module-flag'], beyondRegistry: true });
    expect(r.planner.find((p) => p.version === '1.95.0')!.beyondRegistry).toBeUndefined();
    for (const x of reports) expectSummaryAgreesWithPlanner(x);
  });
});

describe('the done ratio on Debian 6.12', () => {
  const tree = kernelTree('6.12');
  it.skipIf(!tree)('never falls over several --rustc values, and the planner agrees with "removable later"', async () => {
    const reports: ReportDocument[] = [];
    for (const rustc of ['1.78', '1.92', '1.93', '2.0']) {
      const r = await runCli(['report', tree!, '--rustc', rustc, '--json', '--progress', 'none']);
      expect(r.code).toBe(0);
      reports.push(JSON.parse(r.stdout) as ReportDocument);
    }
    expectNeverFalls(reports);
    for (const r of reports) expectSummaryAgreesWithPlanner(r);
    expect(reports.at(-1)!.done.ratio).toBeGreaterThan(reports[0]!.done.ratio);
  }, 120_000);
});
