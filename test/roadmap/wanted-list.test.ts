import { describe, expect, it } from 'vitest';
import { collectWantedList, parseCategoryHeading } from '../../src/roadmap/sources/wanted-list/index.js';
import { sourceFor } from '../../src/roadmap/sources/index.js';
import { roadmapFixture } from './helpers.js';

describe('wanted-list source (Rust-for-Linux meta issue Markdown)', () => {
  const file = roadmapFixture('wanted-list-with-releases', 'wanted.md');
  const facts = collectWantedList(file);
  const byTitle = (t: string) => facts.wanted!.find((w) => w.title.includes(t))!;

  it('is detected by its category headings', () => {
    expect(sourceFor(file)?.name).toBe('wanted-list');
  });

  it('reads categories and feature/bug sections from the headings', () => {
    expect(facts.wanted!.map((w) => [w.category, w.kind])).toEqual([
      ['required', 'feature'],
      ['required', 'feature'],
      ['nice-to-have', 'feature'],
      ['done', 'feature'],
      ['required', 'bug'],
    ]);
    expect(facts.diagnostics).toEqual([]);
  });

  it('reads tracking issue, PR lines with their release, status, used-by and cc', () => {
    const w = byTitle('FrobPointer');
    expect(w.place).toEqual({ file: 'wanted-list-with-releases/wanted.md', line: 5 });
    expect(w.links.map((l) => [l.kind, l.number, l.release ?? null, l.label ?? null])).toEqual([
      ['issue', 120001, null, 'tracking issue'],
      ['pr', 130002, '1.88', 'PR'],
      ['pr', 130003, '?', 'PR'],
    ]);
    expect(w.status).toEqual(['the libs team is reviewing the second part.']);
    expect(w.usedBy).toEqual(['rust/kernel/frob.rs', 'rust/kernel/sync/arc.rs']);
    expect(w.cc).toEqual(['@alice', '@bob']);
    expect(w.gates).toEqual([{ name: 'frob_pointer', kind: 'feature', from: 'text' }]);
  });

  it('finds -Z flags in titles and links in nested bullets', () => {
    const w = byTitle('Quieter builds');
    expect(w.gates.map((g) => g.name)).toEqual(['-Zquiet-mode']);
    expect(w.links.map((l) => l.kind)).toEqual(['zulip', 'rfc']);
    expect(byTitle('Miscompilation').gates.map((g) => g.name)).toEqual(['-Zinline-mir']);
  });

  it('keeps backticked names as mentions for the registry to confirm', () => {
    expect(byTitle('Wider').mentions).toEqual([]);
    expect(byTitle('FrobPointer').mentions).toContain('frob_cells');
    expect(byTitle('FrobPointer').gates.map((g) => g.name)).not.toContain('frob_cells');
  });

  it('maps every heading spelling the lists use', () => {
    expect(['Required (x)', 'Nice to have (y)', 'Discussion needed', 'Low priority (z)', 'Done (w)', 'Urgent'].map(parseCategoryHeading)).toEqual([
      'required',
      'nice-to-have',
      'discussion-needed',
      'low-priority',
      'done',
      null,
    ]);
  });

  it('reports every malformed part with its line and goes on', () => {
    const bad = collectWantedList(roadmapFixture('wanted-list-malformed', 'wanted.md'));
    expect(bad.diagnostics!.map((d) => [d.code, d.line])).toEqual([
      ['roadmap/item-without-category', 1],
      ['roadmap/unknown-category', 5],
      ['roadmap/checked-outside-done', 11],
      ['roadmap/malformed-link', 12],
    ]);
    expect(bad.wanted!.map((w) => w.title)).toEqual(['Checked but still required.', 'Finished thing.']);
  });
});
