/**
 * schemas/site.schema.json against the data.json real `gatewatch site` runs write: the bundled data, and a history
 * of a repository's release tags (commits, tags and dates filled in). Documents broken in one place are refused
 * at that place.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schemaValidator } from '../../src/core/schemas.js';
import type { SiteData } from '../../src/site/site-data.js';
import { buildReleaseRepo } from '../history/git-repo.js';
import { runCli } from '../helpers/cli.js';

const validate = schemaValidator('site');
const tmp = mkdtempSync(join(tmpdir(), 'gatewatch-site-schema-'));
let bundled: SiteData;
let bundledText: string;

/** Run `gatewatch site` into a new directory; its data.json as written. */
async function siteData(name: string, args: string[] = []): Promise<string> {
  const out = join(tmp, name);
  const r = await runCli(['site', out, '--progress', 'none', ...args]);
  expect(r.code, r.stderr).toBe(0);
  return readFileSync(join(out, 'data.json'), 'utf8');
}

const errorsOf = () => JSON.stringify(validate.errors?.slice(0, 3));

beforeAll(async () => {
  bundledText = await siteData('bundled');
  bundled = JSON.parse(bundledText) as SiteData;
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('site data document schema', () => {
  it('accepts the data.json `gatewatch site` writes from the bundled data', () => {
    expect(bundled.schema).toBe('gatewatch/site@1');
    expect(bundled.gates.length).toBeGreaterThan(0);
    expect(validate(bundled), errorsOf()).toBe(true);
  });

  it('accepts the data.json of a site whose history comes from a repository (--history <repo>)', async () => {
    const repo = buildReleaseRepo('kernel-releases', tmp);
    const doc = JSON.parse(await siteData('from-repo', ['--history', repo])) as SiteData;
    expect(doc.history.series.every((p) => p.commit !== null && p.date !== null)).toBe(true);
    expect(validate(doc), errorsOf()).toBe(true);
  });

  it('accepts the data script (assets/data.js) as the document\'s browser part', () => {
    const script = readFileSync(join(tmp, 'bundled', 'assets', 'data.js'), 'utf8');
    const browser = JSON.parse(script.replace(/^window\.gatewatchData=/, '').replace(/;\n$/, '')) as SiteData['browser'];
    expect(browser).toEqual(bundled.browser);
  });

  /** The bundled document with one change, and where the schema must find it. */
  const broken: [string, (d: SiteData & Record<string, unknown>) => void, string][] = [
    ['another schema id', (d) => void ((d as { schema: string }).schema = 'gatewatch/site@2'), '/schema'],
    ['a gate without its page', (d) => void delete (d.gates[0] as Partial<SiteData['gates'][number]>).slug, '/gates/0'],
    ['a slug that is no file name', (d) => void (d.gates[0]!.slug = '../index'), '/gates/0/slug'],
    ['a class no gate has', (d) => void (d.gates[0]!.history[0]!.class = 'stable' as never), '/gates/0/history/0/class'],
    ['a field the document does not have', (d) => void (d.extra = true), ''],
    ['a report without its gates', (d) => void delete (d.report as Partial<SiteData['report']>).gates, '/report'],
    ['a planner version that is no version', (d) => void (d.browser.versions[0] = 'latest'), '/browser/versions/0'],
  ];
  for (const [what, change, path] of broken) {
    it(`refuses ${what}, at ${path || 'the top'}`, () => {
      const doc = JSON.parse(bundledText) as SiteData & Record<string, unknown>;
      change(doc);
      expect(validate(doc)).toBe(false);
      expect(validate.errors?.map((e) => e.instancePath)).toContain(path);
    });
  }
});
