import { describe, expect, it } from 'vitest';
import { collectGatewatchToml } from '../../src/roadmap/sources/gatewatch-toml/index.js';
import { buildRoadmap } from '../../src/roadmap/build-roadmap.js';
import { roadmapFixture } from './helpers.js';

describe('gatewatch TOML source', () => {
  it('reads every field of the format', () => {
    const facts = collectGatewatchToml(roadmapFixture('gatewatch-toml-every-field', 'roadmap.toml'));
    expect(facts.diagnostics).toEqual([]);
    expect(facts.roadmaps).toMatchObject([{ title: 'Frobbing for Linux', pointOfContact: 'Carol', taskOwners: ['Dave', 'Erin'], url: 'https://example.org/roadmap', place: { line: 3 } }]);
    const g = facts.goals![0]!;
    expect(g).toMatchObject({ id: 'frob-pointers', status: 'Accepted', timespan: '2026', roadmaps: ['Frobbing for Linux'], champions: [{ team: 'lang', people: ['@grace'] }], place: { line: 11 } });
    expect(g.trackingIssue).toMatchObject({ kind: 'goal', number: 902, label: 'tracking issue' });
    expect(g.gates.map((x) => [x.name, x.from, x.place?.line])).toEqual([
      ['frob_pointer', 'field', 25],
      ['frob_cells', 'field', 25],
    ]);
    expect(g.subGoals).toEqual([{ title: 'Frob chain experiment', timespan: '2026', whatAndWhy: 'Try it.' }]);
    expect(g.teamAsks).toEqual([{ team: 'lang', level: 'Medium', notes: 'Decision' }]);
    expect(facts.otherTopics).toMatchObject([{ rank: 1, title: 'frob_const', gates: [{ name: 'frob_const', proposed: true }] }]);
    const w = facts.wanted![0]!;
    expect(w.links.map((l) => [l.kind, l.number ?? null, l.release ?? null])).toEqual([
      ['pr', 130002, '1.88'],
      ['pr', 130003, '?'],
      ['lore', null, null],
    ]);
    expect(w.gates.map((x) => [x.name, x.kind])).toEqual([
      ['frob_pointer', 'feature'],
      ['-Zfrob-level', 'flag'],
    ]);
    expect(facts.wanted![1]).toMatchObject({ id: 'miscompiled-frobs', kind: 'bug', category: 'done', place: { line: 55 } });
  });

  it('reports every problem at once with its line', () => {
    const doc = buildRoadmap([roadmapFixture('gatewatch-toml-problems', 'roadmap.toml')]);
    expect(doc.diagnostics.map((d) => `${d.line} ${d.code}`)).toEqual([
      '5 roadmap/unknown-category',
      '7 roadmap/missing-title',
      '13 roadmap/unknown-field',
      '14 roadmap/malformed-link',
      '15 roadmap/malformed-gate',
      '25 roadmap/missing-point-of-contact',
      '29 roadmap/wrong-type',
      '21 roadmap/duplicate',
    ]);
    expect(doc.diagnostics.find((d) => d.code === 'roadmap/duplicate')!.message).toContain('gatewatch-toml-problems/roadmap.toml:17');
    // The run goes on: the good entries are still there.
    expect(doc.wanted.map((w) => w.title)).toContain('Bad link and bad gate');
  });

  it('turns a syntax error into one diagnostic at its line', () => {
    const facts = collectGatewatchToml(roadmapFixture('gatewatch-toml-invalid-syntax', 'roadmap.toml'));
    expect(facts.diagnostics!.map((d) => [d.code, d.line])).toEqual([['roadmap/invalid-toml', 6]]);
  });
});
