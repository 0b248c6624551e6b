/**
 * Merge the facts of every source into one registry document, with provenance per fact. Pure: no I/O.
 * Rule: what the compiler of the described toolchain says wins; a source describing the same toolchain that
 * says otherwise is a `registry/disagreement` diagnostic.
 */
import { diagnostic, type Diagnostic } from '../model/diagnostic.js';
import { REGISTRY_SCHEMA, type FeatureKind, type FeatureStatus, type Provenance, type Registry, type RegistryEntry } from '../model/registry.js';
import { normaliseName } from './lookup.js';
import type { FeatureFact, RegistryFacts } from './types.js';

/** Sources in the order their word counts, highest first, for facts the compiler does not give. */
const PRIORITY = ['compiler', 'rustc-z-help', 'rust-checkout', 'rust-src', 'curated', 'unstable-book', 'bundled', 'release-notes'];

/** Sources that describe the toolchain being built, so a different status there is a real disagreement. */
const SAME_TOOLCHAIN = new Set(['rust-checkout', 'rust-src', 'unstable-book']);

const UNSTABLE_FAMILY = new Set<string>(['unstable', 'incomplete', 'internal']);

/** Options of one registry build. */
export interface BuildRegistryOptions {
  toolchain: Registry['toolchain'];
  generatedAt: string;
  /** Facts only recorded as provenance (another toolchain's compiler, for the bundled data). */
  secondary?: RegistryFacts[];
}

interface Sourced {
  source: string;
  label: string | undefined;
  fact: FeatureFact;
}

const rank = (s: string) => {
  const i = PRIORITY.indexOf(s);
  return i < 0 ? PRIORITY.length : i;
};

function first<T>(facts: Sourced[], pick: (f: FeatureFact) => T | undefined | null, order: string[] = PRIORITY): { value: T; from: Sourced } | undefined {
  const sorted = [...facts].sort((a, b) => {
    const ia = order.indexOf(a.source);
    const ib = order.indexOf(b.source);
    return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib);
  });
  for (const s of sorted) {
    const v = pick(s.fact);
    if (v !== undefined && v !== null) return { value: v, from: s };
  }
  return undefined;
}

/** Statuses agree when equal, or when a source that only knows "unstable" meets a finer unstable status. */
function statusesAgree(a: string, b: string, coarse: boolean): boolean {
  if (a === b) return true;
  return coarse && UNSTABLE_FAMILY.has(a) && UNSTABLE_FAMILY.has(b);
}

/** Build a registry from the facts of every source (each `RegistryFacts` is one source's answer). */
export function buildRegistry(all: RegistryFacts[], options: BuildRegistryOptions): Registry {
  const diagnostics: Diagnostic[] = all.flatMap((f) => f.diagnostics);
  const byName = new Map<string, Sourced[]>();
  for (const set of all) {
    for (const fact of set.facts) {
      const key = normaliseName(fact.name);
      let list = byName.get(key);
      if (!list) byName.set(key, (list = []));
      list.push({ source: set.source, label: set.label, fact: { ...fact, name: key } });
    }
  }
  const secondary = new Map<string, Sourced[]>();
  for (const set of options.secondary ?? []) {
    for (const fact of set.facts) {
      const key = normaliseName(fact.name);
      let list = secondary.get(key);
      if (!list) secondary.set(key, (list = []));
      list.push({ source: set.source, label: set.label, fact });
    }
  }
  const haveCompiler = all.some((s) => s.source === 'compiler' && s.facts.length > 0);
  const haveZHelp = all.some((s) => s.source === 'rustc-z-help' && s.facts.length > 0);
  const dropped: string[] = [];
  const droppedFlags: string[] = [];
  const otherOptions: string[] = [];
  const hostUnknown: string[] = [];
  const features: RegistryEntry[] = [];

  for (const [name, facts] of byName) {
    const isFlag = name.startsWith('-Z');
    const nameSources = facts.filter((f) => f.source !== 'release-notes');
    if (nameSources.length === 0) continue; // release notes alone do not make a name
    const compiler = facts.find((f) => f.source === (isFlag ? 'rustc-z-help' : 'compiler'));
    // A `-Z` name the curated history knows is no flag (an Unstable Book page of another option): left out, unless
    // this toolchain's `-Z help` lists it after all.
    const otherOption = isFlag && !compiler ? facts.find((f) => f.source === 'curated' && f.fact.otherOption) : undefined;
    if (otherOption) {
      otherOptions.push(`${name} (${otherOption.fact.otherOption})`);
      continue;
    }
    const book = facts.find((f) => f.source === 'unstable-book');
    // The toolchain's own library declares it (rust-src, or its sources rendered in the docs).
    const declared = facts.find((f) => f.source === 'rust-src' && f.fact.status !== 'removed');

    // Library code gates items on language features too (`#[unstable(feature = "f16")]`): whoever says `lang` is right.
    const kind: FeatureKind = facts.some((f) => f.fact.kind === 'lang') ? 'lang' :
      first(facts, (f) => f.kind, ['rust-checkout', 'rust-src', 'unstable-book', 'bundled', 'curated', 'rustc-z-help'])?.value ??
      (isFlag ? 'flag' : compiler?.fact.status === 'removed' ? 'lang' : 'lib');

    let status: FeatureStatus;
    let statusFrom: Sourced | undefined;
    let verified = false;
    let isHostUnknown = false;
    if (!isFlag && haveCompiler && compiler) {
      if (compiler.fact.status === 'unknown') {
        if (kind === 'lib' && (book ?? declared)) {
          // Documented or declared by this toolchain but unknown to its compiler here: a target-specific library feature.
          const from = (book ?? declared)!;
          status = (from.fact.status as FeatureStatus | undefined) ?? 'unstable';
          statusFrom = from;
          isHostUnknown = true;
          hostUnknown.push(name);
        } else {
          dropped.push(name);
          continue;
        }
      } else {
        status = compiler.fact.status as FeatureStatus;
        statusFrom = compiler;
        verified = true;
      }
    } else if (isFlag && haveZHelp) {
      if (compiler) {
        status = 'unstable';
        statusFrom = compiler;
        verified = true;
      } else {
        const curated = facts.find((f) => f.source === 'curated' && f.fact.status && f.fact.status !== 'unstable');
        if (!curated) {
          droppedFlags.push(name);
          continue;
        }
        status = curated.fact.status as FeatureStatus;
        statusFrom = curated;
      }
    } else {
      const s = first(facts, (f) => (f.status === 'unknown' ? undefined : f.status));
      if (!s) continue;
      status = s.value as FeatureStatus;
      statusFrom = s.from;
    }

    // Disagreements with the winner, from sources describing the same toolchain.
    if (verified) {
      for (const other of facts) {
        if (!SAME_TOOLCHAIN.has(other.source) || !other.fact.status || other.fact.status === 'unknown') continue;
        // The book and the library's attributes know only "unstable", not incomplete or internal.
        const coarse = other.source === 'unstable-book' || other.source === 'rust-src';
        if (!statusesAgree(other.fact.status, status, coarse)) {
          diagnostics.push(
            diagnostic('registry/disagreement', 'warning', `\`${name}\`: ${other.source} says ${other.fact.status}, ${statusFrom!.label ?? statusFrom!.source} says ${status}${statusFrom!.fact.since ? ` since ${statusFrom!.fact.since}` : ''}; the compiler wins`, placeOf(other.fact.at)),
          );
        } else if (other.fact.status === status && other.fact.since && statusFrom!.fact.since && other.fact.since !== statusFrom!.fact.since) {
          diagnostics.push(
            diagnostic('registry/disagreement', 'warning', `\`${name}\`: ${other.source} says ${status} since ${other.fact.since}, ${statusFrom!.label ?? statusFrom!.source} says since ${statusFrom!.fact.since}; the compiler wins`, placeOf(other.fact.at)),
          );
        }
      }
    }

    const since: string | null =
      status === 'stable' || status === 'removed'
        ? (statusFrom?.fact.since ?? first(facts.filter((f) => f.fact.status === status), (f) => f.since)?.value ?? null)
        : null;
    const tracking = first(facts, (f) => f.trackingIssue, ['rust-checkout', 'rust-src', 'unstable-book', 'compiler', 'bundled', 'curated']);
    const checkoutIssue = facts.find((f) => f.source === 'rust-checkout')?.fact.trackingIssue;
    const bookIssue = book?.fact.trackingIssue;
    if (checkoutIssue && bookIssue && checkoutIssue !== bookIssue) {
      diagnostics.push(diagnostic('registry/disagreement', 'info', `\`${name}\`: rust-checkout says tracking issue #${checkoutIssue}, unstable-book says #${bookIssue}`, placeOf(book!.fact.at)));
    }
    const entry: RegistryEntry = { name, kind, status, since, trackingIssue: tracking?.value ?? null, sources: [] };
    // Several tracking issues come from the source that gave the first one, so the list starts with it.
    const many = tracking?.from.fact.trackingIssues;
    if (many && many.length > 1 && many[0] === entry.trackingIssue) entry.trackingIssues = [...many];
    if (status === 'removed') {
      const reason = first(facts, (f) => f.reason, ['rust-checkout', 'compiler', 'curated', 'bundled']);
      if (reason) entry.reason = reason.value;
      const renamed = first(facts, (f) => f.renamedTo, ['rust-checkout', 'curated', 'bundled']);
      if (renamed) entry.renamedTo = renamed.value;
      const pull = first(facts, (f) => f.pull, ['compiler', 'rust-checkout', 'curated', 'bundled']);
      if (pull) entry.pull = pull.value;
    } else if (status === 'stable') {
      const pull = first(facts, (f) => f.pull, ['curated', 'release-notes', 'bundled']);
      if (pull) entry.pull = pull.value;
    }
    const replacement = first(facts, (f) => f.replacement, ['curated', 'bundled']);
    if (replacement) {
      entry.replacement = replacement.value;
      // The curated release is when the replacement became stable, whatever this toolchain says of the -Z form.
      const when = replacement.from.fact.replacementSince ?? (replacement.from.source === 'curated' ? replacement.from.fact.since : undefined);
      if (when) entry.replacementSince = when;
    }
    const help = first(facts, (f) => f.help, ['rustc-z-help', 'rust-checkout', 'unstable-book', 'bundled', 'curated']);
    if (help) entry.help = help.value;
    if (status === 'stable') {
      const editions = first(facts, (f) => f.stableInEditions, ['compiler-editions', 'curated', 'bundled']);
      if (editions) entry.stableInEditions = editions.value;
    }
    if (verified) entry.verified = true;
    if (isHostUnknown) entry.hostUnknown = true;
    entry.sources = provenanceOf([...facts, ...(secondary.get(name) ?? [])]);
    features.push(entry);
  }

  if (dropped.length > 0) {
    diagnostics.push(
      diagnostic('registry/unknown-to-compiler', 'info', `${dropped.length} feature names from other sources are unknown to ${options.toolchain ? `rustc ${options.toolchain.version}` : 'the compiler'} and are left out: ${dropped.slice(0, 12).join(', ')}${dropped.length > 12 ? ', ...' : ''}`, {}, 'they belong to another release (newer or older) than this toolchain'),
    );
  }
  if (droppedFlags.length > 0) {
    diagnostics.push(
      diagnostic('registry/unknown-to-compiler', 'info', `${droppedFlags.length} -Z flags from other sources are not in \`-Z help\` of this toolchain and are left out: ${droppedFlags.slice(0, 12).join(', ')}${droppedFlags.length > 12 ? ', ...' : ''}`, {}, 'add flags that became -C options or were removed to data/flag-history.json'),
    );
  }
  if (otherOptions.length > 0) {
    diagnostics.push(
      diagnostic('registry/not-a-flag', 'info', `${otherOptions.length} names of other options are left out, documented with the -Z flags but no -Z flag (data/flag-history.json): ${otherOptions.join(', ')}`),
    );
  }
  if (hostUnknown.length > 0) {
    diagnostics.push(
      diagnostic('registry/host-unknown', 'info', `${hostUnknown.length} library features documented by this toolchain are unknown to its compiler in a plain crate on this host (target-specific, or declared by a crate the probe does not load): ${hostUnknown.slice(0, 12).join(', ')}${hostUnknown.length > 12 ? ', ...' : ''}`),
    );
  }

  const order: Record<FeatureKind, number> = { lang: 0, lib: 1, flag: 2 };
  features.sort((a, b) => order[a.kind] - order[b.kind] || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const provenance = [...all, ...(options.secondary ?? [])].flatMap((s) => s.provenance);
  return { schema: REGISTRY_SCHEMA, toolchain: options.toolchain, generatedAt: options.generatedAt, provenance, features, diagnostics };
}

const FACT_FIELDS = ['kind', 'status', 'since', 'trackingIssue', 'reason', 'renamedTo', 'replacement', 'help'] as const;

function provenanceOf(facts: Sourced[]): Provenance[] {
  const out: Provenance[] = [];
  const sorted = [...facts].sort((a, b) => rank(a.source) - rank(b.source));
  for (const s of sorted) {
    for (const field of FACT_FIELDS) {
      const v = s.fact[field];
      if (v === undefined) continue;
      if (field === 'since' && v === null) continue;
      if (field === 'trackingIssue' && v === null && !SAME_TOOLCHAIN.has(s.source)) continue;
      const at = s.source === 'compiler' || s.source === 'rustc-z-help' ? s.label : s.fact.at;
      out.push({ fact: field, source: s.source, value: v as string | number | null, ...(at ? { at } : {}) });
    }
    if (s.fact.stableInEditions) {
      const at = s.source === 'compiler-editions' ? s.label : s.fact.at;
      out.push({ fact: 'stableInEditions', source: s.source, value: s.fact.stableInEditions.join(', '), ...(at ? { at } : {}) });
    }
  }
  return out;
}

function placeOf(at: string | undefined): { file?: string; line?: number } {
  if (!at) return {};
  const m = /^(.*?):(\d+)$/.exec(at);
  return m ? { file: m[1]!, line: Number(m[2]) } : { file: at };
}

/** Facts of an existing registry document, so an update keeps names no source on this machine lists. */
export function factsFromRegistry(reg: Registry, source = 'bundled'): RegistryFacts {
  const at = `data/registry.json of ${reg.generatedAt.slice(0, 10)}${reg.toolchain ? ` (rustc ${reg.toolchain.version})` : ''}`;
  const facts: FeatureFact[] = reg.features.map((e) => {
    const f: FeatureFact = { name: e.name, kind: e.kind, status: e.status, since: e.since, trackingIssue: e.trackingIssue, at };
    if (e.reason) f.reason = e.reason;
    if (e.renamedTo) f.renamedTo = e.renamedTo;
    if (e.replacement) f.replacement = e.replacement;
    if (e.replacementSince) f.replacementSince = e.replacementSince;
    if (e.help) f.help = e.help;
    if (e.pull) f.pull = e.pull;
    if (e.stableInEditions) f.stableInEditions = e.stableInEditions;
    if (e.trackingIssues) f.trackingIssues = [...e.trackingIssues];
    return f;
  });
  const label = reg.toolchain ? `bundled registry (rustc ${reg.toolchain.version})` : 'bundled registry';
  return { source, label, facts, diagnostics: [], provenance: [{ source, detail: `${label}, generated ${reg.generatedAt}: ${facts.length} names` }] };
}
