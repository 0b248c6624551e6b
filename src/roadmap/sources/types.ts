import type { Diagnostic } from '../../model/diagnostic.js';
import type { Goal, OtherTopic, RoadmapInfo, WantedItem } from '../../model/roadmap.js';

/** One roadmap input file, already read. */
export interface RoadmapFile {
  /** Path as the user gave it (used in diagnostics). */
  path: string;
  text: string;
  /** Found by expanding a directory (not named by the user): a file in no known format is then only noted. */
  fromDirectory?: boolean;
}

/** What a roadmap source collected from one file. */
export interface RoadmapFacts {
  roadmaps?: RoadmapInfo[];
  goals?: Goal[];
  wanted?: WantedItem[];
  otherTopics?: OtherTopic[];
  diagnostics?: Diagnostic[];
}

/**
 * A roadmap format: one folder under src/roadmap/sources/, listed in src/roadmap/sources/index.ts.
 * Supporting a new format means adding a source, not editing a switch.
 */
export interface RoadmapSource {
  /** Short id, used with `--format` and in diagnostic codes. */
  name: string;
  /** Whether this source reads this file; the first source that says yes reads it. Keep it cheap. */
  detect(file: RoadmapFile): boolean;
  /** Collect entries from one file. Never throws on bad input: returns diagnostics with file:line instead. */
  collect(file: RoadmapFile): RoadmapFacts;
}
