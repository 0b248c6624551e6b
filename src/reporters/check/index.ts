import type { BaselineDiff } from '../../model/report.js';
import type { Reporter } from '../types.js';
import { checkExitCode } from './exit-code.js';
import { renderCheckSarif } from './sarif.js';
import { renderCheckTerminal } from './terminal.js';
import { terminalSafe } from '../terminal-safe.js';

/** `check --json`: the difference document (schema gatewatch/check@1); the exit code is the same as the terminal's. */
const renderCheckJson: Reporter<BaselineDiff> = (d) => ({ output: JSON.stringify(d, null, 2) + '\n', exitCode: checkExitCode(d) });

/** `check` reporters by name: `terminal` by default, the others by their flag (`--json`, `--sarif`). */
export const checkReporters = { terminal: terminalSafe(renderCheckTerminal), json: renderCheckJson, sarif: renderCheckSarif } satisfies Record<string, Reporter<BaselineDiff>>;
