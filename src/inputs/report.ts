/**
 * The inputs of `gatewatch report`: a scan, a registry and optionally a kernel configuration. `resolve` checks
 * what the user named (before any work); `build` reads, scans and asks, and hands `computeReport` the documents
 * and the diagnostics met on the way.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { GatewatchError } from '../core/errors.js';
import type { ProgressListener } from '../core/progress.js';
import { parseRustVersion } from '../core/rust-version.js';
import { computePinnedToolchain } from '../analyses/pinned-toolchain.js';
import { computeConfigArch } from '../analyses/report.js';
import { didYouMean } from '../core/did-you-mean.js';
import { readKernelConfig } from '../kconfig/read-config.js';
import { ACCEPTED_ARCH_NAMES, ARCHES, kernelArchOf, suggestedArchFor } from '../model/arch.js';
import type { KernelConfig } from '../kconfig/parse-config.js';
import type { Diagnostic } from '../model/diagnostic.js';
import type { Registry } from '../model/registry.js';
import type { ScanSnapshot } from '../model/scan.js';
import type { TreeFoundFrom } from '../model/report.js';
import { buildRegistryForScan } from '../registry/registry-for-scan.js';
import type { Store } from '../store/store.js';
import type { RoadmapDocument } from '../model/roadmap.js';
import { buildRoadmapDocument } from './roadmap.js';
import { buildRegistryInput, resolveRegistryInput, type RegistryInput } from './registry.js';
import { buildScanInput, resolveScanInput, type ScanInput } from './scan.js';

/** What the report command line names. */
export interface ReportRequest {
  input?: string | undefined;
  /** A git revision of the tree to read (`--rev`). */
  rev?: string | undefined;
  /** What the report calls the tree (`--label`). */
  label?: string | undefined;
  kernel?: string | undefined;
  registry?: string | undefined;
  toolchain?: string | undefined;
  rustc?: string | undefined;
  arch?: string | undefined;
  config?: string | undefined;
  /** Roadmap files to join the gates with; `none` for none; the bundled roadmap when absent. */
  roadmap?: string | undefined;
  cwd: string;
}

/** The report's inputs, resolved: where each comes from and how to judge. */
export interface ReportInputs {
  scan: ScanInput;
  registry: RegistryInput;
  /** The toolchain named with `--toolchain`, also the first compiler asked about names the registry lacks. */
  toolchain: string | undefined;
  config: { path: string; label: string } | null;
  rustc: string | null;
  arch: string | null;
  /** Roadmap files, `[]` for the bundled roadmap, null for none. */
  roadmap: string[] | null;
  cwd: string;
  /** How the tree was found when none was named: the current directory, or the tree that holds it. */
  foundFrom: TreeFoundFrom | null;
}


const isFileAt = (dir: string, ...names: string[]) => names.some((n) => existsSync(join(dir, n)) && statSync(join(dir, n)).isFile());

/** A kernel tree's top: its Makefile, Kbuild's rules, and the Rust or Kconfig side of the build. */
const isKernelTree = (dir: string) => isFileAt(dir, 'Makefile') && isFileAt(dir, 'scripts/Makefile.build', 'Kbuild') && isFileAt(dir, 'rust/Makefile', 'init/Kconfig');

/** The kernel or Cargo tree that is `cwd` or holds it, the nearest first; null when there is none. */
export function findTreeAround(cwd: string): { path: string; from: TreeFoundFrom } | null {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    if (isKernelTree(dir) || isFileAt(dir, 'Cargo.toml')) return { path: dir, from: dir === resolve(cwd) ? 'current-directory' : 'ancestor' };
    if (dirname(dir) === dir) return null;
  }
}

/** Check the command line's inputs before any work. Throws E_USAGE naming what is wrong. */
export function resolveReportInputs(request: ReportRequest): ReportInputs {
  if (request.rustc !== undefined && !parseRustVersion(request.rustc)) {
    throw new GatewatchError('E_USAGE', `--rustc expects a Rust release such as 1.85 or 1.85.0, received \`${request.rustc}\``);
  }
  if (request.arch !== undefined) resolveArch(request.arch);
  // No tree named: the one the user stands in, else the bundled kernel.
  const found = request.input === undefined && request.kernel === undefined ? findTreeAround(request.cwd) : null;
  return {
    foundFrom: found?.from ?? null,
    scan: resolveScanInput({ input: found?.path ?? request.input, kernel: request.kernel, rev: request.rev, label: request.label, cwd: request.cwd }),
    // `--toolchain pinned` names the tree's own toolchain, known only once the tree is scanned.
    registry: request.toolchain === PINNED ? resolvePinnedRequest(request) : resolveRegistryInput({ registry: request.registry, toolchain: request.toolchain, cwd: request.cwd }),
    toolchain: request.toolchain,
    config: request.config !== undefined ? { path: resolve(request.cwd, request.config), label: request.config } : null,
    rustc: request.rustc ?? null,
    arch: request.arch !== undefined ? resolveArch(request.arch) : null,
    roadmap: request.roadmap === 'none' ? null : request.roadmap !== undefined ? [request.roadmap] : [],
    cwd: request.cwd,
  };
}

/** `--toolchain pinned`: the toolchain the tree pins (rust-toolchain file, or a kernel's minimum rustc). */
const PINNED = 'pinned';

function resolvePinnedRequest(request: ReportRequest): RegistryInput {
  if (request.registry !== undefined) resolveRegistryInput({ registry: request.registry, toolchain: request.toolchain, cwd: request.cwd });
  return { kind: 'toolchain', name: PINNED };
}

/** Rust's `target_arch` of this machine, whose compilers answer for the registry the report judges with. */
const HOST_ARCH: Readonly<Record<string, string>> = { x64: 'x86_64', ia32: 'x86', arm64: 'aarch64', arm: 'arm', riscv64: 'riscv64', loong64: 'loongarch64', ppc64: 'powerpc64', s390x: 's390x', mips: 'mips' };

/** The host architecture to judge target-only names by. */
export const hostArch = (): string | null => HOST_ARCH[process.arch] ?? null;

/** The kernel name of `--arch` (kernel or Rust spelling); E_USAGE listing the valid names, with a suggestion. */
function resolveArch(arch: string): string {
  const known = kernelArchOf(arch);
  if (known && ACCEPTED_ARCH_NAMES.includes(arch)) return known;
  const kernelNames = ARCHES.map((a) => a.kernel);
  const rustNames = ACCEPTED_ARCH_NAMES.filter((n) => !kernelNames.includes(n));
  const near = suggestedArchFor(arch) ?? known;
  const hint = near ? `did you mean '${near}'?` : didYouMean(arch, ACCEPTED_ARCH_NAMES);
  throw new GatewatchError(
    'E_USAGE',
    `--arch expects a kernel architecture (${kernelNames.join(', ')}) or Rust's name for one (${rustNames.join(', ')}); received \`${arch}\`${hint ? `; ${hint}` : ''}`,
  );
}

/**
 * Read `--config` and check it before any scan: a file with no `CONFIG_` line is not a kernel configuration, and a
 * configuration of one architecture with `--arch` of another is a conflict. Both are E_USAGE / E_BAD_INPUT.
 */
function readReportConfig(config: { path: string; label: string }, arch: string | null): KernelConfig {
  const read = readKernelConfig(config.path);
  if (Object.keys(read.values).length === 0) {
    throw new GatewatchError('E_BAD_INPUT', `${config.label} is not a kernel configuration: it has no \`CONFIG_NAME=value\` line`, {
      hint: 'give a .config written by the kernel build (make defconfig), or one of /boot/config-*',
    });
  }
  const own = computeConfigArch(read.values);
  if (arch !== null && own !== null && own !== arch) {
    throw new GatewatchError('E_USAGE', `--arch ${arch} conflicts with --config ${config.label}, which configures ${own}`, {
      hint: `drop --arch (the configuration's architecture is used), or give a ${arch} configuration`,
    });
  }
  return read;
}

/** The rustup name of the toolchain a scanned tree pins; E_USAGE when it pins none. */
function pinnedName(scan: ScanSnapshot): string {
  const pin = computePinnedToolchain(scan, null);
  if (pin === null) {
    throw new GatewatchError('E_USAGE', `--toolchain pinned: ${scan.tree} pins no toolchain (no rust-toolchain file, no minimum rustc)`, { hint: 'name a toolchain with --toolchain, e.g. --toolchain nightly' });
  }
  return pin.name;
}

/** The documents a report is computed from, and what went wrong while getting them. */
export interface ReportFacts {
  scan: ScanSnapshot;
  registry: Registry;
  config: KernelConfig | null;
  /** The roadmap the gates are joined with, null for none. */
  roadmap: RoadmapDocument | null;
  /** Asking a compiler, reading the configuration: for `computeReport`'s `diagnostics`. */
  diagnostics: Diagnostic[];
}

/**
 * Scan (or read) and load the registry at once, then ask a compiler about feature names the registry lacks (not
 * for a `--registry` document, which is taken as it is), and read the configuration.
 */
export async function buildReportInputs(inputs: ReportInputs, options: { onScanProgress?: ProgressListener; onProgress?: ProgressListener; store?: Store | undefined }): Promise<ReportFacts> {
  // The configuration is checked first: a wrong file or a conflict with --arch is refused before any scan.
  const config = inputs.config ? readReportConfig(inputs.config, inputs.arch) : null;
  const roadmap = inputs.roadmap === null ? null : buildRoadmapDocument(inputs.roadmap.length === 0 ? null : inputs.roadmap, inputs.cwd);
  const scanning = buildScanInput(inputs.scan, { ...(options.onScanProgress ? { onProgress: options.onScanProgress } : {}), store: options.store });
  const pinned = inputs.registry.kind === 'toolchain' && inputs.registry.name === PINNED;
  const registryOf = (input: RegistryInput) => buildRegistryInput(input, options.onProgress ? { onProgress: options.onProgress } : {});
  const ofPin = async (s: ScanSnapshot) => {
    const name = pinnedName(s);
    const built = await registryOf({ kind: 'toolchain', name }).catch((cause: unknown) => {
      throw new GatewatchError('E_TOOLCHAIN', `--toolchain pinned: the tree pins ${name}, which cannot be run here`, { cause, hint: `rustup toolchain install ${name}, or judge with another --toolchain` });
    });
    return [s, built] as const;
  };
  const [scan, loaded] = pinned ? await scanning.then(ofPin) : await Promise.all([scanning, registryOf(inputs.registry)]);
  const toolchain = pinned ? pinnedName(scan) : inputs.toolchain;
  const given = loaded.registry!;
  const probed = inputs.registry.kind === 'document' ? { registry: given, diagnostics: [] } : await buildRegistryForScan(scan, given, { toolchain, store: options.store });
  return { scan, registry: probed.registry, config, roadmap, diagnostics: [...probed.diagnostics, ...(config?.diagnostics ?? [])] };
}
