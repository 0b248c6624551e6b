import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../src/core/errors.js';
import { type LinkedRoadmap, ROADMAP_SCHEMA } from '../../src/model/roadmap.js';
import { WANTED_CATEGORIES } from '../../src/model/roadmap.js';
import { runCli } from '../helpers/cli.js';
import { fixture } from '../helpers/paths.js';
import { registryOf, scanOf } from './helpers.js';

const tmp = mkdtempSync(join(tmpdir(), 'gatewatch-roadmap-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const registryFile = join(tmp, 'registry.json');
writeFileSync(registryFile, JSON.stringify(registryOf([{ name: 'frob_stable', status: 'stable', since: '1.88.0' }, { name: 'frob_unstable', status: 'unstable', since: null }, { name: '-Zfrob-level', status: 'unstable', since: null }])));
const scanFile = join(tmp, 'scan.json');
writeFileSync(scanFile, JSON.stringify(scanOf([{ name: 'frob_stable', file: 'rust/kernel/lib.rs', line: 17 }])));
const conflicts = fixture('roadmap', 'written-status-conflicts', 'roadmap.toml');

describe('gatewatch roadmap', () => {
  it('--json prints the bundled roadmap: schema, goals, wanted and other topics, each with written and computed status', async () => {
    const r = await runCli(['roadmap', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as LinkedRoadmap;
    expect(doc.schema).toBe(ROADMAP_SCHEMA);
    expect(doc.roadmaps.map((x) => x.title)).toEqual(['Rust for Linux']);
    for (const e of [...doc.goals, ...doc.wanted, ...doc.otherTopics]) {
      expect(e.title, JSON.stringify(e)).not.toBe('');
      expect(typeof e.category).toBe('string');
      expect(Array.isArray(e.gates)).toBe(true);
      expect(e.written).toHaveProperty('status');
      expect(e.computed).toHaveProperty('state');
    }
    expect(new Set(doc.wanted.map((w) => w.category))).toEqual(new Set(WANTED_CATEGORIES));
    expect(doc.otherTopics.map((t) => t.rank)).toEqual(doc.otherTopics.map((_, i) => i + 1));
    // Bundled data reads cleanly; relative paths only.
    expect(doc.diagnostics).toEqual([]);
    expect(doc.inputs.every((p) => p.startsWith('data/roadmap/'))).toBe(true);
  });

  it("links every gate of the bundled roadmap to the bundled registry (proposed names and cargo's or rustdoc's gates aside)", async () => {
    const r = await runCli(['roadmap', '--json', '--scan', 'none']);
    const doc = JSON.parse(r.stdout) as LinkedRoadmap;
    expect(doc.against.registry).toMatch(/^bundled data\/registry\.json/);
    const unknown = [...doc.goals, ...doc.wanted, ...doc.otherTopics].flatMap((e) =>
      e.computed.gates.filter((g, i) => g.registry === 'unknown' && !g.proposed && e.gates[i]!.tool === undefined).map((g) => `${e.title}: ${g.name}`),
    );
    expect(unknown).toEqual([]);
    expect(doc.findings.filter((f) => f.code === 'roadmap/unknown-gate')).toEqual([]);
  });

  it('reads files in other formats and forces one with --from', async () => {
    const r = await runCli(['roadmap', '--json', '--registry', 'none', '--scan', 'none', fixture('roadmap', 'wanted-list-with-releases'), fixture('roadmap', 'project-goals-2026-layout', 'goal.md')]);
    const doc = JSON.parse(r.stdout) as LinkedRoadmap;
    expect([doc.wanted.length, doc.goals.length]).toEqual([5, 1]);
    const forced = await runCli(['roadmap', '--json', '--registry', 'none', '--from', 'wanted-list', fixture('roadmap', 'project-goals-2026-layout', 'goal.md')]);
    expect((JSON.parse(forced.stdout) as LinkedRoadmap).goals).toEqual([]);
  });

  it('a file named that does not exist, or a bad registry document, stops the run with exit 2', async () => {
    for (const args of [['roadmap', '--registry', 'none', 'no-such-roadmap.toml'], ['roadmap', 'check', '--registry', 'none', 'no-such-roadmap.toml']]) {
      const r = await runCli(args, { cwd: tmp });
      expect(r.code, args.join(' ')).toBe(EXIT.error);
      expect(r.stderr).toBe('gatewatch: no such roadmap file or directory: no-such-roadmap.toml\n  hint: give .toml or .md files or directories of them, or no argument for the bundled roadmap\n');
      expect(r.stdout).toBe('');
    }
    const bad = await runCli(['roadmap', '--registry', scanFile]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('is not a registry document');
  });
});

describe('gatewatch roadmap check', () => {
  it('a file of a named directory that cannot be read is a diagnostic with its place, and the rest is read', async () => {
    const dir = join(tmp, 'roadmap-with-a-dangling-link');
    mkdirSync(dir);
    copyFileSync(conflicts, join(dir, 'roadmap.toml'));
    symlinkSync(join(dir, 'gone.toml'), join(dir, 'dangling.toml'));
    const r = await runCli(['roadmap', 'check', '--registry', registryFile, '--scan', scanFile, 'roadmap-with-a-dangling-link'], { cwd: tmp });
    expect(r.code).toBe(EXIT.findings);
    expect(r.stdout).toContain('roadmap-with-a-dangling-link/dangling.toml: error cannot read roadmap-with-a-dangling-link/dangling.toml: ENOENT [roadmap/unreadable]');
    expect(r.stdout).toContain('[roadmap/open-but-stable]');
  });

  it('reports every problem with file:line and exits 1', async () => {
    const r = await runCli(['roadmap', 'check', '--registry', 'none', 'gatewatch-toml-problems/roadmap.toml'], { cwd: fixture('roadmap') });
    expect(r.code).toBe(1);
    for (const line of [5, 7, 13, 14, 15, 21, 25, 29]) expect(r.stdout).toContain(`gatewatch-toml-problems/roadmap.toml:${line}: `);
    expect(r.stdout).toMatch(/1 file\(s\) checked: 7 error\(s\), 1 warning\(s\)/);
  });

  it('conflicts are warnings, errors only with --fail-on-conflicts; unknown gates are errors', async () => {
    const args = ['roadmap', 'check', '--registry', registryFile, '--scan', scanFile, conflicts];
    const r = await runCli(args);
    expect(r.stdout).toContain('is listed as Required, but `frob_stable` is stable since 1.88.0 [roadmap/open-but-stable]');
    expect(r.stdout).toContain('is written Done, but the kernel still enables `frob_stable` (rust/kernel/lib.rs:17) [roadmap/done-but-kernel-enables]');
    expect(r.stdout).toContain('`frob_typo`, which the registry does not know [roadmap/unknown-gate]');
    expect(r.code).toBe(1);
    const json = await runCli([...args, '--json']);
    const problems = (JSON.parse(json.stdout) as { problems: { code: string }[] }).problems.map((p) => p.code);
    expect(problems).toContain('roadmap/unknown-gate');
  });

  it('the bundled roadmap passes check', async () => {
    const r = await runCli(['roadmap', 'check']);
    expect(r.code, r.stdout).toBe(0);
    expect(r.stdout).toMatch(/2 file\(s\) checked: 0 error\(s\)/);
  });
});

describe('gatewatch roadmap render', () => {
  it('--format wanted-list shows Required items already stable and Done items the kernel still gates', async () => {
    const r = await runCli(['roadmap', 'render', '--format', 'wanted-list', '--registry', registryFile, '--scan', scanFile, conflicts]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('### Listed as open but already stable (1)\n\n  - Required but stable — Required, stable since 1.88.0');
    expect(r.stdout).toContain('### Done but the kernel still enables the gate (1)\n\n  - Done but the kernel still enables it');
    expect(r.stdout).toContain('## Features that we would like to see');
  });

  it('--format project-goals regenerates the roadmap table with a computed column', async () => {
    const r = await runCli(['roadmap', 'render', '--format', 'project-goals', '--scan', 'none']);
    expect(r.stdout).toContain('# Rust for Linux');
    expect(r.stdout).toContain('| Goal | Timespan | What and why | Gates | Computed status |');
    expect(r.stdout).toMatch(/\| Arbitrary self types \| 2026 \| .* \| `arbitrary_self_types` \| /);
    expect(r.stdout).toContain('## Other topics');
  });

  it('--format json is the same document as roadmap --json', async () => {
    const a = await runCli(['roadmap', 'render', '--format', 'json', '--scan', 'none']);
    const b = await runCli(['roadmap', '--json', '--scan', 'none']);
    expect(JSON.parse(a.stdout)).toEqual(JSON.parse(b.stdout));
  });

  it('the rendered wanted list reads back with the wanted-list source, same titles and categories', async () => {
    const r = await runCli(['roadmap', 'render', '--format', 'wanted-list', '--scan', 'none']);
    const file = join(tmp, 'rendered-wanted.md');
    writeFileSync(file, r.stdout);
    const back = JSON.parse((await runCli(['roadmap', '--json', '--scan', 'none', file])).stdout) as LinkedRoadmap;
    const orig = JSON.parse((await runCli(['roadmap', '--json', '--scan', 'none'])).stdout) as LinkedRoadmap;
    const essentials = (d: LinkedRoadmap) => d.wanted.map((w) => [w.title, w.category, w.kind, w.summary, w.status, w.usedBy, w.cc, w.gates.map((g) => g.name), w.links.map((l) => l.url)]);
    expect(essentials(back)).toEqual(essentials(orig));
  });
});
