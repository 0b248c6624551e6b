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
  if (bytes.subarray(0, 8192).includes(0)) return { skip: true, valid: false, diagnostic: binaryDiagnostic(path, bytes) };
  if (isUtf8(bytes)) return { skip: false, valid: true };
  const text = lenient.decode(bytes);
  const line = text.slice(0, text.indexOf('\uFFFD')).split('\n').length;
  return { skip: false, valid: false, diagnostic: diagnostic('scan/invalid-utf8', 'warning', 'invalid UTF-8; read with replacement characters', { file: path, line }) };
}

/** The text of bytes `checkBytes` did not skip. */
export function decodeText(bytes: Buffer, valid: boolean): string {
  return valid ? bytes.toString('utf8') : lenient.decode(bytes);
}

/** UTF-16 text: a byte order mark, or NUL in every other byte of the head (ASCII text written as UTF-16). */
function looksUtf16(bytes: Buffer): boolean {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return true;
  const head = bytes.subarray(0, 512);
  let even = 0;
  let odd = 0;
  for (let i = 0; i < head.length; i++) if (head[i] === 0) i % 2 === 0 ? even++ : odd++;
  const half = head.length / 2;
  return half >= 8 && (even >= half * 0.9 || odd >= half * 0.9);
}

/**
 * Why a file with a NUL in its head is not read: where the NUL is, and that gates written before it are lost too
 * (a file is text or not, as git and ripgrep decide); a UTF-16 file is named as such, with what to do.
 */
function binaryDiagnostic(path: string, bytes: Buffer): Diagnostic {
  if (looksUtf16(bytes)) {
    return diagnostic('scan/binary-file', 'warning', 'skipped a UTF-16 file: gatewatch reads UTF-8; gates in it are not read', { file: path }, 'the file looks UTF-16: save it as UTF-8');
  }
  const nul = bytes.indexOf(0);
  const line = bytes.subarray(0, nul).reduce((n, b) => (b === 10 ? n + 1 : n), 1);
  const before = nul > 0 ? `; gates written before it (${nul} bytes) are not read either` : '';
  return diagnostic('scan/binary-file', 'info', `skipped a binary file: a NUL byte at line ${line}${before}`, { file: path, line }, nul > 0 ? 'remove the NUL byte if this is a text file' : undefined);
}
