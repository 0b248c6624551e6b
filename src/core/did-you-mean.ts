/**
 * "Did you mean ...?": the one place that measures how far a mistyped word is from the words it could have been.
 * Every suggestion of gatewatch (commands, options, feature names, sections) comes from here. Pure.
 */

/**
 * Edit distance with adjacent transpositions (optimal string alignment): `scna` is one edit from `scan`, as a
 * typist sees it, where plain Levenshtein counts two.
 */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = [Array.from({ length: b.length + 1 }, (_, j) => j)];
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1]![j]! + 1, row[j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      row.push(d);
    }
    rows.push(row);
  }
  return rows[a.length]![b.length]!;
}

/** How many edits a word of this length may be from a candidate and still be a likely typo of it. */
export function maxTypoDistance(word: string): number {
  return Math.max(1, Math.floor(word.length / 3));
}

/**
 * The candidates closest to `word` (ties kept, in the candidates' order), when they are close enough to be a typo
 * of it; empty when none is. Case is ignored.
 */
export function suggestSimilar(word: string, candidates: Iterable<string>): string[] {
  const w = word.toLowerCase();
  const limit = maxTypoDistance(w);
  let best = Infinity;
  let found: string[] = [];
  for (const c of new Set(candidates)) {
    // Cheap bound: words whose lengths differ by more than the limit cannot be close enough.
    if (Math.abs(c.length - w.length) > limit) continue;
    const d = editDistance(w, c.toLowerCase());
    if (d > limit || d > best) continue;
    if (d < best) {
      best = d;
      found = [];
    }
    found.push(c);
  }
  return found;
}

/** `did you mean 'scan'?`, `did you mean 'x' or 'y'?`, or null when nothing is close. */
export function didYouMean(word: string, candidates: Iterable<string>, quote: (s: string) => string = (s) => `'${s}'`): string | null {
  const near = suggestSimilar(word, candidates);
  return near.length === 0 ? null : `did you mean ${joinOr(near.slice(0, 3).map(quote))}?`;
}

/** `a`, `a or b`, `a, b or c`. */
export function joinOr(words: readonly string[]): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}
