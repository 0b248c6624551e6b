/**
 * The Rust-for-Linux documents of a real rust-project-goals checkout (2024h2 onwards), when one is given with
 * GATEWATCH_PROJECT_GOALS_DIR (the repository root, holding src/2024h2/...). Skips with a message otherwise:
 * gatewatch never fetches at run time.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildRoadmap } from '../../src/roadmap/build-roadmap.js';
import { GOAL_STATUSES } from '../../src/roadmap/sources/project-goals/index.js';
import type { RoadmapFile } from '../../src/roadmap/sources/types.js';

const PERIODS = ['2024h2', '2025h1', '2025h2', '2026'];
const dir = process.env.GATEWATCH_PROJECT_GOALS_DIR;
const present = Boolean(dir && existsSync(join(dir, 'src', '2026')));
if (!present)
  console.warn(`skipping real rust-project-goals tests: set GATEWATCH_PROJECT_GOALS_DIR to a checkout of https://github.com/rust-lang/rust-project-goals (now ${dir ? `${dir}, which has no src/2026` : 'unset'})`);

function rflFiles(): RoadmapFile[] {
  return PERIODS.flatMap((p) =>
    readdirSync(join(dir!, 'src', p))
      .filter((f) => /^(rfl|rust-for-linux|roadmap-rust-for-linux)/i.test(f) && f.endsWith('.md'))
      .map((f) => ({ path: `src/${p}/${f}`, text: readFileSync(join(dir!, 'src', p, f), 'utf8') })),
  );
}

describe.skipIf(!present)('real rust-project-goals Rust-for-Linux documents', () => {
  const files = present ? rflFiles() : [];
  const doc = buildRoadmap(files);

  it('finds documents for every period from 2024h2 on, and reads them without errors', () => {
    for (const p of PERIODS) expect(files.some((f) => f.path.startsWith(`src/${p}/`)), `no Rust-for-Linux document in src/${p}`).toBe(true);
    expect(doc.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('reads each goal document as one goal with a point of contact, a known status and a tracking issue', () => {
    const goalFiles = files.filter((f) => !/roadmap-/.test(f.path));
    expect(doc.goals.filter((g) => g.place && goalFiles.some((f) => f.path === g.place!.file))).toHaveLength(goalFiles.length);
    for (const g of doc.goals.filter((x) => x.status !== null)) {
      expect(g.pointOfContact, g.title).toMatch(/^@\w/);
      expect(GOAL_STATUSES.map((s) => s.toLowerCase()), g.title).toContain(g.status!.toLowerCase());
      expect(g.trackingIssue?.kind, g.title).toBe('goal');
    }
  });

  it('reads the 2026 roadmap document with its metadata and ranked other topics', () => {
    const rm = doc.roadmaps.find((r) => r.place?.file.startsWith('src/2026/'));
    expect(rm?.title).toBe('Rust for Linux');
    expect(rm?.pointOfContact).toMatch(/^@\w/);
    const topics = doc.otherTopics.filter((t) => t.place?.file.startsWith('src/2026/'));
    expect(topics.length).toBeGreaterThan(0);
    expect(topics.map((t) => t.rank)).toEqual(topics.map((_, i) => i + 1));
  });

  it('reads every goal document of those periods (not only Rust for Linux) as one goal or one roadmap', () => {
    const all = PERIODS.flatMap((p) =>
      readdirSync(join(dir!, 'src', p))
        .filter((f) => f.endsWith('.md'))
        .map((f) => ({ path: `src/${p}/${f}`, text: readFileSync(join(dir!, 'src', p, f), 'utf8') }))
        .filter((f) => /^\|\s*Metadata\s*\|/m.test(f.text)),
    );
    const built = buildRoadmap(all);
    const read = new Set([...built.goals, ...built.roadmaps].map((e) => e.place?.file));
    expect(all.filter((f) => !read.has(f.path)).map((f) => f.path)).toEqual([]);
    // What real documents get wrong is rows (a line glued under a table), never the document as a whole.
    const codes = new Set(built.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code));
    expect([...codes].filter((c) => c !== 'roadmap/malformed-table-row')).toEqual([]);
  });

  it('links the compiler-features goals to the -Z flags they list', () => {
    const compiler = doc.goals.filter((g) => /compiler features/i.test(g.title));
    expect(compiler.length).toBeGreaterThan(0);
    for (const g of compiler) {
      const flags = g.gates.filter((x) => x.kind === 'flag');
      expect(flags.length, g.title).toBeGreaterThan(10);
      expect(flags.every((x) => /^-Z[a-z]/.test(x.name))).toBe(true);
    }
  });
});
