import { Option } from 'commander';
import { buildScanInput, resolveScanInput } from '../../inputs/scan.js';
import { scanReporters } from '../../reporters/scan/index.js';
import type { RegisterCommand } from '../command.js';
import { NO_CACHE_HELP, scanStore } from '../cache-dir.js';
import { terminalWidth, useColour } from '../io.js';
import { chooseFormat, print } from '../output.js';
import { progressListener, type ProgressMode } from '../progress-bar.js';

interface ScanOptions {
  rev?: string;
  label?: string;
  json?: boolean;
  followSymlinks?: boolean;
  cache: boolean;
  progress: ProgressMode;
}

/** `gatewatch scan <tree>`: every unstable feature and -Z flag in a tree. */
export const registerScan: RegisterCommand = (program, run) => {
  program
    .command('scan')
    .description('list every unstable feature and -Z flag in a kernel tree or any Rust tree')
    .argument('<tree>', 'kernel source tree, Cargo workspace, or git repository (with --rev)')
    .option('--rev <revision>', 'read the tree at this git revision, from git objects, without a checkout')
    .option('--label <name>', "what the outputs call the tree (default: its directory's name)")
    .option('--json', 'print the scan document (schema gatewatch/scan@1)')
    .option('--follow-symlinks', 'follow symbolic links to directories (loops are reported)')
    .option('--no-cache', NO_CACHE_HELP)
    .addOption(new Option('--progress <mode>', 'progress on stderr').choices(['auto', 'json', 'none']).default('auto'))
    .addHelpText(
      'after',
      `
Examples:
  gatewatch scan /usr/src/linux-source-6.12
  gatewatch scan --json . > scan.json
  gatewatch scan --rev v6.13 ~/linux`,
    )
    .action(async (tree: string, opts: ScanOptions) => {
      const format = chooseFormat(opts, ['json'], 'text');
      const input = resolveScanInput({ input: tree, rev: opts.rev, label: opts.label, cwd: run.io.cwd, accept: ['tree'] });
      const { listener, done } = progressListener(run.io, opts.progress);
      const scan = await buildScanInput(input, { followSymlinks: opts.followSymlinks ?? false, onProgress: listener, store: scanStore(run.io, opts.cache) }).finally(done);
      print(run, scanReporters[format](scan, { colour: useColour(run.io), width: terminalWidth(run.io) }));
    });
};
