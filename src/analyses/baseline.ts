/** The CI ratchet: a baseline of allowed gates, and the difference between a scan and that baseline. */
import { BASELINE_SCHEMA, type Baseline, type BaselineDiff, type BaselineGate, type GateOccurrence } from '../model/report.js';
import type { Occurrence, ScanSnapshot } from '../model/scan.js';
import type { RegistryIndex } from '../registry/lookup.js';
import { gateKey } from './classify.js';

const place = (o: Occurrence) => `${o.file}:${o.line}`;

function groupByGate(occurrences: readonly Occurrence[]): Map<string, Occurrence[]> {
  const groups = new Map<string, Occurrence[]>();
  for (const o of occurrences) {
    const k = gateKey(o);
    const list = groups.get(k);
    if (list) list.push(o);
    else groups.set(k, [o]);
  }
  return groups;
}

/** The baseline a scan would pass: every gate it uses, with its places. */
export function buildBaseline(scan: ScanSnapshot): Baseline {
  const gates: BaselineGate[] = [...groupByGate(scan.occurrences).values()].map((uses) => ({
    kind: uses[0]!.kind,
    name: uses[0]!.name,
    ...(uses[0]!.tool === 'cargo' ? { tool: 'cargo' as const } : {}),
    locations: uses.map(place),
  }));
  gates.sort((a, b) => a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name));
  return { schema: BASELINE_SCHEMA, tree: scan.tree, treeKind: scan.treeKind, gates };
}

const toGateOccurrence = (o: Occurrence): GateOccurrence => ({
  file: o.file, line: o.line, column: o.column, crate: o.crate, arch: o.arch, condition: o.condition, via: o.via, value: o.value, ...(o.tool ? { tool: o.tool } : {}),
});

/**
 * Gates of the scan the baseline lacks, and baseline gates the scan no longer uses. With a registry, a new gate it
 * does not know is marked `unknown` (a typo, or a gate newer than the registry).
 */
export function computeBaselineDiff(scan: ScanSnapshot, baseline: Baseline, baselineName: string, registry?: RegistryIndex): BaselineDiff {
  const now = groupByGate(scan.occurrences);
  const allowed = new Set(baseline.gates.map((g) => gateKey(g)));
  const added = [...now.entries()]
    .filter(([k]) => !allowed.has(k))
    .map(([, uses]) => ({
      kind: uses[0]!.kind,
      name: uses[0]!.name,
      ...(registry && !registry.get(uses[0]!.name) ? { unknown: true as const } : {}),
      occurrences: uses.map(toGateOccurrence),
    }))
    .sort((a, b) => a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name));
  const removed = baseline.gates.filter((g) => !now.has(gateKey(g)));
  return { schema: 'gatewatch/check@1', tree: scan.tree, baseline: baselineName, added, removed, unchanged: baseline.gates.length - removed.length, diagnostics: scan.diagnostics };
}
