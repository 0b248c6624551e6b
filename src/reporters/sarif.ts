/**
 * What every SARIF 2.1.0 log of gatewatch shares (https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html):
 * the log around the results, a location, and diagnostics as results of their own (rule id = the diagnostic's
 * code, level from its severity, a location when it has a place), so that code scanning shows a malformed
 * Makefile beside the gates it concerns.
 */
import { GATEWATCH_HOMEPAGE, GATEWATCH_VERSION } from '../core/version.js';
import type { Diagnostic, Severity } from '../model/diagnostic.js';

/**
 * Fingerprints that tell results apart: code scanning merges results that share one. Each is what the result is
 * about (kind, name, value, file) and its ordinal among results about the same thing, so that it survives lines
 * moving above it and two uses of one gate in one file stay two alerts.
 */
export function fingerprinter(): (about: string) => string {
  const seen = new Map<string, number>();
  return (about) => {
    const n = (seen.get(about) ?? 0) + 1;
    seen.set(about, n);
    return `${about}:${n}`;
  };
}

/** A SARIF result level. */
type SarifLevel = 'error' | 'warning' | 'note';

/** A reporting descriptor (a rule) of the driver. */
export interface SarifRule {
  id: string;
  name?: string;
  shortDescription: { text: string };
  fullDescription?: { text: string };
  defaultConfiguration: { level: SarifLevel };
}

/** The level of a diagnostic of this severity. */
const sarifLevel = (severity: Severity): SarifLevel => (severity === 'info' ? 'note' : severity);

/** A physical location relative to the source root; the region when a line is known. */
export function sarifLocation(file: string, line?: number, column?: number): object {
  return {
    physicalLocation: {
      artifactLocation: { uri: file, uriBaseId: '%SRCROOT%' },
      ...(line ? { region: column ? { startLine: line, startColumn: column } : { startLine: line } } : {}),
    },
  };
}

/** One rule per diagnostic code, in order of first appearance. */
export function diagnosticRules(diagnostics: readonly Diagnostic[]): SarifRule[] {
  const rules = new Map<string, SarifRule>();
  for (const d of diagnostics) {
    if (rules.has(d.code)) continue;
    rules.set(d.code, {
      id: d.code,
      shortDescription: { text: `gatewatch diagnostic ${d.code}: a problem met while reading or judging the input` },
      defaultConfiguration: { level: sarifLevel(d.severity) },
    });
  }
  return [...rules.values()];
}

/** Each diagnostic as a result of the rule of its code (`ruleIndex` finds that rule in the driver's list). */
export function diagnosticResults(diagnostics: readonly Diagnostic[], ruleIndex: (id: string) => number): object[] {
  const fingerprint = fingerprinter();
  return diagnostics.map((d) => ({
    ruleId: d.code,
    ruleIndex: ruleIndex(d.code),
    level: sarifLevel(d.severity),
    message: { text: d.hint ? `${d.message} (hint: ${d.hint})` : d.message },
    ...(d.file ? { locations: [sarifLocation(d.file, d.line, d.column)] } : {}),
    partialFingerprints: { diagnostic: fingerprint(`${d.code}:${d.file ?? ''}:${d.message}`) },
  }));
}

/** A SARIF log of one run of gatewatch, as the text a reporter prints. */
export function renderSarifLog(rules: readonly SarifRule[], results: readonly object[], properties: Record<string, unknown>): string {
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{ tool: { driver: { name: 'gatewatch', version: GATEWATCH_VERSION, informationUri: GATEWATCH_HOMEPAGE, rules } }, results, properties }],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
