import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadRustParser } from '../../src/rust/parser.js';
import { buildScan } from '../../src/scan/build-scan.js';
import { collectRustFile, mayHoldGateAttribute, rustCrateAttrs } from '../../src/sources/rust-crate-attrs/index.js';
import type { ScanContext, SourceFile, SourceFacts } from '../../src/sources/types.js';
import { fixture, kernelTree } from '../helpers/paths.js';

/** Every fixture tree of the scan and Cargo tests. */
const fixtureTrees = () =>
  ['scan', 'cargo'].flatMap((kind) => readdirSync(fixture(kind), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => fixture(kind, e.name)));

/** The source's work without its prefilter or its prefix parse: every file parsed whole. */
async function collectUnfiltered(file: SourceFile, ctx: ScanContext): Promise<SourceFacts> {
  const tree = (await loadRustParser()).parse(file.text);
  try {
    return collectRustFile(tree.rootNode, file.path, ctx.crateOf?.(file.path) ?? null);
  } finally {
    tree.delete();
  }
}

const scanRust = (name: string) => buildScan({ tree: fixture('scan', name), sources: [rustCrateAttrs] });
const brief = (o: { name: string; line: number; via: string; condition: string | null }) => `${o.name}@${o.line} ${o.via} ${o.condition ?? '-'}`;

describe('rust crate attributes', () => {
  it('keeps the cfg_attr predicate as the condition of every name in the list', async () => {
    const scan = await scanRust('cfg-attr-with-two-features');
    expect(scan.occurrences.map(brief)).toEqual([
      'allocator_api@2 cfg-attr USE_RUSTC_FEATURES',
      'unsize@2 cfg-attr USE_RUSTC_FEATURES',
      'new_uninit@3 cfg-attr feature = "alloc"',
    ]);
    // The crate name comes from the Cargo package, dashes as underscores.
    expect(new Set(scan.occurrences.map((o) => o.crate))).toEqual(new Set(['pin_demo']));
    expect(scan.treeKind).toBe('cargo');
  });

  it('joins nested cfg_attr predicates and turns Kconfig symbols into config guards', async () => {
    const scan = await scanRust('nested-cfg-attr');
    expect(scan.occurrences.map(brief)).toEqual([
      'asm_goto@2 cfg-attr not(test) && CONFIG_X86_64',
      'coerce_unsized@3 cfg-attr CONFIG_RUST && not(CONFIG_RUSTC_HAS_COERCE_POINTEE)',
      'dispatch_from_dyn@3 cfg-attr CONFIG_RUST && not(CONFIG_RUSTC_HAS_COERCE_POINTEE)',
      'used_with_arg@4 crate-attr -',
    ]);
    expect(scan.occurrences[1]!.guards).toEqual([
      { type: 'config', symbol: 'CONFIG_RUST', negated: false, text: 'CONFIG_RUST' },
      { type: 'config', symbol: 'CONFIG_RUSTC_HAS_COERCE_POINTEE', negated: true, text: 'not(CONFIG_RUSTC_HAS_COERCE_POINTEE)' },
    ]);
    expect(scan.occurrences[0]!.guards[0]).toEqual({ type: 'cfg', predicate: 'not(test)', text: 'not(test)' });
  });

  it('never counts doc-test examples, hidden doc lines, strings, comments, macro bodies or stability attributes', async () => {
    const scan = await scanRust('doc-examples-and-strings-not-counted');
    expect(scan.occurrences.map((o) => o.name)).toEqual(['real_one']);
    expect(scan.diagnostics).toEqual([]);
  });

  it('reports each name of a list split over lines at its own line and column, past comments', async () => {
    const scan = await scanRust('feature-list-split-over-lines');
    expect(scan.occurrences.map((o) => `${o.name}@${o.line}:${o.column}`)).toEqual(['allocator_api@2:5', 'const_mut_refs@3:5', 'slice_ptr_len@4:41']);
  });

  it('reports malformed attributes as diagnostics with their place and keeps the good ones', async () => {
    const scan = await scanRust('malformed-attributes');
    expect(scan.occurrences.map((o) => o.name)).toEqual(['good_one']);
    expect(scan.diagnostics.map((d) => `${d.code} ${d.file}:${d.line}`)).toEqual([
      'rust/malformed-feature-attribute lib.rs:1',
      'rust/malformed-feature-attribute lib.rs:2',
      'rust/malformed-feature-attribute lib.rs:3',
      'rust/malformed-cfg-attr lib.rs:4',
    ]);
    expect(scan.diagnostics[2]!.message).toContain('received `"quoted"`');
  });

  it('attaches the comment groups above feature lines as claims, to the features they head', async () => {
    const scan = await scanRust('comment-group-claims');
    const claims = scan.claims.map((c) => `${c.claim} ${c.version ?? '-'} ${c.line} [${c.gates.join(',')}]`);
    expect(claims).toEqual([
      'stable-since 1.79.0 4 [inline_const]',
      'stable-since 1.81.0 10 [lint_reasons]',
      'stable-since 1.82.0 13 [raw_ref_op]',
      'expected-stable - 16 [arbitrary_self_types]',
      // The comment names its feature, so the predecessor features under not(...) are not part of the claim.
      'expected-stable - 19 [derive_coerce_pointee]',
      'to-be-determined - 24 [used_with_arg]',
    ]);
    expect(scan.occurrences.find((o) => o.name === 'inline_const')!.crate).toBe('kernel');
  });

  it('finds gates that stand past the first parsed prefix, and nothing after the first item', async () => {
    const scan = await scanRust('gates-after-a-long-preamble');
    expect(scan.occurrences.map((o) => `${o.name}@${o.line}`)).toEqual(['first_after_preamble@124', 'split_across_the_cut@126']);
    expect(scan.diagnostics).toEqual([]);
  });

  it('parses only files with a `feature` or `cfg_attr` inner attribute outside line comments (the prefilter never decides what counts)', () => {
    expect(mayHoldGateAttribute('//! #![feature(x)]\n/// # #![feature(y)]\nfn f() {}\n')).toBe(false);
    expect(mayHoldGateAttribute('#!/usr/bin/env run-cargo-script\nfn main() {}\n')).toBe(false);
    expect(mayHoldGateAttribute('#![allow(dead_code)]\n#![stable(feature = "rust1", since = "1.0.0")]\n#![rustfmt::skip]\n')).toBe(false);
    expect(mayHoldGateAttribute('/* licence */ #![feature(x)]\n')).toBe(true);
    expect(mayHoldGateAttribute('#! [feature(spaced)]\n')).toBe(true);
    expect(mayHoldGateAttribute('#![\n  feature(on_the_next_line)]\n')).toBe(true);
    expect(mayHoldGateAttribute('    #![cfg_attr(test, feature(x))]\n')).toBe(true);
    expect(mayHoldGateAttribute('#![allow(x)]\n#![feature]\n')).toBe(true);
    // Names the prefilter cannot read plainly are the parser's to judge.
    expect(mayHoldGateAttribute('#![/* why */ feature(x)]\n')).toBe(true);
    expect(mayHoldGateAttribute('#![r#feature(x)]\n')).toBe(true);
  });

  it('gives what a scan without the prefilter gives, on every fixture and both Debian trees', async () => {
    const unfiltered = { ...rustCrateAttrs, collect: (file: SourceFile, ctx: ScanContext) => collectUnfiltered(file, ctx) };
    const trees = [...fixtureTrees(), ...(['6.12', '6.1'] as const).map((v) => kernelTree(v)).filter((t): t is string => t !== null)];
    for (const tree of trees) {
      const a = await buildScan({ tree, sources: [rustCrateAttrs] });
      const b = await buildScan({ tree, sources: [unfiltered] });
      expect({ o: a.occurrences, c: a.claims, d: a.diagnostics }, tree).toEqual({ o: b.occurrences, c: b.claims, d: b.diagnostics });
    }
  }, 60_000);
});

describe('which comments are claim comments', () => {
  it('doc comments never are, `////` and `/**/` comments are (the Reference, by their text)', async () => {
    const { loadRustParser } = await import('../../src/rust/parser.js');
    const { collectRustFile } = await import('../../src/sources/rust-crate-attrs/index.js');
    const parser = await loadRustParser();
    const claimLines = (text: string) => {
      const tree = parser.parse(text);
      try {
        return (collectRustFile(tree.rootNode, 'lib.rs', 'k').claims ?? []).map((c) => `${c.line} ${c.gates.join(',')}`);
      } finally {
        tree.delete();
      }
    };
    expect(claimLines('//! Stable since Rust 1.79.0.\n#![feature(a)]\n')).toEqual([]);
    expect(claimLines('/*! Stable since Rust 1.79.0. */\n#![feature(a)]\n')).toEqual([]);
    expect(claimLines('//// Stable since Rust 1.79.0.\n#![feature(a)]\n')).toEqual(['1 a']);
    expect(claimLines('// Stable since Rust 1.79.0.\n#![feature(a)]\n')).toEqual(['1 a']);
    expect(claimLines('/* Stable since Rust 1.79.0. */\n#![feature(a)]\n')).toEqual(['1 a']);
    expect(claimLines('/*** Stable since Rust 1.79.0. */\n#![feature(a)]\n')).toEqual(['1 a']);
  });
});

describe('files that cannot hold a gate are not parsed', () => {
  it('inner attributes that name neither feature nor cfg_attr give nothing, and are never parsed', async () => {
    const { rustCrateAttrs } = await import('../../src/sources/rust-crate-attrs/index.js');
    const ctx = { treeKind: 'kernel' as const, hasFile: () => false, crateOf: () => 'k' };
    // A claim-shaped comment above `#![allow(..)]` is not a claim about any gate.
    expect(await rustCrateAttrs.collect({ path: 'm.rs', text: '// Stable since Rust 1.79.0.\n#![allow(dead_code)]\n#![no_std]\nfn f() {}\n' }, ctx)).toEqual({});
    // The same comment above a feature list is a claim, and the file is parsed.
    const gated = await rustCrateAttrs.collect({ path: 'lib.rs', text: '// Stable since Rust 1.79.0.\n#![feature(inline_const)]\n' }, ctx);
    expect(gated.occurrences?.map((o) => o.name)).toEqual(['inline_const']);
    expect(gated.claims?.map((c) => c.gates)).toEqual([['inline_const']]);
    // Not parsed at all: a broken attribute that names no gate gives no syntax diagnostic; one that does, does.
    expect(await rustCrateAttrs.collect({ path: 'm.rs', text: '#![allow(dead_code\nfn f() {}\n' }, ctx)).toEqual({});
    const broken = await rustCrateAttrs.collect({ path: 'lib.rs', text: '#![feature(a\nfn f() {}\n' }, ctx);
    expect(broken.diagnostics?.map((d) => d.code)).toContain('rust/syntax-error');
  });
});

describe('broken crate attributes are diagnosed, never misread', () => {
  const ctx = { treeKind: 'kernel' as const, hasFile: () => false, crateOf: () => 'k' };
  const brief = async (text: string) => {
    const { rustCrateAttrs } = await import('../../src/sources/rust-crate-attrs/index.js');
    const f = await rustCrateAttrs.collect({ path: 'lib.rs', text }, ctx);
    return [...(f.occurrences ?? []).map((o) => `gate ${o.name}`), ...(f.diagnostics ?? []).map((d) => `${d.code}@${d.line}`)];
  };

  it('a missing comma is a malformed name, not the two names run together', async () => {
    expect(await brief('#![feature(a b)]\nfn f() {}\n')).toEqual(['rust/malformed-feature-attribute@1']);
    // Paths still join: `a::b` is one cfg predicate, and the gate under it is read.
    expect(await brief('#![cfg_attr(a::b, feature(x))]\n')).toEqual(['gate x']);
  });

  it('an attribute never closed is a diagnostic with its line, even when it swallows the rest of the file', async () => {
    expect(await brief('#![feature(a\nfn f() {}\n')).toEqual(['rust/syntax-error@1']);
    expect(await brief('#![feature(x)]\n#![feature(y,\n')).toEqual(['gate x', 'rust/syntax-error@2']);
  });
});
