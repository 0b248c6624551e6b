/**
 * Reporters for registry documents and single-name answers: pure `(data, options) => { output, exitCode }`.
 */
import { EXIT } from '../../core/errors.js';
import { joinOr } from '../../core/did-you-mean.js';
import { isUnknownName, type FeatureAnswer } from '../../model/feature.js';
import { describeStatus, type Registry, type RegistryEntry } from '../../model/registry.js';
import { renderDiagnosticLines } from '../diagnostics.js';
import { renderTable } from '../table.js';
import { terminalSafe } from '../terminal-safe.js';
import type { Reporter, ReporterOptions } from '../types.js';

const ISSUE_URL = 'https://github.com/rust-lang/rust/issues/';

/** One line for the status of an entry: `stable since 1.79.0`, `removed in 1.70.0`, `unstable`, a flag's replacement. */
function statusText(e: Pick<RegistryEntry, 'status' | 'since'> & Partial<Pick<RegistryEntry, 'replacement' | 'replacementSince'>>): string {
  return describeStatus(e);
}

function renderEntry(e: RegistryEntry): string {
  const lines = [`${e.name}  (${e.kind === 'lang' ? 'language feature' : e.kind === 'lib' ? 'library feature' : 'compiler flag'})`];
  lines.push(`  status:         ${statusText(e)}${e.verified ? ' (verified by the compiler)' : ''}${e.hostUnknown ? ' (documented, but unknown to the compiler in a plain crate on this host: target-specific or in a crate the probe does not load)' : ''}`);
  if (e.trackingIssues && e.trackingIssues.length > 1) {
    lines.push(`  tracking issues: ${e.trackingIssues.map((n) => `#${n} ${ISSUE_URL}${n}`).join(', ')}`);
  } else lines.push(`  tracking issue: ${e.trackingIssue ? `#${e.trackingIssue} ${ISSUE_URL}${e.trackingIssue}` : 'none'}`);
  if (e.reason) lines.push(`  reason:         ${e.reason}`);
  if (e.renamedTo) lines.push(`  renamed to:     ${e.renamedTo}`);
  if (e.replacement && e.status !== 'removed') lines.push(`  replacement:    ${e.replacement}${e.replacementSince ? ` (stable since ${e.replacementSince})` : ''}`);
  if (e.pull) lines.push(`  pull request:   https://github.com/rust-lang/rust/pull/${e.pull}`);
  if (e.help) lines.push(`  help:           ${e.help}`);
  if (e.sources.length > 0) {
    lines.push('  sources:');
    lines.push(renderTable(['fact', 'source', 'value', 'at'], e.sources.map((s) => [s.fact, s.source, String(s.value), s.at ?? '']), '    ').trimEnd());
  }
  return lines.join('\n') + '\n';
}

/** `feature` exits 1 for a name neither the registry nor a compiler knows: the answer a script asked for is "no". */
const featureExitCode = (a: FeatureAnswer) => (isUnknownName(a) ? EXIT.findings : EXIT.ok);

/** `; did you mean `let_chains`?` for an answer with suggestions. */
const suggestionText = (a: FeatureAnswer) => (a.suggestions && a.suggestions.length > 0 ? `; did you mean ${joinOr(a.suggestions.map((s) => `\`${s}\``))}?` : '');

/** Reporters for `gatewatch feature`. */
export const featureReporters: Record<'text' | 'json', Reporter<FeatureAnswer>> = {
  json: (a) => ({ output: JSON.stringify(a, null, 2) + '\n', exitCode: featureExitCode(a) }),
  text: terminalSafe((a: FeatureAnswer) => {
    if (a.entry) return { output: renderEntry(a.entry), exitCode: EXIT.ok };
    if (a.probe) {
      const p = a.probe;
      const said = p.status === 'unknown' ? 'does not know it (E0635)' : p.status === 'invalid' ? 'was not asked: not a Rust identifier' : `says ${statusText({ status: p.status, since: p.since })}`;
      return { output: `${a.query}: not in the registry; ${p.toolchain} ${said}${p.reason ? ` (${p.reason})` : ''}${a.note ? `; ${a.note}` : ''}${suggestionText(a)}\n`, exitCode: featureExitCode(a) };
    }
    return { output: `${a.query}: not in the registry${a.note ? `; ${a.note}` : ''}${suggestionText(a)}\n`, exitCode: featureExitCode(a) };
  }),
};

/** Reporters for `gatewatch registry`. */
export const registryReporters: Record<'text' | 'json', Reporter<Registry>> = {
  json: (r) => ({ output: JSON.stringify(r, null, 2) + '\n', exitCode: EXIT.ok }),
  text: terminalSafe((r: Registry, { colour }: ReporterOptions) => {
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
      out.push(...renderDiagnosticLines(r.diagnostics.slice(0, 20), colour));
      if (r.diagnostics.length > 20) out.push(`  ... ${r.diagnostics.length - 20} more (see --json)`);
    }
    return { output: out.join('\n') + '\n', exitCode: EXIT.ok };
  }),
};
