/**
 * Which crate a `.rs` file belongs to, without running a build system.
 * - Kernel trees: `rust/kernel/lib.rs` is crate `kernel` (its directory); a file below a directory with a
 *   `lib.rs` belongs to that crate; any other file is a crate root of its own (drivers and samples are built one
 *   crate per file: `drivers/net/phy/ax88796b_rust.rs` is `ax88796b_rust`).
 * - Cargo trees: the nearest `Cargo.toml`'s `[lib] name` or package name (dashes as underscores); `src/bin/x.rs`
 *   and `src/main.rs` are binaries named `x` and the package (src/scan/cargo-crates.ts, which reads TOML).
 */
export type CrateNamer = (path: string) => string | null;

/** A crate name as rustc spells it: dashes as underscores. */
export const crateIdent = (s: string) => s.replace(/-/g, '_');
/** The directory of a relative path, `''` at the top. */
export const dirOf = (p: string) => (p.includes('/') ? p.slice(0, p.lastIndexOf('/')) : '');
const baseOf = (p: string) => p.slice(p.lastIndexOf('/') + 1);
/** A file's name without `.rs`. */
export const stemOf = (p: string) => baseOf(p).replace(/\.rs$/, '');

/** Crate names for a kernel tree (or any tree without Cargo.toml), from the set of its files. */
export function kernelCrateNamer(hasFile: (p: string) => boolean): CrateNamer {
  return (path) => {
    const base = baseOf(path);
    if (base === 'lib.rs' || base === 'main.rs') {
      const dir = dirOf(path);
      return dir ? crateIdent(baseOf(dir)) : null;
    }
    for (let dir = dirOf(path); dir !== ''; dir = dirOf(dir)) {
      if (hasFile(`${dir}/lib.rs`)) return crateIdent(baseOf(dir));
      if (dir === 'rust') break;
    }
    return crateIdent(stemOf(path));
  };
}
