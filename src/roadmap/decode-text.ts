/**
 * The text of a roadmap document's bytes: UTF-8 (https://www.rfc-editor.org/rfc/rfc3629), or UTF-16 with a byte
 * order mark. Bytes that are not text never stop the reading: each kind is one diagnostic at the line of its first
 * occurrence, and the rest of the document is still read (invalid bytes and NULs as U+FFFD, as CommonMark reads NUL).
 */
import { diagnostic, type Diagnostic } from '../model/diagnostic.js';

const lenient = new TextDecoder('utf-8');
const strict = new TextDecoder('utf-8', { fatal: true });

/** The text of valid UTF-8, or null. */
function strictly(bytes: Uint8Array): string | null {
  try {
    return strict.decode(bytes);
  } catch {
    return null;
  }
}

/** 1-based line of a character offset. */
const lineAt = (text: string, offset: number) => text.slice(0, offset).split('\n').length;

/** Decode a roadmap file's bytes; `file` is the label diagnostics give as the place. */
export function decodeRoadmapBytes(bytes: Uint8Array, file: string): { text: string; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  let text: string;
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    text = new TextDecoder(bytes[0] === 0xff ? 'utf-16le' : 'utf-16be').decode(bytes);
    diagnostics.push(diagnostic('roadmap/utf16', 'info', 'UTF-16 text (byte order mark); read as UTF-16', { file }, 'save it as UTF-8'));
  } else if ((text = strictly(bytes) ?? '') !== '' || bytes.length === 0) {
    // Valid UTF-8 (a byte order mark, if any, is dropped by the decoder).
  } else {
    text = lenient.decode(bytes);
    diagnostics.push(
      diagnostic('roadmap/invalid-utf8', 'warning', 'invalid UTF-8 (Latin-1 or another encoding?); read with replacement characters', { file, line: lineAt(text, text.indexOf('\uFFFD')) }, 'save it as UTF-8'),
    );
  }
  const nul = text.indexOf('\0');
  if (nul >= 0) {
    diagnostics.push(diagnostic('roadmap/nul-byte', 'warning', 'NUL bytes in a text document; read as replacement characters', { file, line: lineAt(text, nul) }, 'is this a binary file?'));
    text = text.replaceAll('\0', '\uFFFD');
  }
  return { text, diagnostics };
}
