/**
 * Flags whose value selects a distinct feature, each value with its own road to stable: `-Zsanitizer=kcfi` and
 * `-Zsanitizer=kernel-address` are different gates (sanitizers are stabilised one at a time). The report, the
 * roadmap and their links keep such a value; other flags' values (`-Zbranch-protection=bti,pac-ret`) are settings
 * of one gate.
 */
const VALUE_GATES: ReadonlySet<string> = new Set(['-Zsanitizer']);

/** Whether a `-Z` flag (any spelling: `-Zsanitizer`, `-Z sanitizer`, underscores) is one gate per value. */
export function isValueGate(flag: string): boolean {
  const name = flag.replace(/^-Z\s*/, '').replace(/_/g, '-');
  return VALUE_GATES.has(`-Z${name}`);
}
