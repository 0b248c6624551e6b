/**
 * `RUSTC_BOOTSTRAP` set by a Cargo build script through its output instruction `cargo:rustc-env=` or
 * `cargo::rustc-env=` (https://doc.rust-lang.org/cargo/reference/build-scripts.html#rustc-env), read with
 * tree-sitter: only the format string of a `println!`/`print!` invocation counts, never a comment, another
 * string, or dead text. Cargo refuses the setting on a stable toolchain unless `RUSTC_BOOTSTRAP=<crate>` is set
 * around cargo (cargo PR 9181), so each one is a crate that wants a nightly compiler.
 */
import type { BootstrapSetting } from '../../model/scan.js';
import { stringValue } from '../../rust/meta.js';
import type { SyntaxNode } from '../../rust/parser.js';

const PRINT_MACROS = new Set(['println', 'print', 'std::println', 'std::print', '::std::println', '::std::print']);
const INSTRUCTION = /^cargo::?rustc-env=RUSTC_BOOTSTRAP=(.*)$/s;

/** The `if` conditions a node sits under, outermost first: `cond` in a then-branch, `!(cond)` in an else-branch. */
function ifConditions(node: SyntaxNode): string[] {
  const out: string[] = [];
  let child: SyntaxNode = node;
  for (let p = node.parent; p !== null; child = p, p = p.parent) {
    if (p.type === 'if_expression') {
      const cond = p.childForFieldName('condition');
      if (!cond || cond.id === child.id) continue;
      const text = cond.text.replace(/\s+/g, ' ');
      out.unshift(p.childForFieldName('consequence')?.id === child.id ? text : `!(${text})`);
    }
  }
  return out;
}

/** Settings of RUSTC_BOOTSTRAP in one parsed build script. */
export function collectBuildScript(root: SyntaxNode, file: string): BootstrapSetting[] {
  const out: BootstrapSetting[] = [];
  for (const m of root.descendantsOfType('macro_invocation')) {
    if (!m) continue;
    const name = m.childForFieldName('macro')?.text.replace(/\s+/g, '');
    if (!name || !PRINT_MACROS.has(name)) continue;
    const tokens = m.namedChildren.find((c) => c?.type === 'token_tree');
    // The format string is the first token inside the parentheses.
    const first = tokens?.namedChildren.find((c) => c !== null && c.type !== 'line_comment' && c.type !== 'block_comment');
    if (!first || (first.type !== 'string_literal' && first.type !== 'raw_string_literal')) continue;
    const hit = INSTRUCTION.exec(stringValue(first));
    if (!hit) continue;
    const conditions = ifConditions(m);
    out.push({ file, line: first.startPosition.row + 1, value: hit[1]!.trim(), condition: conditions.length > 0 ? conditions.join(' && ') : null });
  }
  return out;
}
