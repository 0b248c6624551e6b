import { writeFileSync } from 'node:fs';
import { Option } from 'commander';
import { buildBaseline, computeBaselineDiff } from '../../analyses/baseline.js';
import { EXIT } from '../../core/errors.js';
import { loadBundledRegistry } from '../../registry/load.js';
import { indexRegistry } from '../../registry/lookup.js';
import { buildCheckInputs, resolveCheckInputs } from '../../inputs/check.js';
import { checkReporters } from '../../reporters/check/index.js';
import type { RegisterCommand } from '../command.js';
import { useColour } from '../io.js';
import { NO_CACHE_HELP, scanStore } from '../cache-dir.js';
import { chooseFormat, print } from '../output.js';
import { progressListener, type ProgressMode } from '../progress-bar.js';

interface CheckOptions {
  baseline: string;
  writeBaseline?: boolean;
  rev?: string;
  label?: string;
  json?: boolean;
  sarif?: boolean;
  cache: boolean;
  progress: ProgressMode;
}

/** `gatewatch check <tree> --baseline <file>`: a CI ratchet that fails when a new gate appears. */
export const registerCheck: RegisterCommand = (program, run) => {
  program
    .command('check')
    .description('CI ratchet: exit 1 when the tree uses a gate or flag that the baseline lacks')
    .argument('<input>', 'kernel tree to scan, or a scan document (.json)')
    .requiredOption('--baseline <file>', 'the allowed gates (gatewatch/baseline@1)')
    .option('--rev <revision>', 'check the tree at this git revision, read from git objects, without a checkout')
    .option('--label <name>', "what the outputs call the tree (default: its directory's name)")
    .option('--write-baseline', 'write the baseline from this tree instead of checking against it')
    .option('--json', 'print the difference as JSON (schema gatewatch/check@1)')
    .option('--sarif', 'print SARIF 2.1.0, one result per use of a new gate, for code scanning')
    .option('--no-cache', NO_CACHE_HELP)
    .addOption(new Option('--progress <mode>', 'progress on stderr').choices(['auto', 'json', 'none']).default('auto'))
    .addHelpText(
      'after',
      `
Examples:
  gatewatch check /usr/src/linux-source-6.12 --baseline gates-baseline.json --write-baseline
  gatewatch check /usr/src/linux-source-6.12 --baseline gates-baseline.json`,
    )
    .action(async (input: string, opts: CheckOptions) => {
      const format = chooseFormat(opts, ['json', 'sarif'], 'terminal');
      const inputs = resolveCheckInputs({ input, baseline: opts.baseline, write: opts.writeBaseline ?? false, rev: opts.rev, label: opts.label, cwd: run.io.cwd });
      const { listener, done } = progressListener(run.io, opts.progress);
      const { scan, baseline } = await buildCheckInputs(inputs, { onScanProgress: listener, store: scanStore(run.io, opts.cache) }).finally(done);
      if (baseline === null) {
        const written = buildBaseline(scan);
        writeFileSync(inputs.baseline.path, JSON.stringify(written, null, 2) + '\n');
        print(run, { output: opts.json ? JSON.stringify(written, null, 2) + '\n' : `wrote ${written.gates.length} gates to ${opts.baseline}\n`, exitCode: EXIT.ok });
        return;
      }
      const diff = computeBaselineDiff(scan, baseline, opts.baseline, indexRegistry(loadBundledRegistry()));
      print(run, checkReporters[format](diff, { colour: useColour(run.io) }));
    });
};
