/**
 * Reading a file of the store without trusting what the path now is: only a regular file below a size bound is
 * read. Opened without following a final symbolic link and without blocking (a FIFO put in place of an entry
 * would otherwise hang the open), then checked by fstat on the open descriptor, so that no swap between a check and
 * the read can slip another kind of file in.
 */
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';

/** Entries larger than this are not read (no entry of a kernel scan comes near it). */
export const MAX_ENTRY_BYTES = 64 * 1024 * 1024;

/** The bytes of `path` when it is a regular file of at most `MAX_ENTRY_BYTES`; undefined otherwise or on any error. */
export function readRegularFile(path: string): Buffer | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0));
    const st = fstatSync(fd);
    if (!st.isFile() || st.size > MAX_ENTRY_BYTES) return undefined;
    const bytes = Buffer.allocUnsafe(st.size);
    let got = 0;
    while (got < st.size) {
      const n = readSync(fd, bytes, got, st.size - got, got);
      if (n === 0) break;
      got += n;
    }
    return bytes.subarray(0, got);
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
