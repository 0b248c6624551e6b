/**
 * The site without a browser: its data from the bundled documents, the series made from the scans, the cut
 * registry the browser's planner reads (same answers as the full one), escaping, links that resolve, the size
 * budget, and the command line's refusals.
 */
import { readdirSync, readFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeReport } from '../../src/analyses/report.js';
import { computeSourceUrl, DEFAULT_SOURCE_URL } from '../../src/analyses/source-url.js';
import { bundledKernels, bundledScanPath } from '../../src/inputs/scan.js';
import type { ScanSnapshot } from '../../src/model/scan.js';
import { loadBundledRegistry } from '../../src/registry/load.js';
import { escapeHtml, html } from '../../src/site/html.js';
import { computeHistory } from '../../src/analyses/history.js';
import { computeRegistryForScan, computeScanRevisions, SITE_SIZE_BUDGET, type SiteData } from '../../src/site/site-data.js';
import { buildReleaseRepo } from '../history/git-repo.js';
import { runCli } from '../helpers/cli.js';
import { fixture } from '../helpers/paths.js';

const tmp = mkdtempSync(join(tmpdir(), 'gatewatch-site-data-'));
const siteDir = join(tmp, 'site');
let data: SiteData;
const registry = loadBundledRegistry();
const scans = bundledKernels().map((k) => JSON.parse(readFileSync(bundledScanPath(k), 'utf8')) as ScanSnapshot);
const generator = { name: 'gatewatch' as const, version: 'test', generatedAt: '2026-01-01T00:00:00.000Z' };

beforeAll(async () => {
  const r = await runCli(['site', siteDir]);
  expect(r.code, r.stderr).toBe(0);
  data = JSON.parse(readFileSync(join(siteDir, 'data.json'), 'utf8')) as SiteData;
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));
}

describe('site from the bundled data', () => {
  it(`weighs at most ${SITE_SIZE_BUDGET} bytes in all`, () => {
    const total = filesUnder(siteDir).reduce((n, f) => n + statSync(f).size, 0);
    expect(total).toBeLessThanOrEqual(SITE_SIZE_BUDGET);
  });

  it('has one page per gate of the newest kernel, and the four other pages', () => {
    const pages = filesUnder(siteDir).filter((f) => f.endsWith('.html')).map((f) => relative(siteDir, f).split('\\').join('/'));
    expect(pages.sort()).toEqual(['gates.html', 'index.html', 'planner.html', 'roadmap.html', ...data.gates.map((g) => `gates/${g.slug}.html`)].sort());
    expect(new Set(data.gates.map((g) => g.slug)).size).toBe(data.gates.length);
    expect(data.report.kernelVersion).toBe(scans[0]!.kernelVersion);
  });

  it('gives each page only its own script, deferred: the overview reads no data script, a gate page runs none', () => {
    const scriptsOf = (page: string) => [...readFileSync(join(siteDir, page), 'utf8').matchAll(/<script([^>]*)><\/script>/g)].map(([, attrs]) => attrs!.trim());
    expect(scriptsOf('index.html')).toEqual(['defer src="assets/overview.js"']);
    expect(scriptsOf('gates.html')).toEqual(['defer src="assets/gates.js"']);
    expect(scriptsOf('planner.html')).toEqual(['defer src="assets/data.js"', 'defer src="assets/planner.js"']);
    expect(scriptsOf('roadmap.html')).toEqual([]);
    expect(scriptsOf(`gates/${data.gates[0]!.slug}.html`)).toEqual([]);
  });

  it('links only to files of the site (relative) or to https pages: nothing from a CDN', () => {
    for (const file of filesUnder(siteDir).filter((f) => f.endsWith('.html'))) {
      const text = readFileSync(file, 'utf8');
      for (const [, attr, target] of text.matchAll(/\s(href|src)="([^"]*)"/g)) {
        if (attr === 'href' && /^https:\/\//.test(target!)) continue;
        expect(target, `${relative(siteDir, file)} ${attr}=${target}`).not.toMatch(/^[a-z]+:|^\/\//);
        const path = target!.split('#')[0]!.split('?')[0]!;
        if (path === '') continue;
        expect(statSync(join(dirname(file), decodeURI(path))).isFile(), `${relative(siteDir, file)} links to ${target}`).toBe(true);
      }
      expect(text, relative(siteDir, file)).not.toMatch(/<script[^>]*src="https?:/);
    }
  });

  it('links each use with the default source URL, and with --source-url when given', async () => {
    const gate = data.report.gates[0]!;
    const o = gate.occurrences[0]!;
    const page = readFileSync(join(siteDir, 'gates', `${data.gates[0]!.slug}.html`), 'utf8');
    expect(page).toContain(escapeHtml(computeSourceUrl(DEFAULT_SOURCE_URL, { version: data.report.kernelVersion, file: o.file, line: o.line })!));
    const template = 'https://github.com/torvalds/linux/blob/v{version}/{file}#L{line}';
    const other = join(tmp, 'other-url');
    expect((await runCli(['site', other, '--source-url', template])).code).toBe(0);
    const otherPage = readFileSync(join(other, 'gates', `${data.gates[0]!.slug}.html`), 'utf8');
    expect(otherPage).toContain(escapeHtml(computeSourceUrl(template, { version: data.report.kernelVersion, file: o.file, line: o.line })!));
  });
});

describe('history of the site', () => {
  it('is, without --history, the series `gatewatch history` computes from the same scans', async () => {
    const h = await runCli(['history', '--json']);
    expect(h.code, h.stderr).toBe(0);
    const cli = JSON.parse(h.stdout) as SiteData['history'];
    const strip = (series: SiteData['history']['series']) => series.map(({ rev: _rev, diagnostics: _d, ...p }) => p);
    expect(strip(data.history.series)).toEqual(strip(cli.series));
    expect(data.history.events.map(({ rev: _r, previousRev: _p, ...e }) => e)).toEqual(cli.events.map(({ rev: _r, previousRev: _p, ...e }) => e));
    expect(data.history.series.map((p) => p.kernelVersion)).toEqual(scans.map((s) => s.kernelVersion).reverse());
    // The overview's chart reads its points from the pre-rendered burndown table, so the table carries the history's.
    const overview = readFileSync(join(siteDir, 'index.html'), 'utf8');
    const rows = [...overview.matchAll(/<tr data-rev="([^"]*)" data-total="(\d+)" data-remaining="(\d+)">/g)].map(([, rev, total, remaining]) => ({ rev, total: Number(total), remaining: Number(remaining) }));
    expect(rows).toEqual(data.history.series.map((p) => ({ rev: p.rev, total: p.done.total, remaining: p.done.remaining })));
  });

  it('comes from a repository\'s release tags with --history <repo>', async () => {
    const repo = buildReleaseRepo('kernel-releases', tmp);
    const out = join(tmp, 'from-repo');
    const r = await runCli(['site', out, '--history', repo, '--progress', 'none']);
    expect(r.code, r.stderr).toBe(0);
    const written = JSON.parse(readFileSync(join(out, 'data.json'), 'utf8')) as SiteData;
    expect(written.history.repository).toBe(repo);
    expect(written.history.series.map((p) => p.tag)).toEqual(['v6.1', 'v6.2', 'v6.3']);
    expect(written.history.series.every((p) => p.date !== null)).toBe(true);
    const page = readFileSync(join(out, 'index.html'), 'utf8');
    expect(page).toContain('<th scope="row">v6.3</th>');
  });
});

describe('the registry the browser reads', () => {
  it('gives the same report as the full registry at every version the planner offers', () => {
    const newest = scans[0]!;
    const cut = computeRegistryForScan(registry, newest);
    expect(JSON.stringify(cut).length).toBeLessThan(JSON.stringify(registry).length / 10);
    const full = computeReport(newest, registry);
    expect(full.planner.length).toBeGreaterThan(1);
    expect(computeReport(newest, cut).planner).toEqual(full.planner);
    for (const { version } of full.planner) {
      const a = computeReport(newest, registry, { rustc: version });
      const b = computeReport(newest, cut, { rustc: version });
      expect(b.gates).toEqual(a.gates);
    }
  });
});

describe('escaping', () => {
  it('escapes every interpolated text, and inserts only html fragments as markup', () => {
    const title = '<script>alert(1)</script>';
    const attr = '"><img src=x onerror=alert(1)>';
    expect(html`<td title="${attr}">${title}</td>`.value).toBe('<td title="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;">&lt;script&gt;alert(1)&lt;/script&gt;</td>');
    expect(html`<ul>${[html`<li>${"it's"}</li>`]}</ul>`.value).toBe('<ul><li>it&#39;s</li></ul>');
  });

  it('writes a hostile roadmap title only escaped', async () => {
    const out = join(tmp, 'hostile');
    expect((await runCli(['site', out, '--roadmap', fixture('site', 'hostile-roadmap-title', 'roadmap.toml')])).code).toBe(0);
    const page = readFileSync(join(out, 'roadmap.html'), 'utf8');
    expect(page).toContain('&lt;script&gt;window.hostileRan = true&lt;/script&gt;Packed types');
    expect(page).not.toContain('<script>window.hostileRan');
    expect(page).not.toMatch(/<img/);
  });
});

describe('source URLs', () => {
  it('fills the template, drops a trailing .0 of the version and encodes the path', () => {
    expect(computeSourceUrl(DEFAULT_SOURCE_URL, { version: '6.12.0', file: 'rust/kernel/lib.rs', line: 12 })).toBe('https://elixir.bootlin.com/linux/v6.12/source/rust/kernel/lib.rs#L12');
    expect(computeSourceUrl(DEFAULT_SOURCE_URL, { version: '6.12.48', file: 'a b/c#d.rs', line: 3 })).toBe('https://elixir.bootlin.com/linux/v6.12.48/source/a%20b/c%23d.rs#L3');
    expect(computeSourceUrl(DEFAULT_SOURCE_URL, { version: null, file: 'x.rs', line: 1 })).toBeNull();
  });

  it('links uses in report --markdown with --source-url', async () => {
    const r = await runCli(['report', '--markdown', '--source-url', DEFAULT_SOURCE_URL]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\[`[^`]+:\d+`\]\(https:\/\/elixir\.bootlin\.com\/linux\/v[\d.]+\/source\/[^)]+#L\d+\)/);
  });

  it('refuses a template without {file}, with exit 2', async () => {
    expect((await runCli(['report', '--markdown', '--source-url', 'https://example.org/'])).code).toBe(2);
    const r = await runCli(['site', join(tmp, 'refused'), '--source-url', 'not a url']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--source-url');
  });
});

describe('site command line', () => {
  it('refuses a history that is no repository, and a missing scan document, with exit 2', async () => {
    const dir = await runCli(['site', join(tmp, 'x'), '--history', fixture('site')]);
    expect(dir.code).toBe(2);
    const missing = await runCli(['site', join(tmp, 'y'), '--scan', join(tmp, 'nope.json')]);
    expect(missing.code).toBe(2);
  });

  it('refuses an output path that is a file, a bad --port, and a scan document that is not one, with exit 2', async () => {
    const file = join(tmp, 'a-file');
    (await import('node:fs')).writeFileSync(file, 'x');
    const r = await runCli(['site', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is a file');
    expect((await runCli(['serve', '--port', 'http'])).code).toBe(2);
    const bad = join(tmp, 'bad-scan.json');
    (await import('node:fs')).writeFileSync(bad, '{"schema":"gatewatch/scan@1"}');
    const s = await runCli(['site', join(tmp, 'z'), '--scan', bad]);
    expect(s.code).toBe(2);
    expect(s.stderr.trim().split('\n')[0]).toContain('bad-scan.json');
  });

  it('reads a history document given with --history', async () => {
    const file = join(tmp, 'history.json');
    const history = computeHistory(computeScanRevisions(scans), registry, { repository: null, version: generator.version, generatedAt: generator.generatedAt });
    (await import('node:fs')).writeFileSync(file, JSON.stringify(history));
    const out = join(tmp, 'with-history');
    expect((await runCli(['site', out, '--history', file])).code).toBe(0);
    const written = JSON.parse(readFileSync(join(out, 'data.json'), 'utf8')) as SiteData;
    expect(written.history).toEqual(history);
  });
});
