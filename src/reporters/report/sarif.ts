/**
 * SARIF 2.1.0 (https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html): one result per use of a
 * gate, at its file, line and column, so GitHub code scanning shows gates inline; wrong claims of the audit too.
 */
import type { BaselineDiff, GateClass, ReportDocument } from '../../model/report.js';
import type { Reporter } from '../types.js';
import { trackingUrl } from './common.js';

type Level = 'error' | 'warning' | 'note';

interface Rule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  defaultConfiguration: { level: Level };
}

const RULES: Record<GateClass | 'wrong-claim', Rule> = {
  error: {
    id: 'gatewatch/error',
    name: 'GateBreaksBuild',
    shortDescription: { text: 'A gate the chosen toolchain does not know or has removed' },
    fullDescription: { text: 'The feature or -Z flag is unknown to or removed from the chosen rustc, so the build breaks there.' },
    defaultConfiguration: { level: 'error' },
  },
  blocker: {
    id: 'gatewatch/blocker',
    name: 'UnstableGate',
    shortDescription: { text: 'An unstable feature or -Z flag that blocks a stable-Rust build' },
    fullDescription: { text: 'The gate is still unstable (or incomplete, or internal), so building needs an unstable compiler.' },
    defaultConfiguration: { level: 'warning' },
  },
  'removable-at': {
    id: 'gatewatch/removable-at',
    name: 'GateRemovableLater',
    shortDescription: { text: 'A gate that can go when the minimum rustc reaches a later release' },
    fullDescription: { text: 'The gate is stable (or only used with older compilers) from a release newer than the minimum rustc.' },
    defaultConfiguration: { level: 'note' },
  },
  removable: {
    id: 'gatewatch/removable',
    name: 'GateRemovableNow',
    shortDescription: { text: 'A gate that is stable at the minimum rustc and can go now' },
    fullDescription: { text: 'The gate was stabilised at or before the minimum rustc; the feature attribute or flag is no longer needed.' },
    defaultConfiguration: { level: 'note' },
  },
  'wrong-claim': {
    id: 'gatewatch/wrong-claim',
    name: 'WrongStabilityClaim',
    shortDescription: { text: 'A comment or Kconfig claim about a gate that the registry contradicts' },
    fullDescription: { text: 'A "Stable since" comment, an "expected to become stable" comment or a Kconfig threshold disagrees with the feature registry.' },
    defaultConfiguration: { level: 'warning' },
  },
};
const RULE_LIST = Object.values(RULES);
const ruleIndex = (id: string) => RULE_LIST.findIndex((r) => r.id === id);

const location = (file: string, line: number, column?: number) => ({
  physicalLocation: {
    artifactLocation: { uri: file, uriBaseId: '%SRCROOT%' },
    region: column ? { startLine: line, startColumn: column } : { startLine: line },
  },
});

/** `--sarif`: a SARIF 2.1.0 log of every gate use and every wrong claim. */
export const renderReportSarif: Reporter<ReportDocument> = (r) => {
  const results: object[] = [];
  for (const g of r.gates) {
    const rule = RULES[g.class];
    const tracking = g.trackingIssue !== null ? ` (${trackingUrl(g.trackingIssue)})` : '';
    for (const o of g.occurrences) {
      results.push({
        ruleId: rule.id,
        ruleIndex: ruleIndex(rule.id),
        level: rule.defaultConfiguration.level,
        message: { text: `${g.kind} \`${g.name}\` is ${g.class}${g.since ? ` (${g.since})` : ''}: ${g.reason}${tracking}` },
        locations: [location(o.file, o.line, o.column)],
        partialFingerprints: { gate: `${g.kind}:${g.name}:${o.file}` },
        properties: { gate: g.name, kind: g.kind, class: g.class, since: g.since, status: g.status, condition: o.condition },
      });
    }
  }
  for (const a of r.audit) {
    if (a.verdict !== 'wrong') continue;
    const rule = RULES['wrong-claim'];
    results.push({
      ruleId: rule.id,
      ruleIndex: ruleIndex(rule.id),
      level: rule.defaultConfiguration.level,
      message: { text: `claims ${a.claimed}${a.gate ? ` for \`${a.gate}\`` : ''}, but ${a.fact}` },
      locations: [location(a.file, a.line)],
      partialFingerprints: { claim: `${a.file}:${a.gate ?? a.symbol ?? ''}` },
    });
  }
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'gatewatch', rules: RULE_LIST } },
        results,
        properties: { tree: r.tree, kernelVersion: r.kernelVersion, rustMinVersion: r.rustMinVersion, judgedAgainst: r.judgedAgainst, toolchain: r.toolchain },
      },
    ],
  };
  return { output: JSON.stringify(log, null, 2) + '\n', exitCode: 0 };
};

const NEW_GATE: Rule = {
  id: 'gatewatch/new-gate',
  name: 'GateNotInBaseline',
  shortDescription: { text: 'A feature or -Z flag that the baseline does not allow' },
  fullDescription: { text: 'The tree uses an unstable feature or -Z flag that the gatewatch baseline lacks; remove it, or allow it with --write-baseline.' },
  defaultConfiguration: { level: 'error' },
};

/** `check --sarif`: one result per use of a gate the baseline lacks, so CI shows the new gate inline; exit 1 when any. */
export const renderCheckSarif: Reporter<BaselineDiff> = (d) => {
  const results = d.added.flatMap((g) =>
    g.occurrences.map((o) => ({
      ruleId: NEW_GATE.id,
      ruleIndex: 0,
      level: 'error',
      message: { text: `new ${g.kind} \`${g.name}\` is not in the baseline ${d.baseline}` },
      locations: [location(o.file, o.line, o.column)],
      partialFingerprints: { gate: `${g.kind}:${g.name}:${o.file}` },
    })),
  );
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{ tool: { driver: { name: 'gatewatch', rules: [NEW_GATE] } }, results, properties: { tree: d.tree, baseline: d.baseline, removed: d.removed.map((g) => g.name) } }],
  };
  return { output: JSON.stringify(log, null, 2) + '\n', exitCode: d.added.length > 0 ? 1 : 0 };
};
