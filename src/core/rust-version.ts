/**
 * Rust release numbers in the forms the kernel uses: `1.78.0`, and Kconfig's integer
 * `100000*major + 100*minor + patch` (`107800`), as in scripts/rust_is_available.sh.
 */

/** Parse `1.78`, `1.78.0` or `1.78.0-nightly` into [major, minor, patch], or null. */
export function parseRustVersion(text: string): [number, number, number] | null {
  const m = /^\s*(\d+)\.(\d+)(?:\.(\d+))?/.exec(text);
  if (!m) return null;
  return [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
}

/** Kconfig integer form `107800` -> `1.78.0`; null for numbers that cannot be a version. */
export function versionFromKconfigNumber(n: number): string | null {
  if (!Number.isInteger(n) || n < 100000) return null;
  const major = Math.floor(n / 100000);
  const minor = Math.floor((n % 100000) / 100);
  const patch = n % 100;
  return `${major}.${minor}.${patch}`;
}

/** Compare two versions: negative, zero or positive. Unparseable versions sort first. */
export function compareRustVersions(a: string, b: string): number {
  const pa = parseRustVersion(a) ?? [0, 0, 0];
  const pb = parseRustVersion(b) ?? [0, 0, 0];
  return pa[0] - pb[0] || pa[1] - pb[1] || pa[2] - pb[2];
}

/** Normalise `1.78` to `1.78.0`; returns the input when it is not a version. */
export function normaliseRustVersion(v: string): string {
  const p = parseRustVersion(v);
  return p ? `${p[0]}.${p[1]}.${p[2]}` : v;
}
