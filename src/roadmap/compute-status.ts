/**
 * Link roadmap entries to the registry and the kernel scan: each entry's gates (explicit, and found in its text),
 * what the registry says about them, which the kernel still enables; conflicts between written and computed
 * status as findings; and coverage of the kernel's gates. Pure: registry and scan come in as documents.
 */
import { diagnostic, type Diagnostic } from '../model/diagnostic.js';
import type { Registry } from '../model/registry.js';
import type { ComputedStatus, GateRef, GateStatus, Goal, Linked, LinkedRoadmap, OtherTopic, Place, RoadmapDocument, WantedItem } from '../model/roadmap.js';
import { CATEGORY_LABELS, ROADMAP_SCHEMA } from '../model/roadmap.js';
import type { ScanSnapshot } from '../model/scan.js';
import { compareRustVersions } from '../core/rust-version.js';
import { indexRegistry, normaliseName, type RegistryIndex } from '../registry/lookup.js';
import { collectGatesInText, mergeGates } from './gates-in-text.js';

/** Inputs of the computation besides the document. */
export interface ComputeRoadmapOptions {
  registry: Registry | null;
  scan: ScanSnapshot | null;
  /** Labels for `against`: where the registry and the scan came from. */
  registryLabel?: string;
  scanLabel?: string;
}

/** Kernel places per normalised gate name. */
function kernelUses(scan: ScanSnapshot | null): Map<string, string[]> {
  const uses = new Map<string, string[]>();
  for (const o of scan?.occurrences ?? []) {
    const key = normaliseName(o.name);
    const list = uses.get(key) ?? [];
    list.push(`${o.file}:${o.line}`);
    uses.set(key, list);
  }
  return uses;
}

/** The status of one gate in the registry and the kernel. */
export function computeGateStatus(gate: GateRef, index: RegistryIndex | null, uses: Map<string, string[]>): GateStatus {
  const entry = index?.get(gate.name);
  return {
    name: gate.name,
    kind: gate.kind,
    registry: entry ? entry.status : 'unknown',
    since: entry?.since ?? null,
    kernelUses: uses.get(normaliseName(gate.name)) ?? [],
    ...(gate.proposed ? { proposed: true } : {}),
    ...(entry?.replacement ? { replacement: entry.replacement } : {}),
    ...(entry?.replacementSince ? { replacementSince: entry.replacementSince } : {}),
  };
}

/** Combine gate statuses into the entry's computed status. */
export function computeEntryStatus(gates: GateStatus[]): ComputedStatus {
  const stillEnabledByKernel = gates.filter((g) => g.kernelUses.length > 0).map((g) => g.name);
  const known = gates.filter((g) => g.registry !== 'unknown');
  let state: ComputedStatus['state'];
  let stableSince: string | null = null;
  if (gates.length === 0) state = 'no-gates';
  else if (known.length === 0) state = 'unknown';
  else if (known.every((g) => g.registry === 'stable') && known.length === gates.length) {
    state = 'stable';
    stableSince = known.map((g) => g.since).filter((s): s is string => Boolean(s)).sort(compareRustVersions).pop() ?? null;
  } else if (known.every((g) => g.registry === 'stable' || g.registry === 'removed') && known.some((g) => g.registry === 'removed')) state = 'removed';
  else if (known.some((g) => g.registry === 'stable')) state = 'partly-stable';
  else state = 'unstable';
  return { state, stableSince, stillEnabledByKernel, gates };
}

/** Compute statuses, findings and coverage of a roadmap document. */
export function computeRoadmapStatus(doc: RoadmapDocument, options: ComputeRoadmapOptions): LinkedRoadmap {
  const index = options.registry ? indexRegistry(options.registry) : null;
  const uses = kernelUses(options.scan);
  const findings: Diagnostic[] = [];
  const isKnown = (name: string) => Boolean(index?.get(name));

  const link = <T extends { title: string; gates: GateRef[]; mentions?: string[]; place?: Place }>(entry: T, category: Linked['category'], written: Linked['written'], texts: string[]): T & Linked => {
    const mentioned: GateRef[] = (entry.mentions ?? []).filter(isKnown).map((name) => ({ name, kind: 'feature', from: 'text' }));
    const gates = mergeGates(entry.gates, ...[entry.title, ...texts].map((t) => collectGatesInText(t, isKnown)), mentioned);
    const computed = computeEntryStatus(gates.map((g) => computeGateStatus(g, index, uses)));
    const place = entry.place ?? {};
    if (index)
      for (const [i, g] of computed.gates.entries())
        // The registry describes rustc; cargo's and rustdoc's gates are not expected in it.
        if (g.registry === 'unknown' && !g.proposed && gates[i]!.tool === undefined)
          findings.push(diagnostic('roadmap/unknown-gate', 'error', `"${entry.title}" names ${g.kind} \`${g.name}\`, which the registry does not know`, gates[i]!.place ?? place, 'check the spelling against `gatewatch feature <name>`, or drop it from gates'));
    return { ...entry, gates, category, written, computed };
  };

  const goals = doc.goals.map((g: Goal) => link(g, 'goal', { status: g.status, notes: [] }, [g.whatAndWhy ?? '', g.summary ?? '', ...g.subGoals.map((s) => s.title)]));
  const wanted = doc.wanted.map((w: WantedItem) => {
    const l = link(w, w.category, { status: CATEGORY_LABELS[w.category], notes: w.status }, [...w.status, w.summary ?? '']);
    const c = l.computed;
    if (w.category === 'done' && c.stillEnabledByKernel.length > 0)
      findings.push(diagnostic('roadmap/done-but-kernel-enables', 'warning', `"${w.title}" is written Done, but the kernel still enables ${c.stillEnabledByKernel.map((n) => `\`${n}\``).join(', ')} (${c.gates.find((g) => g.kernelUses.length > 0)!.kernelUses[0]})`, w.place ?? {}, 'the kernel can drop the gate once its minimum rustc is past the stabilisation'));
    if (w.category === 'done' && (c.state === 'unstable' || c.state === 'partly-stable'))
      findings.push(diagnostic('roadmap/done-but-unstable', 'info', `"${w.title}" is written Done, but ${c.gates.filter((g) => g.registry !== 'stable').map((g) => `\`${g.name}\``).join(', ')} ${c.gates.filter((g) => g.registry !== 'stable').length > 1 ? 'are' : 'is'} still unstable`, w.place ?? {}, 'fine when the need was met another way; otherwise the item is not done'));
    if (w.category !== 'done' && c.state === 'stable')
      findings.push(diagnostic('roadmap/open-but-stable', 'warning', `"${w.title}" is listed as ${CATEGORY_LABELS[w.category]}, but ${c.gates.map((g) => `\`${g.name}\``).join(', ')} ${c.gates.length > 1 ? 'are' : 'is'} stable since ${c.stableSince ?? 'an unknown release'}`, w.place ?? {}, 'move it to Done'));
    return l;
  });
  const otherTopics = doc.otherTopics.map((t: OtherTopic) => link(t, 'other-topic', { status: `rank ${t.rank}`, notes: t.notes }, t.notes));

  const covered = new Set([...goals, ...wanted, ...otherTopics].flatMap((e) => e.gates.map((g) => normaliseName(g.name))));
  const coverage = {
    uncoveredKernelGates: options.scan ? [...uses.keys()].filter((n) => !covered.has(n)).sort() : [],
    entriesAllStable: [...goals, ...wanted, ...otherTopics].filter((e) => e.computed.state === 'stable').map((e) => ('id' in e ? String(e.id) : e.title)),
  };
  return {
    schema: ROADMAP_SCHEMA,
    inputs: doc.inputs,
    against: { registry: options.registry ? (options.registryLabel ?? 'registry') : null, scan: options.scan ? (options.scanLabel ?? options.scan.tree) : null },
    roadmaps: doc.roadmaps,
    goals,
    wanted,
    otherTopics,
    coverage,
    findings,
    diagnostics: doc.diagnostics,
  };
}
