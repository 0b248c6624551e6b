import { writeFileSync, existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Option } from 'commander';
import { buildBaseline, computeBaselineDiff } from '../../analyses/baseline.js';
import { EXIT, GatewatchError, isGatewatchError } from '../../core/errors.js';
import { validateDocument } from '../../core/schemas.js';
import { BASELINE_SCHEMA, type Baseline } from '../../model/report.js';
import { checkReporters } from '../../reporters/report/index.js';
import type { RegisterCommand } from '../command.js';
import { useColour } from '../io.js';
import { NO_CACHE_HELP, scanCacheDir } from '../cache-dir.js';
import { progressListener, type ProgressMode } from '../progress-bar.js';
import { scanProgress } from '../tiering.js';
import { collectScan } from './report.js';

const WRITE_HINT = 'write one with `gatewatch check <tree> --baseline <file> --write-baseline`';

/** Read a baseline, checking it against schemas/baseline.schema.json so a wrong file fails with its name and the first bad field. */
function readBaseline(path: string, label: string): Baseline {
  if (!existsSync(path)) {
    throw new GatewatchError('E_BAD_INPUT', `baseline ${label} does not exist`, { hint: WRITE_HINT });
  }
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(path, 'utf8'));
  } catch (cause) {
    throw new GatewatchError('E_BAD_INPUT', `baseline ${label} is not JSON`, { cause });
  }
  const schema = (doc as Partial<Baseline> | null)?.schema;
  if (schema !== BASELINE_SCHEMA) {
    throw new GatewatchError('E_BAD_INPUT', `baseline ${label} is not valid: expected schema "${BASELINE_SCHEMA}", received ${JSON.stringify(schema)}`, { hint: WRITE_HINT });
  }
  try {
    return validateDocument<Baseline>('baseline', doc, label);
  } catch (e) {
    throw isGatewatchError(e) ? new GatewatchError(e.code, e.message, { hint: WRITE_HINT }) : e;
  }
}

/** `gatewatch check <tree> --baseline <file>`: a CI ratchet that fails when a new gate appears. */
export const registerCheck: RegisterCommand = (program, run) => {
  program
    .command('check')
    .description('CI ratchet: exit 1 when the tree uses a gate or flag that the baseline lacks')
    .argument('<input>', 'kernel tree to scan, or a scan document (.json)')
    .requiredOption('--baseline <file>', 'the allowed gates (gatewatch/baseline@1)')
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
    .action(async (input: string, opts: { baseline: string; writeBaseline?: boolean; json?: boolean; sarif?: boolean; cache: boolean; progress: ProgressMode }) => {
      if (opts.json && opts.sarif) throw new GatewatchError('E_USAGE', 'choose one output format, not --json and --sarif');
      const { listener, done } = progressListener(run.io, opts.progress);
      const scan = await collectScan(input, run.io.cwd, scanProgress(run.io, listener), undefined, scanCacheDir(run.io, opts.cache)).finally(done);
      const path = resolve(run.io.cwd, opts.baseline);
      if (opts.writeBaseline) {
        const baseline = buildBaseline(scan);
        writeFileSync(path, JSON.stringify(baseline, null, 2) + '\n');
        run.io.stdout(opts.json ? JSON.stringify(baseline, null, 2) + '\n' : `wrote ${baseline.gates.length} gates to ${opts.baseline}\n`);
        run.exitCode = EXIT.ok;
        return;
      }
      const diff = computeBaselineDiff(scan, readBaseline(path, opts.baseline), opts.baseline);
      const render = opts.sarif ? checkReporters.sarif : opts.json ? checkReporters.json : checkReporters.terminal;
      const result = render(diff, { colour: useColour(run.io) });
      run.io.stdout(result.output);
      run.exitCode = result.exitCode;
    });
};
