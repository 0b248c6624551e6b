/**
 * A disk scan's whole collect step, kept beside its files' facts: the stamp of every planned file in plan order,
 * then what every source collected from them, as one JSON text. Most scans of a tree find none of its files changed;
 * for them the collect step is this entry: a stat per file and one parse, rather than a kept line looked up, decoded
 * and checked for each of a kernel tree's ~3.6k planned files. Any difference (a stamp, the plan, an answer about
 * the tree) and the files' own facts are used instead, file by file.
 *
 * The text: one `path<TAB>stamp<TAB>source,source` line per planned file, a NUL, then the JSON.
 */
import type { Diagnostic } from '../model/diagnostic.js';
import type { ScanContext, ScanSource, SourceFacts } from '../sources/types.js';
import type { Collected } from './collect.js';
import { isDiagnostic, isObject, isQuestions, isSourceFacts } from './kept-shapes.js';
import type { Plan } from './plan.js';
import { answersHold, type TreeQuestion } from './tree-questions.js';

/** What follows the lines: the facts by source name in plan order, the files' diagnostics, every question asked. */
interface KeptCollect {
  perSource: Record<string, SourceFacts[]>;
  diagnostics: Diagnostic[];
  asked: TreeQuestion[];
}

const TAB = 9;
const NL = 10;
const COMMA = 44;

/**
 * The text to keep for a collect step of `plan`; undefined unless every planned file was collected with a stamp
 * (a file that failed or changed while read is read again next time, so there is no whole step to keep).
 */
export function encodeOutcome(plan: Plan, collected: Collected): string | undefined {
  const lines: string[] = [];
  const asked: TreeQuestion[] = [];
  for (const { path, sources } of plan) {
    const f = collected.nextFiles.get(path);
    if (f === undefined || path.includes('\n') || path.includes('\t') || path.includes('\0')) return undefined;
    lines.push(`${path}\t${f.stamp}\t${sources.map((s) => s.name).join(',')}`);
    if (f.facts) for (const kept of Object.values(f.facts)) if (kept.asked) asked.push(...kept.asked);
  }
  const perSource: Record<string, SourceFacts[]> = {};
  for (const [source, facts] of collected.perSource) perSource[source.name] = facts;
  const rest: KeptCollect = { perSource, diagnostics: collected.diagnostics, asked };
  return `${lines.join('\n')}\0${JSON.stringify(rest)}`;
}

/**
 * The collect step kept in `text`, when it was made for this plan, every file's `stamp` now is the kept one, and
 * every question asked about the tree has the same answer; otherwise undefined.
 */
export function reuseOutcome(text: string, plan: Plan, stamp: (path: string) => string | null, sources: readonly ScanSource[], ctx: ScanContext): Collected | undefined {
  const cut = text.indexOf('\0');
  if (cut < 0) return undefined;
  // The lines are compared in place with the plan: no line is split out or built.
  let at = 0;
  for (const { path, sources: wanting } of plan) {
    if (!text.startsWith(path, at) || text.charCodeAt(at + path.length) !== TAB) return undefined;
    at += path.length + 1;
    const now = stamp(path);
    if (now === null || !text.startsWith(now, at) || text.charCodeAt(at + now.length) !== TAB) return undefined;
    at += now.length + 1;
    for (let k = 0; k < wanting.length; k++) {
      const name = wanting[k]!.name;
      if (!text.startsWith(name, at)) return undefined;
      at += name.length;
      const after = text.charCodeAt(at);
      if (k < wanting.length - 1 ? after !== COMMA : after !== NL && at !== cut) return undefined;
      at++;
    }
  }
  if (plan.length === 0 ? cut !== 0 : at !== cut + 1) return undefined;
  let kept: unknown;
  try {
    kept = JSON.parse(text.slice(cut + 1));
  } catch {
    return undefined;
  }
  if (!isKeptCollect(kept, sources) || !answersHold(kept.asked, ctx)) return undefined;
  return {
    perSource: new Map(sources.map((s) => [s, kept.perSource[s.name] ?? []])),
    diagnostics: kept.diagnostics,
    filesRead: 0,
    filesFromCache: plan.length,
    nextFiles: new Map(),
    readNow: new Set(),
  };
}

function isKeptCollect(v: unknown, sources: readonly ScanSource[]): v is KeptCollect {
  if (!isObject(v) || !isObject(v.perSource) || !Array.isArray(v.diagnostics) || !v.diagnostics.every(isDiagnostic) || !isQuestions(v.asked)) return false;
  const names = new Set(sources.map((s) => s.name));
  for (const [name, facts] of Object.entries(v.perSource)) if (!names.has(name) || !Array.isArray(facts) || !facts.every(isSourceFacts)) return false;
  return true;
}
