/**
 * The dashboard's budgets, measured for `npm run bench`: the whole site's size, and the first render of the
 * overview with the bundled data in headless Chromium (Debian's package; skipped when absent): its first
 * contentful paint and its load event, each within the budget. Each run opens the page in a fresh browser
 * profile, so nothing is cached. The load average is reported beside, as the machine may be shared.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { SITE_SIZE_BUDGET } from '../site/site-data.js';

const CHROMIUM = '/usr/bin/chromium';
/** The overview's first render must take at most this long (issue 16). */
const FIRST_RENDER_BUDGET_MS = 1000;
const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

const sizeOf = (dir: string): number =>
  readdirSync(dir, { withFileTypes: true }).reduce((n, e) => n + (e.isDirectory() ? sizeOf(join(dir, e.name)) : statSync(join(dir, e.name)).size), 0);

/** One row per measure: value, budget, and whether it is within. */
export async function benchSite(): Promise<Record<string, unknown>[]> {
  const tmp = mkdtempSync(join(tmpdir(), 'gatewatch-site-bench-'));
  try {
    const site = join(tmp, 'site');
    const built = spawnSync(process.execPath, [join(repoRoot, 'bin', 'gatewatch.cjs'), 'site', site, '--progress', 'none'], { encoding: 'utf8' });
    if (built.status !== 0) throw new Error(`gatewatch site failed: ${built.stderr}`);
    const bytes = sizeOf(site);
    const rows: Record<string, unknown>[] = [{ measure: 'whole site (bytes)', value: bytes, budget: SITE_SIZE_BUDGET, within: bytes <= SITE_SIZE_BUDGET }];
    if (!existsSync(CHROMIUM)) return [...rows, { measure: 'first render of the overview', skipped: `${CHROMIUM} is absent` }];
    const loadBefore = loadavg();
    const runs: { load: number; chart: number; fcp: number }[] = [];
    for (let i = 0; i < 7; i++) {
      const profile = mkdtempSync(join(tmp, 'profile-'));
      const context = await chromium.launchPersistentContext(profile, {
        executablePath: CHROMIUM,
        headless: true,
        args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
      });
      const page = await context.newPage();
      // When the chart's canvas appears, by the page's clock: it is drawn after the first render, in a later task.
      await page.addInitScript(() => {
        const g = globalThis as unknown as { document: { querySelector(s: string): unknown }; MutationObserver: new (f: () => void) => { observe(t: unknown, o: object): void }; performance: { now(): number }; gatewatchChartAt?: number };
        new g.MutationObserver(() => {
          if (g.gatewatchChartAt === undefined && g.document.querySelector('#burndown-chart canvas')) g.gatewatchChartAt = g.performance.now();
        }).observe(g.document, { subtree: true, childList: true });
      });
      await page.goto(pathToFileURL(join(site, 'index.html')).href, { waitUntil: 'load' });
      await page.waitForSelector('#burndown-chart canvas');
      // Times from the navigation's start, by the browser's own clock: load, first contentful paint, chart drawn.
      // The page's Performance API, typed here: this file is compiled for Node, without the DOM's types.
      type PagePerformance = { getEntriesByType(t: string): { loadEventEnd?: number }[]; getEntriesByName(n: string): { startTime: number }[] };
      const t = await page.evaluate(() => {
        const g = globalThis as unknown as { performance: PagePerformance; gatewatchChartAt?: number };
        const fcp = g.performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN;
        return { load: g.performance.getEntriesByType('navigation')[0]?.loadEventEnd ?? NaN, chart: g.gatewatchChartAt ?? NaN, fcp };
      });
      runs.push(t);
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const round = (x: number) => Math.round(x);
    const load = median(runs.map((r) => r.load));
    const fcp = median(runs.map((r) => r.fcp));
    const average = (l: number[]) => l.map((x) => x.toFixed(2)).join(' ');
    return [
      ...rows,
      { measure: `overview: first contentful paint (ms, median of ${runs.length})`, value: round(fcp), budget: FIRST_RENDER_BUDGET_MS, within: fcp <= FIRST_RENDER_BUDGET_MS },
      { measure: `overview: load event end (ms, median of ${runs.length})`, value: round(load), budget: FIRST_RENDER_BUDGET_MS, within: load <= FIRST_RENDER_BUDGET_MS },
      { measure: `overview: chart drawn (ms, median of ${runs.length})`, value: round(median(runs.map((r) => r.chart))) },
      { measure: 'load average (1, 5, 15 min) before and after', value: `${average(loadBefore)}; ${average(loadavg())}` },
    ];
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
