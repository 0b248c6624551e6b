/**
 * Flag values as gates: `-Zsanitizer=kcfi` and `-Zsanitizer=kernel-address` are different roads, one gate each in
 * the report (JSON keeps the written flag and adds `value` and `gate`), each linked to its own roadmap item;
 * roadmap links keep the value; rustdoc and cargo flags named in goal documents are gates with their tool; and
 * `roadmap render` then `roadmap check` on the rendered file is clean.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../src/core/errors.js';
import type { ReportDocument } from '../../src/model/report.js';
import type { LinkedRoadmap } from '../../src/model/roadmap.js';
import { runCli } from '../helpers/cli.js';
import { fixture } from '../helpers/paths.js';

const roadmapFile = fixture('report', 'roadmap-with-sanitizer-values', 'roadmap.toml');
const tmp = mkdtempSync(join(tmpdir(), 'gatewatch-flag-values-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const json = async <T>(args: string[]): Promise<T> => {
  const r = await runCli([...args, '--json']);
  expect(r.code, r.stderr).toBe(EXIT.ok);
  return JSON.parse(r.stdout) as T;
};

describe("Debian 6.12's four sanitizers are four gates", () => {
  it('one gate per -Zsanitizer value, at its own place, the written flag kept as name', async () => {
    const doc = await json<ReportDocument>(['report', '--kernel', '6.12', '--progress', 'none']);
    const sanitizers = doc.gates.filter((g) => g.name === '-Zsanitizer');
    const where = Object.fromEntries(sanitizers.map((g) => [g.value, g.occurrences.map((o) => `${o.file}:${o.line}`)]));
    expect(where).toEqual({
      'shadow-call-stack': ['Makefile:954'],
      kcfi: ['Makefile:986'],
      'kernel-address': [expect.stringMatching(/^scripts\/Makefile\.kasan:\d+$/)],
      'kernel-hwaddress': [expect.stringMatching(/^scripts\/Makefile\.kasan:\d+$/)],
    });
    for (const g of sanitizers) expect(g.gate).toBe(`-Zsanitizer=${g.value}`);
    // A flag whose value is a setting of one gate stays one gate.
    expect(doc.gates.filter((g) => g.name === '-Zbranch-protection')).toHaveLength(1);
    expect(doc.gates.find((g) => g.name === '-Zbranch-protection')!.value).toBeUndefined();
  });

  it('each sanitizer links to its own roadmap item, and a valueless -Zsanitizer item covers them all', async () => {
    const doc = await json<ReportDocument>(['report', '--kernel', '6.12', '--roadmap', roadmapFile, '--progress', 'none']);
    const items = (value: string) => doc.gates.find((g) => g.gate === `-Zsanitizer=${value}`)!.roadmap!.map((i) => i.title);
    expect(items('kcfi')).toEqual(['Stabilize kCFI', 'Sanitizers in general']);
    expect(items('kernel-address')).toEqual(['Stabilize KASAN for Rust', 'Sanitizers in general']);
    expect(items('shadow-call-stack')).toEqual(['Shadow call stacks on arm64', 'Sanitizers in general']);
    expect(items('kernel-hwaddress')).toEqual(['Sanitizers in general']);
    const text = await runCli(['report', '--kernel', '6.12', '--only', 'blockers', '--progress', 'none']);
    expect(text.stdout).toMatch(/-Zsanitizer=kcfi\s/);
  });
});

describe('roadmap links keep the value and the tool', () => {
  it('gates fields and text keep -Zsanitizer=kcfi, cargo -Zbuild-std and rustdoc options', async () => {
    const r = await json<LinkedRoadmap>(['roadmap', roadmapFile]);
    const gates = (title: string) => [...r.goals, ...r.wanted, ...r.otherTopics].find((e) => e.title === title)!.gates.map((g) => ({ name: g.name, value: g.value, tool: g.tool }));
    expect(gates('Stabilize kCFI')).toEqual([{ name: '-Zsanitizer', value: 'kcfi', tool: undefined }]);
    expect(gates('build-std')).toEqual([{ name: '-Zbuild-std', value: undefined, tool: 'cargo' }]);
    expect(gates('rustdoc: stabilize --output-format=doctest and --extract-doctests')).toEqual([
      { name: '--output-format', value: 'doctest', tool: 'rustdoc' },
      { name: '--extract-doctests', value: undefined, tool: 'rustdoc' },
    ]);
    // Tool gates are not rustc's: the registry not knowing them is no finding.
    expect(r.findings.filter((f) => f.code === 'roadmap/unknown-gate')).toEqual([]);
  });

  it("the bundled roadmap's build-std goal is gated by cargo's -Zbuild-std", async () => {
    const r = await json<LinkedRoadmap>(['roadmap']);
    expect(r.goals.find((g) => g.title === 'build-std')!.gates).toEqual([expect.objectContaining({ name: '-Zbuild-std', tool: 'cargo' })]);
  });
});

describe('roadmap render, then roadmap check on the rendered file', () => {
  for (const format of ['project-goals', 'wanted-list']) {
    it(`${format}: the bundled roadmap reads back with no error, proposed gates still proposed`, async () => {
      const rendered = await runCli(['roadmap', 'render', '--format', format]);
      expect(rendered.code, rendered.stderr).toBe(EXIT.ok);
      const file = join(tmp, `${format}.md`);
      writeFileSync(file, rendered.stdout);
      const check = await json<{ errors: number; problems: { code: string }[] }>(['roadmap', 'check', file]);
      expect(check.problems.filter((p) => p.code === 'roadmap/unknown-gate')).toEqual([]);
      expect(check.errors).toBe(0);
    });
  }

  it('a rendered wanted list keeps each sanitizer value', async () => {
    const rendered = await runCli(['roadmap', 'render', '--format', 'wanted-list', roadmapFile]);
    expect(rendered.stdout).toContain('`-Zsanitizer=shadow-call-stack`');
    const file = join(tmp, 'values.md');
    writeFileSync(file, rendered.stdout);
    const back = await json<LinkedRoadmap>(['roadmap', file]);
    expect(back.wanted[0]!.gates).toEqual(expect.arrayContaining([expect.objectContaining({ name: '-Zsanitizer', value: 'shadow-call-stack' })]));
  });
});
