import type { HistoryDocument } from '../../model/history.js';
import type { Reporter } from '../types.js';
import { HISTORY_CLASSES } from './common.js';

/** A CSV field, quoted when it holds a comma, a quote or a line break (RFC 4180). */
const field = (v: string | number | null) => {
  const s = v === null ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** Column names of `--csv`, one row per point; `features` and `flags` are counts, the names are in `--json`. */
export const HISTORY_CSV_HEADER = ['rev', 'tag', 'commit', 'date', 'kernelVersion', 'rustMinVersion', 'features', 'flags', ...HISTORY_CLASSES, 'total', 'remaining', 'ratio', 'diagnostics'];

/** `--csv`: the series, one row per revision, for a spreadsheet or a plotting tool. */
export const renderHistoryCsv: Reporter<HistoryDocument> = (h) => {
  const rows = h.series.map((p) => [
    p.rev, p.tag, p.commit, p.date, p.kernelVersion, p.rustMinVersion, p.features.length, p.flags.length,
    ...HISTORY_CLASSES.map((c) => p.counts[c] ?? 0), p.done.total, p.done.remaining, p.done.ratio, p.diagnostics.length,
  ]);
  return { output: [HISTORY_CSV_HEADER, ...rows].map((r) => r.map(field).join(',')).join('\r\n') + '\r\n', exitCode: 0 };
};
