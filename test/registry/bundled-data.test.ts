import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { indexRegistry } from '../../src/registry/lookup.js';
import { loadBundledRegistry } from '../../src/registry/load.js';
import { parseFlagHistory } from '../../src/registry/flag-history.js';
import { renderRegistryFile } from '../../src/reporters/registry/file.js';
import { repoRoot } from '../helpers/paths.js';

const reg = loadBundledRegistry();

describe('bundled data/registry.json', () => {
  it('says which toolchains it was generated from, with versions and dates', () => {
    expect(reg.toolchain).toMatchObject({ version: expect.stringMatching(/^\d+\.\d+\.\d+/), date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    expect(reg.provenance.filter((p) => p.source === 'toolchain').length).toBeGreaterThan(0);
  });

  it('is written one entry per line and reads back unchanged', () => {
    const text = renderRegistryFile(reg);
    expect(JSON.parse(text)).toEqual(reg);
    expect(text.split('\n').filter((l) => l.startsWith('  {"name":')).length).toBe(reg.features.length);
  });

  it('keeps both tracking issues of -Zsanitizer that the Unstable Book lists', () => {
    expect(reg.features.find((e) => e.name === '-Zsanitizer')).toMatchObject({ trackingIssue: 39699, trackingIssues: [39699, 89653] });
  });

  it('names no absolute path of the machine that generated it', () => {
    const text = readFileSync(join(repoRoot, 'data', 'registry.json'), 'utf8');
    expect(text).not.toMatch(/"(\/(home|root|tmp|work|usr)\/)/);
  });

  it('holds every curated flag of data/flag-history.json', () => {
    const idx = indexRegistry(reg);
    for (const e of parseFlagHistory(readFileSync(join(repoRoot, 'data', 'flag-history.json'), 'utf8'))) {
      const entry = idx.get(e.flag);
      // A flag still listed by the described toolchain's `-Z help` stays unstable there; otherwise the curated fact stands.
      if (entry?.verified) continue;
      if (e.status === 'other-option') {
        // No -Z flag of any release: left out, and named as the option it is.
        expect(entry, e.flag).toBeUndefined();
        expect(reg.diagnostics.find((d) => d.code === 'registry/not-a-flag')?.message, e.flag).toContain(`${e.flag} (${e.option})`);
      } else if (e.status === 'stabilized' && e.replacement) {
        // Stabilized under another name: the -Z form is removed, replaced by the stable option.
        expect(entry, e.flag).toMatchObject({ status: 'removed', since: e.removedIn ?? null, replacement: e.replacement, replacementSince: e.release });
      } else expect(entry, e.flag).toMatchObject({ since: e.release, status: e.status === 'stabilized' ? 'stable' : 'removed', ...(e.renamedTo ? { renamedTo: e.renamedTo } : {}) });
    }
  });

  it('lists no -Z flag from another source that is neither in `-Z help` nor curated', () => {
    const uncurated = reg.diagnostics.filter((d) => d.code === 'registry/unknown-to-compiler' && d.message.includes('-Z flags'));
    expect(uncurated.map((d) => d.message)).toEqual([]);
    expect(reg.provenance.some((p) => p.source === 'rustc-z-help')).toBe(true);
  });

  it('has a verified status for every language feature (or says why not)', () => {
    for (const f of reg.features.filter((e) => e.kind === 'lang')) expect(f.verified, f.name).toBe(true);
  });
});

describe('data/flag-history.json', () => {
  const entries = parseFlagHistory(readFileSync(join(repoRoot, 'data', 'flag-history.json'), 'utf8'));
  it('gives each entry a release and a source', () => {
    expect(entries.length).toBeGreaterThan(5);
    // The release notes, or (for a flag they do not mention) the `-Z help` of the toolchains that bound it.
    const flags = entries.filter((x) => x.status !== 'other-option');
    for (const e of flags.filter((x) => !x.source.startsWith('rustc -Z help'))) expect(e.source, e.flag).toContain(`Version ${e.release}`);
    // A name that is another option: its Unstable Book page, and the option it documents.
    for (const e of entries.filter((x) => x.status === 'other-option')) {
      expect(e.release, e.flag).toBeUndefined();
      expect(e.source, e.flag).toContain(`compiler-flags/${e.flag.slice(2)}.html`);
      expect(e.source, e.flag).toContain(e.option);
    }
    for (const e of flags.filter((x) => x.source.startsWith('rustc -Z help'))) expect(e.source, e.flag).toMatch(/listed by rustc \d+\.\d+\.\d+.*absent from rustc \d+\.\d+\.\d+/);
  });
  it('rejects an entry without a release', () => {
    expect(() => parseFlagHistory('{"flags":[{"flag":"-Zx","status":"removed","source":"s"}]}')).toThrow(/needs flag/);
  });
});
