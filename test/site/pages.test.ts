/// <reference lib="dom" />
/**
 * The dashboard in a real browser (Debian's Chromium): each page kind loads from file:// without errors, search
 * and filters narrow the gates table, a gate page links its uses to the source browser, the planner recomputes
 * with the CLI's own analyses, pages read with JavaScript off, a hostile roadmap shows as text, and axe-core
 * finds no serious or critical violation. Screenshots go to .cache/test-artifacts/site/.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeReport } from '../../src/analyses/report.js';
import { computeSourceUrl, DEFAULT_SOURCE_URL } from '../../src/analyses/source-url.js';
import type { Gate } from '../../src/model/report.js';
import { gateKey, type SiteData } from '../../src/site/site-data.js';
import { PAGE_KINDS, type PageKind } from '../../src/site/render-pages.js';
import { runCli } from '../helpers/cli.js';
import { fixture } from '../helpers/paths.js';
import { chromiumMissing, launchBrowser, screenshot, seriousAxeViolations } from './browser.js';

const tmp = mkdtempSync(join(tmpdir(), 'gatewatch-site-pages-'));
const siteDir = join(tmp, 'site');
const hostileDir = join(tmp, 'hostile');
let data: SiteData;
let browser: { context: BrowserContext; close: () => Promise<void> } | undefined;

beforeAll(async () => {
  const r = await runCli(['site', siteDir]);
  expect(r.code, r.stderr).toBe(0);
  const h = await runCli(['site', hostileDir, '--roadmap', fixture('site', 'hostile-roadmap-title', 'roadmap.toml')]);
  expect(h.code, h.stderr).toBe(0);
  data = JSON.parse(readFileSync(join(siteDir, 'data.json'), 'utf8')) as SiteData;
  if (!chromiumMissing) browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  rmSync(tmp, { recursive: true, force: true });
});

const url = (dir: string, path: string) => pathToFileURL(join(dir, path)).href;

/** A page of one kind in the default site (a gate page: the first blocker's). */
function pathOf(kind: PageKind): string {
  if (kind === 'gate') return `gates/${data.gates.find((g) => g.key.startsWith('feature:'))!.slug}.html`;
  return { overview: 'index.html', gates: 'gates.html', roadmap: 'roadmap.html', planner: 'planner.html' }[kind];
}

/** The site's gate of a report's gate. */
const siteGateOf = (g: Gate) => data.gates.find((s) => s.key === gateKey(g))!;

/** Open a page, failing on any script error or console error. */
async function open(context: BrowserContext, href: string): Promise<{ page: Page; errors: string[] }> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.goto(href);
  return { page, errors };
}

describe.skipIf(chromiumMissing !== null)(`dashboard pages in Chromium${chromiumMissing ? ` (skipped: ${chromiumMissing})` : ''}`, () => {
  for (const kind of PAGE_KINDS) {
    it(`loads the ${kind} page from file:// without errors, with axe-core finding nothing serious`, async () => {
      const { page, errors } = await open(browser!.context, url(siteDir, pathOf(kind)));
      expect(await page.locator('body').getAttribute('data-page')).toBe(kind);
      await expect(page.locator('h1').textContent()).resolves.toBeTruthy();
      await screenshot(page, kind);
      expect(await seriousAxeViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
      await page.close();
    });
  }

  it('draws the burndown chart with uPlot from the history series', async () => {
    const { page } = await open(browser!.context, url(siteDir, 'index.html'));
    await page.waitForSelector('#burndown-chart canvas');
    await expect(page.locator('#burndown-chart canvas').count()).resolves.toBe(1);
    await expect(page.locator('#burndown-chart').getAttribute('aria-label')).resolves.toContain(`${data.history.series.at(-1)!.done.remaining} of ${data.history.series.at(-1)!.done.total} still unstable`);
    await screenshot(page, 'overview-chart');
    expect(data.history.series.length).toBeGreaterThanOrEqual(2);
    await page.close();
  });

  it('search narrows the gates table to names holding the text', async () => {
    const { page } = await open(browser!.context, url(siteDir, 'gates.html'));
    const rows = page.locator('#gates-table tbody tr');
    const visible = page.locator('#gates-table tbody tr:visible');
    const total = await rows.count();
    expect(total).toBe(data.report.gates.length);
    await page.getByLabel('Search').fill('sanitizer');
    const expected = data.report.gates.filter((g) => g.name.toLowerCase().includes('sanitizer')).map((g) => g.gate ?? g.name);
    expect(expected.length).toBeGreaterThan(0);
    await expect(visible.evaluateAll((trs) => trs.map((tr) => (tr as HTMLElement).dataset['name']))).resolves.toEqual(expected);
    await expect(page.locator('#gate-count').textContent()).resolves.toBe(`${expected.length} of ${total} gates shown.`);
    await screenshot(page, 'gates-search');
    await page.close();
  });

  it('filters by class and architecture, and a link from the overview presets the class', async () => {
    const { page } = await open(browser!.context, url(siteDir, 'gates.html'));
    await page.getByLabel('Class').selectOption('blocker');
    const blockers = data.report.gates.filter((g) => g.class === 'blocker').map((g) => g.gate ?? g.name);
    const visibleNames = () => page.locator('#gates-table tbody tr:visible').evaluateAll((trs) => trs.map((tr) => (tr as HTMLElement).dataset['name']));
    await expect(visibleNames()).resolves.toEqual(blockers);
    await page.getByLabel('Class').selectOption('');
    const arch = Object.keys(data.report.done.perArch).find((a) => a !== 'all') ?? 'all';
    await page.getByLabel('Architecture').selectOption(arch);
    const inArch = data.gates.filter((g) => g.arches.includes(arch)).map((g) => g.key.slice(g.key.indexOf(':') + 1));
    await expect(visibleNames()).resolves.toEqual(inArch);
    await page.close();

    const fromOverview = await open(browser!.context, url(siteDir, 'gates.html?class=blocker').replace('%3F', '?'));
    await expect(fromOverview.page.getByLabel('Class').inputValue()).resolves.toBe('blocker');
    await fromOverview.page.close();
  });

  it('filters by kind, crate and roadmap category together', async () => {
    const { page } = await open(browser!.context, url(siteDir, 'gates.html'));
    await page.getByLabel('Kind').selectOption('flag');
    await page.getByLabel('Roadmap category').selectOption('goal');
    const expected = data.gates.filter((g) => g.key.startsWith('flag:') && g.roadmap.some((e) => e.category === 'goal')).map((g) => g.key.slice(5));
    expect(expected.length).toBeGreaterThan(0);
    const names = () => page.locator('#gates-table tbody tr:visible').evaluateAll((trs) => trs.map((tr) => (tr as HTMLElement).dataset['name']));
    await expect(names()).resolves.toEqual(expected);
    await page.getByLabel('Kind').selectOption('');
    await page.getByLabel('Roadmap category').selectOption('');
    await page.getByLabel('Crate').selectOption('kernel');
    await expect(names()).resolves.toEqual(data.gates.filter((g) => g.crates.includes('kernel')).map((g) => g.key.slice(g.key.indexOf(':') + 1)));
    await page.close();
  });

  it('works from the keyboard: the skip link, search by typing, sorting with Enter', async () => {
    const { page } = await open(browser!.context, url(siteDir, 'gates.html'));
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('Skip to content');
    await page.getByLabel('Search').focus();
    await page.keyboard.type('zsan');
    await expect(page.locator('#gates-table tbody tr:visible').count()).resolves.toBe(data.report.gates.filter((g) => g.name.toLowerCase().includes('zsan')).length);
    await page.getByRole('button', { name: 'Since' }).focus();
    await page.keyboard.press('Enter');
    await expect(page.locator('th[data-sort="since"]').getAttribute('aria-sort')).resolves.toBe('ascending');
    await page.keyboard.press('Enter');
    await expect(page.locator('th[data-sort="since"]').getAttribute('aria-sort')).resolves.toBe('descending');
    await page.close();
  });

  it('sorts by uses when the header is activated', async () => {
    const { page } = await open(browser!.context, url(siteDir, 'gates.html'));
    await page.getByRole('button', { name: 'Uses' }).click();
    const uses = await page.locator('#gates-table tbody tr').evaluateAll((trs) => trs.map((tr) => Number((tr as HTMLElement).dataset['uses'])));
    expect(uses).toEqual([...uses].sort((a, b) => a - b));
    await expect(page.locator('th[data-sort="uses"]').getAttribute('aria-sort')).resolves.toBe('ascending');
    await page.close();
  });

  it('opens a gate page from the table, with every use linked to the source browser', async () => {
    const { page } = await open(browser!.context, url(siteDir, 'gates.html'));
    const gate = data.report.gates.find((g) => g.kind === 'feature')!;
    await page.getByRole('link', { name: gate.name, exact: true }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe(gate.gate ?? gate.name);
    const hrefs = await page.locator('#uses-heading + table a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(hrefs).toEqual(gate.occurrences.map((o) => computeSourceUrl(DEFAULT_SOURCE_URL, { version: data.report.kernelVersion, file: o.file, line: o.line })));
    expect(hrefs[0]).toMatch(/^https:\/\/elixir\.bootlin\.com\/linux\/v\d+\.\d+/);
    await screenshot(page, 'gate-from-table');
    await page.close();
  });

  it("the planner's version recomputes which gates drop, as computeReport does", async () => {
    const { page } = await open(browser!.context, url(siteDir, 'planner.html'));
    const version = data.browser.versions[data.browser.versions.length - 1]!;
    await page.getByLabel('Minimum Rust version').selectOption(version);
    const expected = computeReport(data.browser.scan, data.browser.registry, { rustc: version });
    const drop = expected.gates.filter((g) => g.class === 'removable').length;
    await expect(page.locator('#planner-summary').textContent()).resolves.toBe(`${drop} of ${expected.gates.length} gates can go; ${expected.gates.length - drop} remain.`);
    await expect(page.locator('#planner-table tr.current').getAttribute('data-version')).resolves.toBe(version);
    // Every gate it lists links to that gate's page, a flag whose value is its own gate (-Zsanitizer=kcfi) too.
    const links = await page.locator('#planner-result a').evaluateAll((as) => as.map((a) => [a.textContent, a.getAttribute('href')]));
    expect(links.length).toBe(expected.gates.length);
    expect(links).toEqual(expected.gates.filter((g) => g.class === 'removable').concat(expected.gates.filter((g) => g.class !== 'removable')).map((g) => [g.gate ?? g.name, `gates/${siteGateOf(g).slug}.html`]));
    for (const [, href] of links) expect(existsSync(join(siteDir, href!)), href!).toBe(true);
    await screenshot(page, 'planner-newest');
    await page.close();
  });

  it('reads every page kind with JavaScript off: content pre-rendered, controls left hidden', async () => {
    const noJs = await launchBrowser({ javaScriptEnabled: false });
    try {
      for (const kind of PAGE_KINDS) {
        const page = await noJs.context.newPage();
        await page.goto(url(siteDir, pathOf(kind)));
        expect(await page.locator('main h1').isVisible()).toBe(true);
        await screenshot(page, `${kind}-no-js`);
        await page.close();
      }
      const page = await noJs.context.newPage();
      await page.goto(url(siteDir, 'gates.html'));
      await expect(page.locator('#gates-table tbody tr:visible').count()).resolves.toBe(data.report.gates.length);
      await expect(page.locator('#gate-filters').isVisible()).resolves.toBe(false);
      await page.goto(url(siteDir, 'index.html'));
      await expect(page.locator('#burndown-table tbody tr').count()).resolves.toBe(data.history.series.length);
      await page.goto(url(siteDir, 'planner.html'));
      await expect(page.locator('#planner-table tbody tr').count()).resolves.toBe(data.report.planner.length);
      await page.close();
    } finally {
      await noJs.close();
    }
  });

  it('shows a hostile roadmap\'s <script> and <img onerror> as text, running neither', async () => {
    const pages = ['roadmap.html', `gates/${data.gates.find((g) => g.key === 'feature:arbitrary_self_types')!.slug}.html`, 'index.html'];
    for (const p of pages) {
      const { page, errors } = await open(browser!.context, url(hostileDir, p));
      await page.waitForLoadState('load');
      expect(await page.evaluate(() => (window as unknown as { hostileRan?: boolean }).hostileRan)).toBeUndefined();
      expect(await page.locator('main img, main script, main b').count()).toBe(0);
      expect(errors).toEqual([]);
      if (p === 'roadmap.html') {
        await expect(page.locator('main').textContent()).resolves.toContain('<script>window.hostileRan = true</script>Packed types');
        await expect(page.locator('main').textContent()).resolves.toContain('"><img src=x onerror="window.hostileRan = true">');
        await screenshot(page, 'roadmap-hostile');
      } else if (p.startsWith('gates/')) {
        await expect(page.locator('main').textContent()).resolves.toContain('<script>window.hostileRan = true</script>Packed types');
      }
      await page.close();
    }
  });
});
