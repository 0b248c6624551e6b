import type { ProgressListener } from '../core/progress.js';
import type { CliIO } from './io.js';

export type ProgressMode = 'auto' | 'json' | 'none';

/**
 * Turn progress events into output: a one-line bar on a TTY (auto) for jobs that run long enough to need one,
 * NDJSON lines (json), or nothing.
 * Returns the listener and a `done` that clears the bar.
 */
export function progressListener(io: CliIO, mode: ProgressMode): { listener: ProgressListener; done: () => void } {
  if (mode === 'json') {
    return { listener: (e) => io.stderr(JSON.stringify({ type: 'progress', ...e }) + '\n'), done: () => {} };
  }
  if (mode === 'none' || !io.stderrIsTTY) return { listener: () => {}, done: () => {} };
  // A bar that flashes for a fraction of a second is noise: draw only once the job has run a while.
  const showFrom = Date.now() + (io.progressDelayMs ?? 250);
  let last = 0;
  let drawn = false;
  const width = 28;
  return {
    listener: (e) => {
      const now = Date.now();
      if (now < showFrom) return;
      if (now - last < 50 && !(e.total !== undefined && e.done === e.total)) return;
      last = now;
      drawn = true;
      let bar = '';
      if (e.total) {
        const filled = Math.round((Math.min(e.done, e.total) / e.total) * width);
        bar = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${e.done}/${e.total}`;
      } else {
        bar = `${e.done}`;
      }
      const detail = e.detail ? ` ${e.detail}`.slice(0, 40) : '';
      io.stderr(`\r\x1b[2K${e.phase} ${bar}${detail}`);
    },
    done: () => {
      if (drawn) io.stderr('\r\x1b[2K');
    },
  };
}
