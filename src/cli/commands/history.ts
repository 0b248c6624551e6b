import { Option } from 'commander';
import { GATEWATCH_VERSION } from '../../core/version.js';
import { computeHistory } from '../../analyses/history.js';
import { buildHistoryInputs, resolveHistoryInputs } from '../../inputs/history.js';
import { historyReporters } from '../../reporters/history/index.js';
import type { RegisterCommand } from '../command.js';
import { NO_CACHE_HELP, scanStore } from '../cache-dir.js';
import { useColour } from '../io.js';
import { chooseFormat, print } from '../output.js';
import { progressListener, type ProgressMode } from '../progress-bar.js';

interface HistoryOptions {
  tags?: string;
  includeRc?: boolean;
  toolchain?: string;
  registry?: string;
  json?: boolean;
  csv?: boolean;
  markdown?: boolean;
  cache: boolean;
  progress: ProgressMode;
}

/** `gatewatch history [repo] [rev...]`: how the gates moved from release to release. */
export const registerHistory: RegisterCommand = (program, run) => {
  program
    .command('history')
    .description('how the gates moved from release to release: a series read from git objects, its events and burndown')
    .argument('[repository]', "git repository (a kernel clone); default: gatewatch's bundled kernel scans")
    .argument('[revs...]', 'revisions to compare, oldest first; default: the release tags from the first with Rust')
    .option('--tags <glob>', 'the tags to use, as `git tag --list` matches them (default: release tags v*)')
    .option('--include-rc', 'keep release candidates (-rcN tags)')
    .option('--toolchain <name>', "judge with this toolchain's registry (a rustup name or a path)")
    .option('--registry <file>', 'judge with this registry document (gatewatch registry --json)')
    .option('--json', 'print the history document (schema gatewatch/history@1)')
    .option('--csv', 'print the series as CSV, one row per revision')
    .option('--markdown', 'print the series, burndown and events as Markdown')
    .option('--no-cache', NO_CACHE_HELP)
    .addOption(new Option('--progress <mode>', 'progress on stderr').choices(['auto', 'json', 'none']).default('auto'))
    .addHelpText(
      'after',
      `
Examples:
  gatewatch history
  gatewatch history ~/linux
  gatewatch history ~/linux --tags 'v6.*' --include-rc --csv
  gatewatch history ~/linux v6.12 v6.13 --json`,
    )
    .action(async (repository: string | undefined, revs: string[], opts: HistoryOptions) => {
      const format = chooseFormat(opts, ['json', 'csv', 'markdown'], 'terminal');
      const inputs = resolveHistoryInputs({ repository, revs, ...opts, cwd: run.io.cwd });
      const { listener, done } = progressListener(run.io, opts.progress);
      const facts = await buildHistoryInputs(inputs, { onProgress: listener, store: scanStore(run.io, opts.cache) }).finally(done);
      const history = computeHistory(facts.revisions, facts.registry, { repository: repository ?? null, version: GATEWATCH_VERSION, diagnostics: facts.diagnostics });
      print(run, historyReporters[format](history, { colour: useColour(run.io) }));
    });
};
