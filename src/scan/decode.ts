import { diagnostic, type Diagnostic } from '../model/diagnostic.js';

/** Files larger than this are not gate declarations; they are skipped with a diagnostic. */
export const MAX_FILE_BYTES = 8 * 1024 * 1024;

const strict = new TextDecoder('utf-8', { fatal: true });
const lenient = new TextDecoder('utf-8');

/**
 * Turn a file's bytes into text for the sources, or say why not: binary (a NUL byte in the first 8 KiB), too
 * large, or invalid UTF-8 (decoded anyway with U+FFFD so the rest of the file still counts).
 */
export function decodeFile(path: string, bytes: Buffer): { text: string | null; diagnostic?: Diagnostic } {
  if (bytes.length > MAX_FILE_BYTES) {
    return {
      text: null,
      diagnostic: diagnostic('scan/huge-file', 'warning', `skipped a ${Math.round(bytes.length / 1048576)} MiB file: larger than ${MAX_FILE_BYTES / 1048576} MiB`, { file: path }),
    };
  }
  if (bytes.subarray(0, 8192).includes(0)) {
    return { text: null, diagnostic: diagnostic('scan/binary-file', 'info', 'skipped a binary file (NUL byte)', { file: path }) };
  }
  try {
    return { text: strict.decode(bytes) };
  } catch {
    const text = lenient.decode(bytes);
    const line = text.slice(0, text.indexOf('\uFFFD')).split('\n').length;
    return {
      text,
      diagnostic: diagnostic('scan/invalid-utf8', 'warning', 'invalid UTF-8; read with replacement characters', { file: path, line }),
    };
  }
}
