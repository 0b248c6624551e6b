/**
 * Reporters for registry documents and single-name answers: pure `(data, options) => { output, exitCode }`.
 */
import { formatPlace } from '../model/diagnostic.js';
import type { Registry, RegistryEntry } from '../model/registry.js';
import { renderTable } from '../reporters/table.js';
import type { Reporter } from '../reporters/types.js';
import type { ProbeResult } from './sources/compiler/probe-batch.js';

/** Schema id of the `gatewatch feature --json` answer. */
export const FEATURE_ANSWER_SCHEMA = 'gatewatch/feature@1' as const;

/** What `gatewatch feature <name>` found. */
export interface FeatureAnswer {
  schema: typeof FEATURE_ANSWER_SCHEMA;
  /** The name as asked. */
  query: string;
  /** The registry entry, or null when the registry has never seen the name. */
  entry: RegistryEntry | null;
  /** Which registry answered: the bundled data or a toolchain's. */
  registry: { toolchain: Registry['toolchain']; generatedAt: string };
  /** What the compiler said when the registry did not know the name. */
  probe: (ProbeResult & { toolchain: string }) | null;
  /** Why no compiler was asked, when none was. */
  note?: string;
}

const ISSUE_URL = 'https://github.com/rust-lang/rust/issues/';

/** One line for the status of an entry: `stable since 1.79.0`, `removed in 1.70.0`, `unstable`. */
export function statusText(e: Pick<RegistryEntry, 'status' | 'since'>): string {
  if (e.status === 'stable') return e.since ? `stable since ${e.since}` : 'stable';
  if (e.status === 'removed') return e.since ? `removed in ${e.since}` : 'removed';
  return e.status;
}

function renderEntry(e: RegistryEntry): string {
  const lines = [`${e.name}  (${e.kind === 'lang' ? 'language feature' : e.kind === 'lib' ? 'library feature' : 'compiler flag'})`];
  lines.push(`  status:         ${statusText(e)}${e.verified ? ' (verified by the compiler)' : ''}${e.hostUnknown ? ' (documented, but unknown to the compiler in a plain crate on this host: target-specific or in a crate the probe does not load)' : ''}`);
  lines.push(`  tracking issue: ${e.trackingIssue ? `#${e.trackingIssue} ${ISSUE_URL}${e.trackingIssue}` : 'none'}`);
  if (e.reason) lines.push(`  reason:         ${e.reason}`);
  if (e.renamedTo) lines.push(`  renamed to:     ${e.renamedTo}`);
  if (e.replacement) lines.push(`  replacement:    ${e.replacement}${e.replacementSince ? ` (stable since ${e.replacementSince})` : ''}`);
  if (e.pull) lines.push(`  pull request:   https://github.com/rust-lang/rust/pull/${e.pull}`);
  if (e.help) lines.push(`  help:           ${e.help}`);
  if (e.sources.length > 0) {
    lines.push('  sources:');
    lines.push(renderTable(['fact', 'source', 'value', 'at'], e.sources.map((s) => [s.fact, s.source, String(s.value), s.at ?? '']), '    ').trimEnd());
  }
  return lines.join('\n') + '\n';
}

/** Reporters for `gatewatch feature`. */
export const featureReporters: Record<'text' | 'json', Reporter<FeatureAnswer>> = {
  json: (a) => ({ output: JSON.stringify(a, null, 2) + '\n', exitCode: 0 }),
  text: (a) => {
    if (a.entry) return { output: renderEntry(a.entry), exitCode: 0 };
    if (a.probe) {
      const p = a.probe;
      const said = p.status === 'unknown' ? 'does not know it (E0635)' : p.status === 'invalid' ? 'was not asked: not a Rust identifier' : `says ${statusText({ status: p.status, since: p.since })}`;
      return { output: `${a.query}: not in the registry; ${p.toolchain} ${said}${p.reason ? ` (${p.reason})` : ''}${a.note ? `; ${a.note}` : ''}\n`, exitCode: 0 };
    }
    return { output: `${a.query}: not in the registry${a.note ? `; ${a.note}` : ''}\n`, exitCode: 0 };
  },
};

/** Reporters for `gatewatch registry`. */
export const registryReporters: Record<'text' | 'json', Reporter<Registry>> = {
  json: (r) => ({ output: JSON.stringify(r, null, 2) + '\n', exitCode: 0 }),
  text: (r) => {
    const out: string[] = [];
    out.push(r.toolchain ? `registry of rustc ${r.toolchain.version}${r.toolchain.date ? ` (${r.toolchain.date})` : ''}, generated ${r.generatedAt}` : `registry, generated ${r.generatedAt}`);
    const kinds = ['lang', 'lib', 'flag'] as const;
    const statuses = ['unstable', 'incomplete', 'internal', 'stable', 'removed'] as const;
    const count = (k: string, s?: string) => r.features.filter((e) => e.kind === k && (s === undefined || e.status === s)).length;
    out.push(renderTable(['kind', ...statuses, 'total', 'verified'], kinds.map((k) => [k, ...statuses.map((s) => String(count(k, s))), String(count(k)), String(r.features.filter((e) => e.kind === k && e.verified).length)])).trimEnd());
    out.push('sources:');
    for (const p of r.provenance) out.push(`  ${p.source}: ${p.detail}`);
    if (r.diagnostics.length > 0) {
      out.push(`diagnostics (${r.diagnostics.length}):`);
      for (const d of r.diagnostics.slice(0, 20)) out.push(`  ${d.severity} ${d.code}${d.file ? ` ${formatPlace(d)}` : ''}: ${d.message}`);
      if (r.diagnostics.length > 20) out.push(`  ... ${r.diagnostics.length - 20} more (see --json)`);
    }
    return { output: out.join('\n') + '\n', exitCode: 0 };
  },
};

/** The registry as a file for the repository: one line per entry, so a regenerated file diffs by name. */
export function renderRegistryFile(r: Registry): string {
  const list = (xs: unknown[]) => (xs.length === 0 ? '[]' : `[\n${xs.map((x) => `  ${JSON.stringify(x)}`).join(',\n')}\n ]`);
  const { features, provenance, diagnostics, ...head } = r;
  const fields = [...Object.entries(head).map(([k, v]) => ` ${JSON.stringify(k)}: ${JSON.stringify(v)}`), ` "provenance": ${list(provenance)}`, ` "features": ${list(features)}`, ` "diagnostics": ${list(diagnostics)}`];
  return `{\n${fields.join(',\n')}\n}\n`;
}
