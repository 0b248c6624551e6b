/**
 * A lock file beside an entry, for read-merge-write updates that two runs may make at once. Created exclusively
 * (`wx`); a lock older than `STALE_LOCK_MS` was left by a killed run and is taken over. A run that cannot get the
 * lock in time gives up its update: the store is a cache, and a skipped write only costs a later read.
 */
import { closeSync, openSync, statSync, unlinkSync } from 'node:fs';

/** A lock held longer than this belongs to a run that died (an update takes milliseconds). */
const STALE_LOCK_MS = 10_000;
const WAIT_MS = 5_000;
const POLL_MS = 10;

const pause = new Int32Array(new SharedArrayBuffer(4));

/** Run `work` holding the lock `path`; returns false (without running it) when the lock cannot be had. */
export function withLock(path: string, work: () => void): boolean {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    try {
      closeSync(openSync(path, 'wx'));
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') return false;
    }
    try {
      if (Date.now() - statSync(path).mtimeMs > STALE_LOCK_MS) unlinkSync(path);
    } catch {
      // Released (or taken over) meanwhile: try again.
    }
    if (Date.now() > deadline) return false;
    Atomics.wait(pause, 0, 0, POLL_MS);
  }
  try {
    work();
    return true;
  } finally {
    try {
      unlinkSync(path);
    } catch {
      // Taken over as stale by another run: nothing left to release.
    }
  }
}
