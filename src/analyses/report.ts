/**
 * The readiness report: classes of every gate, the planner, the done ratio and the audit, computed from a scan
 * document and a registry document. Pure, so the CLI, a server and the dashboard compute the same report.
 */
import { compareRustVersions, normaliseRustVersion } from '../core/rust-version.js';
import { diagnostic, type Diagnostic } from '../model/diagnostic.js';
import type { Registry } from '../model/registry.js';
import { REPORT_SCHEMA, type ReportDocument } from '../model/report.js';
import type { ScanSnapshot } from '../model/scan.js';
import { computeAudit } from './audit.js';
import { computeGates } from './classify.js';
import { computeDone } from './done.js';
import { computeCrateEditions } from './editions.js';
import { computeVersionSymbols, isOccurrenceSelected, type ConfigValues, type Selection } from './guards.js';
import { computePinnedToolchain } from './pinned-toolchain.js';
import { computeGatesWithRoadmap } from './roadmap-join.js';
import type { RoadmapDocument } from '../model/roadmap.js';
import { computeLastDropRelease, computeNewestKnownRelease, computePlanner } from './planner.js';
import { kernelArchOf } from '../model/arch.js';
import { buildRegistryIndex } from './registry-index.js';

/** How to judge the tree. */
export interface ReportOptions {
  /** Judge as if this were the minimum rustc (`--rustc`); default the tree's own minimum. */
  rustc?: string | null;
  /** A kernel configuration (`--config`): only what it turns on is reported. */
  config?: ConfigValues | null;
  /** Name of the configuration, for the document. */
  configName?: string | null;
  /** Only this architecture (`--arch`, or the configuration's). */
  arch?: string | null;
  /** The roadmap to join each gate with (`gate.roadmap`); none when absent. */
  roadmap?: RoadmapDocument | null;
  /**
   * The architecture (Rust's `target_arch` or the kernel's name) of the host whose compiler answered for the
   * registry: a name unknown to it but used only for other architectures is `unknown`, not an error. Null or
   * absent: every name used only for some architectures is `unknown`.
   */
  host?: string | null;
  /** Compute the planner (default true); a history, which judges many revisions, needs only gates and done. */
  planner?: boolean;
  /**
   * Diagnostics of the report's other inputs (asking a compiler about names the registry lacks, reading the
   * configuration), listed after the scan's and the report's own.
   */
  diagnostics?: readonly Diagnostic[];
}

/** Kernel architecture directory of a configuration, from its arch symbol. */
export function computeConfigArch(config: ConfigValues): string | null {
  const bySymbol: [string, string][] = [
    ['CONFIG_X86', 'x86'], ['CONFIG_ARM64', 'arm64'], ['CONFIG_ARM', 'arm'], ['CONFIG_RISCV', 'riscv'],
    ['CONFIG_LOONGARCH', 'loongarch'], ['CONFIG_PPC', 'powerpc'], ['CONFIG_S390', 's390'], ['CONFIG_UML', 'um'],
    ['CONFIG_MIPS', 'mips'], ['CONFIG_SPARC', 'sparc'], ['CONFIG_M68K', 'm68k'],
  ];
  for (const [symbol, arch] of bySymbol) if (config[symbol] === 'y') return arch;
  return null;
}

/** Compute the readiness report of a scan against a registry. */
export function computeReport(scan: ScanSnapshot, registry: Registry, options: ReportOptions = {}): ReportDocument {
  const diagnostics: Diagnostic[] = [];
  const index = buildRegistryIndex(registry);
  const toolchain = registry.toolchain
    ? { name: registry.toolchain.name, version: registry.toolchain.version, ...(registry.toolchain.date ? { date: registry.toolchain.date } : {}) }
    : null;
  const pinnedToolchain = computePinnedToolchain(scan, registry);
  const minimum = options.rustc ? normaliseRustVersion(options.rustc) : scan.rustMinVersion;
  if (options.rustc && scan.rustMinVersion && compareRustVersions(options.rustc, scan.rustMinVersion) < 0) {
    diagnostics.push(
      diagnostic('report/rustc-below-minimum', 'warning', `--rustc ${options.rustc} is below the tree's minimum rustc ${scan.rustMinVersion}`, {}, 'the tree refuses older compilers; gates are judged at the version given anyway'),
    );
  }

  let config = options.config ?? null;
  if (config && config['CONFIG_RUST'] !== 'y') {
    diagnostics.push(
      diagnostic(
        'report/config-without-rust',
        'warning',
        `${options.configName ?? 'the configuration'} does not set CONFIG_RUST=y, so it builds no Rust at all`,
        {},
        'the report shows what it would turn on with CONFIG_RUST=y',
      ),
    );
    config = { ...config, CONFIG_RUST: 'y' };
  }
  // What the configuration says about itself comes before what the scan met in the tree.
  diagnostics.push(...scan.diagnostics);
  if (pinnedToolchain?.newerThanRegistry) {
    const judged = toolchain ? `${toolchain.name} ${toolchain.version}${toolchain.date ? ` (${toolchain.date})` : ''}` : 'the registry';
    diagnostics.push(
      diagnostic('report/registry-older-than-pin', 'warning', `the registry of ${judged} is older than the toolchain the tree pins, ${pinnedToolchain.name}`, {}, `names the registry lacks are reported as unknown; judge with --toolchain pinned when ${pinnedToolchain.name} is installed`),
    );
  }
  const asked = options.arch ? (kernelArchOf(options.arch) ?? options.arch) : null;
  const arch = asked ?? (config ? computeConfigArch(config) : null);
  const versionSymbols = computeVersionSymbols(scan.claims);
  const selection: Selection = { config, arch, versionSymbols, crateCfgs: scan.crateCfgs ?? [] };
  const selected = scan.occurrences.filter((o) => isOccurrenceSelected(o, selection));
  const newestKnown = computeNewestKnownRelease(registry);
  const host = options.host ? kernelArchOf(options.host) : null;
  const classify = { toolchain, versionSymbols, host, newerPin: pinnedToolchain?.newerThanRegistry ? pinnedToolchain.name : null, editions: computeCrateEditions(scan.crates) };

  const gates = computeGates(selected, index, { ...classify, minimum });
  const plannerFrom = scan.rustMinVersion ?? minimum;
  // The done ratio's denominator: the gates the tree needs at its own minimum (README, "The done ratio").
  const needed = plannerFrom === minimum ? gates : computeGates(selected, index, { ...classify, minimum: plannerFrom });
  const plannerTo = computeLastDropRelease(needed, newestKnown);
  return {
    schema: REPORT_SCHEMA,
    tree: scan.tree,
    kernelVersion: scan.kernelVersion,
    toolchain,
    rustMinVersion: scan.rustMinVersion,
    pinnedToolchain,
    judgedAgainst: minimum,
    filters: { arch, config: options.configName ?? null },
    ...(options.roadmap ? { roadmapInputs: options.roadmap.inputs } : {}),
    gates: options.roadmap ? computeGatesWithRoadmap(gates, options.roadmap) : gates,
    planner: options.planner === false ? [] : computePlanner(selected, index, { ...classify, from: plannerFrom, to: plannerTo, newestKnown }),
    done: computeDone(needed, gates, arch ? [arch] : []),
    audit: computeAudit(scan.claims, index, { newestKnown, toolchainLabel: toolchain ? `${toolchain.name} ${toolchain.version}` : 'the registry' }),
    diagnostics: [...diagnostics, ...(options.diagnostics ?? [])],
  };
}
