/** `check --sarif`: SARIF 2.1.0 (see src/reporters/sarif.ts) of the gates a baseline lacks and of the scan's diagnostics. */
import type { BaselineDiff } from '../../model/report.js';
import { diagnosticResults, diagnosticRules, fingerprinter, renderSarifLog, sarifLocation, type SarifRule } from '../sarif.js';
import type { Reporter } from '../types.js';
import { checkExitCode } from './exit-code.js';

const NEW_GATE: SarifRule = {
  id: 'gatewatch/new-gate',
  name: 'GateNotInBaseline',
  shortDescription: { text: 'A feature or -Z flag that the baseline does not allow' },
  fullDescription: { text: 'The tree uses an unstable feature or -Z flag that the gatewatch baseline lacks; remove it, or allow it with --write-baseline.' },
  defaultConfiguration: { level: 'error' },
};

/** One result per use of a gate the baseline lacks, so CI shows the new gate inline, then one per diagnostic; exit 1 when a gate is new. */
export const renderCheckSarif: Reporter<BaselineDiff> = (d) => {
  const diagnostics = d.diagnostics ?? [];
  const rules = [NEW_GATE, ...diagnosticRules(diagnostics)];
  const ruleIndex = (id: string) => rules.findIndex((r) => r.id === id);
  const fingerprint = fingerprinter();
  const gates = d.added.flatMap((g) =>
    g.occurrences.map((o) => ({
      ruleId: NEW_GATE.id,
      ruleIndex: 0,
      level: 'error',
      message: { text: `\`${g.name}\` is a new ${g.kind}${g.unknown ? ', unknown to rustc,' : ''} that the baseline ${d.baseline} does not allow; remove it, or accept it with --write-baseline.` },
      locations: [sarifLocation(o.file, o.line, o.column)],
      partialFingerprints: { gate: fingerprint(`${g.kind}:${g.name}:${o.file}`) },
    })),
  );
  const results: object[] = [...gates, ...diagnosticResults(diagnostics, ruleIndex)];
  const properties = { tree: d.tree, baseline: d.baseline, removed: d.removed.map((g) => g.name) };
  return { output: renderSarifLog(rules, results, properties), exitCode: checkExitCode(d) };
};
