/**
 * The roadmap renderers match their golden files (fixtures/roadmap/<case>/golden/). Regenerate them with
 * `UPDATE_GOLDENS=1 npx vitest run test/roadmap/renderers.test.ts` and review `git diff fixtures/roadmap`.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildRoadmap } from '../../src/roadmap/build-roadmap.js';
import { computeRoadmapStatus } from '../../src/roadmap/compute-status.js';
import { roadmapRenderers } from '../../src/reporters/roadmap/index.js';
import { fixture } from '../helpers/paths.js';
import { registryOf, roadmapFixture, scanOf } from './helpers.js';

const UPDATE = process.env['UPDATE_GOLDENS'] === '1';

function golden(kase: string, name: string, actual: string) {
  const dir = fixture('roadmap', kase, 'golden');
  const path = join(dir, name);
  if (UPDATE) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(path, actual);
  }
  expect(existsSync(path), `${path} is missing: run UPDATE_GOLDENS=1 npx vitest run test/roadmap/renderers.test.ts`).toBe(true);
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

const registry = registryOf([
  { name: 'frob_stable', status: 'stable', since: '1.88.0' },
  { name: 'frob_old', status: 'stable', since: '1.70.0' },
  { name: 'frob_unstable', status: 'unstable', since: null },
  { name: 'frob_removed', status: 'removed', since: '1.80.0' },
  { name: 'frob_pointer', status: 'unstable', since: null },
  { name: '-Zfrob-level', status: 'unstable', since: null },
]);
const scan = scanOf([
  { name: 'frob_stable', file: 'rust/kernel/lib.rs', line: 17 },
  { name: '-Zfrob-level', file: 'Makefile', line: 500 },
]);
const ext = { 'project-goals': 'md', 'wanted-list': 'md', json: 'json', text: 'txt' } as const;

describe('roadmap renderers match their golden files', () => {
  const cases = {
    'written-status-conflicts': [roadmapFixture('written-status-conflicts', 'roadmap.toml')],
    'project-goals-roadmap-with-other-topics': [roadmapFixture('project-goals-roadmap-with-other-topics', 'roadmap-frob.md')],
  };
  for (const [kase, files] of Object.entries(cases)) {
    const linked = computeRoadmapStatus(buildRoadmap(files), { registry, scan, registryLabel: 'hand-made registry', scanLabel: 'hand-made scan' });
    for (const [name, render] of Object.entries(roadmapRenderers)) {
      it(`${kase}: ${name}`, () => {
        const r = render(linked, { colour: false });
        expect(r.exitCode).toBe(0);
        golden(kase, `${name}.${ext[name as keyof typeof ext]}`, r.output);
      });
    }
  }
});
