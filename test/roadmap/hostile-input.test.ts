/**
 * Hostile roadmap documents, generated here: a wanted list long enough that a quadratic reader takes minutes over it
 * (the test's own timeout is the bound, no timed assertion), nesting deep enough to overflow a recursive walk, a code
 * fence that never closes, bytes that are not UTF-8, FIFOs where files are expected, and escape sequences in titles.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';
import { afterAll, describe, expect, it } from 'vitest';
import type { LinkedRoadmap } from '../../src/model/roadmap.js';
import { MAX_MARKDOWN_DEPTH, parseMarkdown } from '../../src/core/markdown.js';
import { parseInPieces } from '../../src/core/markdown-pieces.js';
import { stripControls } from '../../src/reporters/terminal-safe.js';
import { runCli } from '../helpers/cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'gatewatch-roadmap-hostile-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const HEAD = '## Features that we would like\n\n### Required\n\n';

/** A wanted list written to the temp directory (the commands run there): its name. */
function list(name: string, body: string | Buffer): string {
  writeFileSync(join(tmp, name), typeof body === 'string' ? HEAD + body : Buffer.concat([Buffer.from(HEAD), body]));
  return name;
}

/** `roadmap --json` of the files, judged against nothing. */
async function roadmap(...files: string[]) {
  const r = await runCli(['roadmap', '--json', '--scan', 'none', '--registry', 'none', ...files], { cwd: tmp });
  expect(r.stderr).toBe('');
  return { code: r.code, doc: JSON.parse(r.stdout) as LinkedRoadmap };
}

const titles = (doc: LinkedRoadmap) => doc.wanted.map((w) => w.title);
const places = (doc: LinkedRoadmap) => doc.diagnostics.map((d) => `${d.code} ${d.file}:${d.line ?? ''}`);

const hasMkfifo = (() => {
  try {
    execFileSync('mkfifo', [join(tmp, 'probe-fifo')]);
    return true;
  } catch {
    return false;
  }
})();

/** One reading of a whole text, with the extensions the roadmap reader uses. */
const readWhole = (text: string) => fromMarkdown(text, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });

/** A text read in pieces, and how many readings that took. */
function readInPieces(text: string) {
  let reads = 0;
  const tree = parseInPieces(text, (t) => (reads++, readWhole(t)));
  return { tree, reads };
}

/** A long document holding every construct that could straddle a cut before a top-level item. */
function variedDocument(n: number): string {
  const parts = ['# Title\n\n## Features that we would like\n\n### Required\n\n'];
  for (let i = 0; i < n; i++) {
    const k = i % 12;
    if (k === 0) parts.push(`- [ ] Item ${i} uses [the RFC][rfc-${i % 5}] and a note[^n${i % 3}].\n  + PR: https://github.com/rust-lang/rust/pull/${i} (1.88).\n\n`);
    else if (k === 1) parts.push(`  - [ ] Indented item ${i}\n    + Status: nested\n      - deeper ${i}\n`);
    else if (k === 2) parts.push(`- [x] Item ${i}\nlazy continuation of ${i}\n- sibling ${i}\n`);
    else if (k === 3) parts.push(`\n\`\`\`text\n${Array.from({ length: 30 }, (_, j) => `- fake item ${i}.${j}\n`).join('')}\n- still code\n\`\`\`\n\n`);
    else if (k === 4) parts.push(`<!--\n- commented ${i}\n\n- commented too\n-->\n- after comment ${i}\n`);
    else if (k === 5) parts.push(`- item with a fence ${i}\n  \`\`\`\n  - code in item\n\n- next item ${i}\n`);
    else if (k === 6) parts.push(`<div>\n- inside html ${i}\n- still html\n\n- real ${i}\n`);
    else if (k === 7) parts.push(`| a | b |\n|---|---|\n| ${i} | x |\n- after table ${i}\n`);
    else if (k === 8) parts.push(`1. ordered ${i}\n2. two\n- bullet after ordered ${i}\n* star ${i}\n+ plus ${i}\n`);
    else if (k === 9) parts.push(`* * *\n- - -\n-\n  empty first line ${i}\n- \tafter tab ${i}\n`);
    else if (k === 10) parts.push(`> quote ${i}\n> - in quote\n- after quote ${i}\n\n`);
    else parts.push(`- [ ] Plain ${i} with \`feature(x_${i})\`\n\n  Second paragraph ${i}.\n\n`);
  }
  parts.push('\n[rfc-0]: https://example.com/0\n[RFC-1]: https://example.com/1 "one"\n[rfc-2]: <https://example.com/2>\n[rfc-3]: https://example.com/3\n[rfc-4]: https://example.com/4\n\n[^n0]: note zero\n[^n1]: note one\n[^n2]: note two\n');
  return parts.join('');
}

/** A long document of ordered lists, with the places where reading an ordered item alone would change the tree. */
function orderedDocument(n: number): string {
  const parts = ['# Title\n\n'];
  for (let i = 0; i < n; i++) {
    const k = i % 8;
    if (k === 0) parts.push(`${i + 1}. Item ${i} with \`feature(x_${i})\`\n   - PR: https://github.com/rust-lang/rust/pull/${i}\n\n`);
    else if (k === 1) parts.push(`${i + 1}. Tight ${i}\n${i + 2}. sibling ${i}\n`);
    // A paragraph, then an ordered item other than 1: a lazy continuation of the paragraph, not an item.
    else if (k === 2) parts.push(`\nA paragraph ${i}\n${i + 5}. is not an item\n\n`);
    // After a blank line it is a new list that starts at its number.
    else if (k === 3) parts.push(`${i + 7}. starts a list at ${i + 7}\n\n   Second paragraph ${i}.\n\n`);
    else if (k === 4) parts.push(`${i}) parenthesis ${i}\n${i + 1}) sibling\n\n`);
    else if (k === 5) parts.push(`${i}. after parentheses ${i}\nlazy line ${i}\n${i + 1}. after a lazy line\n`);
    else if (k === 6) parts.push(`\n\`\`\`\n${Array.from({ length: 20 }, (_, j) => `${j + 2}. fake ${i}.${j}\n`).join('')}\`\`\`\n\n`);
    else parts.push(`- bullet ${i}\n\n${i + 3}. ordered after a bullet ${i}\n\n`);
  }
  return parts.join('');
}

describe('linear time on a long wanted list', () => {
  it('8,000 items with nested bullets: every item, with its title, link and line', async () => {
    const n = 8000;
    const item = (i: number) => `  - [ ] \`Item${i}\` (\`feature(item_${i})\`).\n    + Used by: \`rust/kernel/a${i}.rs\`.\n    + PR: https://github.com/rust-lang/rust/pull/${100000 + i} (1.88).\n    + Status: reviewing.\n\n`;
    const { code, doc } = await roadmap(list('long-list.md', Array.from({ length: n }, (_, i) => item(i)).join('')));
    expect(code).toBe(0);
    expect(doc.diagnostics).toEqual([]);
    expect(doc.wanted).toHaveLength(n);
    // HEAD takes four lines and each item five.
    for (const i of [0, 1, 4321, n - 1]) {
      const w = doc.wanted[i]!;
      expect(`${w.title}@${w.place?.line} ${w.links.map((l) => l.url).join()} ${w.gates.map((g) => g.name).join()} ${w.usedBy.join()}`).toBe(
        `\`Item${i}\` (\`feature(item_${i})\`).@${5 + 5 * i} https://github.com/rust-lang/rust/pull/${100000 + i} item_${i} rust/kernel/a${i}.rs`,
      );
    }
  }, 300_000);

  it('a long document read in pieces gives the tree of one reading: cut lists joined, references across pieces, fences and HTML kept whole', () => {
    const text = variedDocument(200);
    const { tree, reads } = readInPieces(text);
    expect(reads).toBeGreaterThan(5);
    expect(tree).toEqual(readWhole(text));
    expect(parseMarkdown(text)).toEqual(tree);
  }, 120_000);
});

describe('long ordered lists', () => {
  it('are read in pieces too, and give the tree of one reading', () => {
    const text = orderedDocument(480);
    const { tree, reads } = readInPieces(text);
    expect(reads).toBeGreaterThan(5);
    expect(tree).toEqual(readWhole(text));
    // A list of numbered items alone is cut too (before, only bullets were).
    const numbered = Array.from({ length: 600 }, (_, i) => `${i + 1}. item ${i}\n   more ${i}\n\n`).join('');
    const alone = readInPieces(numbered);
    expect(alone.tree).toEqual(readWhole(numbered));
    expect(alone.reads).toBeGreaterThan(5);
  }, 120_000);

  it('8,000 numbered items: every item, with its title, link and line', async () => {
    const n = 8000;
    // The details are indented to the item's content, which moves right as the numbers grow.
    const item = (i: number) => {
      const pad = ' '.repeat(String(i + 1).length + 2);
      return `${i + 1}. [ ] \`Item${i}\` (\`feature(item_${i})\`).\n${pad}+ PR: https://github.com/rust-lang/rust/pull/${100000 + i} (1.88).\n${pad}+ Status: reviewing.\n\n`;
    };
    const { code, doc } = await roadmap(list('long-numbered-list.md', Array.from({ length: n }, (_, i) => item(i)).join('')));
    expect(code).toBe(0);
    expect(doc.wanted).toHaveLength(n);
    for (const i of [0, 1, 4321, n - 1]) {
      const w = doc.wanted[i]!;
      expect(`${w.place?.line} ${w.links.map((l) => l.url).join()} ${w.gates.map((g) => g.name).join()}`).toBe(`${5 + 4 * i} https://github.com/rust-lang/rust/pull/${100000 + i} item_${i}`);
    }
  }, 300_000);
});

describe('roadmap reader on hostile documents', () => {
  for (const [what, opener] of [['block quotes', '> '], ['list items', '- ']] as const) {
    it(`5,000 nested ${what} on one line: no stack overflow, a diagnostic, and the items around it`, async () => {
      const path = list(`deep-${opener.trim() === '>' ? 'quotes' : 'lists'}.md`, `- [ ] before\n\n${opener.repeat(5000)}deep\n\n### Nice to have\n\n- [ ] after\n`);
      const { code, doc } = await roadmap(path);
      expect(code).toBe(0);
      expect(titles(doc)).toEqual(['before', 'after']);
      expect(doc.diagnostics.map((d) => `${d.code}:${d.line}`)).toEqual(['roadmap/nested-too-deep:7']);
      expect(doc.diagnostics[0]!.message).toContain(String(MAX_MARKDOWN_DEPTH));
    }, 60_000);
  }

  it('5,000 nested block quotes over many lines are bounded too', async () => {
    const lines = Array.from({ length: 5000 }, (_, i) => `${'>'.repeat(i + 1)} level ${i}`).join('\n');
    const { doc } = await roadmap(list('deep-quote-lines.md', `- [ ] before\n\n${lines}\n\n### Nice to have\n\n- [ ] after\n`));
    expect(titles(doc)).toEqual(['before', 'after']);
    expect(doc.diagnostics.map((d) => d.code)).toEqual(['roadmap/nested-too-deep']);
  }, 120_000);

  it('an unclosed code fence: a diagnostic at the fence, and the items after it are still read', async () => {
    const { doc } = await roadmap(list('unclosed-fence.md', '- [ ] one\n- [ ] two\n\n```\nnot closed\n\n- [ ] three\n- [ ] four\n- [ ] five\n'));
    expect(titles(doc)).toEqual(['one', 'two', 'three', 'four', 'five']);
    expect(places(doc)).toEqual(['roadmap/unclosed-code-fence unclosed-fence.md:8']);
  });

  it('Latin-1 and NUL bytes: a diagnostic with the line, and the document still read', async () => {
    const latin1 = list('latin1.md', Buffer.from('- [ ] caf\xe9\n- [ ] two\n', 'latin1'));
    const nul = list('nul.md', Buffer.from('- [ ] one\n- [ ] tw\0o\n'));
    const { doc } = await roadmap(latin1, nul);
    expect(titles(doc)).toEqual(['caf\uFFFD', 'two', 'one', 'tw\uFFFDo']);
    expect(places(doc)).toEqual(['roadmap/invalid-utf8 latin1.md:5', 'roadmap/nul-byte nul.md:6']);
  });

  it.skipIf(!hasMkfifo)('a FIFO given as a roadmap file, or inside a roadmap directory, is reported and never opened', async () => {
    execFileSync('mkfifo', [join(tmp, 'pipe.md')]);
    mkdirSync(join(tmp, 'dir'));
    execFileSync('mkfifo', [join(tmp, 'dir', 'pipe.md')]);
    writeFileSync(join(tmp, 'dir', 'list.md'), `${HEAD}- [ ] read\n`);
    const alone = await roadmap('pipe.md');
    expect(places(alone.doc)).toEqual(['roadmap/not-a-file pipe.md:']);
    expect(alone.code).toBe(0);
    const dir = await roadmap('dir');
    expect(titles(dir.doc)).toEqual(['read']);
    expect(places(dir.doc)).toEqual(['roadmap/not-a-file dir/pipe.md:']);
  }, 30_000);
});

describe('terminal safety', () => {
  const evil = '\x1b[2J\x1b]0;pwned\x07\x1b[31m';

  it('stripControls removes escape sequences and control characters, keeping tab and newline', () => {
    expect(stripControls(`a${evil}b\tc\nd\re\x00f\x9b2Jg\x7f`)).toBe('ab\tc\ndefg');
  });

  it('a roadmap title holding ANSI escapes and an OSC is printed without them', async () => {
    const path = list('ansi.md', `- [ ] evil ${evil}title\n`);
    const r = await runCli(['roadmap', '--scan', 'none', '--registry', 'none', path], { cwd: tmp });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('evil title');
    expect(r.stdout).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f]/);
    // The document keeps what was written: only what reaches a terminal is cleaned.
    const { doc } = await roadmap(path);
    expect(titles(doc)).toEqual([`evil ${evil}title`]);
  });

  it('diagnostics and error lines quoting input are cleaned too', async () => {
    const r = await runCli(['scan', join(tmp, `no-such-${evil}tree`)], { cwd: tmp });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no-such-tree');
    expect(r.stderr).not.toMatch(/\x1b/);
  });
});
