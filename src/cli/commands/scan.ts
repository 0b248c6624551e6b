import { Option } from 'commander';
import { buildScan } from '../../scan/build-scan.js';
import { scanReporters } from '../../reporters/scan/index.js';
import type { RegisterCommand } from '../command.js';
import { NO_CACHE_HELP, scanCacheDir } from '../cache-dir.js';
import { useColour } from '../io.js';
import { progressListener, type ProgressMode } from '../progress-bar.js';
import { scanProgress } from '../tiering.js';
import { resolve } from 'node:path';

/** `gatewatch scan <tree>`: every unstable feature and -Z flag in a tree. */
export const registerScan: RegisterCommand = (program, run) => {
  program
    .command('scan')
    .description('list every unstable feature and -Z flag in a kernel tree or any Rust tree')
    .argument('<tree>', 'kernel source tree, Cargo workspace, or git repository (with --rev)')
    .option('--rev <revision>', 'read the tree at this git revision, from git objects, without a checkout')
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
    .action(async (tree: string, opts: { rev?: string; json?: boolean; followSymlinks?: boolean; cache: boolean; progress: ProgressMode }) => {
      const cacheDir = scanCacheDir(run.io, opts.cache);
      const { listener, done } = progressListener(run.io, opts.progress);
      const scan = await buildScan({
        tree: resolve(run.io.cwd, tree),
        label: tree,
        ...(opts.rev !== undefined ? { rev: opts.rev } : {}),
        followSymlinks: opts.followSymlinks ?? false,
        onProgress: scanProgress(run.io, listener),
        ...(cacheDir !== undefined ? { cacheDir } : {}),
      }).finally(done);
      const result = (opts.json ? scanReporters.json : scanReporters.text)(scan, { colour: useColour(run.io) });
      run.io.stdout(result.output);
      run.exitCode = result.exitCode;
    });
};
