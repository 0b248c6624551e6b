/**
 * Build the roadmap document from input files: each file is read by the first source that recognises it
 * (src/roadmap/sources/index.ts), entries are merged, and duplicates across all files are reported.
 * Pure: files come in already read.
 */
import { diagnostic, type Diagnostic } from '../model/diagnostic.js';
import { ROADMAP_SCHEMA, type Place, type RoadmapDocument } from '../model/roadmap.js';
import { sourceFor } from './sources/index.js';
import type { RoadmapFile, RoadmapSource } from './sources/types.js';

/** Options of buildRoadmap: force one source for every file instead of detecting it. */
export interface BuildRoadmapOptions {
  source?: RoadmapSource;
}

/** Read every file with its source, merge the entries, validate across files. */
export function buildRoadmap(files: RoadmapFile[], options: BuildRoadmapOptions = {}): RoadmapDocument {
  const doc: RoadmapDocument = { schema: ROADMAP_SCHEMA, inputs: files.map((f) => f.path), roadmaps: [], goals: [], wanted: [], otherTopics: [], diagnostics: [] };
  for (const file of files) {
    const source = options.source ?? sourceFor(file);
    if (!source) {
      doc.diagnostics.push(
        diagnostic('roadmap/unknown-format', file.fromDirectory ? 'info' : 'error', `${file.path} is in no roadmap format gatewatch reads${file.fromDirectory ? '; skipped' : ''}`, { file: file.path }, 'expected gatewatch TOML (.toml), a rust-project-goals document (`| Metadata |` table) or a Rust-for-Linux wanted list (`### Required` headings)'),
      );
      continue;
    }
    const facts = source.collect(file);
    doc.roadmaps.push(...(facts.roadmaps ?? []));
    doc.goals.push(...(facts.goals ?? []));
    doc.wanted.push(...(facts.wanted ?? []));
    doc.otherTopics.push(...(facts.otherTopics ?? []));
    doc.diagnostics.push(...(facts.diagnostics ?? []));
  }
  doc.diagnostics.push(...duplicates('goal', doc.goals), ...duplicates('wanted item', doc.wanted), ...duplicates('other topic', doc.otherTopics.map((t) => ({ id: `${t.roadmap ?? ''}#${t.rank}`, title: t.title, place: t.place }))));
  doc.diagnostics.push(...duplicates('other topic', doc.otherTopics.map((t) => ({ id: `${t.roadmap ?? ''}#${t.title.toLowerCase()}`, title: t.title, place: t.place }))));
  return doc;
}

/** Entries that share an id (or a rank, for topics): the later ones are reported, pointing at the first. */
function duplicates(what: string, entries: { id: string; title: string; place?: Place | undefined }[]): Diagnostic[] {
  const first = new Map<string, { title: string; place?: Place | undefined }>();
  const out: Diagnostic[] = [];
  for (const e of entries) {
    if (!e.id) continue;
    const f = first.get(e.id);
    if (!f) {
      first.set(e.id, e);
      continue;
    }
    const where = f.place ? `${f.place.file}:${f.place.line}` : 'earlier';
    out.push(diagnostic('roadmap/duplicate', 'error', `${what} "${e.title}" duplicates "${f.title}" (${where}), id "${e.id}"`, e.place ?? {}, 'merge the two entries or give one a distinct id'));
  }
  return out;
}
