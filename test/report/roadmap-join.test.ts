/**
 * The report joined with the roadmap: each gate shows the roadmap items that cover it (goal or wanted item, its
 * category, its written status), in `report --json` and beside each gate in the Markdown, which reads like the
 * Rust-for-Linux tracking issue. The default report joins with the bundled roadmap.
 */
import { describe, expect, it } from 'vitest';
import { EXIT } from '../../src/core/errors.js';
import type { Gate, ReportDocument } from '../../src/model/report.js';
import { runCli } from '../helpers/cli.js';
import { fixture } from '../helpers/paths.js';

const report = async (...args: string[]) => {
  const r = await runCli(['report', ...args, '--json', '--progress', 'none']);
  expect(r.code, r.stderr).toBe(EXIT.ok);
  return JSON.parse(r.stdout) as ReportDocument;
};
const gate = (doc: ReportDocument, name: string) => doc.gates.find((g) => g.name === name) as Gate;

describe('the default report joins the bundled roadmap', () => {
  it('a flag the Rust-for-Linux compiler-features goal lists shows the goal, its category and written status', async () => {
    const doc = await report();
    expect(doc.roadmapInputs).toEqual(['data/roadmap/rust-for-linux-2026.toml', 'data/roadmap/wanted-features.toml']);
    expect(gate(doc, '-Zbranch-protection').roadmap).toEqual([
      expect.objectContaining({ id: 'stabilize-rust-for-linux-compiler-features', category: 'goal', writtenStatus: 'Accepted', file: 'data/roadmap/rust-for-linux-2026.toml' }),
    ]);
    expect(gate(doc, 'arbitrary_self_types').roadmap).toEqual([expect.objectContaining({ id: 'arbitrary-self-types', category: 'goal' })]);
    // A wanted item under "Done" whose gate the kernel still enables: the heading is its written status.
    expect(gate(doc, 'lint_reasons').roadmap).toEqual([expect.objectContaining({ id: 'lint-reasons', category: 'done', writtenStatus: 'Done' })]);
    expect(gate(doc, 'used_with_arg').roadmap![0]).toMatchObject({ category: 'other-topic', writtenStatus: 'rank 3' });
    // A gate no item names has no roadmap field.
    expect(gate(doc, '-Zallow-features').roadmap).toBeUndefined();
  });

  it('the Markdown lists each class with the roadmap item beside the gate', async () => {
    const r = await runCli(['report', '--markdown', '--progress', 'none']);
    const blockers = r.stdout.slice(r.stdout.indexOf('## Blockers'));
    const line = blockers.split('\n').find((l) => l.startsWith('- [ ] `-Zbranch-protection`'))!;
    expect(line).toContain('Roadmap: *Stabilize Rust for Linux compiler features* (project goal, Accepted).');
    const later = r.stdout.split('\n').find((l) => l.includes('`lint_reasons`'))!;
    expect(later).toContain('Roadmap: *lint_reasons* (wanted list, Done).');
  });

  it('the terminal shows a roadmap column', async () => {
    const r = await runCli(['report', '--only', 'blockers', '--progress', 'none']);
    expect(r.stdout).toMatch(/-Zbranch-protection .* goal stabilize-rust-for-linux-compiler-features \(Accepted\)/);
  });

  it('--roadmap names other files, and none leaves the gates unjoined', async () => {
    const none = await report('--roadmap', 'none');
    expect(none.roadmapInputs).toBeUndefined();
    expect(none.gates.every((g) => g.roadmap === undefined)).toBe(true);
    const own = await report('--roadmap', fixture('roadmap', 'gatewatch-toml-every-field'));
    expect(own.roadmapInputs!.length).toBeGreaterThan(0);
  });
});
