/**
 * Crate names in a Cargo tree (see crates.ts): read from the manifests' TOML, so loaded only for a tree that is not
 * a kernel, which keeps the TOML reader out of a kernel scan.
 */
import { parse as parseToml } from 'smol-toml';
import { crateIdent, dirOf, stemOf, type CrateNamer } from './crates.js';

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
