import { Option } from 'commander';
import { computeDiff } from '../../analyses/diff.js';
import { buildDiffInputs, resolveDiffInputs } from '../../inputs/diff.js';
import { diffReporters } from '../../reporters/diff/index.js';
import type { RegisterCommand } from '../command.js';
import { NO_CACHE_HELP, scanStore } from '../cache-dir.js';
import { useColour } from '../io.js';
import { chooseFormat, print } from '../output.js';
import { progressListener, type ProgressMode } from '../progress-bar.js';

interface DiffOptions {
  repo?: string;
  toolchain?: string;
  registry?: string;
  json?: boolean;
  markdown?: boolean;
  cache: boolean;
  progress: ProgressMode;
}

/** `gatewatch diff <old> <new> [--repo <repo>]`: gates added, removed, moved and reclassified between two trees. */
export const registerDiff: RegisterCommand = (program, run) => {
  program
    .command('diff')
    .description('gates added, removed, moved and reclassified between two revisions, trees or scan documents')
    .argument('<old>', 'the old side: a revision of --repo, else a tree or a scan document (.json)')
    .argument('<new>', 'the new side, as the old')
    .option('--repo <repository>', 'read <old> and <new> as revisions of this git repository, without a checkout')
    .option('--toolchain <name>', "judge with this toolchain's registry (a rustup name or a path)")
    .option('--registry <file>', 'judge with this registry document (gatewatch registry --json)')
    .option('--json', 'print the diff document (schema gatewatch/diff@1)')
    .option('--markdown', 'print the diff as Markdown, fit for a pull request comment')
    .option('--no-cache', NO_CACHE_HELP)
    .addOption(new Option('--progress <mode>', 'progress on stderr').choices(['auto', 'json', 'none']).default('auto'))
    .addHelpText(
      'after',
      `
Examples:
  gatewatch diff v6.12 v6.13 --repo ~/linux
  gatewatch diff v6.12 v6.13 --repo ~/linux --markdown
  gatewatch diff /usr/src/linux-source-6.1 /usr/src/linux-source-6.12 --json`,
    )
    .action(async (oldSide: string, newSide: string, opts: DiffOptions) => {
      const format = chooseFormat(opts, ['json', 'markdown'], 'terminal');
      const inputs = resolveDiffInputs({ old: oldSide, new: newSide, ...opts, cwd: run.io.cwd });
      const { listener, done } = progressListener(run.io, opts.progress);
      const facts = await buildDiffInputs(inputs, { onProgress: listener, store: scanStore(run.io, opts.cache) }).finally(done);
      const diff = computeDiff(facts.old, facts.new, facts.registry, { diagnostics: facts.diagnostics });
      print(run, diffReporters[format](diff, { colour: useColour(run.io) }));
    });
};
