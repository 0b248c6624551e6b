/**
 * The one way a diagnostic is shown on a terminal, used by every terminal reporter (scan, report, check, registry,
 * roadmap): `  file:line:column: severity message [code]`, then its hint.
 */
import pc from 'picocolors';
import { formatPlace, type Diagnostic } from '../model/diagnostic.js';
import { stripControls } from './terminal-safe.js';

/** One diagnostic as one line, or two with its hint. */
export function renderDiagnostic(d: Diagnostic, colour: boolean): string {
  const c = pc.createColors(colour);
  const severity = d.severity === 'error' ? c.red(d.severity) : d.severity === 'warning' ? c.yellow(d.severity) : c.dim(d.severity);
  return stripControls(`  ${formatPlace(d) || '-'}: `) + `${severity} ${stripControls(`${d.message} [${d.code}]`)}${d.hint ? `\n    hint: ${stripControls(d.hint)}` : ''}`;
}

/** Diagnostics as terminal lines, in the order given. */
export function renderDiagnosticLines(diagnostics: readonly Diagnostic[], colour: boolean): string[] {
  return diagnostics.map((d) => renderDiagnostic(d, colour));
}

/** A titled section of diagnostics (`Diagnostics (3)` and the lines), or nothing when there are none. */
export function renderDiagnosticSection(diagnostics: readonly Diagnostic[], colour: boolean, title = 'Diagnostics'): string[] {
  if (diagnostics.length === 0) return [];
  return [pc.createColors(colour).bold(`${title} (${diagnostics.length})`), ...renderDiagnosticLines(diagnostics, colour), ''];
}
