/**
 * The kernel's own claims about the features in `rust_allowed_features`, from the comment group above the list
 * (https://git.kernel.org/pub/scm/linux/kernel/git/torvalds/linux.git/tree/scripts/Makefile.build, since 6.13),
 * one claim per bullet, continuation lines included:
 *
 *   #   - Stable since Rust 1.82.0: `feature(asm_const)`,
 *   #     `feature(offset_of_nested)`, `feature(raw_ref_op)`.
 *   #   - Expected to become stable: `feature(arbitrary_self_types)`.
 */
import type { Claim } from '../../model/scan.js';
import { classifyClaimText } from '../claim-text.js';

/** One physical comment line: its number and the text after `#`. */
export interface CommentLine {
  line: number;
  text: string;
}

/** Feature names a claim names in backticks as `feature(x)` or `feature(x, y)`. */
function namedFeatures(text: string): string[] {
  const names: string[] = [];
  for (const m of text.matchAll(/`feature\(([A-Za-z0-9_, ]+)\)`/g)) names.push(...m[1]!.split(',').map((s) => s.trim()).filter(Boolean));
  return names;
}

/**
 * Claims of a comment group. A bullet (`- ...`) starts an item; more-indented lines continue it; a blank comment
 * line or a paragraph ends it. A claim that names no `feature(x)` is about the whole list (`listNames`).
 */
export function collectCommentGroupClaims(comments: readonly CommentLine[], file: string, listNames: readonly string[]): Claim[] {
  const items: { line: number; text: string; indent: number }[] = [];
  let open: { line: number; text: string; indent: number } | null = null;
  for (const c of comments) {
    const bullet = /^(\s*)[-*]\s+(.*)$/.exec(c.text);
    if (bullet) {
      open = { line: c.line, text: bullet[2]!.trim(), indent: bullet[1]!.length };
      items.push(open);
      continue;
    }
    const indent = /^\s*/.exec(c.text)![0].length;
    if (open && c.text.trim() !== '' && indent > open.indent) {
      open.text += ` ${c.text.trim()}`;
      continue;
    }
    // A paragraph is an item of its own (older layouts wrote claims as sentences); a blank line ends it.
    if (c.text.trim() === '') {
      open = null;
    } else if (open && open.indent === -1) {
      open.text += ` ${c.text.trim()}`;
    } else {
      open = { line: c.line, text: c.text.trim(), indent: -1 };
      items.push(open);
    }
  }
  const claims: Claim[] = [];
  for (const item of items) {
    const text = item.text.replace(/\s+/g, ' ');
    const c = classifyClaimText(text);
    if (!c) continue;
    const named = namedFeatures(text);
    const claim: Claim = { kind: 'comment-group', claim: c.claim, text, file, line: item.line, gates: named.length > 0 ? named : [...listNames] };
    if (c.version) claim.version = c.version;
    claims.push(claim);
  }
  return claims;
}
