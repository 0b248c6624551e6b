import { isUtf8 } from 'node:buffer';
import { diagnostic, type Diagnostic } from '../model/diagnostic.js';

/** Files larger than this are not gate declarations; they are skipped with a diagnostic. */
export const MAX_FILE_BYTES = 8 * 1024 * 1024;

const lenient = new TextDecoder('utf-8');

/**
 * What a file's bytes allow, before any source looks at them: `skip` for a binary (a NUL byte in the first
 * 8 KiB) or too large file, each with a diagnostic; a diagnostic with the line of the first bad byte for invalid
 * UTF-8 (the file is still read, with U+FFFD, so the rest of it counts). Checks on the bytes only: no text is made
 * here.
 */
export function checkBytes(path: string, bytes: Buffer): { skip: boolean; valid: boolean; diagnostic?: Diagnostic } {
  if (bytes.length > MAX_FILE_BYTES) {
    return {
      skip: true,
      valid: false,
      diagnostic: diagnostic('scan/huge-file', 'warning', `skipped a ${Math.round(bytes.length / 1048576)} MiB file: larger than ${MAX_FILE_BYTES / 1048576} MiB`, { file: path }),
    };
  }
  if (bytes.subarray(0, 8192).includes(0)) {
    return { skip: true, valid: false, diagnostic: diagnostic('scan/binary-file', 'info', 'skipped a binary file (NUL byte)', { file: path }) };
  }
  if (isUtf8(bytes)) return { skip: false, valid: true };
  const text = lenient.decode(bytes);
  const line = text.slice(0, text.indexOf('\uFFFD')).split('\n').length;
  return { skip: false, valid: false, diagnostic: diagnostic('scan/invalid-utf8', 'warning', 'invalid UTF-8; read with replacement characters', { file: path, line }) };
}

/** The text of bytes `checkBytes` did not skip. */
export function decodeText(bytes: Buffer, valid: boolean): string {
  return valid ? bytes.toString('utf8') : lenient.decode(bytes);
}
