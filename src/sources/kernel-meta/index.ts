/**
 * Tree metadata: the kernel version from the top Makefile (`VERSION`, `PATCHLEVEL`, `SUBLEVEL`, `EXTRAVERSION`,
 * https://www.kernel.org/doc/html/latest/kbuild/makefiles.html) and the minimum rustc from the `rustc)` arm of
 * scripts/min-tool-version.sh; for Cargo trees, `rust-version` of the root Cargo.toml or `msrv` of .clippy.toml.
 */
import { normaliseRustVersion } from '../../core/rust-version.js';
import { diagnostic } from '../../model/diagnostic.js';
import type { ScanSource, SourceFacts } from '../types.js';

/** `6.12.117` from the top Makefile's version variables; null when they are absent. */
export function parseKernelVersion(makefile: string): string | null {
  const vars = new Map<string, string>();
  for (const line of makefile.split('\n').slice(0, 40)) {
    const m = /^(VERSION|PATCHLEVEL|SUBLEVEL|EXTRAVERSION)\s*=\s*(\S*)\s*$/.exec(line);
    if (m) vars.set(m[1]!, m[2]!);
  }
  const v = vars.get('VERSION');
  const p = vars.get('PATCHLEVEL');
  if (!v || !p) return null;
  const s = vars.get('SUBLEVEL');
  return `${v}.${p}${s && s !== '0' ? `.${s}` : ''}${vars.get('EXTRAVERSION') ?? ''}`;
}

/** The version echoed in the `rustc)` arm of min-tool-version.sh's `case`. */
export function parseMinToolVersion(script: string): string | null {
  const lines = script.split('\n');
  const arm = lines.findIndex((l) => /^\s*rustc\)\s*$/.test(l));
  if (arm < 0) return null;
  for (const l of lines.slice(arm + 1, arm + 6)) {
    const m = /^\s*echo\s+["']?(\d+\.\d+(?:\.\d+)?)/.exec(l);
    if (m) return normaliseRustVersion(m[1]!);
    if (/;;/.test(l)) break;
  }
  return null;
}

/** The scan source for tree metadata. */
export const kernelMeta: ScanSource = {
  name: 'kernel-meta',
  interest: { names: ['Makefile', 'min-tool-version.sh', 'Cargo.toml', '.clippy.toml', 'clippy.toml'] },
  wants: (path) => path === 'Makefile' || path === 'scripts/min-tool-version.sh' || path === 'Cargo.toml' || path === '.clippy.toml' || path === 'clippy.toml',
  async collect(file, ctx): Promise<SourceFacts> {
    if (file.path === 'Makefile') {
      const v = parseKernelVersion(file.text);
      return v ? { kernelVersion: v } : {};
    }
    if (file.path === 'scripts/min-tool-version.sh') {
      const v = parseMinToolVersion(file.text);
      if (v) return { rustMinVersion: v };
      return { diagnostics: [diagnostic('kernel/no-rustc-minimum', 'warning', 'could not find the minimum rustc: expected a `rustc)` arm that echoes a version', { file: file.path })] };
    }
    if (ctx.treeKind === 'kernel' && file.path !== '.clippy.toml') return {};
    // The TOML reader is loaded with the first manifest or clippy file: a warm scan reads none, a kernel tree
    // at most its .clippy.toml.
    const { collectTomlRustVersion } = await import('./toml-rust-version.js');
    return collectTomlRustVersion(file);
  },
};
