/**
 * The overview's script: the burndown chart, drawn with uPlot from the pre-rendered burndown table (each row
 * carries its point), so the overview reads no data script. The page's tables are its first render; the chart
 * is drawn after they have painted.
 */
import uPlot from 'uplot';
import { byId } from './dom.js';

/** One point of the burndown, as a row of the table holds it. */
interface BurndownPoint {
  rev: string;
  total: number;
  remaining: number;
}

/** The points of the pre-rendered burndown table, oldest first. */
function readBurndown(): BurndownPoint[] {
  const rows = document.querySelectorAll<HTMLTableRowElement>('#burndown-table tbody tr');
  return [...rows].map((row) => ({ rev: row.dataset['rev'] ?? '', total: Number(row.dataset['total']), remaining: Number(row.dataset['remaining']) }));
}

function setupChart(series: BurndownPoint[]): void {
  const target = byId('burndown-chart');
  if (!target || series.length === 0) return;
  const xs = series.map((_, i) => i);
  const width = Math.max(280, Math.min(target.clientWidth || 640, 900));
  const opts: uPlot.Options = {
    width,
    height: 260,
    scales: { x: { time: false } },
    axes: [
      { values: (_u, splits) => splits.map((s) => (Number.isInteger(s) ? (series[s]?.rev ?? '') : '')), incrs: [1] },
      { label: 'Gates' },
    ],
    series: [
      { label: 'Revision', value: (_u, v) => (v === null ? '—' : (series[v]?.rev ?? '')) },
      { label: 'Gates used', stroke: '#1f5fa8', width: 2, points: { show: true } },
      { label: 'Still unstable', stroke: '#b3261e', width: 2, points: { show: true } },
    ],
  };
  target.setAttribute('role', 'img');
  target.setAttribute('aria-label', `Burndown chart: ${series.map((p) => `${p.rev}: ${p.remaining} of ${p.total} still unstable`).join('; ')}`);
  new uPlot(opts, [xs, series.map((p) => p.total), series.map((p) => p.remaining)], target);
}

// The frame callback runs just before the first paint; the timer after it, so the tables show first.
requestAnimationFrame(() => setTimeout(() => setupChart(readBurndown()), 0));
