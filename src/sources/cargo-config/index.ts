/**
 * Cargo configuration files (https://doc.rust-lang.org/cargo/reference/config.html): `.cargo/config.toml` and the
 * legacy `.cargo/config`, at any depth. Reports `-Z` flags in `rustflags` / `rustdocflags` of `[build]`,
 * `[target.<triple>]` and `[target.'cfg(...)']` (the table kept as a guard), in `RUSTFLAGS` / `RUSTDOCFLAGS` of
 * `[env]`, and each key of `[unstable]` (https://doc.rust-lang.org/cargo/reference/unstable.html) as a cargo
 * `-Z` flag; `RUSTC_BOOTSTRAP` in `[env]` is a bootstrap setting. Files named by `include`
 * (https://doc.rust-lang.org/cargo/reference/config.html#including-extra-configuration-files, stabilized by cargo
 * 1.94) are read too, wherever they sit in the tree: Tock's boards keep their `-Z` flags in such shared files.
 */
import type { ScanContext, ScanSource, SourceFacts } from '../types.js';
import type { ConfigPending } from './config-file.js';

/** Whether a path is a Cargo configuration file. */
export function isCargoConfigPath(path: string): boolean {
  return path === '.cargo/config.toml' || path === '.cargo/config' || path.endsWith('/.cargo/config.toml') || path.endsWith('/.cargo/config');
}

/** Package name of the Cargo.toml beside a `.cargo/` directory, when the tree is not a kernel and it has one. */
function crateBeside(path: string, ctx: ScanContext): string | null {
  const dir = path.slice(0, path.lastIndexOf('.cargo/'));
  const manifest = `${dir}Cargo.toml`;
  if (ctx.treeKind === 'kernel' || !ctx.hasFile(manifest) || !ctx.crateOf) return null;
  return ctx.crateOf(manifest);
}

const NOT_CONFIG = new Set(['Cargo.toml', 'rust-toolchain.toml', 'rustfmt.toml', '.rustfmt.toml', 'clippy.toml', '.clippy.toml', 'Cross.toml', 'deny.toml', 'typos.toml']);

/** The scan source for `.cargo/config.toml`, `.cargo/config`, and the `.toml` files they include. */
export const cargoConfig: ScanSource = {
  name: 'cargo-config',
  // `.cargo/config` has no extension; other `.toml` files may be included configs (outside kernel trees).
  interest: { extensions: ['toml'], names: ['config'] },
  wants: (path, ctx) => isCargoConfigPath(path) || (ctx.treeKind !== 'kernel' && path.endsWith('.toml') && !NOT_CONFIG.has(path.slice(path.lastIndexOf('/') + 1))),
  async collect(file, ctx): Promise<SourceFacts> {
    if (!isCargoConfigPath(file.path)) return { pending: { candidate: file } satisfies ConfigPending };
    // The TOML readers are loaded with the first config file: a kernel tree has none.
    const { collectConfigFile } = await import('./config-file.js');
    return collectConfigFile(file, crateBeside(file.path, ctx));
  },
  async finalize(perFile, ctx): Promise<SourceFacts> {
    const pending = perFile.map((f) => (f.pending ?? {}) as ConfigPending);
    // Only configs with includes leave work here: a tree with none (a kernel tree) loads no TOML reader for it.
    if (!pending.some((p) => (p.config?.includes.length ?? 0) > 0)) return {};
    const { collectIncludedConfigs } = await import('./config-file.js');
    return collectIncludedConfigs(pending, ctx);
  },
};
