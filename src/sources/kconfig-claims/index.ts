/**
 * What Kconfig says about the Rust compiler (https://www.kernel.org/doc/html/latest/kbuild/kconfig-language.html):
 * `config RUSTC_HAS_X` + `def_bool RUSTC_VERSION >= 108400` (a version threshold the kernel claims for a
 * feature), or `def_bool $(rustc-option,-Zflag)` (a probe). The pipeline attaches each claim to the gates whose
 * `cfg_attr` conditions use `CONFIG_<symbol>`.
 */
import { versionFromKconfigNumber } from '../../core/rust-version.js';
import type { Claim } from '../../model/scan.js';
import type { ScanSource, SourceFacts } from '../types.js';

/** Claims from one Kconfig file. Exported for tests. */
function collectKconfigClaims(text: string, file: string): Claim[] {
  const claims: Claim[] = [];
  let symbol: string | null = null;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    // Comments start at a `#` after whitespace; most lines have no `#` at all, and skip the regular expression.
    const line = raw.includes('#') ? raw.replace(/\s+#.*$/, '') : raw;
    const cfg = /^\s*(?:menu)?config\s+([A-Za-z0-9_]+)\s*$/.exec(line);
    if (cfg) {
      symbol = cfg[1]!;
      continue;
    }
    if (!symbol || !symbol.startsWith('RUSTC_')) continue;
    const ver = /^\s*(?:def_bool|default|depends on)\s+RUSTC_VERSION\s*>=\s*(\d+)\s*$/.exec(line);
    if (ver) {
      const version = versionFromKconfigNumber(Number(ver[1]));
      const c: Claim = { kind: 'kconfig', claim: 'rustc-version-at-least', text: line.trim(), file, line: i + 1, gates: [], symbol: `CONFIG_${symbol}` };
      if (version) c.version = version;
      claims.push(c);
      continue;
    }
    const opt = /^\s*def_bool\s+\$\(rustc-option,\s*([^)]+)\)\s*$/.exec(line);
    if (opt) {
      const flag = opt[1]!.trim();
      claims.push({ kind: 'kconfig', claim: 'rustc-option', text: line.trim(), file, line: i + 1, gates: [flag.split('=')[0]!], symbol: `CONFIG_${symbol}` });
    }
  }
  return claims;
}

/**
 * Kconfig files that declare compiler capabilities: init/Kconfig (RUSTC_VERSION, RUSTC_HAS_*), the arch
 * Kconfigs (RUSTC_SUPPORTS_*), and those under rust/. The other ~1,600 Kconfig files describe drivers and are
 * not read, which keeps the scan fast.
 */
const KCONFIG_PATH = /^(?:init\/Kconfig|arch\/[^/]+\/Kconfig[^/]*|rust\/(?:.*\/)?Kconfig[^/]*)$/;

/** The scan source for Kconfig files. */
export const kconfigClaims: ScanSource = {
  name: 'kconfig-claims',
  interest: { namePrefixes: ['Kconfig'] },
  markers: ['RUSTC_'],
  // Asked about every Kconfig* and every other kept file of the tree: a plain test first.
  wants: (path, ctx) => ctx.treeKind === 'kernel' && path.includes('Kconfig') && KCONFIG_PATH.test(path),
  collect(file): SourceFacts {
    if (!file.text.includes('RUSTC_')) return {};
    return { claims: collectKconfigClaims(file.text, file.path) };
  },
};
