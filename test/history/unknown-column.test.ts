/**
 * The class `unknown` (a name the registry lacks that this machine cannot decide) is counted in every history
 * reporter, as the JSON counts it: a column of the terminal table, of `--csv` and of `--markdown`. The series is
 * computed from a real scan of a Cargo tree pinning a nightly newer than the registry, where `alloc_io` is unknown.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { computeHistory } from '../../src/analyses/history.js';
import { EXIT } from '../../src/core/errors.js';
import type { HistoryDocument } from '../../src/model/history.js';
import type { ScanSnapshot } from '../../src/model/scan.js';
import { loadBundledRegistry } from '../../src/registry/load.js';
import { historyReporters } from '../../src/reporters/history/index.js';
import { runCli } from '../helpers/cli.js';
import { fixture } from '../helpers/paths.js';

let history: HistoryDocument;

beforeAll(async () => {
  const r = await runCli(['scan', fixture('report', 'cargo-tree-pinning-a-newer-nightly'), '--json', '--no-cache', '--progress', 'none']);
  expect(r.code, r.stderr).toBe(EXIT.ok);
  const scan = JSON.parse(r.stdout) as ScanSnapshot;
  history = computeHistory([{ rev: 'pinned-newer', tag: null, commit: null, date: null, scan, diagnostics: [] }], loadBundledRegistry(), { repository: 'fixture', version: 'test', generatedAt: '2026-01-01T00:00:00.000Z' });
});

/** The cells of a table's header and of its row for `rev`, split on the table's own separator. */
function headerAndRow(lines: string[], split: (line: string) => string[], rev: string): Record<string, string> {
  const header = split(lines.find((l) => split(l)[0] === 'rev')!);
  const row = split(lines.find((l) => split(l)[0] === rev)!);
  return Object.fromEntries(header.map((h, i) => [h, row[i]!]));
}

describe('the unknown class in history reporters', () => {
  it('is counted in the series the reporters read', () => {
    expect(history.series[0]!.counts.unknown).toBeGreaterThan(0);
  });

  it('has a column in the terminal table, with the count', () => {
    const { output } = historyReporters.terminal(history, { colour: false });
    const lines = output.split('\n');
    // Columns are aligned and some cells are empty (no date, no kernel): cut each line where the header's names start.
    const header = lines.find((l) => /^\s*rev\s/.test(l))!;
    const starts = [...header.matchAll(/\S+(?: \S+)*/g)].map((m) => m.index);
    const byColumn = (l: string) => starts.map((at, i) => l.slice(at, starts[i + 1]).trim());
    const cells = headerAndRow(lines, byColumn, 'pinned-newer');
    expect(Object.keys(cells)).toContain('unknown');
    expect(cells['unknown']).toBe(String(history.series[0]!.counts.unknown));
    expect(cells['blocker']).toBe(String(history.series[0]!.counts.blocker ?? 0));
  });

  it('has a column in --csv, with the count', () => {
    const { output } = historyReporters.csv(history, { colour: false });
    const cells = headerAndRow(output.trimEnd().split('\r\n'), (l) => l.split(','), 'pinned-newer');
    expect(cells['unknown']).toBe(String(history.series[0]!.counts.unknown));
  });

  it('has a column in --markdown, with the count', () => {
    const { output } = historyReporters.markdown(history, { colour: false });
    const cells = headerAndRow(output.split('\n').filter((l) => l.startsWith('|')), (l) => l.split('|').slice(1, -1).map((c) => c.trim()), 'pinned-newer');
    expect(cells['unknown']).toBe(String(history.series[0]!.counts.unknown));
  });
});
