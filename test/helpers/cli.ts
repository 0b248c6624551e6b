import { main } from '../../src/cli/main.js';
import type { CliIO } from '../../src/cli/io.js';

/** Run the CLI in-process with captured output, as a user would run `gatewatch ...args`. */
export async function runCli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; tty?: boolean; columns?: number; progressDelayMs?: number } = {}) {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    stdoutIsTTY: options.tty ?? false,
    stderrIsTTY: options.tty ?? false,
    ...(options.columns !== undefined ? { columns: options.columns } : {}),
    env: options.env ?? { NO_COLOR: '1' },
    cwd: options.cwd ?? process.cwd(),
    // Fixtures scan in milliseconds: draw the progress bar at once unless a test asks otherwise.
    progressDelayMs: options.progressDelayMs ?? 0,
  };
  const code = await main(args, io);
  return { code, stdout, stderr };
}
