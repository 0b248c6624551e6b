import { describe, expect, it } from 'vitest';
import { parseMakefile, parseShellScript, positionOf, type MakeLine } from '../../src/make/parse-makefile.js';
import { parseReferences } from '../../src/make/references.js';
import { parseUnstableFlags } from '../../src/make/flags.js';

const code = (l: MakeLine) => l.text.slice(0, l.codeEnd);
const kinds = (text: string) => parseMakefile(text).lines.map((l) => `${l.line} ${l.kind}`);

describe('Makefile reader', () => {
  it('joins continued lines and keeps the physical line and column of every offset', () => {
    const doc = parseMakefile('A := one \\\n\ttwo \\\n    three\nB = x\n');
    expect(doc.lines.map((l) => `${l.line} ${l.kind} ${l.assignment?.name}`)).toEqual(['1 assignment A', '4 assignment B']);
    const a = doc.lines[0]!;
    expect(positionOf(a, a.text.indexOf('one'))).toEqual({ line: 1, column: 6 });
    expect(positionOf(a, a.text.indexOf('two'))).toEqual({ line: 2, column: 2 });
    expect(positionOf(a, a.text.indexOf('three'))).toEqual({ line: 3, column: 5 });
    // An escaped backslash at the end of a line does not continue it.
    expect(kinds('A := x\\\\\nB := y\n')).toEqual(['1 assignment', '2 assignment']);
  });

  it('cuts comments at `#` but not at `\\#`, not inside `$(...)`, and continues a comment over backslash-newline', () => {
    const doc = parseMakefile('A := x # note\nB := a\\#b\nC := $(shell grep -v "^#" f)\n# comment \\\n  still comment\nD := $(pound)x\n');
    expect(doc.lines.map((l) => `${l.line} ${l.kind} ${code(l).trim()}`)).toEqual([
      '1 assignment A := x',
      '2 assignment B := a\\#b',
      '3 assignment C := $(shell grep -v "^#" f)',
      '4 comment ',
      '6 assignment D := $(pound)x',
    ]);
  });

  it('reads every assignment operator, with export/override prefixes and target-specific forms', () => {
    const doc = parseMakefile(
      'a := 1\nb ::= 2\nc :::= 3\nd = 4\ne += 5\nf ?= 6\ng != echo 7\nexport h := 8\noverride i += 9\n$(obj)/kernel.o: private j = 10\nrustflags-$(CONFIG_X) += 11\n',
    );
    expect(doc.lines.map((l) => `${l.assignment!.name} ${l.assignment!.op} ${l.assignment!.value}${l.assignment!.export ? ' export' : ''}${l.assignment!.override ? ' override' : ''}${l.assignment!.targets ? ` @${l.assignment!.targets}` : ''}`)).toEqual([
      'a := 1', 'b ::= 2', 'c :::= 3', 'd = 4', 'e += 5', 'f ?= 6', 'g != echo 7', 'h := 8 export', 'i += 9 override', 'j = 10 @$(obj)/kernel.o', 'rustflags-$(CONFIG_X) += 11',
    ]);
  });

  it('tells rules, recipe lines, define bodies and tab-indented assignments outside rules apart', () => {
    const text = [
      'ifeq ($(X),1)',
      '\tTAB_ASSIGN := 1', // not in a rule: an assignment
      'endif',
      '$(obj)/%.o: $(obj)/%.rs FORCE',
      '\t$(RUSTC) -o $@ $<',
      '',
      '\t# a shell comment in the recipe',
      '\techo done',
      'AFTER := 1',
      'define body',
      '\t$(RUSTC) $<',
      'ifdef NOT_A_DIRECTIVE_HERE',
      'endef',
    ].join('\n');
    const doc = parseMakefile(text);
    expect(doc.lines.map((l) => `${l.line} ${l.kind}${l.targets ? ` @${l.targets}` : ''}${l.defineName ? ` in ${l.defineName}` : ''}`)).toEqual([
      '1 directive', '2 assignment', '3 directive', '4 rule @$(obj)/%.o', '5 recipe @$(obj)/%.o', '7 comment @$(obj)/%.o', '8 recipe @$(obj)/%.o', '9 assignment', '10 directive', '11 define-body in body', '12 define-body in body',
    ]);
    expect(doc.problems).toEqual([]);
  });

  it('tracks nested conditionals in both ifeq forms, with else and else-if negating earlier branches', () => {
    const doc = parseMakefile('ifdef A\nifeq "$(B)" "y"\nX := 1\nelse ifneq ($(C),)\nX := 2\nelse\nX := 3\nendif\nendif\nX := 4\n');
    const of = (n: number) => doc.lines.find((l) => l.line === n)!.conditions.map((t) => `${t.negated ? '!' : ''}${t.kind}(${t.variable ?? `${t.left},${t.right}`})`).join(' ');
    expect(of(3)).toBe('defined(A) equal($(B),y)');
    expect(of(5)).toBe('defined(A) !equal($(B),y) !equal($(C),)');
    expect(of(7)).toBe('defined(A) !equal($(B),y) equal($(C),)');
    expect(of(10)).toBe('');
  });

  it('reports malformed make with its line and keeps reading', () => {
    expect(parseMakefile('ifdef A\nelse\nelse\nendif\n').problems.map((p) => `${p.line} ${p.code}`)).toEqual(['3 make/extra-else']);
    const doc = parseMakefile('endif\nelse\nA := $(call f,x\nifeq (a b)\nendif\nifdef OPEN\nB := 1\ndefine D\nbody\n');
    expect(doc.problems.map((p) => `${p.line} ${p.code}`)).toEqual([
      '1 make/endif-without-if',
      '2 make/else-without-if',
      '3 make/unclosed-reference',
      '4 make/malformed-conditional',
      '8 make/unterminated-define',
      '6 make/unterminated-conditional',
    ]);
    expect(doc.problems[2]!.message).toContain('`$(call f,x`');
    expect(doc.lines.find((l) => l.line === 7)!.assignment!.name).toBe('B');
  });

  it('survives references that never close, nested or cut at a continuation, and multi-line references in a define', () => {
    const doc = parseMakefile('A := $(a $(b $(c x\nB := $(if $(x),$$(y)\\\n');
    expect(doc.problems.map((p) => `${p.line} ${p.code}`)).toEqual(['1 make/unclosed-reference', '2 make/unclosed-reference']);
    expect(parseMakefile('define help\n\t$(foreach c,$(cfgs),\n\t\techo $(c);)\nendef\n').problems).toEqual([]);
  });

  it('reads shell scripts: comments start a word outside quotes, `$#` is a parameter', () => {
    const doc = parseShellScript('#!/bin/sh\n# -Zno\necho "# kept" $# x # cut\n');
    expect(doc.lines.map((l) => `${l.line} ${l.kind} ${code(l)}`)).toEqual(['1 comment ', '2 comment ', '3 text echo "# kept" $# x ']);
  });
});

describe('references and flags', () => {
  it('splits function arguments at commas only inside calls, and finds the branch of an inline $(if)', () => {
    const text = 'F += -Za=b,c $(if $(call rustc-min-version,109300),-Cx=n,-Zno-jump-tables)';
    const refs = parseReferences(text);
    expect(refs.map((r) => `${r.name}${r.isFunction ? `/${r.args.length}` : ''}`)).toEqual(['if/3', 'call/2']);
    const flags = parseUnstableFlags(text, text.length, refs);
    expect(flags.map((f) => `${f.name}=${f.value}`)).toEqual(['-Za=b,c', '-Zno-jump-tables=null']);
  });

  it('starts a flag only at a token boundary and strips quotes from its value', () => {
    const text = `s/[^A-Z0-9_]/_/ -Z $(x) '-Zq' -Zcrate-attr='feature(a)' -Zallow-features= -Ctarget-feature=-Zfake,+b X=-Zafter-eq`;
    const flags = parseUnstableFlags(text, text.length, parseReferences(text));
    expect(flags.map((f) => `${f.name}=${JSON.stringify(f.value)}`)).toEqual(['-Zq=null', '-Zcrate-attr="feature(a)"', '-Zallow-features=""', '-Zafter-eq=null']);
  });
});
