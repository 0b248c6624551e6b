/**
 * The TOML half of the cargo-config source (see index.ts): one Cargo configuration file's flags, bootstrap settings
 * and includes, and the files those includes name. Loaded with the first config file, so that a tree without one
 * (a kernel tree) never loads the TOML readers.
 */
import { parse as parseToml } from 'smol-toml';
import { diagnostic, type Diagnostic } from '../../model/diagnostic.js';
import type { Guard } from '../../model/guard.js';
import type { BootstrapSetting, Occurrence } from '../../model/scan.js';
import type { ScanContext, SourceFacts, SourceFile } from '../types.js';
import { buildFlagOccurrences, occurrence, type FlagSite } from './flag-occurrences.js';
import { splitFlagString } from './rustflags.js';
import { invalidTomlDiagnostic } from './toml-diagnostic.js';
import { parseTomlPlaces, placeArgs, type TomlPlaces } from './toml-places.js';

type Table = Record<string, unknown>;

const asTable = (v: unknown): Table | null => (v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date) ? (v as Table) : null);

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

/** Normalise `a/b/../c` to `a/c`; null when the path leaves the tree or is absolute. */
function normalisePath(path: string): string | null {
  if (path.startsWith('/')) return null;
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part !== '..') out.push(part);
    else if (out.pop() === undefined) return null;
  }
  return out.join('/');
}

/** An `include` entry of a config file, resolved against that file's directory. */
export interface ConfigInclude {
  path: string;
  optional: boolean;
  line: number;
}

/** The files a config includes: a string, an array of strings, or an array of `{ path, optional }` tables. */
export function parseConfigIncludes(configPath: string, text: string): ConfigInclude[] {
  let doc: Table;
  try {
    doc = parseToml(text) as Table;
  } catch {
    return [];
  }
  const raw = doc['include'];
  const entries = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  const dir = configPath.slice(0, configPath.lastIndexOf('/') + 1);
  const line = parseTomlPlaces(text).key(['include'])?.line ?? 1;
  const out: ConfigInclude[] = [];
  for (const e of entries) {
    const t = asTable(e);
    const rel = typeof e === 'string' ? e : t?.['path'];
    if (typeof rel !== 'string') continue;
    const path = normalisePath(dir + rel);
    if (path !== null) out.push({ path, optional: t?.['optional'] === true, line });
  }
  return out;
}

/** What `collect` hands to `finalize`. */
export interface ConfigPending {
  /** A config file: its includes and the crate beside it. */
  config?: { path: string; includes: ConfigInclude[]; crate: string | null };
  /** Any other `.toml` file, kept in case a config includes it. */
  candidate?: SourceFile;
}

/** Facts from the files that config files include (transitively), each file read once. */
export function collectIncludedConfigs(pending: ConfigPending[], ctx: ScanContext): SourceFacts {
  const candidates = new Map<string, SourceFile>();
  const configs: NonNullable<ConfigPending['config']>[] = [];
  for (const p of pending) {
    if (p.candidate) candidates.set(p.candidate.path, p.candidate);
    if (p.config) configs.push(p.config);
  }
  const out: Required<Pick<SourceFacts, 'occurrences' | 'diagnostics' | 'bootstrap'>> = { occurrences: [], diagnostics: [], bootstrap: [] };
  // The crate of an included file: the includers' crate when they all agree, else unknown.
  const crates = new Map<string, string | null>();
  const queue = [...configs];
  while (queue.length > 0) {
    const c = queue.shift()!;
    for (const inc of c.includes) {
      const file = candidates.get(inc.path);
      if (!file) {
        if (!inc.optional && !ctx.hasFile(inc.path)) {
          out.diagnostics.push(diagnostic('cargo-config/missing-include', 'warning', `${c.path} includes ${inc.path}, which is not in the tree`, { file: c.path, line: inc.line }, 'expected a .toml file relative to the including config file'));
        }
        continue;
      }
      if (crates.has(inc.path)) {
        if (crates.get(inc.path) !== c.crate) crates.set(inc.path, null);
        continue;
      }
      crates.set(inc.path, c.crate);
      queue.push({ path: inc.path, includes: parseConfigIncludes(inc.path, file.text), crate: c.crate });
    }
  }
  for (const [path, crate] of crates) {
    const facts = collectCargoConfig(candidates.get(path)!, crate);
    out.occurrences.push(...(facts.occurrences ?? []));
    out.diagnostics.push(...(facts.diagnostics ?? []));
    out.bootstrap.push(...(facts.bootstrap ?? []));
  }
  return out;
}

/** Facts of one config file, and its includes and crate kept for `finalize`. */
export function collectConfigFile(file: SourceFile, crate: string | null): SourceFacts {
  const facts = collectCargoConfig(file, crate);
  return { ...facts, pending: { config: { path: file.path, includes: parseConfigIncludes(file.path, file.text), crate } } satisfies ConfigPending };
}
