/**
 * File names that are not UTF-8 (https://www.rfc-editor.org/rfc/rfc3629). Linux names are bytes; Node decodes them
 * as UTF-8 with U+FFFD for the bytes it cannot, and a path built from that name names no file. Such a name is read
 * through its bytes (Node's fs takes Buffer paths) and shown with each invalid byte as `\xHH`, which reads well and
 * keeps two names that differ only there apart.
 */
import { readdirSync, type Dirent } from 'node:fs';
import { diagnostic, type Diagnostic } from '../model/diagnostic.js';

const strict = new TextDecoder('utf-8', { fatal: true });

/** Length of the UTF-8 sequence a lead byte opens (0: not a lead byte). */
const sequenceLength = (b: number) => (b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0);

/** A name's text: its valid UTF-8 as is, every other byte as `\xHH`. */
export function displayName(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; ) {
    const n = sequenceLength(bytes[i]!);
    let text: string | null = null;
    if (n > 0 && i + n <= bytes.length) {
      try {
        text = strict.decode(bytes.subarray(i, i + n));
      } catch {
        text = null;
      }
    }
    if (text !== null) {
      out += text;
      i += n;
    } else {
      out += `\\x${bytes[i]!.toString(16).toUpperCase().padStart(2, '0')}`;
      i++;
    }
  }
  return out;
}

/** True when the bytes are valid UTF-8. */
export function isUtf8(bytes: Uint8Array): boolean {
  try {
    strict.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** What is said of a file whose path is not UTF-8, at that path as it is shown. */
export function nonUtf8Name(path: string): Diagnostic {
  return diagnostic('scan/non-utf8-name', 'warning', 'a path that is not valid UTF-8: read all the same, and named here with each invalid byte as \\xHH', { file: path }, 'rename it with a UTF-8 name');
}

/** A directory entry as the walk uses it. */
export type Entry = Pick<Dirent, 'name' | 'isDirectory' | 'isFile' | 'isSymbolicLink'>;

/** A directory's entries; `raw` gives the path in bytes of each entry whose name (or directory's) is not UTF-8. */
export interface Listing {
  entries: Entry[];
  raw: Map<string, Buffer> | null;
}

/**
 * List a directory. `rawDir` is its path in bytes when its own path is not UTF-8; otherwise it is listed by name,
 * and listed again in bytes only when a name came back with U+FFFD (which a valid name may also hold).
 */
export function listDirectory(path: string, rawDir: Buffer | undefined): Listing {
  if (rawDir === undefined) {
    const entries = readdirSync(path, { withFileTypes: true });
    if (!entries.some((e) => e.name.includes('\uFFFD'))) return { entries, raw: null };
  }
  const dir = rawDir ?? Buffer.from(path);
  const raw = new Map<string, Buffer>();
  const entries = readdirSync(dir, { withFileTypes: true, encoding: 'buffer' }).map((e): Entry => {
    const bytes = e.name;
    const name = isUtf8(bytes) ? bytes.toString('utf8') : displayName(bytes);
    if (rawDir !== undefined || name !== bytes.toString('utf8')) raw.set(name, Buffer.concat([dir, Buffer.from('/'), bytes]));
    return { name, isDirectory: () => e.isDirectory(), isFile: () => e.isFile(), isSymbolicLink: () => e.isSymbolicLink() };
  });
  return { entries, raw: raw.size > 0 ? raw : null };
}
