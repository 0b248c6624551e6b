/**
 * Cargo manifests (https://doc.rust-lang.org/cargo/reference/manifest.html) at any depth: each name in
 * `cargo-features = [...]` is an unstable cargo feature
 * (https://doc.rust-lang.org/cargo/reference/unstable.html#unstable-features), and `-Z` flags in a profile's
 * `rustflags` (itself the unstable `profile-rustflags` feature) are flags of rustc under that profile.
 */
import type { ScanContext, ScanSource, SourceFacts } from '../types.js';

/** Crate name of a manifest's own package (null for a virtual workspace manifest, or in a kernel tree). */
function crateOfManifest(path: string, ctx: ScanContext): string | null {
  return ctx.treeKind === 'kernel' || !ctx.crateOf ? null : ctx.crateOf(path);
}

/** The scan source for `Cargo.toml` files. */
export const cargoManifest: ScanSource = {
  name: 'cargo-manifest',
  interest: { names: ['Cargo.toml'] },
  wants: (path) => path === 'Cargo.toml' || path.endsWith('/Cargo.toml'),
  async collect(file, ctx): Promise<SourceFacts> {
    // The TOML readers are loaded with the first manifest: a kernel tree has none.
    const { collectCargoManifest } = await import('./manifest-file.js');
    return collectCargoManifest(file, crateOfManifest(file.path, ctx));
  },
};
