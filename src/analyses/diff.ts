/**
 * What changed between two trees: gates added, removed, moved (the same gate at other files or lines) and
 * reclassified, each tree judged at its own minimum rustc. Pure: it reads two scan documents and a registry.
 */
import { gateKey } from './classify.js';
import { computeReport } from './report.js';
import type { Diagnostic } from '../model/diagnostic.js';
import { DIFF_SCHEMA, type DiffDocument, type DiffEntry } from '../model/history.js';
import type { Registry } from '../model/registry.js';
import type { Gate, GateOccurrence } from '../model/report.js';
import type { ScanSnapshot } from '../model/scan.js';
import { historyGateName } from './history.js';

/** The two sides of a diff: a scan and what to call it (`v6.12`, a directory, a document). */
export interface DiffSide {
  label: string;
  scan: ScanSnapshot;
}

/** Places of a gate as `file:line`, the identity "moved" compares (a column shift is not a move). */
const places = (occurrences: readonly GateOccurrence[]) => [...new Set(occurrences.map((o) => `${o.file}:${o.line}`))].sort().join('\n');

const byName = (a: DiffEntry, b: DiffEntry) => a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name);

/** Compute the diff document of two scans. */
export function computeDiff(oldSide: DiffSide, newSide: DiffSide, registry: Registry, options: { diagnostics?: readonly Diagnostic[] } = {}): DiffDocument {
  const before = computeReport(oldSide.scan, registry, { planner: false });
  const after = computeReport(newSide.scan, registry, { planner: false });
  const oldGates = new Map<string, Gate>(before.gates.map((g) => [gateKey(g), g]));
  const newGates = new Map<string, Gate>(after.gates.map((g) => [gateKey(g), g]));
  const entry = (o: Gate | undefined, n: Gate | undefined): DiffEntry => {
    const g = (n ?? o)!;
    return { name: historyGateName(g), kind: g.kind, classBefore: o?.class ?? null, classAfter: n?.class ?? null, before: o?.occurrences ?? [], after: n?.occurrences ?? [] };
  };
  const doc: DiffDocument = {
    schema: DIFF_SCHEMA,
    old: { label: oldSide.label, kernelVersion: oldSide.scan.kernelVersion, rustMinVersion: oldSide.scan.rustMinVersion },
    new: { label: newSide.label, kernelVersion: newSide.scan.kernelVersion, rustMinVersion: newSide.scan.rustMinVersion },
    added: [],
    removed: [],
    moved: [],
    classChanged: [],
    diagnostics: [...before.diagnostics, ...after.diagnostics, ...(options.diagnostics ?? [])],
  };
  for (const [key, n] of newGates) {
    const o = oldGates.get(key);
    if (!o) doc.added.push(entry(undefined, n));
    else {
      if (places(o.occurrences) !== places(n.occurrences)) doc.moved.push(entry(o, n));
      if (o.class !== n.class) doc.classChanged.push(entry(o, n));
    }
  }
  for (const [key, o] of oldGates) if (!newGates.has(key)) doc.removed.push(entry(o, undefined));
  for (const list of [doc.added, doc.removed, doc.moved, doc.classChanged]) list.sort(byName);
  return doc;
}
