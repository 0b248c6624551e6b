import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAKE_DIAGNOSTIC_SEVERITY, parseMakefile, parseShellScript, positionOf, type MakeDiagnosticCode, type MakeLine } from '../../src/make/parse-makefile.js';
import { mayMatterLine, wantsMakePath } from '../../src/sources/kbuild-make/index.js';
import { fixture, kernelTree } from '../helpers/paths.js';
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
    expect(doc.diagnostics).toEqual([]);
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
    expect(parseMakefile('ifdef A\nelse\nelse\nendif\n').diagnostics.map((d) => `${d.line} ${d.code}`)).toEqual(['3 make/extra-else']);
    const doc = parseMakefile('endif\nelse\nA := $(call f,x\nifeq (a b)\nendif\nifdef OPEN\nB := 1\ndefine D\nbody\n');
    expect(doc.diagnostics.map((d) => `${d.line} ${d.code}`)).toEqual([
      '1 make/endif-without-if',
      '2 make/else-without-if',
      '3 make/unclosed-reference',
      '4 make/malformed-conditional',
      '8 make/unterminated-define',
      '6 make/unterminated-conditional',
    ]);
    expect(doc.diagnostics[2]!.message).toContain('`$(call f,x`');
    expect(doc.lines.find((l) => l.line === 7)!.assignment!.name).toBe('B');
  });

  it('gives the common diagnostic: an error where part of the file cannot be read, a warning where conditions are doubtful', () => {
    const doc = parseMakefile('endif\nelse\nA := $(call f,x\nifeq (a b)\nendif\nendef\nifdef OPEN\nelse\nelse\ndefine D\nbody\n', { file: 'arch/x86/Makefile' });
    expect(doc.diagnostics.map((d) => `${d.file}:${d.line}${d.column ? `:${d.column}` : ''} ${d.code} ${d.severity}`)).toEqual([
      'arch/x86/Makefile:1 make/endif-without-if warning',
      'arch/x86/Makefile:2 make/else-without-if warning',
      'arch/x86/Makefile:3:6 make/unclosed-reference error',
      'arch/x86/Makefile:4 make/malformed-conditional error',
      'arch/x86/Makefile:6 make/endef-without-define warning',
      'arch/x86/Makefile:9 make/extra-else warning',
      'arch/x86/Makefile:10 make/unterminated-define error',
      'arch/x86/Makefile:7 make/unterminated-conditional warning',
    ]);
    for (const d of doc.diagnostics) expect(d.severity, d.code).toBe(MAKE_DIAGNOSTIC_SEVERITY[d.code as MakeDiagnosticCode]);
    // Without a file, the place is the line alone (the caller adds the file).
    expect(parseMakefile('endif\n').diagnostics).toEqual([{ code: 'make/endif-without-if', severity: 'warning', message: expect.any(String), line: 1 }]);
  });

  it('survives references that never close, nested or cut at a continuation, and multi-line references in a define', () => {
    const doc = parseMakefile('A := $(a $(b $(c x\nB := $(if $(x),$$(y)\\\n');
    expect(doc.diagnostics.map((d) => `${d.line} ${d.code}`)).toEqual(['1 make/unclosed-reference', '2 make/unclosed-reference']);
    expect(parseMakefile('define help\n\t$(foreach c,$(cfgs),\n\t\techo $(c);)\nendef\n').diagnostics).toEqual([]);
  });

  it('reads shell scripts: comments start a word outside quotes, `$#` is a parameter', () => {
    const doc = parseShellScript('#!/bin/sh\n# -Zno\necho "# kept" $# x # cut\n');
    expect(doc.lines.map((l) => `${l.line} ${l.kind} ${code(l)}`)).toEqual(['1 comment ', '2 comment ', '3 text echo "# kept" $# x ']);
  });
});

/** What a reading with `keep` must equal: the lines of a full reading it keeps (and comments, when asked), the same diagnostics. */
function expectKeptLinesRead(text: string, keep: (t: string) => boolean, where: string) {
  const full = parseMakefile(text);
  for (const comments of [false, true]) {
    const lazy = parseMakefile(text, { keep, comments });
    expect(lazy.diagnostics, where).toEqual(full.diagnostics);
    expect(lazy.lines, `${where}${comments ? ' with comments' : ''}`).toEqual(full.lines.filter((l) => (comments && l.kind === 'comment') || keep(l.text)));
  }
}

/** Relative paths of the make files (by name) under `dir`. */
function makeFiles(dir: string, rel = ''): string[] {
  const out: string[] = [];
  for (const e of readdirSync(join(dir, rel), { withFileTypes: true })) {
    const p = rel === '' ? e.name : `${rel}/${e.name}`;
    if (e.isDirectory() && e.name !== '.git') out.push(...makeFiles(dir, p));
    else if (e.isFile() && (e.name.startsWith('Makefile') || e.name.startsWith('Kbuild') || e.name.endsWith('.mk'))) out.push(p);
  }
  return out;
}

describe('Makefile reader, reading only the lines a caller keeps', () => {
  const odd = (t: string) => t.length % 2 === 1;

  it('finds a rule left unread when a recipe line follows it, across directives, and reads `export` directives', () => {
    const text = 'x.o: y.c\nifdef A\n\t$(RUSTC) -Zone $@\nendif\nA := b\n\t-Ztwo\nexport K\n\t-Zthree\nZ = 1\nexport\n';
    const lazy = parseMakefile(text, { keep: mayMatterLine });
    // Line 3 is a recipe of `x.o`; line 6 follows an assignment, so it is a line of its own (as make reads it).
    expect(lazy.lines.map((l) => `${l.line} ${l.kind} ${l.targets ?? ''}`.trim())).toEqual(['3 recipe x.o', '6 text', '8 text']);
    expect(lazy.lines.find((l) => l.line === 3)!.conditions.map((c) => c.text)).toEqual(['ifdef A']);
    // `export K` leaves the rule in force as it was (none, after line 6): line 8 is not a recipe either.
    expectKeptLinesRead(text, mayMatterLine, 'handmade');
    expectKeptLinesRead(text, odd, 'handmade, odd lengths');
  });

  it('reads every fixture make file as a full reading would, for what it keeps, diagnostics included', () => {
    const root = fixture();
    const files = makeFiles(root);
    expect(files.length).toBeGreaterThan(10);
    for (const f of files) {
      const text = readFileSync(join(root, f), 'utf8');
      expectKeptLinesRead(text, mayMatterLine, f);
      expectKeptLinesRead(text, odd, `${f} (odd lengths)`);
    }
  });

  for (const version of ['6.12', '6.1'] as const) {
    const tree = kernelTree(version);
    it.skipIf(tree === null)(`reads every make file of Debian's ${version} tree as a full reading would, for what it keeps`, () => {
      const files = makeFiles(tree!).filter((p) => wantsMakePath(p));
      expect(files.length).toBeGreaterThan(2500);
      for (const f of files) expectKeptLinesRead(readFileSync(join(tree!, f), 'utf8'), mayMatterLine, f);
    }, 60_000);
  }
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
