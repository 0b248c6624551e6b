import { describe, expect, it } from 'vitest';
import { collectGatesInText, parseGateField } from '../../src/roadmap/gates-in-text.js';
import { collectLinksInText, renderLink, parseLink } from '../../src/roadmap/links.js';

describe('gate names in text', () => {
  it('finds feature(x), -Z flags in any spelling, and backticked names only when known', () => {
    const known = new Set(['unsafe_pinned']);
    const gates = collectGatesInText('Use `feature(naked_functions)`, `-Zbinary_dep_depinfo=y` and `unsafe_pinned`, not `some_helper` or x-Zfoo.', (n) => known.has(n));
    expect(gates.map((g) => [g.name, g.kind])).toEqual([
      ['naked_functions', 'feature'],
      ['-Zbinary-dep-depinfo', 'flag'],
      ['unsafe_pinned', 'feature'],
    ]);
  });

  it('does not read "-Z to" in prose as a flag', () => {
    expect(collectGatesInText('move flags from -Z to -C')).toEqual([]);
  });

  it('normalises gates fields and rejects what is not a name', () => {
    expect(['feature(asm_goto)', '-Zsanitizer=kcfi', 'let_else', 'Not a gate'].map((s) => parseGateField(s)?.name ?? null)).toEqual(['asm_goto', '-Zsanitizer', 'let_else', null]);
  });
});

describe('links', () => {
  it('reads GitHub URLs and short references with the release in parentheses', () => {
    expect(parseLink('https://github.com/rust-lang/rust/pull/137043 (1.88).')).toEqual({ kind: 'pr', url: 'https://github.com/rust-lang/rust/pull/137043', repo: 'rust-lang/rust', number: 137043, release: '1.88' });
    expect(parseLink('rust-lang/rfcs#3519')).toMatchObject({ kind: 'rfc', number: 3519 });
    expect(parseLink('[rust-lang/rust-project-goals#407]')).toMatchObject({ kind: 'goal', number: 407 });
    expect(parseLink('see the chat')).toBeNull();
    expect(renderLink(parseLink('rust-lang/rust#139896 (?)')!)).toBe('rust-lang/rust#139896 (?)');
  });

  it('finds every link in a line of prose', () => {
    const links = collectLinksInText('Fixed by rust-lang/rust#123588 (1.81); see https://lore.kernel.org/rust-for-linux/x/ and https://rust-lang.zulipchat.com/#narrow/a.');
    expect(links.map((l) => [l.kind, l.release ?? null])).toEqual([
      ['pr', '1.81'],
      ['lore', null],
      ['zulip', null],
    ]);
  });
});
