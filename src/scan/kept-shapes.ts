/**
 * Shapes of what the store gives back to a scan. An entry's checksum says it is whole, not that its writer was this
 * code: every fact read back is checked for the shape the steps after it rely on, and one that does not have it
 * makes the entry a miss.
 */
import type { Diagnostic } from '../model/diagnostic.js';
import type { SourceFacts } from '../sources/types.js';
import type { TreeQuestion } from './tree-questions.js';

/** A plain object (not an array, not null). */
export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A string, or nothing. */
export const isOptionalString = (v: unknown) => v === undefined || typeof v === 'string';

/** A diagnostic as reporters render it. */
export function isDiagnostic(v: unknown): v is Diagnostic {
  return isObject(v) && typeof v.code === 'string' && typeof v.severity === 'string' && typeof v.message === 'string' && isOptionalString(v.file);
}

/** Every key of `v` is one of `known` (a renamed key is a damaged entry, not an absent fact). */
export const onlyKeys = (v: Record<string, unknown>, known: ReadonlySet<string>) => Object.keys(v).every((k) => known.has(k));

// Every key of `SourceFacts` (src/sources/types.ts): a field added there is added here, or its files are never kept.
const SOURCE_FACT_KEYS = new Set(['occurrences', 'claims', 'diagnostics', 'bootstrap', 'crateCfgs', 'crates', 'kernelVersion', 'rustMinVersion', 'toolchainChannel', 'pending']);

/** A fact with a place, as every list of `SourceFacts` holds. */
const isPlaced = (x: unknown) => isObject(x) && typeof x.file === 'string' && typeof x.line === 'number';

/** The shape `assembleSnapshot` and the sources' `finalize` rely on: lists where lists are, texts where texts are. */
export function isSourceFacts(v: unknown): v is SourceFacts {
  if (!isObject(v) || !onlyKeys(v, SOURCE_FACT_KEYS)) return false;
  if (v.occurrences !== undefined && !(Array.isArray(v.occurrences) && v.occurrences.every((o) => isPlaced(o) && typeof (o as Record<string, unknown>).name === 'string'))) return false;
  for (const list of ['claims', 'bootstrap', 'crateCfgs', 'crates'] as const) {
    const l = v[list];
    if (l !== undefined && !(Array.isArray(l) && l.every(isPlaced))) return false;
  }
  if (v.diagnostics !== undefined && !(Array.isArray(v.diagnostics) && v.diagnostics.every(isDiagnostic))) return false;
  if (v.crates !== undefined && !(Array.isArray(v.crates) && v.crates.every(isObject))) return false;
  return isOptionalString(v.kernelVersion) && isOptionalString(v.rustMinVersion) && isOptionalString(v.toolchainChannel);
}

/** A list of questions asked about the tree, with their answers (src/scan/tree-questions.ts). */
export function isQuestions(v: unknown): v is TreeQuestion[] {
  return Array.isArray(v) && v.every((q) => isObject(q) && (('hasFile' in q && typeof q.answer === 'boolean') || ('crateOf' in q && (typeof q.answer === 'string' || q.answer === null))));
}
