/** Where the CLI writes; tests pass their own to capture output without spawning a process. */
export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** True when stderr is a terminal (progress bar) ... */
  stderrIsTTY: boolean;
  /** ... and when stdout is (colour). */
  stdoutIsTTY: boolean;
  /** The terminal's columns when stdout is a terminal (`process.stdout.columns`). */
  columns?: number | undefined;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /**
   * The user's cache directory for the scan cache when `$GATEWATCH_CACHE_DIR` is unset (src/cli/cache-dir.ts);
   * tests leave it out, so that they never write to the home directory of the machine they run on.
   */
  userCacheDir?: string;
  /** How long a job runs before its progress bar appears (default 250 ms: a quick scan draws nothing). */
  progressDelayMs?: number;
}

/** Colour only on a TTY and when NO_COLOR is unset (https://no-color.org). */
export function useColour(io: CliIO): boolean {
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  if (io.env.FORCE_COLOR !== undefined && io.env.FORCE_COLOR !== '0') return true;
  return io.stdoutIsTTY;
}

/** The columns tables fit: the terminal's on a TTY, none when piped (whole lines for tools and files). */
export function terminalWidth(io: CliIO): number | undefined {
  // A terminal that reports no size (0) is treated as a pipe rather than squeezed to nothing.
  return io.stdoutIsTTY && io.columns !== undefined && io.columns > 0 ? io.columns : undefined;
}
