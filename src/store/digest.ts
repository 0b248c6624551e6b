/**
 * The store's checksums and file names, by CRC-32 (zlib's, https://www.rfc-editor.org/rfc/rfc1952#section-8): the
 * sum gzip, zip and PNG use to tell a damaged file. A cryptographic hash would add nothing here, since whoever can
 * write the store can also write a matching sum, and loading `node:crypto` would cost a scan of an unchanged tree
 * more than all its checksums.
 */
import { crc32 } from 'node:zlib';

const hex8 = (n: number) => n.toString(16).padStart(8, '0');

/** The CRC-32 of some bytes, as 8 hex digits. */
export function checksumOf(bytes: Uint8Array): string {
  return hex8(crc32(bytes));
}

/**
 * A 64-bit name for a text: the CRC-32 of the text and of its characters reversed. Two texts rarely share both;
 * when two keys do, their entries only make each other a miss (every entry names its key).
 */
export function nameOf(text: string): string {
  let reversed = '';
  for (let i = text.length - 1; i >= 0; i--) reversed += text[i];
  return hex8(crc32(text)) + hex8(crc32(reversed));
}
