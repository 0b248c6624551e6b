/**
 * The scan cache: what the last scan of a tree found in each file, keyed by the file's stamp (size, mtime, ctime
 * and inode on disk; the blob id in git), and the walk of its directories, keyed by theirs. A scan of an unchanged
 * tree then reads no file and no directory again: it stats them. Nothing found is kept only here: a cached fact is
 * the fact a fresh read would give, or the file is read.
 *
 * A cached fact is reused only when all of these hold:
 * - the cache was written by the same code (gatewatch's version, the files of its code, the sources' names);
 * - the file's stamp is unchanged, and it was not changed within 2 s of being read (src/scan/tree.ts);
 * - every source that wants the file now looked at this content then;
 * - every question the source asked about the rest of the tree (`hasFile`, `crateOf`) has the same answer now.
 *
 * One JSON file per tree (and per way of reading it) under the cache directory, written whole to a temporary
 * file and renamed. A cache that cannot be read is ignored; one that cannot be written is skipped: the scan's
 * result never depends on it.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GATEWATCH_VERSION } from '../core/version.js';
import type { Diagnostic } from '../model/diagnostic.js';
import type { ScanContext, SourceFacts } from '../sources/types.js';
import type { CachedDir } from './tree.js';

/** A question a source asked about the tree while collecting one file, with the answer it got. */
export type TreeQuestion = { hasFile: string; answer: boolean } | { crateOf: string; answer: string | null };

/** What one file gave the last time it was read. */
export interface CachedFile {
  stamp: string;
  /** Names of the sources that looked at this content (every source that wanted the file). */
  sources: string[];
  /** Diagnostics about the bytes themselves (binary, huge, invalid UTF-8). */
  diagnostics?: Diagnostic[];
  /** What each source collected, when it collected anything, and what it asked. */
  facts?: Record<string, { facts: SourceFacts; asked?: TreeQuestion[] }>;
}

export interface ScanCacheData {
  schema: 'gatewatch/scan-cache@1';
  /** Fingerprint of the code that wrote it. */
  code: string;
  treeKind: ScanContext['treeKind'];
  /** The walk of a plain directory. */
  dirs?: Record<string, CachedDir>;
  /** By relative path. */
  files: Record<string, CachedFile>;
}

export interface ScanCache {
  /** What the last scan of this tree left, when the same code made it. */
  load(): ScanCacheData | undefined;
  /** Keep this for the next scan (errors are swallowed: a cache is never worth failing a scan for). */
  save(data: ScanCacheData): void;
  /** The file it lives in. */
  file: string;
}

/** The cache of one tree, in `dir`: `realTree` is the tree's real path, `way` how it is read (disk or git objects). */
export function openScanCache(dir: string, realTree: string, way: 'disk' | 'git', code: string): ScanCache {
  const key = createHash('sha256').update(`${realTree}\0${way}`).digest('hex').slice(0, 24);
  const file = join(dir, `scan-${key}.json`);
  return {
    file,
    load() {
      try {
        const data = JSON.parse(readFileSync(file, 'utf8')) as ScanCacheData;
        return data.schema === 'gatewatch/scan-cache@1' && data.code === code && typeof data.files === 'object' ? data : undefined;
      } catch {
        return undefined;
      }
    },
    save(data) {
      try {
        mkdirSync(dir, { recursive: true });
        const tmp = `${file}.${process.pid}.tmp`;
        writeFileSync(tmp, JSON.stringify(data));
        renameSync(tmp, file);
      } catch {
        // A read-only or full cache directory: the next scan reads the tree again.
      }
    },
  };
}

let codeId: string | undefined;

/**
 * A fingerprint of the code that finds facts: gatewatch's version, and the name, size and mtime of every module of
 * this package's code directory (dist/ when built, src/ under the tests) and of the Rust grammar. Any change to the
 * code, released or not, gives a new fingerprint and so an empty cache.
 */
export function codeFingerprint(sourceNames: readonly string[]): string {
  if (codeId === undefined) {
    const hash = createHash('sha256').update(GATEWATCH_VERSION);
    const codeRoot = dirname(dirname(fileURLToPath(import.meta.url)));
    const walk = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
        const p = join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (/\.(js|ts)$/.test(e.name)) {
          const st = statSync(p);
          hash.update(`${p.slice(codeRoot.length)}\0${st.size}\0${st.mtimeMs}\0`);
        }
      }
    };
    walk(codeRoot);
    try {
      hash.update(readFileSync(join(codeRoot, '..', 'node_modules', 'tree-sitter-rust', 'package.json')));
    } catch {
      // An installed package without its own node_modules: the version above stands for the grammar too.
    }
    codeId = hash.digest('hex').slice(0, 24);
  }
  return `${codeId}:${sourceNames.join(',')}`;
}

/** True when every question has the same answer in `ctx` as when it was asked. */
export function answersHold(asked: readonly TreeQuestion[] | undefined, ctx: ScanContext): boolean {
  if (!asked) return true;
  for (const q of asked) {
    if ('hasFile' in q) {
      if (ctx.hasFile(q.hasFile) !== q.answer) return false;
    } else if ((ctx.crateOf?.(q.crateOf) ?? null) !== q.answer) return false;
  }
  return true;
}

/** `ctx` for one source on one file, writing down every question asked and its answer. */
export function askingContext(ctx: ScanContext, asked: TreeQuestion[]): ScanContext {
  const out: ScanContext = {
    treeKind: ctx.treeKind,
    hasFile(path) {
      const answer = ctx.hasFile(path);
      asked.push({ hasFile: path, answer });
      return answer;
    },
  };
  const crateOf = ctx.crateOf;
  if (crateOf) {
    out.crateOf = (path) => {
      const answer = crateOf(path);
      asked.push({ crateOf: path, answer });
      return answer;
    };
  }
  return out;
}
