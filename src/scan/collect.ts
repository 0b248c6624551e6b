/**
 * The collect step of a scan: each planned file either comes from facts kept by an earlier scan (its stamp and the
 * answers its sources were given are unchanged; src/scan/stored-scan.ts keeps them) or is read, checked and handed
 * to every source that wants it.
 */
import { diagnostic, type Diagnostic } from '../model/diagnostic.js';
import type { ScanContext, ScanSource, SourceFacts } from '../sources/types.js';
import { answersHold, askingContext, type TreeQuestion } from './tree-questions.js';
import { checkBytes, decodeText } from './decode.js';
import type { Plan } from './plan.js';
import type { FileRead, TreeReader } from './tree-reader.js';

const READ_BATCH = 512;

/** What one file gave when it was read, as an earlier scan kept it. */
export interface FileFacts {
  /** The file's stamp when read (src/scan/walk.ts), or `blob:<id>` for a git object. */
  stamp: string;
  /** Names of the sources that looked at this content (every source that wanted the file). */
  sources: string[];
  /** Diagnostics about the bytes themselves (binary, huge, invalid UTF-8). */
  diagnostics?: Diagnostic[];
  /** What each source collected, when it collected anything, and what it asked. */
  facts?: Record<string, { facts: SourceFacts; asked?: TreeQuestion[] }>;
}

/** Facts of files read by earlier scans, by path and stamp. */
export interface KeptFiles {
  /** Whether any facts are kept for this path (then its stamp now is worth getting). */
  has(path: string): boolean;
  /** The facts kept for this path with this stamp. */
  get(path: string, stamp: string): FileFacts | undefined;
}

export interface Collected {
  /** Facts by source, in plan order (what each source's `finalize` gets). */
  perSource: Map<ScanSource, SourceFacts[]>;
  diagnostics: Diagnostic[];
  filesRead: number;
  filesFromCache: number;
  /** What to keep of every file for next time, in plan order (when there are kept files). */
  nextFiles: Map<string, FileFacts>;
  /** The paths in `nextFiles` that were read by this scan (the rest were kept already). */
  readNow: Set<string>;
}

/**
 * Collect facts from every planned file. `kept` holds facts of earlier scans when there is a store (then every
 * file read is also put in `nextFiles`); `onBatch` reports progress.
 */
export async function collectFiles(
  plan: Plan,
  reader: TreeReader,
  sources: readonly ScanSource[],
  ctx: ScanContext,
  kept: KeptFiles | undefined,
  onBatch: (done: number, lastPath: string) => void,
): Promise<Collected> {
  const out: Collected = { perSource: new Map(sources.map((s) => [s, []])), diagnostics: [], filesRead: 0, filesFromCache: 0, nextFiles: new Map(), readNow: new Set() };
  const markerBytes = new Map(sources.map((s) => [s, s.markers?.map((m) => Buffer.from(m, 'utf8'))]));
  // Files whose kept facts may still hold, by their stamps now.
  const candidates = new Map<string, FileFacts>();
  if (kept) {
    for (const { path } of plan) {
      if (!kept.has(path)) continue;
      const stamp = reader.stamp(path);
      const old = stamp !== null ? kept.get(path, stamp) : undefined;
      if (old !== undefined) candidates.set(path, old);
    }
  }
  // Each batch's read starts before the previous batch is collected: git reads blobs in a process of its own
  // meanwhile.
  const start = (i: number) => {
    const batch = plan.slice(i, i + READ_BATCH);
    // Files whose kept facts still hold are not read; the rest are, in one go.
    const reuse = new Map<string, FileFacts>();
    for (const { path, sources: wanting } of batch) {
      const old = candidates.get(path);
      if (old === undefined || !wanting.every((s) => old.sources.includes(s.name))) continue;
      if (wanting.every((s) => answersHold(old.facts?.[s.name]?.asked, ctx))) reuse.set(path, old);
    }
    const toRead = batch.filter((b) => !reuse.has(b.path)).map((b) => b.path);
    const reading = toRead.length > 0 ? reader.read(toRead) : Promise.resolve(new Map<string, FileRead | Error>());
    // Awaited when its batch's turn comes; a failure meanwhile is not an unhandled rejection.
    reading.catch(() => undefined);
    return { batch, reuse, reading };
  };
  let next = plan.length > 0 ? start(0) : undefined;
  for (let i = 0; i < plan.length; i += READ_BATCH) {
    const { batch, reuse, reading } = next!;
    const contents = await reading;
    next = i + READ_BATCH < plan.length ? start(i + READ_BATCH) : undefined;
    for (const { path, sources: wanting } of batch) {
      const old = reuse.get(path);
      if (old !== undefined) {
        out.filesFromCache++;
        out.nextFiles.set(path, old);
        if (old.diagnostics) out.diagnostics.push(...old.diagnostics);
        for (const source of wanting) {
          const kept = old.facts?.[source.name];
          if (kept) out.perSource.get(source)!.push(kept.facts);
        }
        continue;
      }
      const read = contents.get(path);
      // Not a file after all (a symbolic link to a directory): nothing to read, nothing to say.
      if (read === undefined) continue;
      if (read instanceof Error) {
        const code = (read as NodeJS.ErrnoException).code;
        out.diagnostics.push(
          code === 'ELOOP'
            ? diagnostic('scan/symlink-loop', 'warning', 'symbolic link loop: the link resolves to itself', { file: path })
            : diagnostic('scan/unreadable-file', 'error', `could not read file: ${read.message}`, { file: path }),
        );
        continue;
      }
      out.filesRead++;
      const entry = await collectFile(path, read, wanting, ctx, markerBytes, out.perSource, out.diagnostics);
      if (kept && read.stamp !== null && entry !== null) {
        out.nextFiles.set(path, { stamp: read.stamp, ...entry });
        out.readNow.add(path);
      }
    }
    onBatch(Math.min(i + READ_BATCH, plan.length), batch.at(-1)?.path ?? '');
  }
  return out;
}

/**
 * Check one file's bytes and give them to every source that wants it (and finds one of its markers in them).
 * Returns what to keep of it: null when a source failed on it (it is read again next time).
 */
async function collectFile(
  path: string,
  read: FileRead,
  wanting: ScanSource[],
  ctx: ScanContext,
  markerBytes: Map<ScanSource, Buffer[] | undefined>,
  perSource: Map<ScanSource, SourceFacts[]>,
  diagnostics: Diagnostic[],
): Promise<Omit<FileFacts, 'stamp'> | null> {
  const { bytes } = read;
  const entry: Omit<FileFacts, 'stamp'> = { sources: wanting.map((s) => s.name) };
  const checked = checkBytes(path, bytes);
  if (checked.diagnostic) {
    diagnostics.push(checked.diagnostic);
    entry.diagnostics = [checked.diagnostic];
  }
  if (checked.skip) return entry;
  let text: string | undefined;
  let ok = true;
  for (const source of wanting) {
    if (!hasMarker(bytes, markerBytes.get(source))) continue;
    text ??= decodeText(bytes, checked.valid);
    const asked: TreeQuestion[] = [];
    try {
      const facts = await source.collect({ path, text }, askingContext(ctx, asked));
      // Empty facts are not handed on (nor kept): a file with nothing is the same as no file to finalize.
      const found = Object.keys(facts).length > 0;
      if (found) perSource.get(source)!.push(facts);
      if (found || asked.length > 0) (entry.facts ??= {})[source.name] = asked.length > 0 ? { facts, asked } : { facts };
    } catch (e) {
      // A source must not throw on bad input; if one does, the file is reported and the scan goes on.
      diagnostics.push(diagnostic(`${source.name}/internal-error`, 'error', `could not read this file: ${(e as Error).message}`, { file: path }));
      ok = false;
    }
  }
  return ok ? entry : null;
}

/** True when `bytes` hold one of the markers, or when there are none to look for. */
function hasMarker(bytes: Buffer, markers: Buffer[] | undefined): boolean {
  if (!markers) return true;
  for (const m of markers) if (bytes.includes(m)) return true;
  return false;
}
