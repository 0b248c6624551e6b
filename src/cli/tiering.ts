/**
 * V8 tiering for a scan run as a command. The JavaScript walk is a scan's one long hot loop (a kernel tree's ~90k
 * directory entries), where code optimised by V8's optimising compiler (TurboFan) pays. After it the process lives a
 * few hundred milliseconds at most: optimised code for what is left would arrive too late to pay, and a Node process
 * cannot exit while such a compile job runs on a background thread (a warm scan waited 25-60 ms for one after its
 * output). So the installed command stops optimisation when the walk ends.
 *
 * Measured on linux 6.12 with the JavaScript walk (whole command in one process, median of 9, runs interleaved):
 * first scan 519 ms with optimisation throughout, 576 ms with none, 489 ms stopped after the walk; warm scan 205,
 * 207 and 161 ms. With the native walker (src/scan/native.ts) the walk runs in C, and keeping optimisation on for
 * the make reader that follows measured no better (cold scan, median of 9: 664 ms kept, 518 ms stopped, on a
 * loaded machine), so the stop stays.
 */
import { setFlagsFromString } from 'node:v8';
import type { ProgressListener } from '../core/progress.js';
import type { CliIO } from './io.js';

/** Stop V8's optimising compiler for the rest of the process (code already optimised stays so). */
export function stopOptimising(): void {
  setFlagsFromString('--no-turbofan');
}

/** The progress listener for a scan: `listener`, and `io.onWalkDone` once, at the scan's first event past its walk. */
export function scanProgress(io: CliIO, listener: ProgressListener): ProgressListener {
  const onWalkDone = io.onWalkDone;
  if (onWalkDone === undefined) return listener;
  let walking = true;
  return (event) => {
    if (walking && event.phase !== 'walk') {
      walking = false;
      onWalkDone();
    }
    listener(event);
  };
}
