/**
 * Ask the real compiler about feature names: one crate with one `#![feature(name)]` per line, compiled with
 * `--emit=metadata --error-format=json` (https://doc.rust-lang.org/rustc/json.html). Diagnostics are mapped to
 * names by line, because E0557 (removed feature) does not name the feature.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { diagnostic, type Diagnostic } from '../../../model/diagnostic.js';
import type { FeatureStatus } from '../../../model/registry.js';
import { cleanEnv, runCommand, toolchainLabel, type Toolchain } from '../../toolchain.js';

/** What the compiler said about one name. */
export interface ProbeResult {
  name: string;
  /** `unknown`: E0635; `invalid`: not an identifier, never sent to the compiler. */
  status: FeatureStatus | 'unknown' | 'invalid';
  /** Release it became stable (stable_features) or was removed (E0557). */
  since: string | null;
  reason?: string;
  pull?: number;
  trackingIssue?: number;
}

/** The result of one batch. */
export interface ProbeBatch {
  toolchain: string;
  results: ProbeResult[];
  diagnostics: Diagnostic[];
  elapsedMs: number;
}

// Rust's strict and reserved keywords: `#![feature(type)]` is a parse error that would abort the batch.
const KEYWORDS = new Set(
  ('as break const continue crate else enum extern false fn for if impl in let loop match mod move mut pub ref return self Self ' +
    'static struct super trait true type unsafe use where while async await dyn abstract become box do final macro override priv ' +
    'typeof unsized virtual yield try gen _').split(' '),
);

/** True when `name` can stand in `#![feature(name)]` without aborting the whole batch. */
export function isFeatureIdentifier(name: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !KEYWORDS.has(name);
}

/** The probe crate's text: feature lines first (line i+1 is names[i]), then the crates whose features need them. */
export function renderProbeCrate(names: string[]): string {
  return names.map((n) => `#![feature(${n})]`).join('\n') + '\nextern crate proc_macro;\nextern crate test;\n';
}

interface JsonDiagnostic {
  $message_type?: string;
  message: string;
  code: { code: string } | null;
  level: string;
  spans: { line_start: number; is_primary: boolean }[];
  children: { message: string }[];
}

/** Read rustc's JSON diagnostics for a probe crate of these names. Pure: used by the batch and by tests. */
export function parseProbeOutput(names: string[], stderr: string): { results: Map<string, ProbeResult>; unread: string[] } {
  const results = new Map<string, ProbeResult>();
  const unread: string[] = [];
  for (const line of stderr.split('\n')) {
    if (!line.startsWith('{')) continue;
    let d: JsonDiagnostic;
    try {
      d = JSON.parse(line) as JsonDiagnostic;
    } catch {
      unread.push(line.slice(0, 120));
      continue;
    }
    const code = d.code?.code;
    const span = d.spans.find((s) => s.is_primary) ?? d.spans[0];
    const name = span ? names[span.line_start - 1] : undefined;
    if (!code || !name) continue;
    const children = d.children.map((c) => c.message);
    const issue = children.map((c) => /see issue #(\d+)/.exec(c)?.[1]).find(Boolean);
    if (code === 'E0635') {
      results.set(name, { name, status: 'unknown', since: null });
    } else if (code === 'E0557') {
      const removed = children.map((c) => /removed in (\d+\.\d+\.\d+)(?:; see <[^>]*\/pull\/(\d+)>)?/.exec(c)).find(Boolean);
      const reason = children.find((c) => !/^removed in /.test(c) && !/^`#\[/.test(c));
      results.set(name, {
        name,
        status: 'removed',
        since: removed?.[1] ?? null,
        ...(reason ? { reason } : {}),
        ...(removed?.[2] ? { pull: Number(removed[2]) } : {}),
      });
    } else if (code === 'stable_features') {
      // "has been stable since 1.79.0", or for a feature split in two "has been partially stabilized since
      // 1.66.0 and is succeeded by the feature `x`": stable from that release either way; keep the successor.
      const m = /has been (?:stable|(partially )?stabili[sz]ed) since (\d+\.\d+\.\d+)/.exec(d.message);
      const since = m?.[2] ?? null;
      results.set(name, { name, status: 'stable', since, ...(m?.[1] ? { reason: d.message.replace(/^the feature `[^`]+` /, '') } : {}) });
    } else if (code === 'incomplete_features') {
      results.set(name, { name, status: 'incomplete', since: null, ...(issue ? { trackingIssue: Number(issue) } : {}) });
    } else if (code === 'internal_features') {
      results.set(name, { name, status: 'internal', since: null });
    }
  }
  return { results, unread };
}

/**
 * Probe names with the toolchain's compiler in one batch. RUSTC_BOOTSTRAP=1 is set for this process only, so
 * a stable compiler answers too. Names that are not identifiers are reported `invalid` and left out.
 */
export async function probeBatch(toolchain: Toolchain, names: string[]): Promise<ProbeBatch> {
  const started = performance.now();
  const diagnostics: Diagnostic[] = [];
  const unique = [...new Set(names)];
  const valid = unique.filter(isFeatureIdentifier);
  const invalid = unique.filter((n) => !isFeatureIdentifier(n));
  for (const n of invalid) {
    diagnostics.push(diagnostic('registry/invalid-feature-name', 'warning', `\`${n}\` is not a Rust identifier, so it cannot be a feature name; it was not sent to the compiler`));
  }
  const dir = await mkdtemp(join(tmpdir(), 'gatewatch-probe-'));
  try {
    await writeFile(join(dir, 'probe.rs'), renderProbeCrate(valid));
    const r = await runCommand(
      toolchain.command,
      [...toolchain.args, '--crate-type=lib', '--crate-name=gatewatch_probe', '--edition=2021', '--emit=metadata', '--error-format=json', '-o', join(dir, 'probe.rmeta'), 'probe.rs'],
      { cwd: dir, env: cleanEnv({ RUSTC_BOOTSTRAP: '1' }) },
    );
    const { results, unread } = parseProbeOutput(valid, r.stderr);
    if (r.error) throw r.error;
    if (r.code !== 0 && results.size === 0 && valid.length > 0) {
      diagnostics.push(diagnostic('registry/probe-failed', 'error', `${toolchainLabel(toolchain)} failed on the probe crate without a diagnostic about any feature (exit ${r.code})`, {}, r.stderr.split('\n')[0]?.slice(0, 200)));
    }
    if (unread.length > 0) diagnostics.push(diagnostic('registry/probe-unreadable', 'warning', `${unread.length} lines of rustc's JSON output could not be read; expected one JSON diagnostic per line`));
    const out: ProbeResult[] = [];
    for (const n of unique) out.push(results.get(n) ?? { name: n, status: isFeatureIdentifier(n) ? 'unstable' : 'invalid', since: null });
    return { toolchain: toolchainLabel(toolchain), results: out, diagnostics, elapsedMs: performance.now() - started };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
