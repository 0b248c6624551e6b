/**
 * One entry of the store as text: a header line of JSON (format, code version, key, checksum and length of the
 * body), then the body. Whatever does not decode to the expected format, code version and key, or whose body does
 * not match its checksum, is not an entry: the reader treats it as a miss.
 */
import { checksumOf } from './digest.js';

/** The format of entries; a store written in another format is never read. */
export const STORE_FORMAT = 'gatewatch/store@2';

interface Header {
  format: string;
  code: string;
  key: string;
  crc32: string;
  length: number;
}

/** The bytes of an entry holding `body` under `key`, written by code `code`. */
export function encodeEntry(key: string, code: string, body: string): Buffer {
  const bytes = Buffer.from(body, 'utf8');
  // Over the body's UTF-8 bytes as they are read and written: a string would be encoded to bytes again first.
  const header: Header = { format: STORE_FORMAT, code, key, crc32: checksumOf(bytes), length: body.length };
  return Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`, 'utf8'), bytes]);
}

/** The body of an entry, or undefined when it is not an intact entry of this format, code and key. */
export function decodeEntry(bytes: Buffer, key: string, code: string): string | undefined {
  const nl = bytes.indexOf(10);
  if (nl < 0) return undefined;
  let header: Partial<Header>;
  try {
    header = JSON.parse(bytes.toString('utf8', 0, nl)) as Partial<Header>;
  } catch {
    return undefined;
  }
  if (header === null || typeof header !== 'object') return undefined;
  if (header.format !== STORE_FORMAT || header.code !== code || header.key !== key) return undefined;
  const body = bytes.subarray(nl + 1);
  if (header.crc32 !== checksumOf(body)) return undefined;
  const text = body.toString('utf8');
  return header.length === text.length ? text : undefined;
}
