import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Occurrence } from '../../src/model/scan.js';
import { kbuildMake } from '../../src/sources/kbuild-make/index.js';
import type { ScanContext, SourceFacts } from '../../src/sources/types.js';

/** Files of a directory, relative, forward slashes, sorted. */
function filesOf(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) out.push(relative(root, p).split('\\').join('/'));
    }
  };
  walk(root);
  return out.sort();
}

/** Facts of a whole tree, every list present. */
export type TreeFacts = Required<Pick<SourceFacts, 'occurrences' | 'claims' | 'diagnostics' | 'bootstrap' | 'crateCfgs'>>;

/** Run the kbuild-make source over a tree as the pipeline does: `wants`, `collect` per file, then `finalize`. */
export function collectTree(root: string, files = filesOf(root)): { facts: TreeFacts; read: string[] } {
  const set = new Set(files);
  const ctx: ScanContext = { treeKind: 'kernel', hasFile: (p) => set.has(p) };
  const perFile: SourceFacts[] = [];
  const read: string[] = [];
  for (const path of files) {
    if (!kbuildMake.wants(path, ctx)) continue;
    read.push(path);
    perFile.push(kbuildMake.collect({ path, text: readFileSync(join(root, path), 'latin1') }, ctx) as SourceFacts);
  }
  // kbuild-make collects and finalizes without waiting (its parser is its own code): the tree is read in one go.
  const all = [...perFile, kbuildMake.finalize!(perFile, ctx) as SourceFacts];
  const facts: TreeFacts = { occurrences: [], claims: [], diagnostics: [], bootstrap: [], crateCfgs: [] };
  for (const f of all) {
    facts.occurrences.push(...(f.occurrences ?? []));
    facts.claims.push(...(f.claims ?? []));
    facts.diagnostics.push(...(f.diagnostics ?? []));
    facts.bootstrap.push(...(f.bootstrap ?? []));
    facts.crateCfgs.push(...(f.crateCfgs ?? []));
  }
  // The pipeline's order: file by code unit (so `Makefile` before `arch/`), then line, column, name.
  facts.occurrences.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line || a.column - b.column || a.name.localeCompare(b.name));
  return { facts, read };
}

/** One line per occurrence with the fields a test checks: place, name, value, condition. */
export const brief = (o: Occurrence) => `${o.file}:${o.line}:${o.column} ${o.name}${o.value === null ? '' : `=${o.value}`}${o.condition ? ` if ${o.condition}` : ''}`;
