/**
 * The dashboard's script: search, filters and sorting on the gates table, the burndown chart, the planner. It
 * reads the pre-rendered pages and the data script (assets/data.js) and computes with the same pure analyses as
 * the CLI (src/analyses), so nothing is computed twice in two ways. Every page works without it.
 */
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import './site.css';
import { computeReport } from '../src/analyses/report.js';
import type { Registry } from '../src/model/registry.js';
import type { Gate } from '../src/model/report.js';
import type { ScanSnapshot } from '../src/model/scan.js';

/** What assets/data.js holds (the site data's `browser` part: src/site/site-data.ts). */
interface BrowserData {
  scan: ScanSnapshot;
  registry: Registry;
  versions: string[];
  series: { rev: string; date: string | null; total: number; remaining: number }[];
}

declare global {
  interface Window {
    gatewatchData?: BrowserData;
  }
}

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T | null;

/** Text as a DOM node: the browser code never builds markup from strings. */
function el(tag: string, attrs: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElement {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  for (const c of children) e.append(c);
  return e;
}

const CLASS_RANK: Record<string, number> = { error: 0, unknown: 1, blocker: 2, 'removable-at': 3, removable: 4 };

function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
}

function setupGates(): void {
  const form = byId<HTMLFormElement>('gate-filters');
  const table = byId<HTMLTableElement>('gates-table');
  const count = byId('gate-count');
  if (!form || !table || !count) return;
  form.hidden = false;
  form.addEventListener('submit', (e) => e.preventDefault());
  const tbody = table.tBodies[0]!;
  const rows = [...tbody.rows];
  const search = byId<HTMLInputElement>('filter-search')!;
  const selects: [HTMLSelectElement, string, boolean][] = [
    [byId<HTMLSelectElement>('filter-class')!, 'class', false],
    [byId<HTMLSelectElement>('filter-kind')!, 'kind', false],
    [byId<HTMLSelectElement>('filter-arch')!, 'arches', true],
    [byId<HTMLSelectElement>('filter-crate')!, 'crates', true],
    [byId<HTMLSelectElement>('filter-category')!, 'categories', true],
  ];
  // Links from the overview (gates.html?class=blocker) preset a filter.
  const params = new URLSearchParams(location.search);
  for (const [select, field] of selects) {
    const key = field === 'arches' ? 'arch' : field === 'crates' ? 'crate' : field === 'categories' ? 'category' : field;
    const wanted = params.get(key);
    if (wanted !== null && [...select.options].some((o) => o.value === wanted)) select.value = wanted;
  }
  if (params.get('q')) search.value = params.get('q')!;
  const apply = () => {
    const q = search.value.trim().toLowerCase();
    let shown = 0;
    for (const row of rows) {
      let ok = q === '' || (row.dataset['name'] ?? '').toLowerCase().includes(q);
      for (const [select, field, many] of selects) {
        if (!ok || select.value === '') continue;
        const value = row.dataset[field] ?? '';
        ok = many ? value.split(' ').includes(select.value) : value === select.value;
      }
      row.hidden = !ok;
      if (ok) shown++;
    }
    count.textContent = `${shown} of ${rows.length} gates shown.`;
  };
  search.addEventListener('input', apply);
  for (const [select] of selects) select.addEventListener('change', apply);
  apply();

  // Sorting: a button in each sortable header, with aria-sort saying the order.
  const headers = [...table.tHead!.rows[0]!.cells].filter((th) => th.dataset['sort']);
  for (const th of headers) {
    const key = th.dataset['sort']!;
    const button = el('button', { type: 'button', class: 'sort' }, th.textContent ?? '');
    th.textContent = '';
    th.append(button);
    button.addEventListener('click', () => {
      const ascending = th.getAttribute('aria-sort') !== 'ascending';
      for (const other of headers) other.removeAttribute('aria-sort');
      th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
      const value = (r: HTMLTableRowElement) => r.dataset[key] ?? '';
      const compare = (a: HTMLTableRowElement, b: HTMLTableRowElement): number => {
        if (key === 'uses') return Number(value(a)) - Number(value(b));
        if (key === 'class') return (CLASS_RANK[value(a)] ?? 9) - (CLASS_RANK[value(b)] ?? 9);
        if (key === 'since') return value(a) === '' ? (value(b) === '' ? 0 : 1) : value(b) === '' ? -1 : compareVersions(value(a), value(b));
        return value(a).localeCompare(value(b));
      };
      const sorted = [...tbody.rows].sort((a, b) => (ascending ? compare(a, b) : compare(b, a)) || (a.dataset['name'] ?? '').localeCompare(b.dataset['name'] ?? ''));
      tbody.append(...sorted);
    });
  }
}

function setupChart(data: BrowserData): void {
  const target = byId('burndown-chart');
  if (!target || data.series.length === 0) return;
  const xs = data.series.map((_, i) => i);
  const width = Math.max(280, Math.min(target.clientWidth || 640, 900));
  const opts: uPlot.Options = {
    width,
    height: 260,
    scales: { x: { time: false } },
    axes: [
      { values: (_u, splits) => splits.map((s) => (Number.isInteger(s) ? (data.series[s]?.rev ?? '') : '')), incrs: [1] },
      { label: 'Gates' },
    ],
    series: [
      { label: 'Revision', value: (_u, v) => (v === null ? '—' : (data.series[v]?.rev ?? '')) },
      { label: 'Gates used', stroke: '#1f5fa8', width: 2, points: { show: true } },
      { label: 'Still unstable', stroke: '#b3261e', width: 2, points: { show: true } },
    ],
  };
  target.setAttribute('role', 'img');
  target.setAttribute('aria-label', `Burndown chart: ${data.series.map((p) => `${p.rev}: ${p.remaining} of ${p.total} still unstable`).join('; ')}`);
  new uPlot(opts, [xs, data.series.map((p) => p.total), data.series.map((p) => p.remaining)], target);
}

function gateHref(g: Gate): string {
  return `gates/${g.kind}-${g.name.replace(/^-Z/, '').replace(/[^A-Za-z0-9_-]/g, '_')}.html`;
}

function setupPlanner(data: BrowserData): void {
  const form = byId<HTMLFormElement>('planner-form');
  const select = byId<HTMLSelectElement>('planner-version');
  const result = byId('planner-result');
  if (!form || !select || !result) return;
  form.hidden = false;
  form.addEventListener('submit', (e) => e.preventDefault());
  const list = (gates: Gate[]) =>
    gates.length === 0 ? el('p', {}, 'None.') : el('ul', { class: 'inline' }, ...gates.map((g) => el('li', {}, el('a', { href: gateHref(g) }, el('code', {}, g.name)))));
  const show = () => {
    const version = select.value;
    const report = computeReport(data.scan, data.registry, { rustc: version });
    const drop = report.gates.filter((g) => g.class === 'removable');
    const left = report.gates.filter((g) => g.class !== 'removable');
    result.replaceChildren(
      el('h2', {}, `At minimum Rust ${version}`),
      el('p', { id: 'planner-summary' }, `${drop.length} of ${report.gates.length} gates can go; ${left.length} remain.`),
      el('h3', {}, 'Can go'),
      list(drop),
      el('h3', {}, 'Remain'),
      list(left),
    );
    result.hidden = false;
    for (const row of document.querySelectorAll<HTMLTableRowElement>('#planner-table tbody tr')) {
      row.classList.toggle('current', row.dataset['version'] === version);
    }
  };
  select.addEventListener('change', show);
  show();
}

function start(): void {
  const page = document.body.dataset['page'];
  const data = window.gatewatchData;
  if (page === 'gates') setupGates();
  // The overview's tables are its first render; the chart is drawn in the next task, after they have painted.
  if (page === 'overview' && data) setTimeout(() => setupChart(data), 0);
  if (page === 'planner' && data) setupPlanner(data);
  document.documentElement.classList.add('js');
}

start();
