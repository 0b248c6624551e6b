import { Option } from 'commander';
import { computeReport } from '../../analyses/report.js';
import { didYouMean } from '../../core/did-you-mean.js';
import { GatewatchError } from '../../core/errors.js';
import { buildReportInputs, hostArch, resolveReportInputs } from '../../inputs/report.js';
import { REPORT_SECTIONS, reportReporters, type ReportSection } from '../../reporters/report/index.js';
import type { RegisterCommand } from '../command.js';
import { SOURCE_URL_HELP, parseSourceUrl } from '../source-url-option.js';
import { NO_CACHE_HELP, scanStore } from '../cache-dir.js';
import { terminalWidth, useColour } from '../io.js';
import { chooseFormat, print } from '../output.js';
import { progressListener, type ProgressMode } from '../progress-bar.js';

interface ReportOptions {
  kernel?: string;
  rev?: string;
  label?: string;
  rustc?: string;
  toolchain?: string;
  registry?: string;
  arch?: string;
  config?: string;
  roadmap?: string;
  json?: boolean;
  markdown?: boolean;
  sarif?: boolean;
  only?: string;
  sourceUrl?: string;
  cache: boolean;
  progress: ProgressMode;
}

/** `--only a,b` as sections; an unknown one is a usage error with a suggestion. */
function parseSections(only: string | undefined): ReportSection[] | undefined {
  if (only === undefined) return undefined;
  const sections = only.split(',').map((x) => x.trim()).filter(Boolean);
  for (const s of sections) {
    if ((REPORT_SECTIONS as readonly string[]).includes(s)) continue;
    const near = didYouMean(s, REPORT_SECTIONS);
    throw new GatewatchError('E_USAGE', `--only expects sections among ${REPORT_SECTIONS.join(', ')}; received \`${s}\`${near ? `; ${near}` : ''}`);
  }
  return sections as ReportSection[];
}

/** `gatewatch report [tree | scan.json]`: what blocks a stable build, what can go and when. The default command. */
export const registerReport: RegisterCommand = (program, run) => {
  program
    .command('report', { isDefault: true })
    .description('readiness report: what blocks a stable-Rust build, what can go now and when (the default command)')
    .argument('[input]', 'kernel tree to scan, or a scan document (.json); default: the kernel or Cargo tree the current directory is in, else the newest bundled kernel scan')
    .option('--kernel <version>', 'report a bundled kernel scan (6.12, 6.1) instead of a tree')
    .option('--rev <revision>', 'report the tree at this git revision, read from git objects, without a checkout')
    .option('--label <name>', "what the outputs call the tree (default: its directory's name)")
    .option('--rustc <version>', 'judge as if this were the minimum rustc, e.g. 1.85 ("what can we drop at 1.85?")')
    .option('--toolchain <name>', "judge with this toolchain's registry (a rustup name or a path; `pinned`: the one the tree pins)")
    .option('--registry <file>', 'judge with this registry document (gatewatch registry --json)')
    .option('--arch <arch>', 'only what this architecture builds (kernel arch name: x86, arm64, riscv, loongarch, um)')
    .option('--config <file>', 'only what this kernel .config turns on (.xz and .gz are read too)')
    .option('--roadmap <path>', 'join each gate with the roadmap items that cover it from these roadmap files (default: the bundled roadmap; none: no roadmap)')
    .option('--only <sections>', `terminal and Markdown: print only these sections, comma-separated: ${REPORT_SECTIONS.join(', ')}`)
    .option('--source-url <template>', `Markdown: ${SOURCE_URL_HELP}`)
    .option('--json', 'print the report document (schema gatewatch/report@1)')
    .option('--markdown', 'print the report as Markdown task lists, in the shape of the Rust-for-Linux lists')
    .option('--sarif', 'print SARIF 2.1.0, one result per gate use, for code scanning')
    .option('--no-cache', NO_CACHE_HELP)
    .addOption(new Option('--progress <mode>', 'progress on stderr').choices(['auto', 'json', 'none']).default('auto'))
    .addHelpText(
      'after',
      `
With no tree and no --kernel, report looks in the current directory and the directories above it for a kernel
tree (a top Makefile, scripts/Makefile.build or Kbuild, rust/Makefile or init/Kconfig) or a Cargo tree (Cargo.toml),
reports the nearest one and says so in the header; elsewhere it reports the newest bundled kernel scan.

Examples:
  gatewatch report                                  # the tree around the current directory, else the bundled kernel
  gatewatch report --only blockers,errors
  gatewatch report --kernel 6.1 --only errors
  gatewatch report /usr/src/linux-source-6.12 --rustc 1.85 --only removable
  gatewatch report --only audit /usr/src/linux-source-6.12
  gatewatch report --markdown /usr/src/linux-source-6.1
  gatewatch report --sarif scan.json > gatewatch.sarif`,
    )
    .action(async (input: string | undefined, opts: ReportOptions) => {
      const format = chooseFormat(opts, ['json', 'markdown', 'sarif'], 'terminal');
      const only = parseSections(opts.only);
      const sourceUrl = parseSourceUrl(opts.sourceUrl);
      const inputs = resolveReportInputs({ input, ...opts, cwd: run.io.cwd });
      const { listener, done } = progressListener(run.io, opts.progress);
      const facts = await buildReportInputs(inputs, { onScanProgress: listener, onProgress: listener, store: scanStore(run.io, opts.cache) }).finally(done);
      const report = computeReport(facts.scan, facts.registry, {
        rustc: inputs.rustc,
        config: facts.config?.values ?? null,
        configName: inputs.config?.label ?? null,
        arch: inputs.arch,
        diagnostics: facts.diagnostics,
        host: hostArch(),
        roadmap: facts.roadmap,
      });
      print(run, reportReporters[format](report, { colour: useColour(run.io), width: terminalWidth(run.io), ...(inputs.foundFrom ? { foundFrom: inputs.foundFrom } : {}), ...(only ? { only } : {}), ...(sourceUrl ? { sourceUrl } : {}) }));
    });
};
