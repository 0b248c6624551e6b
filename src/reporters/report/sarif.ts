/**
 * SARIF 2.1.0 (https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html): one result per use of a
 * gate, at its file, line and column, so GitHub code scanning shows gates inline; wrong claims of the audit and the
 * report's diagnostics too.
 */
import type { Gate, GateClass, ReportDocument } from '../../model/report.js';
import { diagnosticResults, diagnosticRules, fingerprinter, renderSarifLog, sarifLocation, type SarifRule } from '../sarif.js';
import type { Reporter } from '../types.js';
import { trackingUrl } from './common.js';

const RULES: Record<GateClass | 'wrong-claim', Required<SarifRule>> = {
  error: {
    id: 'gatewatch/error',
    name: 'GateBreaksBuild',
    shortDescription: { text: 'A gate the chosen toolchain does not know or has removed' },
    fullDescription: { text: 'The feature or -Z flag is unknown to or removed from the chosen rustc, so the build breaks there.' },
    defaultConfiguration: { level: 'error' },
  },
  unknown: {
    id: 'gatewatch/unknown',
    name: 'GateUndecided',
    shortDescription: { text: 'A gate that cannot be decided with this registry on this host' },
    fullDescription: { text: 'The name is unknown to the registry, but only another target\'s compiler or a newer toolchain the tree pins could say whether it breaks the build.' },
    defaultConfiguration: { level: 'warning' },
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

/** A plain sentence of what a gate's class means for the build, e.g. "`-Zsanitizer=kcfi` still needs an unstable compiler". */
export function gateSentence(g: Pick<Gate, 'name' | 'class' | 'since'>, value?: string | null): string {
  const name = `\`${g.name}${value ? `=${value}` : ''}\``;
  switch (g.class) {
    case 'error':
      return `${name} breaks the build with the chosen toolchain`;
    case 'blocker':
      return `${name} still needs an unstable compiler`;
    case 'removable-at':
      return `${name} can go once the minimum rustc reaches ${g.since ?? 'a later release'}`;
    case 'removable':
      return `${name} can go now: it is stable${g.since ? ` since ${g.since}` : ''} at the minimum rustc`;
    default:
      return `${name} cannot be judged here`;
  }
}

/** `--sarif`: a SARIF 2.1.0 log of every gate use, every wrong claim and every diagnostic. */
export const renderReportSarif: Reporter<ReportDocument> = (r) => {
  const rules: SarifRule[] = [...RULE_LIST, ...diagnosticRules(r.diagnostics)];
  const ruleIndex = (id: string) => rules.findIndex((x) => x.id === id);
  const results: object[] = [];
  const fingerprint = fingerprinter();
  for (const g of r.gates) {
    const rule = RULES[g.class];
    const tracking = g.trackingIssue !== null ? ` (${trackingUrl(g.trackingIssue)})` : '';
    for (const o of g.occurrences) {
      results.push({
        ruleId: rule.id,
        ruleIndex: ruleIndex(rule.id),
        level: rule.defaultConfiguration.level,
        message: { text: `${gateSentence(g, o.value)} (${g.reason}${tracking}).` },
        locations: [sarifLocation(o.file, o.line, o.column)],
        partialFingerprints: { gate: fingerprint(`${g.kind}:${g.name}${o.value ? `=${o.value}` : ''}:${o.file}`) },
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
      message: { text: `This comment claims ${a.claimed}${a.gate ? ` for \`${a.gate}\`` : ''}, but ${a.fact}.` },
      locations: [sarifLocation(a.file, a.line)],
      partialFingerprints: { claim: fingerprint(`${a.file}:${a.gate ?? a.symbol ?? ''}`) },
    });
  }
  results.push(...diagnosticResults(r.diagnostics, ruleIndex));
  const properties = { tree: r.tree, kernelVersion: r.kernelVersion, rustMinVersion: r.rustMinVersion, judgedAgainst: r.judgedAgainst, toolchain: r.toolchain };
  return { output: renderSarifLog(rules, results, properties), exitCode: 0 };
};
