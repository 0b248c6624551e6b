/**
 * The scan cache: what the last scan of a tree found in each file, keyed by the file's stamp (size, mtime, ctime
 * and inode on disk; the blob id in git), and the walk of its directories, keyed by theirs. A scan of an unchanged
 * tree then reads no file and no directory again: it stats them. Nothing found is kept only here: a cached fact is
 * the fact a fresh read would give, or the file is read. Every scan keeps the walk (src/scan/walk.ts); the first
 * leaves out its directory listings, which only a walk after a change needs.
 *
 * A cached fact is reused only when all of these hold:
 * - the cache was written by the same code (gatewatch's version, the bundle's build id or the files of its code,
 *   the sources' names);
 * - the file's stamp is unchanged, and it was not changed within 2 s of being read (src/scan/walk.ts, tree.ts);
 * - every source that wants the file now looked at this content then;
 * - every question the source asked about the rest of the tree (`hasFile`, `crateOf`) has the same answer now.
 *
 * One file per tree (and per way of reading it) under the cache directory: a JSON header, then texts of lines
 * separated by NUL (no escaping to undo), written whole to a temporary file and renamed; the directory listings,
 * needed only when a directory changed, in a second file. A cache that cannot be read is ignored; one that cannot
 * be written is skipped: the scan's result never depends on it.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageRoot } from '../core/package-root.js';
import { GATEWATCH_VERSION } from '../core/version.js';
import type { Diagnostic } from '../model/diagnostic.js';
import type { ScanContext, SourceFacts } from '../sources/types.js';
import type { WalkCache } from './walk.js';

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

/**
 * The cache file. Large parts are texts of lines, not JSON objects: a kernel tree has thousands of entries, and
 * splitting lines is several times cheaper than building objects from JSON for each.
 */
export interface ScanCacheData {
  treeKind: ScanContext['treeKind'];
  /** The walk of a plain directory (src/scan/walk.ts). */
  walk?: WalkCache;
  /**
   * The kept files, one per line, when no walk is kept (a listing from git): the plan below
   * is valid while the listing is the same.
   */
  listing?: string;
  /** Which sources wanted each kept file, as `source,source` lines in the listing's order (empty: none). */
  plan?: string;
  /** What each file gave: `encodeFiles` lines. */
  files: string;
}

const CACHE_SCHEMA = 'gatewatch/scan-cache@3';

/** One line per file, in the order given (the plan's): path, stamp, source names, and the rest (if any) as JSON. */
export function encodeFiles(files: Map<string, CachedFile>): string {
  const lines: string[] = [];
  for (const [path, f] of files) {
    if (path.includes('\n') || path.includes('\t')) continue; // never cached: read every time
    const rest = f.facts || f.diagnostics ? JSON.stringify({ facts: f.facts, diagnostics: f.diagnostics }) : '';
    lines.push(`${path}\t${f.stamp}\t${f.sources.join(',')}\t${rest}`);
  }
  return lines.join('\n');
}

/**
 * The files of a cache, read lazily: the lines are written in plan order, so when the plan is the same the entry
 * of the i-th planned file is the i-th line (checked by its path), and no index of all paths is built.
 */
export class CachedFiles {
  private readonly lines: string[];
  private byPath: Map<string, number> | undefined;

  constructor(text: string) {
    this.lines = text === '' ? [] : text.split('\n');
  }

  get size(): number {
    return this.lines.length;
  }

  /** The entry of `path`, looked for first at line `hint`; undefined when absent or damaged. */
  get(path: string, hint: number): CachedFile | undefined {
    let line = this.lines[hint];
    if (line === undefined || !(line.startsWith(path) && line.charCodeAt(path.length) === 9)) {
      if (this.byPath === undefined) {
        this.byPath = new Map();
        for (let i = 0; i < this.lines.length; i++) this.byPath.set(this.lines[i]!.slice(0, this.lines[i]!.indexOf('\t')), i);
      }
      const i = this.byPath.get(path);
      if (i === undefined) return undefined;
      line = this.lines[i]!;
    }
    return decodeLine(line, path.length);
  }
}

/** One `encodeFiles` line whose path is `pathLength` long. */
function decodeLine(line: string, pathLength: number): CachedFile | undefined {
  const a = pathLength;
  const b = line.indexOf('\t', a + 1);
  const c = line.indexOf('\t', b + 1);
  if (b < 0 || c < 0) return undefined;
  const f: CachedFile = { stamp: line.slice(a + 1, b), sources: line.slice(b + 1, c).split(',') };
  if (c + 1 < line.length) {
    try {
      const rest = JSON.parse(line.slice(c + 1)) as Pick<CachedFile, 'facts' | 'diagnostics'>;
      if (rest.facts) f.facts = rest.facts;
      if (rest.diagnostics) f.diagnostics = rest.diagnostics;
    } catch {
      return undefined;
    }
  }
  return f;
}

export interface ScanCache {
  /** What the last scan of this tree left, when the same code made it. */
  load(): ScanCacheData | undefined;
  /** Keep this for the next scan (errors are swallowed: a cache is never worth failing a scan for). */
  save(data: ScanCacheData): void;
  /** The file it lives in. */
  file: string;
  /** Fingerprint of the code that reads and writes it: a cache written by other code is never loaded. */
  code: string;
}

/** The cache of one tree, in `dir`: `realTree` is the tree's real path, `way` how it is read (disk or git objects). */
export function openScanCache(dir: string, realTree: string, way: 'disk' | 'git', code: string): ScanCache {
  const key = createHash('sha256').update(`${realTree}\0${way}`).digest('hex').slice(0, 24);
  const file = join(dir, `scan-${key}.json`);
  // The directory listings are large and needed only when some directory changed: they live in a file of their
  // own, tied to the main one by a token written in both.
  const listingsFile = join(dir, `scan-${key}.dirs.json`);
  return {
    file,
    code,
    load() {
      try {
        const sections = readFileSync(file, 'utf8').split('\0');
        if (sections.length !== 6) return undefined;
        const header = JSON.parse(sections[0]!) as Header;
        if (header.schema !== CACHE_SCHEMA || header.code !== code) return undefined;
        const data: ScanCacheData = { treeKind: header.treeKind, files: sections[5]! };
        if (header.listing) data.listing = sections[3]!;
        if (header.listing || header.walk) data.plan = sections[4]!;
        if (header.walk) {
          const token = header.walk.listingsToken;
          data.walk = {
            order: sections[1]!,
            links: sections[2]!,
            files: sections[3]!,
            fileCount: header.walk.fileCount,
            diagnostics: header.walk.diagnostics,
            listings: () => {
              try {
                const side = JSON.parse(readFileSync(listingsFile, 'utf8')) as { token?: string; listings?: string };
                return token !== undefined && side.token === token && typeof side.listings === 'string' ? side.listings : undefined;
              } catch {
                return undefined;
              }
            },
          };
        }
        return data;
      } catch {
        return undefined;
      }
    },
    save(data) {
      try {
        mkdirSync(dir, { recursive: true });
        const write = (path: string, text: string) => {
          const tmp = `${path}.${process.pid}.tmp`;
          writeFileSync(tmp, text);
          renameSync(tmp, path);
        };
        const header: Header = { schema: CACHE_SCHEMA, code, treeKind: data.treeKind };
        const walk = data.walk;
        if (walk) {
          const listings = typeof walk.listings === 'string' ? walk.listings : walk.listings();
          const token = randomUUID();
          // Listings first: a main file never names a token whose listings were not written.
          if (listings !== undefined) write(listingsFile, JSON.stringify({ token, listings }));
          header.walk = { fileCount: walk.fileCount, diagnostics: walk.diagnostics, ...(listings !== undefined ? { listingsToken: token } : {}) };
        }
        // Paths never hold NUL, and JSON escapes it: NUL separates the sections, which need no escaping then.
        // The kept files: the walk's, or (for a listing from git) the listing itself.
        if (!walk && data.listing !== undefined) header.listing = true;
        const sections = [JSON.stringify(header), walk?.order ?? '', walk?.links ?? '', walk?.files ?? data.listing ?? '', data.plan ?? '', data.files];
        write(file, sections.join('\0'));
      } catch {
        // A read-only or full cache directory: the next scan reads the tree again.
      }
    },
  };
}

/** The first section of the cache file. */
interface Header {
  schema: typeof CACHE_SCHEMA;
  code: string;
  treeKind: ScanContext['treeKind'];
  walk?: { fileCount: number; diagnostics: Diagnostic[]; listingsToken?: string };
  /** The fourth section is a listing kept without a walk. */
  listing?: true;
}

let codeId: string | undefined;

/**
 * A fingerprint of the code that finds facts: gatewatch's version and, from the bundle (dist/bundle/), the id its
 * build wrote of its contents; elsewhere (tsc's dist/, src/ under the tests) the name, size and mtime of every
 * module of the code directory. With the Rust grammar's package. Any change to the code, released or not, gives a
 * new fingerprint and so an empty cache.
 */
export function codeFingerprint(sourceNames: readonly string[]): string {
  if (codeId === undefined) {
    const hash = createHash('sha256').update(GATEWATCH_VERSION);
    const here = dirname(fileURLToPath(import.meta.url));
    let buildId: string | undefined;
    try {
      buildId = (JSON.parse(readFileSync(join(here, 'build-id.json'), 'utf8')) as { id?: string }).id;
    } catch {
      // Not the bundle: fingerprint the files.
    }
    if (typeof buildId === 'string') hash.update(`bundle\0${buildId}`);
    else {
      const codeRoot = dirname(here);
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
    }
    try {
      hash.update(readFileSync(join(packageRoot, 'node_modules', 'tree-sitter-rust', 'package.json')));
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
