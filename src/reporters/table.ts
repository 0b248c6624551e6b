/** How a table fits a terminal: its width, and which columns give way first. */
export interface TableFit {
  /** The terminal's columns; undefined for no limit (piped output stays whole and plain). */
  width?: number | undefined;
  /** Columns (by index) that may be shortened with `…`, first given way first; never a path column. */
  shorten?: readonly number[];
  /** Columns (by index) dropped, first first, when shortening is not enough; never a path column. */
  drop?: readonly number[];
}

// SGR colour codes and other CSI sequences take no room on the screen.
const CSI = /\u001b\[[0-9;?]*[A-Za-z]/g;

/** The columns a cell takes on a terminal: its length without colour codes. */
export const visibleWidth = (text: string): number => text.replace(CSI, '').length;

/** A shortened cell keeps this many characters at least, so that what is left still says something. */
const MIN_SHORTENED = 16;

const ELLIPSIS = '…';

/** The cell cut to `width` visible columns, ending in `…`; a cut cell loses its colour (codes cannot be cut). */
function shortenCell(text: string, width: number): string {
  if (visibleWidth(text) <= width) return text;
  return text.replace(CSI, '').slice(0, Math.max(0, width - 1)) + ELLIPSIS;
}

/**
 * Columns padded to the widest cell by visible width (colour codes excluded); the last column is never padded.
 * With `fit.width`, shortenable columns are cut and droppable ones dropped until the lines fit; other cells (paths)
 * are never cut, so a line can still be wider than the terminal when they alone are.
 */
export function renderTable(header: string[], rows: string[][], indent = '  ', fit: TableFit = {}): string {
  let columns = header.map((_, i) => i);
  const widthOf = (i: number) => Math.max(visibleWidth(header[i]!), ...rows.map((r) => visibleWidth(r[i] ?? '')));
  const natural = new Map(columns.map((i) => [i, widthOf(i)]));
  const widths = new Map(natural);
  const total = () => indent.length + columns.reduce((sum, i) => sum + widths.get(i)!, 0) + 2 * (columns.length - 1);
  const limit = fit.width;
  if (limit !== undefined) {
    // Shorten to a readable floor; drop columns while that is not enough; then shorten what is left, down to its header.
    const shorten = (floorOf: (i: number) => number) => {
      for (const i of fit.shorten ?? []) {
        const excess = total() - limit;
        if (excess <= 0) break;
        if (!columns.includes(i)) continue;
        widths.set(i, Math.min(widths.get(i)!, Math.max(floorOf(i), widths.get(i)! - excess)));
      }
    };
    const headerWidth = (i: number) => Math.max(visibleWidth(header[i]!), 2);
    shorten((i) => Math.max(MIN_SHORTENED, headerWidth(i)));
    for (const i of fit.drop ?? []) {
      if (total() <= limit || columns.length <= 1) break;
      columns = columns.filter((c) => c !== i);
    }
    // Room a dropped column leaves goes back to the shortened ones before they are cut again.
    for (const i of columns) widths.set(i, natural.get(i)!);
    shorten((i) => Math.max(MIN_SHORTENED, headerWidth(i)));
    shorten(headerWidth);
  }
  const cell = (cells: string[], i: number) => {
    const text = cells[i] ?? '';
    return widths.get(i)! < natural.get(i)! ? shortenCell(text, widths.get(i)!) : text;
  };
  const line = (cells: string[]) =>
    indent +
    columns
      .map((i, k) => {
        const text = cell(cells, i);
        return k === columns.length - 1 ? text : text + ' '.repeat(Math.max(0, widths.get(i)! - visibleWidth(text)));
      })
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n') + '\n';
}

/** `1 file`, `2 files`: a count and its noun. */
export const plural = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;
