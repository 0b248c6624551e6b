/**
 * The store: facts kept between runs, keyed by content, in one directory. Each entry is a file named by a hash of
 * its key, holding a versioned header and a checksum of its body (entry.ts). Reading never trusts the directory:
 * an entry that is missing, not a regular file, too large, damaged, of another format or code version, or (for
 * JSON) of the wrong shape is a miss. Writes are atomic (a temporary file, then a rename: `write-file-atomic`), so
 * a reader sees a whole entry or none; updates that merge with what is there take a lock (lock.ts), so two runs at
 * once never lose each other's facts. Temporary files that killed runs left behind are removed.
 *
 * The store never fails a run: an unwritable directory means nothing is kept.
 */
import { lstatSync, mkdirSync, readdirSync, rmSync, unlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type WriteFileAtomic from 'write-file-atomic';
import { codeVersion } from './code-version.js';
import { nameOf } from './digest.js';
import { decodeEntry, encodeEntry } from './entry.js';
import { withLock } from './lock.js';
import { readRegularFile } from './read-regular.js';

/** A check that a value read back has the shape its writer gave it. */
export type Shape<T> = (value: unknown) => value is T;

/** Facts kept between runs, keyed by content (see the module's doc). */
export interface Store {
  /** The directory the entries live in. */
  readonly dir: string;
  /** The code version entries are written with and read for (code-version.ts). */
  readonly codeVersion: string;
  /** The body kept under `key`, or undefined (a miss) when there is no intact entry for it. */
  get(key: string): string | undefined;
  /** `get`, parsed as JSON and checked by `shape`; a miss when either fails. */
  getJson<T>(key: string, shape: Shape<T>): T | undefined;
  /** Keep `body` under `key`, replacing what was there; false when it could not be written. */
  put(key: string, body: string): boolean;
  /** `put` of a value as JSON. */
  putJson(key: string, value: unknown): boolean;
  /**
   * Replace the body under `key` by `merge(current)` while no other run updates it (`current` is undefined on a
   * miss; `merge` returning undefined writes nothing); false when nothing was written.
   */
  update(key: string, merge: (current: string | undefined) => string | undefined): boolean;
}

/**
 * write-file-atomic, loaded at the first write: a scan of an unchanged tree writes nothing, and loading it (with the
 * signal and worker modules it uses) costs more than that scan's reads of the store.
 */
let atomic: typeof WriteFileAtomic | undefined;
const writeFileAtomic = () => (atomic ??= createRequire(import.meta.url)('write-file-atomic') as typeof WriteFileAtomic);

/** Temporary files older than this were left by a run that was killed while writing (a write takes milliseconds). */
export const STALE_TEMP_MS = 60_000;

/** Names of temporary files: write-file-atomic's `<entry>.<number>`, and `*.tmp` of earlier caches. */
const TEMP_NAME = /\.entry\.\d+$|\.tmp$/;

/** The store in `dir` (created on the first write). `code` defaults to the running code's version. */
export function openStore(dir: string, options: { code?: string } = {}): Store {
  const code = options.code ?? codeVersion();
  const fileOf = (key: string) => join(dir, `${nameOf(key)}.entry`);
  let prepared = false;
  const prepare = (): boolean => {
    if (prepared) return true;
    try {
      mkdirSync(dir, { recursive: true });
    } catch {
      return false;
    }
    prepared = true;
    removeStaleTemps(dir);
    return true;
  };
  const write = (key: string, body: string): boolean => {
    if (!prepare()) return false;
    const file = fileOf(key);
    try {
      // write-file-atomic writes through a symbolic link to its target: whatever is not a regular file goes first.
      if (!lstatSync(file).isFile()) rmSync(file, { recursive: true, force: true });
    } catch {
      // Nothing there yet.
    }
    try {
      // No fsync: a crash may leave an empty or partial entry, which its checksum turns into a miss.
      writeFileAtomic().sync(file, encodeEntry(key, code, body), { fsync: false });
      return true;
    } catch {
      return false;
    }
  };
  const store: Store = {
    dir,
    codeVersion: code,
    get(key) {
      const text = readRegularFile(fileOf(key));
      return text === undefined ? undefined : decodeEntry(text, key, code);
    },
    getJson<T>(key: string, shape: Shape<T>) {
      const body = store.get(key);
      if (body === undefined) return undefined;
      try {
        const value: unknown = JSON.parse(body);
        return shape(value) ? value : undefined;
      } catch {
        return undefined;
      }
    },
    put: write,
    putJson: (key, value) => write(key, JSON.stringify(value)),
    update(key, merge) {
      if (!prepare()) return false;
      let written = false;
      withLock(`${fileOf(key)}.lock`, () => {
        const next = merge(store.get(key));
        if (next !== undefined) written = write(key, next);
      });
      return written;
    },
  };
  return store;
}

/** Remove temporary files and locks that runs killed mid-write left in `dir`. */
function removeStaleTemps(dir: string): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  const now = Date.now();
  for (const name of names) {
    if (!TEMP_NAME.test(name)) continue;
    const path = join(dir, name);
    try {
      const st = lstatSync(path);
      if (now - st.mtimeMs > STALE_TEMP_MS) unlinkSync(path);
    } catch {
      // Gone already (another run cleaned it, or its writer renamed it).
    }
  }
}
