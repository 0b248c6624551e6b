import type { HistoryDocument, HistoryEvent, HistoryPoint } from '../../model/history.js';
import type { GateClass } from '../../model/report.js';

/** Classes in the order every history reporter shows their counts. */
export const HISTORY_CLASSES: GateClass[] = ['removable', 'removable-at', 'blocker', 'error', 'unknown'];

/** A point's date as `YYYY-MM-DD`, or empty. */
const day = (p: HistoryPoint) => p.date?.slice(0, 10) ?? '';

/** `44.4%` */
const percent = (ratio: number) => `${Math.round(ratio * 1000) / 10}%`;

/** A point whose tree could not be read: no counts to show. */
const unreadable = (p: HistoryPoint) => !p.readable;

/** The cells of a point's row, shared by the terminal table, the CSV and the Markdown table. */
export function pointCells(p: HistoryPoint): string[] {
  if (unreadable(p)) return [p.rev, day(p), '', '', '', '', ...HISTORY_CLASSES.map(() => ''), '', 'unreadable'];
  return [
    p.rev,
    day(p),
    p.kernelVersion ?? '',
    p.rustMinVersion ?? '',
    String(p.features.length),
    String(p.flags.length),
    ...HISTORY_CLASSES.map((c) => String(p.counts[c] ?? 0)),
    String(p.done.remaining),
    percent(p.done.ratio),
  ];
}

/** Header of `pointCells`. */
export const POINT_HEADER = ['rev', 'date', 'kernel', 'min rustc', 'features', 'flags', ...HISTORY_CLASSES, 'left', 'done'];

/** Events grouped by the point they happen at, in series order. */
export function eventsByRev(h: HistoryDocument): [string, HistoryEvent[]][] {
  const groups = new Map<string, HistoryEvent[]>(h.series.map((p) => [p.rev, []]));
  for (const e of h.events) groups.get(e.rev)?.push(e);
  return [...groups].filter(([, list]) => list.length > 0);
}

/** One event as a line without its revision: `+ feature x`, `- flag -Zy`, `~ feature z: blocker -> removable`. */
export function eventText(e: HistoryEvent): string {
  if (e.type === 'added') return `+ ${e.kind} ${e.name}`;
  if (e.type === 'removed') return `- ${e.kind} ${e.name}`;
  return `~ ${e.kind} ${e.name}: ${e.from} -> ${e.to}`;
}

/**
 * Events of one point as short lines: added and removed gates as one line per kind (`+ 4 features: a, b, c, d`),
 * a class change as a line of its own.
 */
export function eventLines(events: readonly HistoryEvent[]): string[] {
  const lines: string[] = [];
  for (const [type, sign] of [['added', '+'], ['removed', '-']] as const) {
    for (const kind of ['feature', 'flag'] as const) {
      const names = events.filter((e) => e.type === type && e.kind === kind).map((e) => e.name);
      if (names.length > 0) lines.push(`${sign} ${names.length} ${kind}${names.length === 1 ? '' : 's'} ${type}: ${names.join(', ')}`);
    }
  }
  for (const e of events) if (e.type === 'class-changed') lines.push(eventText(e));
  return lines;
}

/** The burndown: per point, gates not done at its own minimum rustc (full cells) and done ones (light cells). */
export function burndownLines(h: HistoryDocument, width = 40): string[] {
  const max = Math.max(1, ...h.series.map((p) => p.done.total));
  const revWidth = Math.max(...h.series.map((p) => p.rev.length));
  return h.series.map((p) => {
    if (unreadable(p)) return `${p.rev.padEnd(revWidth)}  (unreadable)`;
    const left = Math.round((p.done.remaining / max) * width);
    const rest = Math.round((p.done.total / max) * width) - left;
    return `${p.rev.padEnd(revWidth)}  ${'█'.repeat(left)}${'░'.repeat(Math.max(0, rest))} ${p.done.remaining} left of ${p.done.total}`;
  });
}

/** One line on where the series comes from. */
export function subject(h: HistoryDocument): string {
  const from = h.repository ?? "gatewatch's bundled kernel scans";
  const registry = h.registry ? `${h.registry.name} ${h.registry.version}` : 'the bundled registry';
  return `${from}: ${h.series.length} revision${h.series.length === 1 ? '' : 's'}, each judged at its own minimum rustc with ${registry}`;
}
