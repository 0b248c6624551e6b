import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REGISTRY_SCHEMA, type Registry, type RegistryEntry } from '../../src/model/registry.js';
import { type Occurrence, SCAN_SCHEMA, type ScanSnapshot } from '../../src/model/scan.js';
import type { RoadmapFile } from '../../src/roadmap/sources/types.js';
import { fixture } from '../helpers/paths.js';

/** A fixture file of fixtures/roadmap/<case>/<name>, labelled as a user would name it. */
export function roadmapFixture(kase: string, name: string): RoadmapFile {
  return { path: `${kase}/${name}`, text: readFileSync(join(fixture('roadmap', kase), name), 'utf8') };
}

/** A small hand-made registry. */
export function registryOf(entries: Pick<RegistryEntry, 'name' | 'status' | 'since'>[]): Registry {
  return {
    schema: REGISTRY_SCHEMA,
    toolchain: null,
    generatedAt: '2026-01-01',
    provenance: [],
    features: entries.map((e) => ({ ...e, kind: e.name.startsWith('-Z') ? 'flag' : 'lang', trackingIssue: null, sources: [] })),
    diagnostics: [],
  };
}

/** A small hand-made kernel scan enabling these names at these places. */
export function scanOf(uses: { name: string; file: string; line: number }[]): ScanSnapshot {
  const occurrences: Occurrence[] = uses.map((u) => ({
    kind: u.name.startsWith('-Z') ? 'flag' : 'feature',
    name: u.name,
    value: null,
    file: u.file,
    line: u.line,
    column: 1,
    crate: 'kernel',
    arch: null,
    condition: null,
    via: u.name.startsWith('-Z') ? 'makefile' : 'crate-attr',
    guards: [],
  }));
  return {
    schema: SCAN_SCHEMA,
    tree: 'hand-made',
    kernelVersion: '6.99.0',
    rustMinVersion: '1.78.0',
    occurrences,
    claims: [],
    diagnostics: [],
    bootstrap: [],
    toolchainChannel: null,
    treeKind: 'kernel',
    stats: { filesConsidered: 0, filesRead: 0, elapsedMs: 0 },
    generator: { name: 'gatewatch', version: '0.0.0', generatedAt: '2026-01-01' },
  };
}
