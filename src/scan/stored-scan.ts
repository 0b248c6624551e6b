/**
 * The store's one place in the scan (src/store/): what the last scan of a tree kept, given back to the steps that
 * can use it, and what this scan found, kept for the next. Four entries per tree, each keyed by the way the tree is
 * read (a directory on disk, or git objects), its real path, the options that change what is read
 * (`followSymlinks`) and the sources' names; the store adds the code version:
 * - the listing: a plain directory's walk (every directory's stamp, so that an unchanged tree costs a stat per
 *   directory), or the files git listed (in a work tree, with that walk and the stamps of git's index and ignore
 *   rules, so that an unchanged work tree costs no git process), with the plan made for them;
 * - the directory listings, needed only when some directory changed, apart because they are large;
 * - the files' facts, by path and stamp (size, mtime, ctime and inode on disk; the blob id in git). A git
 *   repository keeps one set for all its revisions, merged on write: a blob seen at one revision is never read
 *   again at another;
 * - on disk, the whole collect step of the last scan (kept-outcome.ts): what an unchanged tree's scan reads in place
 *   of the files' facts.
 * Everything read back is checked (the store checks each entry's checksum and version, this module the shape of
 * what is in it); what does not hold is a miss, and the file or directory is read.
 */
import { realpathSync } from 'node:fs';
import type { Diagnostic } from '../model/diagnostic.js';
import type { ScanContext, ScanSource } from '../sources/types.js';
import type { Store } from '../store/store.js';
import type { Collected, FileFacts, KeptFiles } from './collect.js';
import { decodePlan, encodePlan, type Plan } from './plan.js';
import type { ScanSession, SessionFiles } from './scan-session.js';
import type { GitListing, OpenTreeOptions, TreeReader } from './tree-reader.js';
import type { WalkCache } from './walk.js';
import { encodeOutcome, reuseOutcome } from './kept-outcome.js';
import { isDiagnostic, isObject, isOptionalString, isQuestions, isSourceFacts, onlyKeys } from './kept-shapes.js';

/** What a scan asks of the store, and what it gives it. */
export interface StoredScan {
  /** True when an earlier scan of this tree was kept: most files are likely to be unchanged. */
  expectsReuse: boolean;
  /** What `openTree` needs to stamp files and reuse the kept walk. */
  treeOptions: Pick<OpenTreeOptions, 'stampFiles' | 'walkCache' | 'gitListing' | 'trustBeforeMs'>;
  /** The kept plan, when the tree lists the same files as when it was made, and is of the same kind. */
  keptPlan(reader: TreeReader, ctx: ScanContext): Plan | undefined;
  /** The whole collect step of the last scan, when this scan's plan and every planned file's stamp are the same. */
  keptCollect(plan: Plan, reader: TreeReader, ctx: ScanContext): Collected | undefined;
  /** Facts of files read by earlier scans of this tree (of this kind). */
  keptFiles(ctx: ScanContext): KeptFiles;
  /** Keep what this scan found, when anything changed. */
  save(reader: TreeReader, ctx: ScanContext, plan: Plan, collected: Collected): void;
}

/** How the scan reads the tree, for the keys. */
export interface StoredScanOptions {
  tree: string;
  rev?: string | undefined;
  followSymlinks?: boolean | undefined;
  /** Files and directories changed at or after this time are not kept (default: the scan's start less 2 s). */
  trustBeforeMs?: number | undefined;
}

/** The first section of the listing entry. */
interface ListingHeader {
  treeKind: ScanContext['treeKind'];
  /** A plain directory's walk: its sections follow; `listingsToken` names the listings entry written with it. */
  walk?: { fileCount: number; diagnostics: Diagnostic[]; listingsToken?: string; skipped?: string };
  /** The files section is a listing from git, kept without a walk. */
  listing?: true;
  /** A git work tree's listing kept with its walk: the stamps it depends on; its files are the last section. */
  git?: { stamps: string; fileCount: number; excludesFile?: string; ignoredDirs: string[] };
}

const TREE_KINDS = new Set(['kernel', 'cargo', 'rust']);

/** The store's view of one scan of `options.tree`; undefined when the tree has no real path (openTree says why). */
export function openStoredScan(store: Store, options: StoredScanOptions, sources: readonly ScanSource[], session?: ScanSession): StoredScan | undefined {
  let real: string;
  try {
    real = realpathSync(options.tree);
  } catch {
    return undefined;
  }
  const way = options.rev !== undefined ? 'git' : 'disk';
  const treeKey = `${way}\0${real}\0follow=${options.followSymlinks === true && way === 'disk' ? 1 : 0}\0sources=${sources.map((s) => s.name).join(',')}`;
  const listingKey = `scan/listing\0${treeKey}`;
  const listingsKey = `scan/dir-listings\0${treeKey}`;
  const filesKey = (kind: string) => `scan/files\0${kind}\0${treeKey}`;
  const collectKey = (kind: string) => `scan/collect\0${kind}\0${treeKey}`;
  const previous = readListing(store, listingKey, listingsKey);
  let kept: KeptLines | undefined;
  let samePlan = false;
  let sameCollect = false;

  return {
    expectsReuse: previous !== undefined,
    treeOptions: {
      stampFiles: true,
      // The first scan keeps no directory listings (most trees never change between two scans, and they are the
      // largest part): a walk after a change then reads every directory, and keeps them.
      walkCache: { ...(previous?.walk !== undefined ? { previous: previous.walk } : {}), listings: previous !== undefined },
      ...(previous?.git !== undefined ? { gitListing: previous.git } : {}),
      ...(options.trustBeforeMs !== undefined ? { trustBeforeMs: options.trustBeforeMs } : {}),
    },
    keptPlan(reader, ctx) {
      // The plan of the session's last scan, when this scan lists the same files.
      const last = session?.plans.get(listingKey);
      if (last && last.treeKind === ctx.treeKind && sameList(last.files, reader.files)) {
        samePlan = true;
        return last.plan;
      }
      if (previous === undefined || previous.treeKind !== ctx.treeKind || previous.plan === undefined) return undefined;
      const sameFiles = reader.walkUnchanged === true || (!reader.walkCache && previous.listing !== undefined && previous.listing === reader.files.join('\n'));
      const plan = sameFiles ? decodePlan(previous.plan, reader.files, sources) : undefined;
      samePlan = plan !== undefined;
      return plan;
    },
    keptCollect(plan, reader, ctx) {
      // On disk only: git's revisions share their files' facts, and a revision scanned again is the session's.
      // The plan is compared line by line with the kept one: a walk that found only unplanned files changed keeps it.
      if (way !== 'disk') return undefined;
      const text = store.get(collectKey(ctx.treeKind));
      const collected = text === undefined ? undefined : reuseOutcome(text, plan, reader.stamp, sources, ctx);
      sameCollect = collected !== undefined;
      return collected;
    },
    keptFiles(ctx) {
      const key = filesKey(ctx.treeKind);
      const known = session?.files.get(key);
      kept = known instanceof KeptLines ? known : new KeptLines(store.get(key) ?? '');
      session?.files.set(key, kept);
      return kept;
    },
    save(reader, ctx, plan, collected) {
      // The listing and plan: written when they changed.
      const walkChanged = reader.walkCache !== undefined && !reader.walkUnchanged;
      if (!samePlan || walkChanged) writeListing(store, listingKey, listingsKey, reader, ctx, plan);
      session?.plans.set(listingKey, { files: reader.files, treeKind: ctx.treeKind, plan });
      // The files' facts: on disk this scan's replace the last (files gone are forgotten); from git they are added
      // to every revision's, under a lock, so that two runs at once both keep theirs.
      if (way === 'git') {
        // Only the files read now: the others' lines are in the store already.
        const fresh = new Map([...collected.readNow].map((path) => [path, collected.nextFiles.get(path)!]));
        for (const [path, f] of fresh) kept?.add(path, f);
        if (fresh.size > 0) store.update(filesKey(ctx.treeKind), (current) => mergeLines(current, encodeFiles(fresh)));
      } else if (!sameCollect) {
        if (collected.filesRead > 0 || kept === undefined || kept.size !== collected.nextFiles.size) store.put(filesKey(ctx.treeKind), encodeFiles(collected.nextFiles).join('\n'));
        const outcome = encodeOutcome(plan, collected);
        if (outcome !== undefined) store.put(collectKey(ctx.treeKind), outcome);
      }
    },
  };
}

/** What the listing entry held. */
interface KeptListing {
  treeKind: ScanContext['treeKind'];
  walk?: WalkCache;
  listing?: string;
  plan?: string;
  git?: GitListing;
}

function readListing(store: Store, key: string, listingsKey: string): KeptListing | undefined {
  const body = store.get(key);
  if (body === undefined) return undefined;
  const sections = body.split('\0');
  if (sections.length !== 6) return undefined;
  let header: ListingHeader;
  try {
    header = JSON.parse(sections[0]!) as ListingHeader;
  } catch {
    return undefined;
  }
  if (!isListingHeader(header)) return undefined;
  const kept: KeptListing = { treeKind: header.treeKind };
  if (header.listing) kept.listing = sections[3]!;
  if (header.listing || header.walk) kept.plan = sections[4]!;
  if (header.git && header.walk) {
    const files = sections[5]!;
    kept.git = {
      stamps: header.git.stamps,
      fileCount: header.git.fileCount,
      ignoredDirs: header.git.ignoredDirs,
      files: files === '' ? [] : files.split('\n'),
      ...(header.git.excludesFile !== undefined ? { excludesFile: header.git.excludesFile } : {}),
    };
  }
  if (header.walk) {
    const token = header.walk.listingsToken;
    kept.walk = {
      order: sections[1]!,
      links: sections[2]!,
      files: sections[3]!,
      fileCount: header.walk.fileCount,
      diagnostics: header.walk.diagnostics,
      ...(header.walk.skipped !== undefined ? { skipped: header.walk.skipped } : {}),
      listings: () => {
        const side = token === undefined ? undefined : store.getJson(listingsKey, isListingsEntry);
        return side !== undefined && side.token === token ? side.listings : undefined;
      },
    };
  }
  return kept;
}

function writeListing(store: Store, key: string, listingsKey: string, reader: TreeReader, ctx: ScanContext, plan: Plan): void {
  const header: ListingHeader = { treeKind: ctx.treeKind };
  const walk = reader.walkCache;
  let files = '';
  if (walk) {
    const listings = typeof walk.listings === 'string' ? walk.listings : walk.listings();
    // Tells this run's listings from another's: the process, the time and a random number.
    const token = `${process.pid.toString(36)}.${Date.now().toString(36)}.${Math.random().toString(36).slice(2)}`;
    // Listings first: a listing entry never names a token whose listings were not written.
    const written = listings !== undefined && store.putJson(listingsKey, { token, listings });
    header.walk = { fileCount: walk.fileCount, diagnostics: walk.diagnostics, ...(written ? { listingsToken: token } : {}), ...(walk.skipped !== undefined ? { skipped: walk.skipped } : {}) };
    files = walk.files;
  } else if (!reader.files.some((f) => f.includes('\n') || f.includes('\0'))) {
    header.listing = true;
    files = reader.files.join('\n');
  }
  // A git work tree's listing is kept with its walk when no path would break a line.
  const git = walk !== undefined && reader.gitListing !== undefined && !reader.gitListing.files.some((f) => f.includes('\n')) ? reader.gitListing : undefined;
  if (git) header.git = { stamps: git.stamps, fileCount: git.fileCount, ignoredDirs: git.ignoredDirs, ...(git.excludesFile !== undefined ? { excludesFile: git.excludesFile } : {}) };
  // Paths never hold NUL, and JSON escapes it: NUL separates the sections, which need no escaping then.
  const keepPlan = (walk !== undefined && (reader.mode !== 'git-worktree' || git !== undefined)) || header.listing === true;
  store.put(key, [JSON.stringify(header), walk?.order ?? '', walk?.links ?? '', files, keepPlan ? encodePlan(plan, reader.files) : '', git ? git.files.join('\n') : ''].join('\0'));
}

/** One line per file: path, stamp, source names, and the rest (if any) as JSON. */
function encodeFiles(files: Map<string, FileFacts>): string[] {
  const lines: string[] = [];
  for (const [path, f] of files) {
    if (path.includes('\n') || path.includes('\t')) continue; // never kept: read every time
    const rest = f.facts || f.diagnostics ? JSON.stringify({ facts: f.facts, diagnostics: f.diagnostics }) : '';
    lines.push(`${path}\t${f.stamp}\t${f.sources.join(',')}\t${rest}`);
  }
  return lines;
}

/** Up to this many lines are merged by looking for their keys in the kept text, rather than splitting it. */
const FEW_LINES = 64;

/** `current`'s lines with `lines` added: one line per path and stamp. */
function mergeLines(current: string | undefined, lines: string[]): string | undefined {
  // A revision that changed a few files adds a few lines to an entry of thousands: their old lines are found and
  // cut out, and the rest is kept as one text.
  if (current && lines.length <= FEW_LINES) return [...lines, ...withoutKeys(current, lines)].join('\n');
  const seen = new Set(lines.map(lineKey));
  const merged = [...lines];
  if (current) for (const line of current.split('\n')) if (!seen.has(lineKey(line))) merged.push(line);
  return merged.join('\n');
}

/** `text` without its lines whose keys are those of `lines`: the text, or nothing when no line is left. */
function withoutKeys(text: string, lines: readonly string[]): string[] {
  const cuts: [number, number][] = [];
  for (const line of lines) {
    const key = `${lineKey(line)}\t`;
    for (let at = text.indexOf(key); at >= 0; at = text.indexOf(key, at + 1)) {
      if (at > 0 && text.charCodeAt(at - 1) !== 10) continue;
      const end = text.indexOf('\n', at);
      cuts.push([at, end < 0 ? text.length : end + 1]);
    }
  }
  if (cuts.length === 0) return [text];
  cuts.sort((a, b) => a[0] - b[0]);
  let rest = '';
  let from = 0;
  for (const [start, end] of cuts) {
    if (start < from) continue;
    rest += text.slice(from, start);
    from = end;
  }
  rest += text.slice(from);
  if (rest.endsWith('\n')) rest = rest.slice(0, -1);
  return rest === '' ? [] : [rest];
}

/** `path<TAB>stamp` of a line. */
function lineKey(line: string): string {
  const a = line.indexOf('\t');
  return line.slice(0, a < 0 ? line.length : line.indexOf('\t', a + 1));
}

/** Two listings with the same files in the same order. */
function sameList(a: readonly string[], b: readonly string[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Kept file lines, by path and stamp; each line is decoded and checked when first asked for, then kept decoded. */
class KeptLines implements SessionFiles {
  private readonly byKey = new Map<string, string>();
  private readonly paths = new Set<string>();
  private readonly decoded = new Map<string, FileFacts | undefined>();

  constructor(text: string) {
    if (text === '') return;
    for (const line of text.split('\n')) {
      const a = line.indexOf('\t');
      if (a <= 0) continue;
      this.paths.add(line.slice(0, a));
      this.byKey.set(lineKey(line), line);
    }
  }

  get size(): number {
    return this.byKey.size;
  }

  has(path: string): boolean {
    return this.paths.has(path);
  }

  get(path: string, stamp: string): FileFacts | undefined {
    const key = `${path}\t${stamp}`;
    if (this.decoded.has(key)) return this.decoded.get(key);
    const line = this.byKey.get(key);
    const facts = line === undefined ? undefined : decodeLine(line, path.length + 1 + stamp.length, stamp);
    this.decoded.set(key, facts);
    return facts;
  }

  add(path: string, facts: FileFacts): void {
    this.paths.add(path);
    this.decoded.set(`${path}\t${facts.stamp}`, facts);
  }
}

/** The facts of one line, whose `path<TAB>stamp` is `keyLength` long; undefined when it is not of the right shape. */
function decodeLine(line: string, keyLength: number, stamp: string): FileFacts | undefined {
  const c = line.indexOf('\t', keyLength + 1);
  if (c < 0) return undefined;
  const sources = line.slice(keyLength + 1, c).split(',');
  const f: FileFacts = { stamp, sources };
  if (c + 1 < line.length) {
    try {
      const rest: unknown = JSON.parse(line.slice(c + 1));
      if (!isKeptRest(rest)) return undefined;
      if (rest.facts) f.facts = rest.facts;
      if (rest.diagnostics) f.diagnostics = rest.diagnostics;
    } catch {
      return undefined;
    }
  }
  return f;
}

const KEPT_KEYS = new Set(['facts', 'diagnostics']);
const PER_SOURCE_KEYS = new Set(['facts', 'asked']);

function isKeptRest(v: unknown): v is Pick<FileFacts, 'facts' | 'diagnostics'> {
  if (!isObject(v) || !onlyKeys(v, KEPT_KEYS)) return false;
  if (v.diagnostics !== undefined && !(Array.isArray(v.diagnostics) && v.diagnostics.every(isDiagnostic))) return false;
  if (v.facts === undefined) return true;
  if (!isObject(v.facts)) return false;
  for (const entry of Object.values(v.facts)) {
    if (!isObject(entry) || !onlyKeys(entry, PER_SOURCE_KEYS) || !isSourceFacts(entry.facts)) return false;
    if (entry.asked !== undefined && !isQuestions(entry.asked)) return false;
  }
  return true;
}

function isListingHeader(v: unknown): v is ListingHeader {
  if (!isObject(v) || !TREE_KINDS.has(v.treeKind as string)) return false;
  if (v.listing !== undefined && v.listing !== true) return false;
  if (v.git !== undefined) {
    const g = v.git;
    if (!isObject(g) || typeof g.stamps !== 'string' || typeof g.fileCount !== 'number' || !isOptionalString(g.excludesFile)) return false;
    if (!Array.isArray(g.ignoredDirs) || !g.ignoredDirs.every((d) => typeof d === 'string')) return false;
  }
  if (v.walk === undefined) return true;
  const w = v.walk;
  return isObject(w) && typeof w.fileCount === 'number' && Array.isArray(w.diagnostics) && w.diagnostics.every(isDiagnostic) && isOptionalString(w.listingsToken) && isOptionalString(w.skipped);
}

function isListingsEntry(v: unknown): v is { token: string; listings: string } {
  return isObject(v) && typeof v.token === 'string' && typeof v.listings === 'string';
}
