/**
 * The CLI only wires: each command's action resolves its inputs, builds its documents, computes and renders
 * (src/inputs, src/registry, src/analyses, src/reporters do the work), and "did you mean" is measured in one
 * module. That it imports no compiler probe, scanner or source is dependency-cruiser's rule `cli-only-wires`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/paths.js';

const src = join(repoRoot, 'src');
const walk = (dir: string, out: string[] = []): string[] => {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) walk(join(dir, e.name), out);
    else if (e.name.endsWith('.ts')) out.push(join(dir, e.name));
  }
  return out;
};
const parse = (file: string) => ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
const cliFiles = walk(join(src, 'cli'));

describe('the CLI only wires', () => {
  it('each command action builds its documents and prints a reporter\'s result, with no loop of its own', () => {
    const commands = cliFiles.filter((f) => f.includes(`${join('cli', 'commands')}/`) && !f.endsWith('index.ts'));
    const actions: { where: string; calls: Set<string>; loops: number }[] = [];
    for (const f of commands) {
      const sf = parse(f);
      const visit = (n: ts.Node) => {
        if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && n.expression.name.text === 'action') {
          const body = n.arguments[0]!;
          const calls = new Set<string>();
          let loops = 0;
          const inner = (m: ts.Node) => {
            if (ts.isCallExpression(m)) calls.add(ts.isPropertyAccessExpression(m.expression) ? m.expression.name.text : m.expression.getText(sf));
            if (ts.isForStatement(m) || ts.isForOfStatement(m) || ts.isForInStatement(m) || ts.isWhileStatement(m) || ts.isDoStatement(m)) loops++;
            ts.forEachChild(m, inner);
          };
          inner(body);
          actions.push({ where: `${relative(src, f)}:${sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1}`, calls, loops });
        }
        ts.forEachChild(n, visit);
      };
      visit(sf);
    }
    expect(actions.length).toBeGreaterThanOrEqual(9);
    for (const a of actions) {
      expect([...a.calls].some((c) => /^build[A-Z]/.test(c)), `${a.where} builds nothing`).toBe(true);
      expect(a.calls.has('print'), `${a.where} prints no reporter result`).toBe(true);
      expect(a.loops, `${a.where} loops`).toBe(0);
    }
  });

  it('edit distance is measured in one module, src/core/did-you-mean.ts', () => {
    const measuring = walk(src).filter((f) => {
      let found = false;
      const visit = (n: ts.Node) => {
        if ((ts.isFunctionDeclaration(n) || ts.isVariableDeclaration(n) || ts.isMethodDeclaration(n)) && n.name && /distance|levenshtein|damerau/i.test(n.name.getText())) found = true;
        ts.forEachChild(n, visit);
      };
      visit(parse(f));
      return found;
    });
    expect(measuring.map((f) => relative(src, f))).toEqual(['core/did-you-mean.ts']);
  });
});
