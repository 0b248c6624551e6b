/**
 * The layering rules of the house style, checked on every import of src/ (read with the TypeScript compiler's
 * own pre-processor, so comments and strings cannot fool it). Each rule says why it exists.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, dirname, resolve } from 'node:path';
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
// The browser code lives beside src/ (web/); its imports are named as from src/ too (`analyses/report.ts`, `web/site.css`).
const web = join(repoRoot, 'web');
const webFiles: string[] = [];
for (const e of readdirSync(web, { withFileTypes: true })) if (e.isFile() && e.name.endsWith('.ts')) webFiles.push(join(web, e.name));

/** Imports of each file: `node:*` / package names as written, local ones as paths relative to src/. */
const imports = new Map<string, string[]>(
  files.map((f) => {
    const info = ts.preProcessFile(readFileSync(f, 'utf8'), true, true);
    const specs = info.importedFiles.map((i) => i.fileName);
    return [
      relative(src, f),
      specs.map((s) => (s.startsWith('.') ? relative(src, resolve(dirname(f), s)).replace(/\.js$/, '.ts') : s)),
    ];
  }),
);

for (const f of webFiles) {
  const specs = ts.preProcessFile(readFileSync(f, 'utf8'), true, true).importedFiles.map((i) => i.fileName);
  const named = (s: string) => {
    if (!s.startsWith('.')) return s;
    const fromRoot = relative(repoRoot, resolve(dirname(f), s)).split('\\').join('/').replace(/\.js$/, '.ts');
    return fromRoot.startsWith('src/') ? fromRoot.slice(4) : fromRoot;
  };
  imports.set(`web/${relative(web, f)}`, specs.map(named));
}

const NODE_BUILTINS = /^(node:|fs$|path$|child_process$|os$|url$|module$)/;

interface Rule {
  name: string;
  why: string;
  from: RegExp;
  forbidden: (spec: string) => boolean;
}

const rules: Rule[] = [
  {
    name: 'analyses are pure',
    why: 'the same analysis code runs in the CLI, a server and the browser dashboard',
    from: /^analyses\//,
    forbidden: (s) => NODE_BUILTINS.test(s) || /^(cli|sources|scan|reporters)\//.test(s),
  },
  {
    name: 'the model is plain types',
    why: 'documents are the contract every stage reads; they depend on nothing else',
    from: /^model\//,
    forbidden: (s) => NODE_BUILTINS.test(s) || (!s.startsWith('model/') && !s.startsWith('core/rust-version')),
  },
  {
    name: 'sources never reach reporters or the CLI',
    why: 'sources collect facts; how they are shown is decided later, by the CLI',
    from: /^sources\//,
    forbidden: (s) => /^(reporters|cli)\//.test(s),
  },
  {
    name: 'reporters are pure functions of a document',
    why: 'reporters render documents (also saved ones), never the sources or the file system',
    from: /^reporters\//,
    forbidden: (s) => NODE_BUILTINS.test(s) || /^(cli|sources|scan)\//.test(s),
  },
  {
    name: 'registry lookup is pure',
    why: 'the report and the dashboard look names up without a toolchain',
    from: /^registry\/lookup\.ts$/,
    forbidden: (s) => NODE_BUILTINS.test(s),
  },
  {
    name: 'the web UI imports only the model and analyses',
    why: 'the dashboard reads documents and computes in the browser',
    from: /^web\//,
    forbidden: (s) => NODE_BUILTINS.test(s) || !/^(model\/|analyses\/|web\/|uplot(\/|$))/.test(s),
  },
];

describe('architecture', () => {
  for (const rule of rules) {
    it(`${rule.name} (${rule.why})`, () => {
      const broken: string[] = [];
      for (const [file, specs] of imports) {
        if (!rule.from.test(file)) continue;
        for (const s of specs) if (rule.forbidden(s)) broken.push(`${file} imports ${s}`);
      }
      expect(broken).toEqual([]);
    });
  }

  it('the rules see the browser code', () => expect([...imports.keys()].filter((f) => f.startsWith('web/')).length).toBeGreaterThan(0));

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
            if (/^(process\.(stdout|stderr)|console\.(log|error|warn|info))$/.test(t)) found = true;
          }
          ts.forEachChild(n, visit);
        };
        visit(sf);
        return found;
      });
    expect(printing).toEqual([]);
  });
});
