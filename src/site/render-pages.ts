/**
 * The site's pages as HTML, rendered from its data document. Every page shows its content without JavaScript;
 * the pages' scripts (web/) only add search, filters, sorting, the chart and the planner. Links are relative, so
 * the site works from `file://` and from any static host. Pure.
 */
import { computeSourceUrl } from '../analyses/source-url.js';
import type { HistoryEvent } from '../model/history.js';
import type { Gate, GateClass } from '../model/report.js';
import { CATEGORY_LABELS, type ComputedStatus, type GateStatus, type WantedCategory } from '../model/roadmap.js';
import { normaliseName } from '../registry/lookup.js';
import { html, type Html } from './html.js';
import { computeRoadmapAnchor, gateKey, type SiteData, type SiteGate } from './site-data.js';

/** The kinds of page, as the script finds them in `<body data-page>`. */
export const PAGE_KINDS = ['overview', 'gates', 'gate', 'roadmap', 'planner'] as const;
/** One kind of page. */
export type PageKind = (typeof PAGE_KINDS)[number];

/** The pages' scripts (web/<name>.ts, bundled as assets/<name>.js): only pages with controls or a chart have one. */
export const SITE_SCRIPTS = ['overview', 'gates', 'planner'] as const;
/** One of the pages' scripts. */
type SiteScript = (typeof SITE_SCRIPTS)[number];

/** Labels and one-line meanings of the classes, in the order pages list them. */
const CLASS_LABELS: Record<GateClass, { label: string; meaning: string }> = {
  error: { label: 'Error', meaning: 'unknown to or removed from the toolchain: the build breaks there' },
  unknown: { label: 'Unknown', meaning: 'cannot be decided here: only another target’s compiler, or a newer registry, can tell' },
  blocker: { label: 'Blocker', meaning: 'still unstable: needs work in Rust before the kernel can drop it' },
  'removable-at': { label: 'Removable later', meaning: 'stable in a newer Rust: goes when the minimum rustc reaches it' },
  removable: { label: 'Removable now', meaning: 'stable at the kernel’s minimum rustc: can go today' },
};
const CLASS_ORDER: GateClass[] = ['error', 'unknown', 'blocker', 'removable-at', 'removable'];

const NAV: { page: PageKind; href: string; label: string }[] = [
  { page: 'overview', href: 'index.html', label: 'Overview' },
  { page: 'gates', href: 'gates.html', label: 'Gates' },
  { page: 'roadmap', href: 'roadmap.html', label: 'Roadmap' },
  { page: 'planner', href: 'planner.html', label: 'Planner' },
];

const trackingUrl = (n: number) => `https://github.com/rust-lang/rust/issues/${n}`;
const percent = (ratio: number) => `${Math.round(ratio * 1000) / 10}%`;
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** A page: where it goes, its title, its kind and its body. */
interface Page {
  path: string;
  kind: PageKind;
  title: string;
  body: Html;
  /** The page's own script, if it has controls or a chart. */
  script: SiteScript | null;
  /** Whether the script reads the data script (the planner). */
  data: boolean;
}

function layout(page: Page, data: SiteData): string {
  const root = page.path.includes('/') ? '../' : '';
  const current = page.kind === 'gate' ? 'gates' : page.kind;
  const kernel = data.report.kernelVersion ? `Linux ${data.report.kernelVersion}` : data.report.tree;
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${page.title} · gatewatch</title>
<link rel="stylesheet" href="${root}assets/app.css">
${page.data ? html`<script defer src="${root}assets/data.js"></script>\n` : ''}${page.script ? html`<script defer src="${root}assets/${page.script}.js"></script>\n` : ''}</head>
<body data-page="${page.kind}" data-root="${root}">
<a class="skip" href="#main">Skip to content</a>
<header class="site">
<p class="brand"><a href="${root}index.html">gatewatch</a> <span>${kernel} and stable Rust</span></p>
<nav aria-label="Pages"><ul>${NAV.map(
    (n) => html`<li><a href="${root}${n.href}"${n.page === current ? html` aria-current="page"` : ''}>${n.label}</a></li>`,
  )}</ul></nav>
</header>
<main id="main">
${page.body}
</main>
<footer class="site"><p>Made by gatewatch ${data.generator.version} on ${data.generator.generatedAt.slice(0, 10)} from ${data.kernels
    .map((k) => (k.kernelVersion ? `Linux ${k.kernelVersion}` : k.tree))
    .join(', ')}; registry ${data.report.toolchain ? `of ${data.report.toolchain.name} ${data.report.toolchain.version}` : 'bundled'}.</p></footer>
</body>
</html>
`.value;
}

const classBadge = (c: GateClass) => html`<span class="badge class-${c}">${CLASS_LABELS[c].label}</span>`;

function gateLink(data: SiteData, name: string, kind: 'feature' | 'flag' | null, root: string): Html {
  const norm = normaliseName(name);
  const gate = data.gates.find((g) => {
    const [k, ...rest] = g.key.split(':');
    return normaliseName(rest.join(':')) === norm && (kind === null || k === kind);
  });
  return gate ? html`<a href="${root}gates/${gate.slug}.html"><code>${name}</code></a>` : html`<code>${name}</code>`;
}

/** A gate as one word: `-Zsanitizer=kcfi` for a flag whose value is its own gate, else its name. */
const gateName = (g: Gate) => g.gate ?? g.name;

function siteGate(data: SiteData, g: Gate): SiteGate {
  return data.gates.find((s) => s.key === gateKey(g))!;
}

function eventText(e: HistoryEvent): string {
  if (e.type === 'added') return `now used (since ${e.rev})`;
  if (e.type === 'removed') return `dropped in ${e.rev}`;
  return `${CLASS_LABELS[e.from!].label} → ${CLASS_LABELS[e.to!].label} in ${e.rev}`;
}

function overviewPage(data: SiteData): Page {
  const r = data.report;
  const counts = CLASS_ORDER.map((c) => ({ c, n: r.gates.filter((g) => g.class === c).length }));
  const series = data.history.series.map((p) => ({ rev: p.rev, date: p.date, total: p.done.total, remaining: p.done.remaining }));
  const lastRev = data.history.series[data.history.series.length - 1]?.rev;
  const latest = data.history.events.filter((e) => e.rev === lastRev);
  const blocking = r.gates.filter((g) => g.class === 'blocker' || g.class === 'error');
  const body = html`<h1>What stands between ${r.kernelVersion ? `Linux ${r.kernelVersion}` : r.tree} and stable Rust</h1>
<section aria-labelledby="done-heading">
<h2 id="done-heading">Done</h2>
<p class="done"><strong>${percent(r.done.ratio)}</strong> of the ${plural(r.done.total, 'unstable gate')} the kernel uses can go with a stable compiler: ${plural(
    r.done.remaining,
    'gate',
  )} still need an unstable one. Minimum rustc ${r.rustMinVersion ?? 'unknown'}.</p>
<progress max="${r.done.total}" value="${r.done.total - r.done.remaining}" aria-label="Gates done">${percent(r.done.ratio)}</progress>
</section>
<div class="columns">
<section aria-labelledby="class-heading">
<h2 id="class-heading">Gates by class</h2>
<table>
<thead><tr><th scope="col">Class</th><th scope="col" class="num">Gates</th><th scope="col">Meaning</th></tr></thead>
<tbody>${counts.map(
    ({ c, n }) => html`<tr><th scope="row"><a href="gates.html?class=${c}">${CLASS_LABELS[c].label}</a></th><td class="num">${n}</td><td>${CLASS_LABELS[c].meaning}</td></tr>`,
  )}</tbody>
</table>
</section>
<section aria-labelledby="arch-heading">
<h2 id="arch-heading">By architecture</h2>
<table>
<thead><tr><th scope="col">Architecture</th><th scope="col" class="num">Gates</th><th scope="col" class="num">Remaining</th><th scope="col" class="num">Done</th></tr></thead>
<tbody>${Object.entries(r.done.perArch).map(
    ([arch, d]) => html`<tr><th scope="row"><a href="gates.html?arch=${arch}">${arch}</a></th><td class="num">${d.total}</td><td class="num">${d.remaining}</td><td class="num">${percent(d.ratio)}</td></tr>`,
  )}</tbody>
</table>
</section>
</div>
<section aria-labelledby="burndown-heading">
<h2 id="burndown-heading">Burndown</h2>
<figure class="chart">
<div id="burndown-chart" class="chart-area"></div>
<figcaption>Gates used and gates still needing an unstable compiler, release by release${data.history.repository ? '' : ' (from the scans the site was built from)'}.</figcaption>
</figure>
<table id="burndown-table">
<thead><tr><th scope="col">Revision</th><th scope="col">Date</th><th scope="col" class="num">Gates used</th><th scope="col" class="num">Still unstable</th></tr></thead>
<tbody>${series.map((p) => html`<tr data-rev="${p.rev}" data-total="${p.total}" data-remaining="${p.remaining}"><th scope="row">${p.rev}</th><td>${p.date ?? '—'}</td><td class="num">${p.total}</td><td class="num">${p.remaining}</td></tr>`)}</tbody>
</table>
</section>
<section aria-labelledby="changes-heading">
<h2 id="changes-heading">Latest changes${lastRev ? ` (${lastRev})` : ''}</h2>
${
  latest.length === 0
    ? html`<p>No change in the history${data.history.series.length < 2 ? ' (it has one point)' : ''}.</p>`
    : (['added', 'removed', 'class-changed'] as const).map((type) => {
        const events = latest.filter((e) => e.type === type);
        if (events.length === 0) return '';
        const title = { added: 'Newly used', removed: 'Dropped', 'class-changed': 'Changed class' }[type];
        return html`<h3>${title} (${events.length})</h3><ul class="inline changes">${events.map(
          (e) => html`<li>${gateLink(data, e.name, e.kind, '')}${type === 'class-changed' ? html` ${eventText(e)}` : ''}</li>`,
        )}</ul>`;
      })
}
</section>
<section aria-labelledby="blocking-heading">
<h2 id="blocking-heading">What still blocks</h2>
<ul class="blocking">${blocking.map((g) => {
    const people = [...new Set(siteGate(data, g).roadmap.flatMap((e) => e.people))];
    return html`<li>${gateLink(data, gateName(g), g.kind, '')} ${classBadge(g.class)} ${g.reason}${
      g.trackingIssue !== null ? html` — <a href="${trackingUrl(g.trackingIssue)}">#${g.trackingIssue}</a>` : ''
    }${people.length > 0 ? html` — on it: ${people.join(', ')}` : ''}</li>`;
  })}</ul>
</section>`;
  const diagnostics = r.diagnostics.length === 0
    ? html``
    : html`
<section aria-labelledby="diagnostics-heading">
<h2 id="diagnostics-heading">Problems met (${r.diagnostics.length})</h2>
<ul>${r.diagnostics.map((d) => html`<li>${d.severity}: ${d.file ? html`<code>${d.file}${d.line ? `:${d.line}` : ''}</code> ` : ''}${d.message}${d.hint ? html` <span class="muted">(${d.hint})</span>` : ''}</li>`)}</ul>
</section>`;
  return { path: 'index.html', kind: 'overview', title: 'Overview', body: html`${body}${diagnostics}`, script: 'overview', data: false };
}

function option(value: string, label: string = value): Html {
  return html`<option value="${value}">${label}</option>`;
}

function gatesPage(data: SiteData): Page {
  const r = data.report;
  const all = (pick: (g: SiteGate) => string[]) => [...new Set(data.gates.flatMap(pick))].sort();
  const categories = all((g) => g.roadmap.map((e) => e.category));
  const rows = r.gates.map((g) => {
    const s = siteGate(data, g);
    const cats = [...new Set(s.roadmap.map((e) => e.category))];
    return html`<tr data-name="${gateName(g)}" data-class="${g.class}" data-kind="${g.kind}" data-arches="${s.arches.join(' ')}" data-crates="${s.crates.join(' ')}" data-categories="${cats.join(' ')}" data-since="${g.since ?? ''}" data-uses="${g.occurrences.length}">
<th scope="row"><a href="gates/${s.slug}.html"><code>${gateName(g)}</code></a></th><td>${g.kind}</td><td>${classBadge(g.class)}</td><td>${g.status}</td><td>${g.since ?? '—'}</td><td>${
      g.trackingIssue !== null ? html`<a href="${trackingUrl(g.trackingIssue)}">#${g.trackingIssue}</a>` : '—'
    }</td><td class="num">${g.occurrences.length}</td><td>${s.arches.join(', ')}</td><td>${s.crates.join(', ')}</td><td>${cats.map((c) => categoryLabel(c)).join(', ') || '—'}</td></tr>`;
  });
  const select = (id: string, label: string, values: Html[]) =>
    html`<div class="field"><label for="${id}">${label}</label><select id="${id}"><option value="">All</option>${values}</select></div>`;
  const body = html`<h1>Gates</h1>
<p>Every unstable feature and <code>-Z</code> flag ${r.kernelVersion ? `Linux ${r.kernelVersion}` : r.tree} uses, judged at its minimum rustc ${r.rustMinVersion ?? 'unknown'}.</p>
<form id="gate-filters" class="filters" hidden role="search" aria-label="Filter gates">
<div class="field"><label for="filter-search">Search</label><input id="filter-search" type="search" autocomplete="off"></div>
${select('filter-class', 'Class', CLASS_ORDER.map((c) => option(c, CLASS_LABELS[c].label)))}
${select('filter-kind', 'Kind', [option('feature'), option('flag')])}
${select('filter-arch', 'Architecture', all((g) => g.arches).map((a) => option(a)))}
${select('filter-crate', 'Crate', all((g) => g.crates).map((c) => option(c)))}
${select('filter-category', 'Roadmap category', categories.map((c) => option(c, categoryLabel(c))))}
</form>
<p id="gate-count" aria-live="polite">${plural(r.gates.length, 'gate')}.</p>
<table id="gates-table" class="sortable">
<thead><tr><th scope="col" data-sort="name">Gate</th><th scope="col" data-sort="kind">Kind</th><th scope="col" data-sort="class">Class</th><th scope="col">Status in rustc</th><th scope="col" data-sort="since">Since</th><th scope="col">Tracking</th><th scope="col" class="num" data-sort="uses">Uses</th><th scope="col">Architectures</th><th scope="col">Crates</th><th scope="col">Roadmap</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>`;
  return { path: 'gates.html', kind: 'gates', title: 'Gates', body, script: 'gates', data: false };
}

function categoryLabel(c: string): string {
  if (c === 'goal') return 'Project goal';
  if (c === 'other-topic') return 'Other topic';
  return CATEGORY_LABELS[c as WantedCategory] ?? c;
}

function gatePage(data: SiteData, g: Gate): Page {
  const s = siteGate(data, g);
  const r = data.report;
  const place = (file: string, line: number) => {
    const url = computeSourceUrl(data.sourceUrl, { version: r.kernelVersion, file, line });
    return url ? html`<a href="${url}"><code>${file}:${line}</code></a>` : html`<code>${file}:${line}</code>`;
  };
  const body = html`<p class="crumbs"><a href="../gates.html">Gates</a></p>
<h1><code>${gateName(g)}</code></h1>
<dl class="facts">
<dt>Class</dt><dd>${classBadge(g.class)} ${CLASS_LABELS[g.class].meaning}</dd>
<dt>Status in rustc</dt><dd>${g.status}${g.registryKind ? ` (${g.registryKind})` : ''}: ${g.reason}</dd>
<dt>Since</dt><dd>${g.since ?? '—'}</dd>
<dt>Tracking issue</dt><dd>${g.trackingIssue !== null ? html`<a href="${trackingUrl(g.trackingIssue)}">rust-lang/rust#${g.trackingIssue}</a>` : 'none known'}</dd>
${g.replacement ? html`<dt>Stable replacement</dt><dd><code>${g.replacement}</code></dd>` : ''}
<dt>Kind</dt><dd>${g.kind}</dd>
</dl>
<section aria-labelledby="uses-heading">
<h2 id="uses-heading">Where the kernel uses it (${g.occurrences.length})</h2>
<table>
<thead><tr><th scope="col">Place</th><th scope="col">Crate</th><th scope="col">Architecture</th><th scope="col">Condition</th><th scope="col">How</th></tr></thead>
<tbody>${g.occurrences.map(
    (o) => html`<tr><td>${place(o.file, o.line)}</td><td>${o.crate ?? '—'}</td><td>${o.arch ?? 'all'}</td><td>${o.condition ?? '—'}</td><td>${o.via}${o.value ? html` <code>${o.value}</code>` : ''}</td></tr>`,
  )}</tbody>
</table>
</section>
<section aria-labelledby="roadmap-heading">
<h2 id="roadmap-heading">On the roadmap</h2>
${
  s.roadmap.length === 0
    ? html`<p>No roadmap entry names it.</p>`
    : html`<ul>${s.roadmap.map(
        (e) => html`<li><a href="../roadmap.html#${e.anchor}">${e.title}</a> (${categoryLabel(e.category)})${e.people.length > 0 ? html` — ${e.people.join(', ')}` : ''}</li>`,
      )}</ul>`
}
</section>
<section aria-labelledby="history-heading">
<h2 id="history-heading">History</h2>
<table>
<thead><tr><th scope="col">Revision</th><th scope="col">Used</th><th scope="col">Class</th></tr></thead>
<tbody>${s.history.map((h) => html`<tr><th scope="row">${h.rev}</th><td>${h.used ? 'yes' : 'no'}</td><td>${h.class ? classBadge(h.class) : '—'}</td></tr>`)}</tbody>
</table>
</section>`;
  return { path: `gates/${s.slug}.html`, kind: 'gate', title: gateName(g), body, script: null, data: false };
}

function computedText(c: ComputedStatus): string {
  const base = { stable: 'stable', 'partly-stable': 'partly stable', unstable: 'unstable', removed: 'removed', unknown: 'unknown to the registry', 'no-gates': 'no gates named' }[c.state];
  return c.stableSince ? `${base} since ${c.stableSince}` : base;
}

function roadmapPage(data: SiteData): Page {
  const rm = data.roadmap;
  const gates = (list: GateStatus[]) =>
    list.length === 0 ? '—' : html`<ul class="inline">${list.map((g) => html`<li>${gateLink(data, g.name, g.kind, '')} <span class="muted">${g.registry}${g.kernelUses.length > 0 ? ', used by the kernel' : ''}</span></li>`)}</ul>`;
  const row = (anchor: string, title: string, people: string[], category: string, written: string, computed: ComputedStatus, list: GateStatus[]) =>
    html`<tr id="${anchor}"><th scope="row">${title}${people.length > 0 ? html`<br><span class="muted">${people.join(', ')}</span>` : ''}</th><td>${categoryLabel(category)}</td><td>${written || '—'}</td><td>${computedText(computed)}</td><td>${gates(list)}</td></tr>`;
  const head = html`<thead><tr><th scope="col">Entry</th><th scope="col">Category</th><th scope="col">Written status</th><th scope="col">Computed status</th><th scope="col">Gates</th></tr></thead>`;
  const body = html`<h1>Roadmap</h1>
<p>Goals and wanted features as written, beside the status computed from the registry and the kernel scan${rm.against.registry ? ` (registry: ${rm.against.registry})` : ''}.</p>
<section aria-labelledby="goals-heading">
<h2 id="goals-heading">Project goals (${rm.goals.length})</h2>
<table>${head}<tbody>${rm.goals.map((g) =>
    row(computeRoadmapAnchor('goal', g.id), g.title, [...(g.pointOfContact ? [g.pointOfContact] : []), ...g.taskOwners], g.category, [g.written.status, ...g.written.notes].filter(Boolean).join('; '), g.computed, g.computed.gates),
  )}</tbody></table>
</section>
<section aria-labelledby="wanted-heading">
<h2 id="wanted-heading">Wanted features (${rm.wanted.length})</h2>
<table>${head}<tbody>${rm.wanted.map((w) =>
    row(computeRoadmapAnchor('wanted', w.id), w.title, w.cc, w.category, [w.written.status, ...w.written.notes].filter(Boolean).join(' '), w.computed, w.computed.gates),
  )}</tbody></table>
</section>
<section aria-labelledby="topics-heading">
<h2 id="topics-heading">Other topics (${rm.otherTopics.length})</h2>
<table>${head}<tbody>${rm.otherTopics.map((t) =>
    row(computeRoadmapAnchor('other-topic', `${t.roadmap ?? ''}-${t.rank}`), t.title, [], t.category, t.notes.join(' '), t.computed, t.computed.gates),
  )}</tbody></table>
</section>
${
  rm.coverage.uncoveredKernelGates.length > 0
    ? html`<section aria-labelledby="uncovered-heading"><h2 id="uncovered-heading">Kernel gates no entry names</h2><ul class="inline">${rm.coverage.uncoveredKernelGates.map(
        (n) => html`<li>${gateLink(data, n, null, '')}</li>`,
      )}</ul></section>`
    : ''
}`;
  return { path: 'roadmap.html', kind: 'roadmap', title: 'Roadmap', body, script: null, data: false };
}

function plannerPage(data: SiteData): Page {
  const r = data.report;
  const first = r.planner[0];
  const body = html`<h1>Planner</h1>
<p>Choose a minimum Rust version for the kernel and see which gates could go. The kernel's minimum today is ${r.rustMinVersion ?? 'unknown'}.</p>
<form id="planner-form" class="filters" hidden aria-label="Planner">
<div class="field"><label for="planner-version">Minimum Rust version</label><select id="planner-version">${data.browser.versions.map((v) =>
    html`<option value="${v}"${v === first?.version ? html` selected` : ''}>${v}</option>`,
  )}</select></div>
</form>
<section id="planner-result" aria-live="polite" hidden></section>
<h2>Gates left at each minimum</h2>
<table id="planner-table">
<thead><tr><th scope="col">Minimum rustc</th><th scope="col" class="num">Gates left</th><th scope="col">Can go there</th></tr></thead>
<tbody>${r.planner.map(
    (p) => html`<tr data-version="${p.version}"><th scope="row">${p.version}</th><td class="num">${p.remaining}</td><td>${
      p.drops.length === 0 ? '—' : html`<ul class="inline">${p.drops.map((d) => html`<li>${gateLink(data, d, null, '')}</li>`)}</ul>`
    }</td></tr>`,
  )}</tbody>
</table>`;
  return { path: 'planner.html', kind: 'planner', title: 'Planner', body, script: 'planner', data: true };
}

/** One file of the site. */
export interface SiteFile {
  /** Path under the output directory, with forward slashes. */
  path: string;
  contents: string;
}

/** The bundled scripts and style of the browser code (web/), as built. */
export interface SiteAssets {
  scripts: Record<SiteScript, string>;
  css: string;
}

/** Every file of the site: the pages, the data document (as a script, for file://, and as JSON) and the assets. */
export function renderSite(data: SiteData, assets: SiteAssets): SiteFile[] {
  const pages = [overviewPage(data), gatesPage(data), roadmapPage(data), plannerPage(data), ...data.report.gates.map((g) => gatePage(data, g))];
  const json = JSON.stringify(data.browser);
  // A script rather than fetch(): browsers refuse fetch() of a file:// URL. `<` is escaped so no text of the data
  // can close a script element, should the data ever be inlined.
  const dataScript = `window.gatewatchData=${json.replace(/</g, '\\u003c')};\n`;
  return [
    ...pages.map((p) => ({ path: p.path, contents: layout(p, data) })),
    { path: 'assets/data.js', contents: dataScript },
    ...SITE_SCRIPTS.map((name) => ({ path: `assets/${name}.js`, contents: assets.scripts[name] })),
    { path: 'assets/app.css', contents: assets.css },
    { path: 'data.json', contents: JSON.stringify(data) + '\n' },
  ];
}
