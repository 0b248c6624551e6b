/**
 * Cargo configuration files (https://doc.rust-lang.org/cargo/reference/config.html): `.cargo/config.toml` and the
 * legacy `.cargo/config`, at any depth. Reports `-Z` flags in `rustflags` / `rustdocflags` of `[build]`,
 * `[target.<triple>]` and `[target.'cfg(...)']` (the table kept as a guard), in `RUSTFLAGS` / `RUSTDOCFLAGS` of
 * `[env]`, and each key of `[unstable]` (https://doc.rust-lang.org/cargo/reference/unstable.html) as a cargo
 * `-Z` flag; `RUSTC_BOOTSTRAP` in `[env]` is a bootstrap setting.
 */
import { parse as parseToml } from 'smol-toml';
import { diagnostic, type Diagnostic } from '../../model/diagnostic.js';
import type { Guard } from '../../model/guard.js';
import type { BootstrapSetting, Occurrence } from '../../model/scan.js';
import type { ScanContext, ScanSource, SourceFacts, SourceFile } from '../types.js';
import { buildFlagOccurrences, occurrence, type FlagSite } from './flag-occurrences.js';
import { splitFlagString } from './rustflags.js';
import { invalidTomlDiagnostic } from './toml-diagnostic.js';
import { parseTomlPlaces, placeArgs, type TomlPlaces } from './toml-places.js';

type Table = Record<string, unknown>;

const asTable = (v: unknown): Table | null => (v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date) ? (v as Table) : null);

/** Whether a path is a Cargo configuration file. */
export function isCargoConfigPath(path: string): boolean {
  return path === '.cargo/config.toml' || path === '.cargo/config' || path.endsWith('/.cargo/config.toml') || path.endsWith('/.cargo/config');
}

/** A TOML value as cargo would spell it on the command line: arrays joined with commas, `true` kept as text. */
export function renderTomlValue(v: unknown): string {
  if (Array.isArray(v)) return v.map(renderTomlValue).join(',');
  if (v instanceof Date) return v.toISOString();
  const t = asTable(v);
  if (t) return Object.entries(t).map(([k, x]) => (x === true ? k : `${k}=${renderTomlValue(x)}`)).join(',');
  return String(v);
}

/** Guards and architecture of a `[target.<key>]` table: a `cfg(...)` predicate, or a target triple. */
export function targetGuards(key: string): { guards: Guard[]; arch: string | null } {
  const cfg = /^cfg\s*\(([\s\S]*)\)\s*$/.exec(key);
  if (cfg) {
    const predicate = cfg[1]!.trim();
    const arch = /^target_arch\s*=\s*"([^"]+)"$/.exec(predicate)?.[1] ?? null;
    return { guards: [{ type: 'cfg', predicate, text: key }], arch };
  }
  // A triple (or a target JSON name): its first component is the architecture, e.g. `aarch64`.
  return { guards: [{ type: 'make', negated: false, text: `target ${key}` }], arch: key.split('-')[0] || null };
}

interface Collector {
  file: string;
  crate: string | null;
  places: TomlPlaces;
  occurrences: Occurrence[];
  diagnostics: Diagnostic[];
}

/** `-Z` flags of one flags value (a string split on whitespace, or an array of strings). */
function collectFlags(c: Collector, path: string[], value: unknown, site: Omit<FlagSite, 'file' | 'crate' | 'via'>): void {
  let args: string[];
  if (typeof value === 'string') args = splitFlagString(value);
  else if (Array.isArray(value) && value.every((v) => typeof v === 'string')) args = value as string[];
  else {
    const at = c.places.key(path);
    c.diagnostics.push(
      diagnostic('cargo-config/unexpected-value', 'warning', `${path.join('.')} is ${Array.isArray(value) ? 'an array with non-string items' : `a ${typeof value}`}; expected a string or an array of strings`, {
        file: c.file,
        ...(at ? { line: at.line, column: at.column } : {}),
      }),
    );
    return;
  }
  c.occurrences.push(
    ...buildFlagOccurrences(args, placeArgs(c.places, path, args), { ...site, file: c.file, crate: c.crate, via: 'cargo-config' }),
  );
}

/** Collect flags and bootstrap settings from the text of one Cargo configuration file. */
export function collectCargoConfig(file: SourceFile, crate: string | null): SourceFacts {
  let doc: Table;
  try {
    doc = parseToml(file.text) as Table;
  } catch (e) {
    return { diagnostics: [invalidTomlDiagnostic('cargo-config', file.path, e, 'a Cargo configuration file in TOML (https://doc.rust-lang.org/cargo/reference/config.html)')] };
  }
  const c: Collector = { file: file.path, crate, places: parseTomlPlaces(file.text), occurrences: [], diagnostics: [] };
  const bootstrap: BootstrapSetting[] = [];

  const build = asTable(doc['build']);
  if (build) {
    if (build['rustflags'] !== undefined) collectFlags(c, ['build', 'rustflags'], build['rustflags'], { arch: null, guards: [], tool: 'rustc', variable: 'build.rustflags' });
    if (build['rustdocflags'] !== undefined) collectFlags(c, ['build', 'rustdocflags'], build['rustdocflags'], { arch: null, guards: [], tool: 'rustdoc', variable: 'build.rustdocflags' });
  }

  for (const [key, value] of Object.entries(asTable(doc['target']) ?? {})) {
    const t = asTable(value);
    if (!t) continue;
    const { guards, arch } = targetGuards(key);
    if (t['rustflags'] !== undefined) collectFlags(c, ['target', key, 'rustflags'], t['rustflags'], { arch, guards, tool: 'rustc', variable: `target.${key}.rustflags` });
    if (t['rustdocflags'] !== undefined) collectFlags(c, ['target', key, 'rustdocflags'], t['rustdocflags'], { arch, guards, tool: 'rustdoc', variable: `target.${key}.rustdocflags` });
  }

  for (const [key, value] of Object.entries(asTable(doc['unstable']) ?? {})) {
    const at = c.places.key(['unstable', key]) ?? c.places.key(['unstable']);
    const site: FlagSite = { file: file.path, crate, arch: null, guards: [], via: 'cargo-config', tool: 'cargo', variable: 'unstable' };
    c.occurrences.push(occurrence(site, 'flag', `-Z${key}`, renderTomlValue(value), at ?? { line: 1, column: 1 }));
  }

  for (const [key, value] of Object.entries(asTable(doc['env']) ?? {})) {
    // `[env]` values are strings or `{ value = "...", force = true, relative = false }`.
    const text = typeof value === 'string' ? value : asTable(value)?.['value'];
    const path = typeof value === 'string' ? ['env', key] : ['env', key, 'value'];
    if (typeof text !== 'string') continue;
    if (key === 'RUSTFLAGS' || key === 'RUSTDOCFLAGS') {
      collectFlags(c, path, text, { arch: null, guards: [], tool: key === 'RUSTFLAGS' ? 'rustc' : 'rustdoc', variable: `env.${key}` });
    } else if (key === 'RUSTC_BOOTSTRAP' && text !== '') {
      const at = c.places.key(['env', key]) ?? { line: 1 };
      bootstrap.push({ file: file.path, line: at.line, value: text, condition: null });
    }
  }

  return { occurrences: c.occurrences, diagnostics: c.diagnostics, bootstrap };
}

/** Package name of the Cargo.toml beside a `.cargo/` directory, when the tree is not a kernel and it has one. */
function crateBeside(path: string, ctx: ScanContext): string | null {
  const dir = path.slice(0, path.lastIndexOf('.cargo/'));
  const manifest = `${dir}Cargo.toml`;
  if (ctx.treeKind === 'kernel' || !ctx.hasFile(manifest) || !ctx.crateOf) return null;
  return ctx.crateOf(manifest);
}

/** The scan source for `.cargo/config.toml` and `.cargo/config`. */
export const cargoConfig: ScanSource = {
  name: 'cargo-config',
  wants: (path) => isCargoConfigPath(path),
  collect: (file, ctx) => collectCargoConfig(file, crateBeside(file.path, ctx)),
};
