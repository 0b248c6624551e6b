/**
 * The roadmap pipeline keeps the house layering: reading files is src/inputs/roadmap.ts's job; sources, building,
 * computing (src/roadmap/) and rendering (src/reporters/roadmap/) are pure, so the dashboard can run them on saved
 * documents.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/paths.js';

const dir = join(repoRoot, 'src', 'roadmap');
const reporters = join(repoRoot, 'src', 'reporters', 'roadmap');
const walk = (d: string, files: string[] = []): string[] => {
  for (const e of readdirSync(d, { withFileTypes: true })) {
    if (e.isDirectory()) walk(join(d, e.name), files);
    else if (e.name.endsWith('.ts')) files.push(join(d, e.name));
  }
  return files;
};
const files = walk(dir);

describe('roadmap layering', () => {
  it('no roadmap module imports a node: module or the CLI', () => {
    const broken = files
      .flatMap((f) => ts.preProcessFile(readFileSync(f, 'utf8'), true, true).importedFiles.map((i) => `${relative(dir, f)} imports ${i.fileName}`))
      .filter((s) => /imports (node:|fs$|path$)|imports .*\/cli\//.test(s));
    expect(files.length).toBeGreaterThan(5);
    expect(broken).toEqual([]);
  });

  it('renderers import no source and no input: they render documents only', () => {
    const rendering = walk(reporters);
    const broken = rendering
      .flatMap((f) => ts.preProcessFile(readFileSync(f, 'utf8'), true, true).importedFiles.map((i) => `${relative(reporters, f)} imports ${i.fileName}`))
      .filter((s) => /sources\/|inputs\/|node:/.test(s));
    expect(rendering.length).toBeGreaterThan(5);
    expect(broken).toEqual([]);
  });
});
