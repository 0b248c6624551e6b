import { Option } from 'commander';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildProbedRegistry, computeUnknownFeatureNames } from '../../analyses/probed-registry.js';
import { computeReport } from '../../analyses/report.js';
import { GatewatchError } from '../../core/errors.js';
import { packageFileUrl } from '../../core/package-root.js';
import type { ProgressListener } from '../../core/progress.js';
import { compareRustVersions, parseRustVersion } from '../../core/rust-version.js';
import { readDocument } from '../../core/schemas.js';
import { readKernelConfig } from '../../kconfig/read-config.js';
import { diagnostic, type Diagnostic } from '../../model/diagnostic.js';
import type { Registry } from '../../model/registry.js';
import { probeFeatures } from '../../registry/probe.js';
import { loadRegistry, parseRegistryDocument } from '../../registry/load.js';
import type { ScanSnapshot } from '../../model/scan.js';
import { buildScan } from '../../scan/build-scan.js';
import { REPORT_SECTIONS, reportReporters, type ReportFormat, type ReportSection } from '../../reporters/report/index.js';
import type { RegisterCommand } from '../command.js';
import { NO_CACHE_HELP, scanCacheDir } from '../cache-dir.js';
import { useColour } from '../io.js';
import { progressListener, type ProgressMode } from '../progress-bar.js';
import { scanProgress } from '../tiering.js';

/** data/scans/ of the package, from src/cli/commands or dist/cli/commands alike. */
export const bundledScansDir = fileURLToPath(packageFileUrl('data/scans/'));

/** The bundled scan of one kernel (`--kernel 6.1`), or of the newest one (data/scans/linux-<version>.json). */
export function bundledScanPath(kernel?: string): string {
  const files = existsSync(bundledScansDir) ? readdirSync(bundledScansDir).filter((f) => /^linux-[\d.]+\.json$/.test(f)) : [];
  const version = (f: string) => f.slice('linux-'.length, -'.json'.length);
  if (files.length === 0) {
    throw new GatewatchError('E_BAD_INPUT', `no bundled kernel scan in ${bundledScansDir}`, { hint: 'run `npm run bundle`, or give a tree or a scan document' });
  }
  files.sort((a, b) => compareRustVersions(version(b), version(a)));
  if (kernel === undefined) return join(bundledScansDir, files[0]!);
  const file = files.find((f) => version(f) === kernel);
  if (!file) throw new GatewatchError('E_USAGE', `no bundled scan of kernel ${kernel}`, { hint: `bundled kernels: ${files.map(version).join(', ')}` });
  return join(bundledScansDir, file);
}

/** A scan from a tree (scanned now), a saved scan document (`.json`), or a bundled scan (`--kernel`, else the newest). */
export async function collectScan(input: string | undefined, cwd: string, onProgress: ProgressListener, kernel?: string, cacheDir?: string): Promise<ScanSnapshot> {
  if (input !== undefined && kernel !== undefined) throw new GatewatchError('E_USAGE', 'give a tree or scan document, or --kernel, not both');
  if (input === undefined) {
    const path = bundledScanPath(kernel);
    return readDocument<ScanSnapshot>('scan', path, path);
  }
  const path = resolve(cwd, input);
  if (input.endsWith('.json') && existsSync(path) && statSync(path).isFile()) {
    return readDocument<ScanSnapshot>('scan', path, input);
  }
  return buildScan({ tree: path, label: input, onProgress, ...(cacheDir !== undefined ? { cacheDir } : {}) });
}

/** A registry document given with `--registry`. */
export function readRegistryDocument(path: string, label: string): Registry {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    throw new GatewatchError('E_BAD_INPUT', `cannot read registry ${label}`, { cause, hint: 'write one with `gatewatch registry --json`' });
  }
  return parseRegistryDocument(text, label);
}

interface ReportOptions {
  kernel?: string;
  rustc?: string;
  toolchain?: string;
  registry?: string;
  arch?: string;
  config?: string;
  json?: boolean;
  markdown?: boolean;
  sarif?: boolean;
  only?: string;
  cache: boolean;
  progress: ProgressMode;
}

/** The registry to judge with: a `--registry` document, `--toolchain`'s (verified by its compiler), or the bundled one. */
export async function collectRegistry(opts: { registry?: string; toolchain?: string }, cwd: string, onProgress: ProgressListener): Promise<Registry> {
  if (opts.registry) return readRegistryDocument(resolve(cwd, opts.registry), opts.registry);
  return loadRegistry({ ...(opts.toolchain !== undefined ? { toolchain: opts.toolchain } : {}), onProgress });
}

/**
 * Feature names the registry lacks are asked of a compiler (`--toolchain`, else the registry's own toolchain when
 * installed, else the local `rustc`), in one
 * batch; without a compiler they stay unknown, with a diagnostic. A `--registry` document is taken as it is.
 */
async function collectProbedRegistry(scan: ScanSnapshot, registry: Registry, opts: { registry?: string; toolchain?: string }): Promise<{ registry: Registry; diagnostics: Diagnostic[] }> {
  const unknown = opts.registry ? [] : computeUnknownFeatureNames(scan, registry);
  if (unknown.length === 0) return { registry, diagnostics: [] };
  try {
    // Ask the toolchain the registry describes when it is installed (so "unknown to" names one compiler), else the local rustc.
    const named = opts.toolchain ?? registry.toolchain?.name;
    const answer = await probeFeatures(unknown, named !== undefined ? { toolchain: named } : {}).catch((e: unknown) =>
      opts.toolchain === undefined && named !== undefined ? probeFeatures(unknown, {}) : Promise.reject(e),
    );
    const compiler = `${answer.toolchain.name} ${answer.toolchain.version}`;
    return { registry: buildProbedRegistry(registry, answer.results, compiler), diagnostics: answer.diagnostics };
  } catch (e) {
    const d = diagnostic(
      'report/no-compiler-to-ask',
      'warning',
      `the registry does not know ${unknown.length} feature names (${unknown.slice(0, 5).join(', ')}${unknown.length > 5 ? ', ...' : ''}) and no compiler could be asked: ${e instanceof Error ? e.message : String(e)}`,
      {},
      'install rustc, or name one with --toolchain; until then these names are reported as errors',
    );
    return { registry, diagnostics: [d] };
  }
}

/** Check the command line before any work: one output format, a real version, known sections. */
function parseReportArgs(opts: ReportOptions): { format: ReportFormat; only: ReportSection[] | undefined } {
  const formats = (['json', 'markdown', 'sarif'] as const).filter((f) => opts[f]);
  if (formats.length > 1) throw new GatewatchError('E_USAGE', `choose one output format, not ${formats.map((f) => `--${f}`).join(' and ')}`);
  if (opts.registry !== undefined && opts.toolchain !== undefined) {
    throw new GatewatchError('E_USAGE', 'choose --registry or --toolchain, not both', { hint: '--toolchain builds the registry of that toolchain; --registry reads a saved one' });
  }
  if (opts.rustc !== undefined && !parseRustVersion(opts.rustc)) {
    throw new GatewatchError('E_USAGE', `--rustc expects a Rust release such as 1.85 or 1.85.0, received \`${opts.rustc}\``);
  }
  const only = opts.only?.split(',').map((x) => x.trim()).filter(Boolean);
  const unknownSection = only?.find((x) => !(REPORT_SECTIONS as readonly string[]).includes(x));
  if (unknownSection !== undefined) {
    throw new GatewatchError('E_USAGE', `--only expects sections among ${REPORT_SECTIONS.join(', ')}; received \`${unknownSection}\``);
  }
  return { format: formats[0] ?? 'terminal', only: only as ReportSection[] | undefined };
}

/** `gatewatch report [tree | scan.json]`: what blocks a stable build, what can go and when. The default command. */
export const registerReport: RegisterCommand = (program, run) => {
  program
    .command('report', { isDefault: true })
    .description('readiness report: what blocks a stable-Rust build, what can go now and when (the default command)')
    .argument('[input]', 'kernel tree to scan, or a scan document (.json); default: the newest bundled kernel scan')
    .option('--kernel <version>', 'report a bundled kernel scan (6.12, 6.1) instead of a tree')
    .option('--rustc <version>', 'judge as if this were the minimum rustc, e.g. 1.85 ("what can we drop at 1.85?")')
    .option('--toolchain <name>', "judge with this toolchain's registry (a rustup name or a path)")
    .option('--registry <file>', 'judge with this registry document (gatewatch registry --json)')
    .option('--arch <arch>', 'only what this architecture builds (kernel arch name: x86, arm64, riscv, loongarch, um)')
    .option('--config <file>', 'only what this kernel .config turns on (.xz and .gz are read too)')
    .option('--only <sections>', `terminal and Markdown: print only these sections, comma-separated: ${REPORT_SECTIONS.join(', ')}`)
    .option('--json', 'print the report document (schema gatewatch/report@1)')
    .option('--markdown', 'print the report as Markdown task lists, in the shape of the Rust-for-Linux lists')
    .option('--sarif', 'print SARIF 2.1.0, one result per gate use, for code scanning')
    .option('--no-cache', NO_CACHE_HELP)
    .addOption(new Option('--progress <mode>', 'progress on stderr').choices(['auto', 'json', 'none']).default('auto'))
    .addHelpText(
      'after',
      `
Examples:
  gatewatch report
  gatewatch report --only blockers,errors
  gatewatch report --kernel 6.1 --only errors
  gatewatch report /usr/src/linux-source-6.12 --rustc 1.85 --only removable
  gatewatch report --only audit /usr/src/linux-source-6.12
  gatewatch report --markdown /usr/src/linux-source-6.1
  gatewatch report --sarif scan.json > gatewatch.sarif`,
    )
    .action(async (input: string | undefined, opts: ReportOptions) => {
      const { format, only } = parseReportArgs(opts);
      const { listener, done } = progressListener(run.io, opts.progress);
      const [scan, loaded] = await Promise.all([collectScan(input, run.io.cwd, scanProgress(run.io, listener), opts.kernel, scanCacheDir(run.io, opts.cache)), collectRegistry(opts, run.io.cwd, listener)]).finally(done);
      const { registry, diagnostics } = await collectProbedRegistry(scan, loaded, opts);
      const config = opts.config ? readKernelConfig(resolve(run.io.cwd, opts.config)) : null;
      const report = computeReport(scan, registry, { rustc: opts.rustc ?? null, config: config?.values ?? null, configName: opts.config ?? null, arch: opts.arch ?? null });
      report.diagnostics.push(...diagnostics, ...(config?.diagnostics ?? []));
      const result = reportReporters[format](report, { colour: useColour(run.io), ...(only ? { only } : {}) });
      run.io.stdout(result.output);
      run.exitCode = result.exitCode;
    });
};
