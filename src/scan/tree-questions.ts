/**
 * Questions a source asks about the rest of the tree while collecting one file (`hasFile`, `crateOf`), written down
 * with their answers: facts kept in the store hold only while every answer is still the same.
 */
import type { ScanContext } from '../sources/types.js';

/** A question a source asked about the tree while collecting one file, with the answer it got. */
export type TreeQuestion = { hasFile: string; answer: boolean } | { crateOf: string; answer: string | null };

/** True when every question has the same answer in `ctx` as when it was asked. */
export function answersHold(asked: readonly TreeQuestion[] | undefined, ctx: ScanContext): boolean {
  if (!asked) return true;
  for (const q of asked) {
    if ('hasFile' in q) {
      if (ctx.hasFile(q.hasFile) !== q.answer) return false;
    } else if ((ctx.crateOf?.(q.crateOf) ?? null) !== q.answer) return false;
  }
  return true;
}

/** `ctx` for one source on one file, writing down every question asked and its answer. */
export function askingContext(ctx: ScanContext, asked: TreeQuestion[]): ScanContext {
  const out: ScanContext = {
    treeKind: ctx.treeKind,
    hasFile(path) {
      const answer = ctx.hasFile(path);
      asked.push({ hasFile: path, answer });
      return answer;
    },
  };
  const crateOf = ctx.crateOf;
  if (crateOf) {
    out.crateOf = (path) => {
      const answer = crateOf(path);
      asked.push({ crateOf: path, answer });
      return answer;
    };
  }
  return out;
}
