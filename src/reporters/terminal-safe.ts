/**
 * Text taken from input (file names, roadmap titles, make text, messages quoting them) made safe for a terminal: an
 * escape sequence in a roadmap title must not clear the screen or set the window title
 * (https://invisible-island.net/xterm/ctlseqs/ctlseqs.html). The one way it is done, used by every reporter that
 * writes for a terminal and by the diagnostics renderer.
 */
import type { Reporter } from './types.js';

// ESC sequences (CSI with its parameters, OSC/DCS/PM/APC strings to their terminator, any other ESC and one
// character), then any other C0 or C1 control character but tab and newline, and DEL.
// eslint-disable-next-line no-control-regex
const CONTROLS = /\x1b\[[0-?]*[ -/]*[@-~]?|\x1b[\]PX^_][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?|\x9b[0-?]*[ -/]*[@-~]?|\x1b.?|[\x00-\x08\x0b-\x1f\x7f-\x9f]/g;

/** `text` without escape sequences and control characters (tab and newline are kept). */
export function stripControls(text: string): string {
  return text.replace(CONTROLS, '');
}

/** A copy of a document with every string in it passed through `stripControls` (keys included). */
export function stripControlsDeep<T>(value: T): T {
  if (typeof value === 'string') return stripControls(value) as T;
  if (Array.isArray(value)) return value.map(stripControlsDeep) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[stripControls(k)] = stripControlsDeep(v);
    return out as T;
  }
  return value;
}

/** A reporter that sees its document with every input text made safe (for output read on a terminal). */
export function terminalSafe<T, O>(reporter: (data: T, options: O) => ReturnType<Reporter<T>>): (data: T, options: O) => ReturnType<Reporter<T>> {
  return (data, options) => reporter(stripControlsDeep(data), options);
}
