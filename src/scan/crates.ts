/**
 * Which crate a `.rs` file belongs to, without running a build system.
 * - Kernel trees: `rust/kernel/lib.rs` is crate `kernel` (its directory); a file below a directory with a
 *   `lib.rs` belongs to that crate; any other file is a crate root of its own (drivers and samples are built one
 *   crate per file: `drivers/net/phy/ax88796b_rust.rs` is `ax88796b_rust`).
 * - Cargo trees: the nearest `Cargo.toml`'s `[lib] name` or package name (dashes as underscores); `src/bin/x.rs`
 *   and `src/main.rs` are binaries named `x` and the package.
 */
import { parse as parseToml } from 'smol-toml';

export type CrateNamer = (path: string) => string | null;

const crateIdent = (s: string) => s.replace(/-/g, '_');
const dirOf = (p: string) => (p.includes('/') ? p.slice(0, p.lastIndexOf('/')) : '');
const baseOf = (p: string) => p.slice(p.lastIndexOf('/') + 1);
const stemOf = (p: string) => baseOf(p).replace(/\.rs$/, '');

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

/** Crate names for a Cargo tree: `manifests` maps a Cargo.toml path to its text; files outside any package use `fallback`. */
export function cargoCrateNamer(manifests: Map<string, string>, fallback: CrateNamer): CrateNamer {
  const names = new Map<string, string | null>();
  for (const [path, text] of manifests) {
    try {
      const doc = parseToml(text) as { package?: { name?: unknown }; lib?: { name?: unknown } };
      const name = typeof doc.lib?.name === 'string' ? doc.lib.name : typeof doc.package?.name === 'string' ? doc.package.name : null;
      names.set(dirOf(path), name === null ? null : crateIdent(name));
    } catch {
      names.set(dirOf(path), null);
    }
  }
  return (path) => {
    for (let dir = dirOf(path); ; dir = dirOf(dir)) {
      if (names.has(dir)) {
        const pkg = names.get(dir) ?? null;
        const inner = dir === '' ? path : path.slice(dir.length + 1);
        if (inner.startsWith('src/bin/')) {
          const rest = inner.slice('src/bin/'.length);
          return crateIdent(rest.includes('/') ? rest.slice(0, rest.indexOf('/')) : stemOf(rest));
        }
        if (/^(examples|tests|benches)\/[^/]+\.rs$/.test(inner)) return crateIdent(stemOf(inner));
        return pkg;
      }
      if (dir === '') return fallback(path);
    }
  };
}
