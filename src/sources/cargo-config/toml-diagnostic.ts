/**
 * A TOML file smol-toml could not parse (https://toml.io/en/v1.0.0), as a diagnostic at the place smol-toml
 * names, so that one bad Cargo file never stops a scan.
 */
import { diagnostic, type Diagnostic } from '../../model/diagnostic.js';

/** Diagnostic `<source>/invalid-toml` for a smol-toml parse error (or anything else thrown while parsing). */
export function invalidTomlDiagnostic(source: string, file: string, error: unknown, expected: string): Diagnostic {
  const e = error as { message?: unknown; line?: unknown; column?: unknown };
  const first = typeof e.message === 'string' ? e.message.split('\n')[0]!.replace(/^Invalid TOML document:\s*/, '') : String(error);
  const place: { file: string; line?: number; column?: number } = { file };
  if (typeof e.line === 'number' && e.line > 0) place.line = e.line;
  if (typeof e.column === 'number' && e.column > 0) place.column = e.column;
  return diagnostic(`${source}/invalid-toml`, 'error', `could not parse ${file} as TOML: ${first}; its settings were not scanned`, place, `expected ${expected}`);
}
