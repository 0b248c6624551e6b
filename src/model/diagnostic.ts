/** Severity of a diagnostic: errors are facts we could not read, warnings are facts we read but doubt. */
export type Severity = 'error' | 'warning' | 'info';

/**
 * The one diagnostic shape used everywhere (scan, registry, roadmap, report); terminal, JSON and SARIF
 * reporters all render these objects. Shape follows vfile-message / Biome: what was found, what was expected.
 */
export interface Diagnostic {
  /** Stable machine code, e.g. `scan/unterminated-conditional`. */
  code: string;
  severity: Severity;
  message: string;
  /** Path relative to the scanned tree (or the input file), when the problem has a place. */
  file?: string;
  line?: number;
  column?: number;
  hint?: string;
}

/** Build a diagnostic without repeating the field names at every call site. */
export function diagnostic(
  code: string,
  severity: Severity,
  message: string,
  place: { file?: string; line?: number; column?: number } = {},
  hint?: string,
): Diagnostic {
  const d: Diagnostic = { code, severity, message };
  if (place.file !== undefined) d.file = place.file;
  if (place.line !== undefined) d.line = place.line;
  if (place.column !== undefined) d.column = place.column;
  if (hint !== undefined) d.hint = hint;
  return d;
}

/** `file:line:column` for terminal output. */
export function formatPlace(d: { file?: string; line?: number; column?: number }): string {
  if (!d.file) return '';
  return d.line ? (d.column ? `${d.file}:${d.line}:${d.column}` : `${d.file}:${d.line}`) : d.file;
}
