/**
 * Hostile inputs, generated here (never committed as giant files): inputs whose reading was quadratic, and
 * attributes nested deep enough to be lost. Each asserts on the result; the sizes are ones a quadratic reader takes
 * minutes over, so the test's own timeout is the bound (no timed assertion).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseMakefile } from '../../src/make/parse-makefile.js';
import { buildScan } from '../../src/scan/build-scan.js';
import { kbuildMake } from '../../src/sources/kbuild-make/index.js';
import { rustCrateAttrs } from '../../src/sources/rust-crate-attrs/index.js';

const tmp = mkdtempSync(join(tmpdir(), 'gatewatch-hostile-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A tree of generated files. */
function tree(name: string, files: Record<string, string>): string {
  const dir = join(tmp, name);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

describe('linear time on inputs that were quadratic', () => {
  it('40,000 -Z flags on one continued make line: every flag, at its own physical line', async () => {
    const n = 40_000;
    const dir = tree('many-flags', { Makefile: `KBUILD_RUSTFLAGS += ${Array.from({ length: n }, (_, i) => `-Zflag-${i}`).join(' \\\n\t')}\n` });
    const scan = await buildScan({ tree: dir, sources: [kbuildMake] });
    expect(scan.occurrences).toHaveLength(n);
    expect(scan.occurrences.at(-1)).toMatchObject({ name: `-Zflag-${n - 1}`, line: n, column: 2 });
  }, 120_000);

  it('a 4.7 MB continued line of flags inside $(call ...) and $(if ...): each flag with its guard', async () => {
    const n = 40_000;
    const parts = Array.from({ length: n }, (_, i) => `$(call rustc-option,-Zsome-unstable-flag-${i}=a-value-of-some-greater-length) $(if $(CONFIG_X${i}),-Zother-${i})`);
    const text = `KBUILD_RUSTFLAGS += ${parts.join(' \\\n\t')}\n`;
    expect(text.length).toBeGreaterThan(4_500_000);
    const scan = await buildScan({ tree: tree('many-calls', { Makefile: text }), sources: [kbuildMake] });
    expect(scan.occurrences).toHaveLength(2 * n);
    const last = scan.occurrences.filter((o) => o.line === n);
    expect(last.map((o) => `${o.name} ${o.condition}`)).toEqual([`-Zsome-unstable-flag-${n - 1} rustc-option`, `-Zother-${n - 1} CONFIG_X${n - 1}`]);
  }, 120_000);

  it('20,000 nested ifdef levels: the flag inside sits under every one of them', async () => {
    const d = 20_000;
    const text = `${Array.from({ length: d }, (_, i) => `ifdef CONFIG_X${i}\n`).join('')}KBUILD_RUSTFLAGS += -Zdeep\n${'endif\n'.repeat(d)}`;
    const doc = parseMakefile(text, { keep: (t) => t.includes('-Z') });
    expect(doc.diagnostics).toEqual([]);
    expect(doc.lines).toHaveLength(1);
    expect(doc.lines[0]!.conditions).toHaveLength(d);
    const scan = await buildScan({ tree: tree('deep-ifdef', { Makefile: text }), sources: [kbuildMake] });
    expect(scan.occurrences.map((o) => `${o.name}@${o.line}`)).toEqual([`-Zdeep@${d + 1}`]);
    expect(scan.occurrences[0]!.guards).toHaveLength(d);
  }, 120_000);

  it('a 7 MB .rs file of block comments: the gates before and after them are found', async () => {
    const comments = '/* a block comment */\n'.repeat(Math.ceil((7 * 1024 * 1024) / 22));
    const dir = tree('comments', { 'lib.rs': `#![feature(before_comments)]\n${comments}#![feature(after_comments)]\nfn main() {}\n` });
    const scan = await buildScan({ tree: dir, sources: [rustCrateAttrs] });
    expect(scan.occurrences.map((o) => o.name)).toEqual(['before_comments', 'after_comments']);
    expect(scan.diagnostics).toEqual([]);
  }, 300_000);
});

describe('never lost without a word', () => {
  it('a NUL in the first 8 KiB: the diagnostic gives its line and says the gates before it are not read', async () => {
    const dir = tree('nul-byte', { 'src/lib.rs': '#![feature(before_nul)]\n// two\nlet x = "\0";\n' });
    const scan = await buildScan({ tree: dir, sources: [rustCrateAttrs] });
    expect(scan.occurrences).toEqual([]);
    expect(scan.diagnostics.map((d) => `${d.code} ${d.file}:${d.line}`)).toEqual(['scan/binary-file src/lib.rs:3']);
    expect(scan.diagnostics[0]!.message).toMatch(/NUL byte at line 3; gates written before it \(\d+ bytes\) are not read/);
  });

  it('a UTF-16 file is named as UTF-16, with a hint, not just "binary"', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('#![feature(in_utf16)]\nfn main() {}\n', 'utf16le')]);
    const bomless = Buffer.from('#![feature(in_utf16_without_bom)]\nfn main() {}\n', 'utf16le');
    const dir = tree('utf16', {});
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'with-bom.rs'), utf16);
    writeFileSync(join(dir, 'without-bom.rs'), bomless);
    const scan = await buildScan({ tree: dir, sources: [rustCrateAttrs] });
    expect(scan.diagnostics.map((d) => `${d.code} ${d.file} ${d.hint}`)).toEqual([
      'scan/binary-file with-bom.rs the file looks UTF-16: save it as UTF-8',
      'scan/binary-file without-bom.rs the file looks UTF-16: save it as UTF-8',
    ]);
  });

  it('a crate attribute nested 3,000 parentheses deep, and the valid one on the next line, are both read', async () => {
    const deep = `#![cfg_attr(${'('.repeat(3000)}${')'.repeat(3000)}, feature(inside_parens))]\n#![feature(after_parens)]\nfn main() {}\n`;
    const scan = await buildScan({ tree: tree('deep-parens', { 'lib.rs': deep }), sources: [rustCrateAttrs] });
    expect(scan.occurrences.map((o) => `${o.name}@${o.line}`)).toEqual(['inside_parens@1', 'after_parens@2']);
  }, 60_000);

  it('1,000 nested all( in a cfg_attr keep the gate and its condition', async () => {
    const deep = `#![cfg_attr(${'all('.repeat(1000)}CONFIG_DEEP${')'.repeat(1000)}, feature(deep_all))]\n#![feature(after_all)]\n`;
    const scan = await buildScan({ tree: tree('deep-all', { 'lib.rs': deep }), sources: [rustCrateAttrs] });
    expect(scan.occurrences.map((o) => `${o.name}@${o.line} ${o.condition ?? '-'}`)).toEqual(['deep_all@1 CONFIG_DEEP', 'after_all@2 -']);
  }, 60_000);
});
