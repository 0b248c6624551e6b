/**
 * Reading a directory's files from disk: whole files into shared chunks, with their stamps when the store wants
 * them (src/scan/walk.ts says what a stamp is).
 */
import { closeSync, fstatSync, lstatSync, openSync, readFileSync, readSync } from 'node:fs';
import type { FileRead } from './tree-reader.js';
import { stampOf } from './walk.js';

/**
 * Where files are read to: 2 MiB chunks, each file's bytes a view of one. A kernel scan reads ~3,600 small files;
 * one buffer each would be thousands of allocations outside the JS heap, each pressing the garbage collector. A
 * view keeps its chunk alive as long as it is used (the pipeline keeps no bytes: it keeps texts and facts).
 */
class ReadChunks {
  private static readonly SIZE = 2 * 1024 * 1024;
  private buf = Buffer.allocUnsafe(0);
  private used = 0;
  /** Whether the last room given came from the chunk (a large file gets a buffer of its own). */
  private lastFromChunk = false;

  /** Room for `size` bytes (a fresh chunk when this one is nearly full; a buffer of its own for a large file). */
  take(size: number): Buffer {
    this.lastFromChunk = size <= ReadChunks.SIZE / 4;
    if (!this.lastFromChunk) return Buffer.allocUnsafe(size);
    if (this.buf.length - this.used < size) {
      this.buf = Buffer.allocUnsafe(ReadChunks.SIZE);
      this.used = 0;
    }
    const view = this.buf.subarray(this.used, this.used + size);
    this.used += size;
    return view;
  }

  /** Give back the end of the last `take` that a short read did not fill. */
  giveBack(unused: number): void {
    if (this.lastFromChunk) this.used -= unused;
  }

  /** All the room left in the current chunk, at least 64 KiB, for a read of unknown size (give back the rest). */
  rest(): Buffer {
    if (this.buf.length - this.used < 64 * 1024) {
      this.buf = Buffer.allocUnsafe(ReadChunks.SIZE);
      this.used = 0;
    }
    const view = this.buf.subarray(this.used);
    this.used = this.buf.length;
    this.lastFromChunk = true;
    return view;
  }
}

/**
 * Read whole files (`at` gives where each is), with their stamps when `trustBeforeMs` is given: open, fstat, read,
 * close (what readFileSync does), into shared chunks.
 */
export function readFromDisk(at: (path: string) => string | Buffer, paths: string[], trustBeforeMs: number | null): Map<string, FileRead | Error> {
  const out = new Map<string, FileRead | Error>();
  const chunks = new ReadChunks();
  for (const p of paths) {
    let fd: number | undefined;
    try {
      fd = openSync(at(p), 'r');
      if (trustBeforeMs === null) {
        // No stamp wanted: no fstat either (and no Stats object); a short read into the room left is the whole file.
        const room = chunks.rest();
        const n = readSync(fd, room, 0, room.length, 0);
        // Larger than the room left: the room is all given back and the file read on its own.
        chunks.giveBack(n < room.length ? room.length - n : room.length);
        out.set(p, { bytes: n < room.length ? room.subarray(0, n) : readFileSync(fd), stamp: null });
        continue;
      }
      const st = fstatSync(fd);
      const size = st.size;
      const bytes = chunks.take(size);
      let got = 0;
      while (got < size) {
        const n = readSync(fd, bytes, got, size - got, got);
        if (n === 0) break;
        got += n;
      }
      if (got < size) chunks.giveBack(size - got);
      // A file that shrank while being read is read as it was, without a stamp (read again next time).
      const stamp = got === size ? stampOf(st, trustBeforeMs) : null;
      out.set(p, { bytes: got === size ? bytes : bytes.subarray(0, got), stamp });
    } catch (e) {
      // A symbolic link to a directory or to nothing is no file: git lists such links, and a link can change
      // after the walk. It is left out, as the walk leaves it out.
      if (!isLinkToNoFile(at(p), e)) out.set(p, e as Error);
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  }
  return out;
}

/** Whether `e`, met reading `path`, is because `path` is a symbolic link to a directory or to nothing. */
function isLinkToNoFile(path: string | Buffer, e: unknown): boolean {
  const code = (e as NodeJS.ErrnoException).code;
  if (code !== 'EISDIR' && code !== 'ENOENT') return false;
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}
