/**
 * The native walker and reader (native/fastfs.c, built by scripts/build-native.mjs when `npm ci` runs): the same
 * directory walk and file reads as the JavaScript ones in walk.ts and tree.ts, spread over one thread per core.
 * It is optional. Without a C compiler the build is skipped, and `GATEWATCH_NATIVE=0` turns it off; either way a
 * scan gives the same result, only slower. Its results are raw (names, errno, stat numbers): what they mean is
 * decided here and in walk.ts, by the same code as for the JavaScript walk.
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { packageFileUrl } from '../core/package-root.js';
import type { SelectorRules } from './select.js';

/** The functions of native/fastfs.c (see its comments for the layout of what they return). */
interface FastFs {
  walk(
    root: string,
    wantStat: boolean,
    threads: number,
    keepAll: boolean,
    names: string,
    prefixes: string,
    extensions: string,
    dirNames: string,
    dirPaths: string,
    skipDirs: string,
  ): Promise<{ meta: Float64Array; names: string }>;
  readFiles(root: string, paths: string, wantStat: boolean, threads: number, markers: string): Promise<{ data: Buffer; meta: Float64Array }>;
  statPaths(root: string, paths: string, threads: number): Promise<Float64Array>;
}

let loaded: FastFs | null | undefined;

/** The native module, or null when it was not built or is turned off (`GATEWATCH_NATIVE=0`). */
export function fastFs(): FastFs | null {
  if (loaded === undefined) {
    loaded = null;
    if (process.env.GATEWATCH_NATIVE !== '0') {
      try {
        loaded = createRequire(import.meta.url)(fileURLToPath(packageFileUrl('build/Release/fastfs.node'))) as FastFs;
      } catch {
        // Not built (no compiler where it was installed): the JavaScript walk and reads do the same work.
      }
    }
  }
  return loaded;
}


/** One directory of a native walk. */
export interface NativeDir {
  /** errno when the directory could not be read wholly (0 when it was). */
  err: number;
  files: string[];
  fileCount: number;
  dirs: string[];
  /** The id of `dirs[0]`; the others follow. */
  firstChild: number;
  links: string[];
  /** size, mtimeMs, ctimeMs and ino of the directory, as Node's Stats holds them; null without a stat. */
  stat: [number, number, number, number] | null;
}

/** A native walk's directories by id (the root is 0). */
export interface NativeWalk {
  dir(id: number): NativeDir;
}

const META = 10;

/** Walk `root` natively; null when the module is absent or the walk failed (then the JavaScript walk runs). */
export async function nativeWalk(root: string, wantStat: boolean, rules: SelectorRules | null, skipDirs: readonly string[]): Promise<NativeWalk | null> {
  const fs = fastFs();
  if (fs === null) return null;
  let out: { meta: Float64Array; names: string };
  try {
    const join = (list: readonly string[] | undefined) => (list ?? []).join('\0');
    out = await fs.walk(root, wantStat, 0, rules === null, join(rules?.names), join(rules?.prefixes), join(rules?.extensions), join(rules?.dirNames), join(rules?.dirPaths), join(skipDirs));
  } catch {
    return null;
  }
  const { meta } = out;
  const count = meta.length / META;
  const names = out.names === '' ? [] : out.names.split('\0');
  // Where each directory's names begin.
  const starts = new Int32Array(count + 1);
  for (let id = 0; id < count; id++) starts[id + 1] = starts[id]! + meta[id * META + 1]! + meta[id * META + 3]! + meta[id * META + 4]!;
  return {
    dir(id: number): NativeDir {
      const m = id * META;
      const nFiles = meta[m + 1]!;
      const nDirs = meta[m + 3]!;
      const at = starts[id]!;
      return {
        err: meta[m]!,
        files: names.slice(at, at + nFiles),
        fileCount: meta[m + 2]!,
        dirs: names.slice(at + nFiles, at + nFiles + nDirs),
        firstChild: meta[m + 5]!,
        links: names.slice(at + nFiles + nDirs, starts[id + 1]!),
        stat: Number.isNaN(meta[m + 6]) ? null : [meta[m + 6]!, meta[m + 7]!, meta[m + 8]!, meta[m + 9]!],
      };
    },
  };
}

const READ_META = 8;

/** Most markers one native read looks for (bits of `checks`). */
export const MAX_NATIVE_MARKERS = 24;

/**
 * A native read of many files, file by file (by index in the paths given): nothing is made for a file until asked.
 */
export class NativeReads {
  constructor(
    private readonly data: Buffer,
    private readonly meta: Float64Array,
  ) {}

  /** errno when the file could not be read (0 when it was). */
  err(i: number): number {
    return this.meta[i * READ_META + 2]!;
  }

  /** How many bytes were read. */
  length(i: number): number {
    return this.meta[i * READ_META + 1]!;
  }

  /** The bytes read: a view of the read's one buffer. */
  bytes(i: number): Buffer {
    const offset = this.meta[i * READ_META]!;
    return this.data.subarray(offset, offset + this.meta[i * READ_META + 1]!);
  }

  /** size, mtimeMs, ctimeMs and ino, as Node's Stats holds them; null without a stat. */
  stat(i: number): [number, number, number, number] | null {
    const m = i * READ_META;
    return Number.isNaN(this.meta[m + 3]) ? null : [this.meta[m + 3]!, this.meta[m + 4]!, this.meta[m + 5]!, this.meta[m + 6]!];
  }

  /** Bit 0: a NUL byte in the first 8 KiB; bit 1: valid UTF-8; bit 2 + k: the k-th marker is in the bytes. */
  checks(i: number): number {
    return this.meta[i * READ_META + 7]!;
  }
}

/**
 * Read `paths` (relative to `root`) natively, each checked for `markers` (at most MAX_NATIVE_MARKERS); null when
 * the module is absent or the read failed.
 */
export async function nativeReadFiles(root: string, paths: readonly string[], wantStat: boolean, markers: readonly string[] = []): Promise<NativeReads | null> {
  const fs = fastFs();
  if (fs === null) return null;
  try {
    const { data, meta } = await fs.readFiles(root, paths.join('\0'), wantStat, 0, markers.join('\0'));
    return new NativeReads(data, meta);
  } catch {
    return null;
  }
}

/** A native stat of many paths, path by path (by index in the paths given): what Node's statSync says of each. */
export class NativeStats {
  constructor(private readonly meta: Float64Array) {}

  /** errno when the path could not be stat'ed (0 when it was). */
  err(i: number): number {
    return this.meta[i * STAT_META]!;
  }

  kind(i: number): 'file' | 'dir' | 'other' {
    const kind = this.meta[i * STAT_META + 1];
    return kind === 1 ? 'file' : kind === 2 ? 'dir' : 'other';
  }

  /** size, mtimeMs, ctimeMs and ino, as Node's Stats holds them (NaN when it could not be stat'ed). */
  stat(i: number): [number, number, number, number] {
    const m = i * STAT_META;
    return [this.meta[m + 2]!, this.meta[m + 3]!, this.meta[m + 4]!, this.meta[m + 5]!];
  }
}

const STAT_META = 6;

/**
 * Stat `paths` (relative to `root`, `''` for the root itself) natively, following symbolic links as statSync
 * does, on one thread per core; null when the module is absent or the call failed.
 */
export async function nativeStatPaths(root: string, paths: readonly string[]): Promise<NativeStats | null> {
  const fs = fastFs();
  if (fs === null) return null;
  let meta: Float64Array;
  try {
    meta = await fs.statPaths(root, paths.map((p) => (p === '' ? '.' : p)).join('\0'), 0);
  } catch {
    return null;
  }
  return meta.length === paths.length * STAT_META ? new NativeStats(meta) : null;
}
