/**
 * The Rust parser: tree-sitter-rust (https://github.com/tree-sitter/tree-sitter-rust) through web-tree-sitter.
 * Comments, strings and macro bodies are tree nodes of their own, so nothing inside them can look like an
 * attribute. Loaded once per process, and only when a file is to be parsed: a scan whose files all come from the
 * scan cache never loads it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Node, Tree } from 'web-tree-sitter';
import { GatewatchError } from '../core/errors.js';

export type { Node as SyntaxNode };

export interface RustParser {
  /** Parse Rust source text. The tree must be deleted by the caller when done (`tree.delete()`). */
  parse(text: string): Tree;
}

let loading: Promise<RustParser> | undefined;

/**
 * A file of an installed package, looked for where Node looks for the package (the node_modules directories above
 * this module), without reading the package's `exports`: resolving a package that has them loads Node's ES module
 * resolver, a cost on every cold scan, to find two files whose names are known. Undefined when not found there
 * (the caller then asks Node).
 */
function packageFile(require: NodeJS.Require, pkg: string, file: string): string | undefined {
  for (const dir of require.resolve.paths(pkg) ?? []) {
    const path = join(dir, pkg, file);
    if (existsSync(path)) return path;
  }
  return undefined;
}

/** Load (once) the tree-sitter runtime and the Rust grammar shipped in the tree-sitter-rust package. */
export function loadRustParser(): Promise<RustParser> {
  loading ??= (async () => {
    try {
      const require = createRequire(import.meta.url);
      const wasm = packageFile(require, 'tree-sitter-rust', 'tree-sitter-rust.wasm') ?? require.resolve('tree-sitter-rust/tree-sitter-rust.wasm');
      // Its CommonJS build: `import()` would start Node's ESM loader for this one module.
      const runtime = packageFile(require, 'web-tree-sitter', 'tree-sitter.cjs') ?? 'web-tree-sitter';
      const { Language, Parser } = require(runtime) as typeof import('web-tree-sitter');
      await Parser.init();
      // Its bytes, not its path: given a path, web-tree-sitter reads it through `import('fs/promises')`, which starts
      // Node's ESM loader for one read.
      const rust = await Language.load(readFileSync(wasm));
      const parser = new Parser();
      parser.setLanguage(rust);
      return {
        parse(text: string): Tree {
          const tree = parser.parse(text);
          if (!tree) throw new Error('tree-sitter returned no tree');
          return tree;
        },
      };
    } catch (cause) {
      loading = undefined;
      throw new GatewatchError('E_PARSER', 'could not load the Rust parser (tree-sitter-rust)', {
        cause,
        hint: 'run `npm ci` in the gatewatch package; tree-sitter-rust ships tree-sitter-rust.wasm',
      });
    }
  })();
  return loading;
}
