/**
 * What the layering check cannot see. Imports between layers are checked by dependency-cruiser
 * (`.dependency-cruiser.cjs`, run by `npm run lint:arch` in `npm test`); a rule there cannot see calls, so this
 * test reads every file of src/ with the TypeScript compiler (comments and strings cannot fool it) for writes to
 * the process's streams.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './helpers/paths.js';

const src = join(repoRoot, 'src');
const files: string[] = [];
const walk = (dir: string) => {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) walk(join(dir, e.name));
    else if (e.name.endsWith('.ts')) files.push(join(dir, e.name));
  }
};
walk(src);

describe('architecture', () => {
  it('only the CLI and the benchmark write to stdout or stderr (the core never prints)', () => {
    const printing = files
      .map((f) => relative(src, f))
      .filter((f) => !f.startsWith('cli/') && !f.startsWith('bench/'))
      .filter((f) => {
        const sf = ts.createSourceFile(f, readFileSync(join(src, f), 'utf8'), ts.ScriptTarget.Latest);
        let found = false;
        const visit = (n: ts.Node) => {
          if (ts.isPropertyAccessExpression(n)) {
            const t = n.getText(sf);
            if (/^(process\.(stdout|stderr)|console\.(log|error|warn|info|debug|trace))$/.test(t)) found = true;
          }
          ts.forEachChild(n, visit);
        };
        visit(sf);
        return found;
      });
    expect(files.length).toBeGreaterThan(50);
    expect(printing).toEqual([]);
  });
});
