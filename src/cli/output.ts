/** What every command does with the flags that choose its output, and with a reporter's result. */
import { GatewatchError } from '../core/errors.js';
import type { ReporterResult } from '../reporters/types.js';
import type { CliRun } from './command.js';

/**
 * The output format the command line chose: the one of `flags` that is set (`--json`, `--markdown`, `--sarif`), else
 * `fallback`. Two at once is a usage error.
 */
export function chooseFormat<F extends string, D extends string>(opts: Partial<Record<F, boolean | undefined>>, flags: readonly F[], fallback: D): F | D {
  const chosen = flags.filter((f) => opts[f]);
  if (chosen.length > 1) throw new GatewatchError('E_USAGE', `choose one output format, not ${chosen.map((f) => `--${f}`).join(' and ')}`);
  return chosen[0] ?? fallback;
}

/** Print a reporter's output on stdout; its exit code is the run's. */
export function print(run: CliRun, result: ReporterResult): void {
  run.io.stdout(result.output);
  run.exitCode = result.exitCode;
}
