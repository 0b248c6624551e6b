/**
 * The version of the code that finds facts: a fact kept by other code is never reused, because a fix to a parser
 * must show at once. From the bundle (dist/bundle/) it is the id its build wrote of its contents; elsewhere (tsc's
 * dist/, src/ under the tests) the name, size and mtime of every module of the code directory. gatewatch's version
 * and the Rust grammar's package are part of it too.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageRoot } from '../core/package-root.js';
import { GATEWATCH_VERSION } from '../core/version.js';
import { checksumOf, nameOf } from './digest.js';

let computed: string | undefined;

/** A short text naming the code of this process (computed once). */
export function codeVersion(): string {
  if (computed !== undefined) return computed;
  const here = dirname(fileURLToPath(import.meta.url));
  let buildId: string | undefined;
  try {
    buildId = (JSON.parse(readFileSync(join(here, 'build-id.json'), 'utf8')) as { id?: unknown }).id as string | undefined;
  } catch {
    // Not the bundle: the files stand for the code.
  }
  // The build id is already a hash of the bundle's contents (scripts/build-cli.mjs).
  const code = typeof buildId === 'string' ? buildId.slice(0, 20) : nameOf(moduleStamps(dirname(here)));
  let grammar = '';
  try {
    grammar = `.${checksumOf(readFileSync(join(packageRoot, 'node_modules', 'tree-sitter-rust', 'package.json')))}`;
  } catch {
    // An installed package without its own node_modules: gatewatch's version stands for the grammar too.
  }
  computed = `${GATEWATCH_VERSION}+${code}${grammar}`;
  return computed;
}

/** Name, size and mtime of every .js/.ts module below `codeRoot`, in a fixed order, as one text. */
function moduleStamps(codeRoot: string): string {
  const parts: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(js|ts)$/.test(e.name)) {
        const st = statSync(p);
        parts.push(`${p.slice(codeRoot.length)}\0${st.size}\0${st.mtimeMs}\0`);
      }
    }
  };
  walk(codeRoot);
  return parts.join('');
}
