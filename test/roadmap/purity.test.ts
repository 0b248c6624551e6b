/**
 * The roadmap pipeline keeps the house layering: only src/roadmap/load.ts touches the file system; sources,
 * building, computing and rendering are pure, so the dashboard can run them on saved documents.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/paths.js';

const dir = join(repoRoot, 'src', 'roadmap');
const files: string[] = [];
const walk = (d: string) => {
  for (const e of readdirSync(d, { withFileTypes: true })) {
    if (e.isDirectory()) walk(join(d, e.name));
    else if (e.name.endsWith('.ts')) files.push(join(d, e.name));
  }
};
walk(dir);

describe('roadmap layering', () => {
  it('no roadmap module but load.ts imports a node: module or the CLI', () => {
    const broken = files
      .filter((f) => relative(dir, f) !== 'load.ts')
      .flatMap((f) => ts.preProcessFile(readFileSync(f, 'utf8'), true, true).importedFiles.map((i) => `${relative(dir, f)} imports ${i.fileName}`))
      .filter((s) => /imports (node:|fs$|path$)|imports .*\/cli\//.test(s));
    expect(files.length).toBeGreaterThan(10);
    expect(broken).toEqual([]);
  });

  it('renderers import no source: they render documents only', () => {
    const broken = files
      .filter((f) => relative(dir, f).startsWith('render/'))
      .flatMap((f) => ts.preProcessFile(readFileSync(f, 'utf8'), true, true).importedFiles.map((i) => `${relative(dir, f)} imports ${i.fileName}`))
      .filter((s) => /sources\/|load\.js/.test(s));
    expect(broken).toEqual([]);
  });
});
