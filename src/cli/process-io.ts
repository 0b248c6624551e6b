/**
 * The installed command's input and output: the process's streams, environment and the user's cache directory.
 * Apart from src/cli/io.ts so that the module it wires in (the cache directory) can name `CliIO` without an
 * import cycle.
 */
import { userCacheDir } from './cache-dir.js';
import type { CliIO } from './io.js';

/** The real process's streams, environment and cache directory. */
export function processIO(): CliIO {
  return {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    stderrIsTTY: Boolean(process.stderr.isTTY),
    stdoutIsTTY: Boolean(process.stdout.isTTY),
    columns: process.stdout.isTTY ? process.stdout.columns : undefined,
    env: process.env,
    cwd: process.cwd(),
    userCacheDir: userCacheDir(),
  };
}
