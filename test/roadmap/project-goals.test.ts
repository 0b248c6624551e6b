import { describe, expect, it } from 'vitest';
import { collectProjectGoals } from '../../src/roadmap/sources/project-goals/index.js';
import { sourceFor } from '../../src/roadmap/sources/index.js';
import { roadmapFixture } from './helpers.js';

describe('project-goals source (rust-project-goals Markdown)', () => {
  it('reads a 2024h2-style goal: metadata, summary, owners from the task tables, sub-goals from ### headings', () => {
    const file = roadmapFixture('project-goals-2024h2-layout', 'goal.md');
    expect(sourceFor(file)?.name).toBe('project-goals');
    const { goals, diagnostics } = collectProjectGoals(file);
    expect(diagnostics).toEqual([]);
    const g = goals![0]!;
    expect([g.title, g.shortTitle, g.pointOfContact, g.status]).toEqual(['Make frobbing stable for kernels', 'Frobbing', '@carol', 'Accepted']);
    expect(g.trackingIssue).toMatchObject({ kind: 'goal', repo: 'rust-lang/rust-project-goals', number: 901 });
    expect(g.taskOwners).toEqual(['@carol', '@dave', '@erin', '@frank']);
    expect(g.subGoals.map((s) => [s.title, s.place?.line])).toEqual([
      ['Frob pointers', 32],
      ['Frob cells', 40],
    ]);
    expect(g.summary).toBe('Finish the `frob_pointer` work and stabilise `feature(frob_cells)` for the kernel.');
    // Gates from the prose and tables; the code block is an example and names nothing.
    expect(g.gates.map((x) => x.name)).toEqual(['frob_cells', '-Zfrob-level']);
    expect(g.mentions).toContain('frob_pointer');
    expect(g.mentions).not.toContain('not_a_real_ask');
  });

  it('reads a 2026-style goal: timespan, two roadmaps, champions, other tracking issues, team asks', () => {
    const { goals, diagnostics } = collectProjectGoals(roadmapFixture('project-goals-2026-layout', 'goal.md'));
    expect(diagnostics).toEqual([]);
    const g = goals![0]!;
    expect([g.status, g.timespan, g.whatAndWhy]).toEqual(['Proposed', '2026-2027', 'Let kernel smart pointers be frobbed on stable Rust']);
    expect(g.roadmaps).toEqual(['Rust for Linux', 'Beyond the `&`']);
    expect(g.champions).toEqual([
      { team: 'lang', people: ['@grace'] },
      { team: 'types', people: ['@heidi'] },
    ]);
    expect(g.links.map((l) => l.number)).toEqual([120001, 120006]);
    expect(g.subGoals.map((s) => s.title)).toEqual(['Frob pointer stabilisation', 'Frob chain experiment']);
    expect(g.teamAsks).toEqual([
      { team: 'lang', level: 'Medium', notes: 'Stabilization decision' },
      { team: 'compiler', level: 'Small', notes: 'Reviews' },
    ]);
  });

  it('reads a roadmap document: its metadata, one goal per table row, ranked other topics', () => {
    const facts = collectProjectGoals(roadmapFixture('project-goals-roadmap-with-other-topics', 'roadmap-frob.md'));
    expect(facts.diagnostics).toEqual([]);
    expect(facts.roadmaps).toMatchObject([{ title: 'Frobbing for Linux', shortTitle: 'Frobbing', pointOfContact: '@carol' }]);
    expect(facts.goals!.map((g) => [g.title, g.timespan, g.roadmaps, g.gates.map((x) => x.name), g.place?.line])).toEqual([
      ['Frob pointers', '2026', ['Frobbing for Linux'], ['frob_pointer'], 17],
      ['Frob cells', '2026-2027', ['Frobbing for Linux'], ['-Zfrob-level'], 18],
    ]);
    expect(facts.otherTopics!.map((t) => [t.rank, t.title, t.mentions, t.notes.length])).toEqual([
      [1, '`frob_const`', ['frob_const'], 0],
      [2, '`cfg(no_frob)`', [], 0],
      [3, 'Frob domains', [], 2],
    ]);
  });

  it('reports a missing point of contact, an unknown status and malformed rows, each with its line', () => {
    const { goals, diagnostics } = collectProjectGoals(roadmapFixture('project-goals-malformed', 'goal.md'));
    expect(goals).toHaveLength(1);
    expect(diagnostics!.map((d) => [d.code, d.severity, d.line])).toEqual([
      ['roadmap/malformed-table-row', 'warning', 7],
      ['roadmap/malformed-table-row', 'error', 13],
      ['roadmap/unknown-status', 'error', 5],
      ['roadmap/missing-point-of-contact', 'error', 3],
    ]);
  });
});
