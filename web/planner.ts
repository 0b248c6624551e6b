/**
 * The planner's script: choose a minimum Rust version and see which gates drop, computed in the browser with the
 * CLI's own `computeReport` from the data script (assets/data.js). The pre-rendered table reads the same without it.
 */
import { computeReport } from '../src/analyses/report.js';
import type { Registry } from '../src/model/registry.js';
import type { Gate } from '../src/model/report.js';
import type { ScanSnapshot } from '../src/model/scan.js';
import { byId, el } from './dom.js';

/** What assets/data.js holds (the site data's `browser` part: src/site/site-data.ts). */
interface BrowserData {
  scan: ScanSnapshot;
  registry: Registry;
  versions: string[];
}

declare global {
  interface Window {
    gatewatchData?: BrowserData;
  }
}

/** A gate's page, named as src/site/site-data.ts names it: a flag whose value is its own gate has a page per value. */
function gateHref(g: Gate): string {
  return `gates/${g.kind}-${(g.gate ?? g.name).replace(/^-Z/, '').replace(/[^A-Za-z0-9_-]/g, '_')}.html`;
}

function setupPlanner(data: BrowserData): void {
  const form = byId<HTMLFormElement>('planner-form');
  const select = byId<HTMLSelectElement>('planner-version');
  const result = byId('planner-result');
  if (!form || !select || !result) return;
  form.hidden = false;
  form.addEventListener('submit', (e) => e.preventDefault());
  const list = (gates: Gate[]) =>
    gates.length === 0 ? el('p', {}, 'None.') : el('ul', { class: 'inline' }, ...gates.map((g) => el('li', {}, el('a', { href: gateHref(g) }, el('code', {}, g.gate ?? g.name)))));
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

if (window.gatewatchData) setupPlanner(window.gatewatchData);
