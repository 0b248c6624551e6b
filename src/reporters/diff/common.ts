import type { DiffDocument, DiffEntry } from '../../model/history.js';
import type { GateOccurrence } from '../../model/report.js';

/** The lists of a diff in the order every reporter shows them, with their titles. */
export const DIFF_SECTIONS: [keyof Pick<DiffDocument, 'added' | 'removed' | 'moved' | 'classChanged'>, string][] = [
  ['added', 'Added'],
  ['removed', 'Removed'],
  ['moved', 'Moved'],
  ['classChanged', 'Class changed'],
];

/** `file:line` of the first few uses, and how many more. */
function placesText(occurrences: readonly GateOccurrence[], max = 3): string {
  const shown = occurrences.slice(0, max).map((o) => `${o.file}:${o.line}`);
  return occurrences.length > max ? `${shown.join(', ')} and ${occurrences.length - max} more` : shown.join(', ');
}

/** What an entry says beyond its name, for the section it is in. */
export function entryDetail(section: (typeof DIFF_SECTIONS)[number][0], e: DiffEntry): string {
  switch (section) {
    case 'added':
      return `${e.classAfter ?? ''} at ${placesText(e.after)}`;
    case 'removed':
      return `was ${e.classBefore ?? ''} at ${placesText(e.before)}`;
    case 'moved':
      return `${placesText(e.before)} -> ${placesText(e.after)}`;
    case 'classChanged':
      return `${e.classBefore} -> ${e.classAfter}`;
  }
}

/** `v6.12 (kernel 6.12.0, min rustc 1.78.0)` */
export function sideText(side: DiffDocument['old']): string {
  const facts = [side.kernelVersion ? `kernel ${side.kernelVersion}` : null, `min rustc ${side.rustMinVersion ?? 'unknown'}`].filter(Boolean);
  return `${side.label} (${facts.join(', ')})`;
}

/** One line: how many of each. */
export function summary(d: DiffDocument): string {
  return DIFF_SECTIONS.map(([k, title]) => `${d[k].length} ${title.toLowerCase()}`).join(', ');
}
