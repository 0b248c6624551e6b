/**
 * The kernel's own claims about its gates ("Stable since Rust 1.NN.0" comment groups, Kconfig `RUSTC_HAS_*`
 * thresholds, `rustc-option` probes) checked against the registry; each finding keeps the claim's file:line.
 */
import { compareRustVersions, normaliseRustVersion } from '../core/rust-version.js';
import type { RegistryEntry } from '../model/registry.js';
import type { AuditFinding } from '../model/report.js';
import type { Claim } from '../model/scan.js';
import type { RegistryIndex } from './registry-index.js';

/** What the audit compares against. */
export interface AuditOptions {
  /** Newest release the registry knows, so thresholds beyond it are not called wrong. */
  newestKnown: string | null;
  /** Name of the registry's toolchain for messages, e.g. `rustc 1.95.0`. */
  toolchainLabel: string;
}

const isFlag = (name: string) => name.startsWith('-Z');

/** The registry's fact about an entry in a few words. */
function factOf(entry: RegistryEntry | undefined, label: string): string {
  if (!entry) return `unknown to ${label}`;
  if (entry.status === 'stable') return entry.since ? `stable since ${entry.since}` : 'stable (release unknown)';
  if (entry.status === 'removed') return `removed${entry.since ? ` in ${entry.since}` : ''}${entry.reason ? `: ${entry.reason}` : ''}`;
  const issue = entry.trackingIssue === null ? '' : `, tracking #${entry.trackingIssue}`;
  return `${entry.status === 'unstable' ? 'still unstable' : `still unstable (${entry.status})`} in ${label}${issue}`;
}

function checkCommentGroup(c: Claim, gate: string, entry: RegistryEntry | undefined, o: AuditOptions): Pick<AuditFinding, 'verdict' | 'claimed' | 'fact'> {
  const fact = factOf(entry, o.toolchainLabel);
  if (c.claim === 'stable-since') {
    const claimed = `stable since ${c.version ? normaliseRustVersion(c.version) : '?'}`;
    if (!entry) return { verdict: 'unverifiable', claimed, fact };
    const right = entry.status === 'stable' && entry.since !== null && c.version !== undefined && compareRustVersions(entry.since, c.version) === 0;
    return { verdict: right ? 'ok' : 'wrong', claimed, fact };
  }
  const claimed = c.claim === 'expected-stable' ? 'expected to become stable' : 'not yet known whether it will become stable';
  if (!entry) return { verdict: 'unverifiable', claimed, fact };
  if (entry.status === 'stable') return { verdict: 'wrong', claimed, fact: `already ${fact}` };
  if (entry.status === 'removed') return { verdict: 'wrong', claimed, fact };
  return { verdict: 'ok', claimed, fact };
}

function checkKconfig(c: Claim, gate: string, entry: RegistryEntry | undefined, o: AuditOptions): Pick<AuditFinding, 'verdict' | 'claimed' | 'fact'> {
  const fact = factOf(entry, o.toolchainLabel);
  if (c.claim === 'rustc-option') {
    const claimed = `rustc accepts ${gate}`;
    if (!entry || entry.status === 'removed') return { verdict: 'wrong', claimed, fact };
    return { verdict: 'ok', claimed, fact };
  }
  const claimed = `${c.symbol ?? "the symbol"} means rustc >= ${c.version ?? "?"}`;
  if (entry?.status === 'removed' && entry.since && c.version && compareRustVersions(entry.since, c.version) <= 0) {
    return { verdict: 'wrong', claimed, fact };
  }
  // The registry records when a gate became stable, not when it first appeared, so a lower threshold cannot be
  // disproved; a threshold below the stabilisation is what these symbols are for.
  return { verdict: 'unverifiable', claimed, fact: `${fact}; the registry does not record when it first appeared` };
}

/** Check every claim of the tree against the registry. */
export function computeAudit(claims: readonly Claim[], index: RegistryIndex, options: AuditOptions): AuditFinding[] {
  const out: AuditFinding[] = [];
  for (const c of claims) {
    const base = { claimKind: c.kind, text: c.text, file: c.file, line: c.line, ...(c.symbol ? { symbol: c.symbol } : {}) };
    if (c.kind === 'kconfig' && c.claim === 'rustc-version-at-least' && c.version && options.newestKnown && compareRustVersions(c.version, options.newestKnown) > 0) {
      out.push({ ...base, verdict: 'unverifiable', gate: null, claimed: `needs rustc >= ${c.version}`, fact: `newer than the newest release the registry knows (${options.newestKnown})` });
      continue;
    }
    if (c.gates.length === 0) {
      if (c.kind === 'kconfig') {
        out.push({ ...base, verdict: 'unverifiable', gate: null, claimed: c.version ? `needs rustc >= ${c.version}` : c.text, fact: 'the symbol guards no gate the scan found' });
      }
      continue;
    }
    if (c.claim === 'other') continue;
    for (const gate of c.gates) {
      const entry = index.get(gate, isFlag(gate) ? 'flag' : 'feature');
      const verdict = c.kind === 'comment-group' ? checkCommentGroup(c, gate, entry, options) : checkKconfig(c, gate, entry, options);
      out.push({ ...base, gate, ...verdict });
    }
  }
  const rank = { wrong: 0, unverifiable: 1, ok: 2 } as const;
  return out.sort((a, b) => rank[a.verdict] - rank[b.verdict] || a.file.localeCompare(b.file) || a.line - b.line);
}
