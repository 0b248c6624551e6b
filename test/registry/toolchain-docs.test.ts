import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectReleaseNotes, collectUnstableBook } from '../../src/registry/sources/toolchain-docs/index.js';
import { fixture } from '../helpers/paths.js';

const docs = fixture('registry', 'docs-with-each-page-shape');
const book = collectUnstableBook(docs, 'fixture docs');
const get = (name: string) => book.facts.find((f) => f.name === name);

describe('Unstable Book pages', () => {
  it('reads the name from the heading and the tracking issue from the link', () => {
    expect(get('arbitrary_self_types')).toMatchObject({ kind: 'lang', status: 'unstable', trackingIssue: 44874, at: 'unstable-book/language-features/arbitrary-self-types.html' });
  });

  it('reads pages without a tracking issue, with "None", with a bare URL, and headings without <code>', () => {
    expect(get('abi_unadjusted')).toMatchObject({ kind: 'lang', trackingIssue: null });
    expect(get('none_issue')).toMatchObject({ kind: 'lib', trackingIssue: null });
    expect(get('bare_url_issue')).toMatchObject({ trackingIssue: 99999 });
    expect(get('generic_const_exprs')).toMatchObject({ trackingIssue: 76560 });
  });

  it('turns a feature spelled with dashes into its identifier', () => {
    expect(get('intra_doc_pointers')).toMatchObject({ trackingIssue: 80896 });
  });

  it('names compiler flags -Zdash-form with their first paragraph as help, and skips overview and --print pages', () => {
    expect(get('-Zbranch-protection')).toMatchObject({ kind: 'flag', trackingIssue: 113369 });
    expect(get('-Zbranch-protection')?.help).toMatch(/^This option lets you enable branch authentication/);
    expect(get('-Zdebug-info-for-profiling')).toMatchObject({ kind: 'flag', trackingIssue: null });
    expect(book.facts.filter((f) => f.kind === 'flag').map((f) => f.name).sort()).toEqual(['-Zbranch-protection', '-Zdebug-info-for-profiling', '-Zsanitizer']);
  });

  it('keeps every tracking issue of a page that lists several, the first as the tracking issue', () => {
    expect(get('-Zsanitizer')).toMatchObject({ trackingIssue: 39699, trackingIssues: [39699, 89653], help: 'This feature allows for use of one of following sanitizers:' });
  });

  it('takes one issue from "the tracking issue is", not the related issue later in the paragraph', () => {
    expect(get('half_open_range_patterns_in_slices')).toMatchObject({ trackingIssue: 67264 });
    expect(get('half_open_range_patterns_in_slices')?.trackingIssues).toBeUndefined();
  });

  it('reports a missing chapter as a diagnostic with a hint', () => {
    const none = collectUnstableBook(join(docs, 'unstable-book'), 'wrong root');
    expect(none.facts).toEqual([]);
    expect(none.diagnostics[0]).toMatchObject({ code: 'registry/docs-missing' });
    expect(none.diagnostics[0]?.hint).toContain('rust-docs');
  });
});

describe('release notes', () => {
  const notes = collectReleaseNotes(docs, 'fixture docs')!;
  it('keeps names stabilised in list items, with the release of their section and the pull request', () => {
    expect(notes.facts.find((f) => f.name === 'let_chains')).toMatchObject({ status: 'stable', since: '1.88.0', pull: 132833 });
    expect(notes.facts.find((f) => f.name === '-Zno-jump-tables')).toMatchObject({ since: '1.93.0', pull: 145974 });
  });
  it('ignores items that stabilise nothing', () => {
    expect(notes.facts.find((f) => f.name === 'const_eval')).toBeUndefined();
  });
  it('points at the line of the item', () => {
    const lines = readFileSync(join(docs, 'releases.md'), 'utf8').split('\n');
    const at = notes.facts.find((f) => f.name === 'let_chains')!.at!;
    expect(lines[Number(at.split(':')[1]) - 1]).toContain('let_chains');
  });
});

describe('a page whose heading names another feature', () => {
  it('takes the name from the file, as the docs generator does, and reports the slip', () => {
    expect(get('asm_experimental_reg')).toMatchObject({ trackingIssue: 133416 });
    expect(get('asm_experimental_arch')).toBeUndefined();
    expect(book.diagnostics.find((d) => d.code === 'registry/doc-heading-mismatch')).toMatchObject({ file: 'unstable-book/language-features/asm-experimental-reg.html' });
  });
});
