/**
 * Every example in the README and in each command's `--help` is run here, so the docs cannot go stale.
 * Example paths are the ones a user would type; they are mapped to real inputs of this machine below
 * (an example whose input is absent is skipped, with its reason, as real-tree tests are).
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, type TestContext } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { fixture, kernelTree, repoRoot } from '../helpers/paths.js';

const tmp = mkdtempSync(join(tmpdir(), 'gatewatch-docs-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A small git repository standing in for `~/linux`, with tags `v6.12` and `v6.13`. */
let gitKernelDir: string | undefined;
function gitKernel(): string {
  if (gitKernelDir) return gitKernelDir;
  const dir = (gitKernelDir = join(tmp, 'linux'));
  cpSync(fixture('scan', 'kconfig-version-claims'), dir, { recursive: true });
  const git = (...a: string[]) => execFileSync('git', ['-C', dir, '-c', 'user.name=t', '-c', 'user.email=t@example.invalid', ...a], { stdio: 'pipe' });
  git('init', '-q', '-b', 'main');
  git('add', '.');
  git('commit', '-q', '-m', 'fixture');
  git('tag', 'v6.12');
  // A second release that adds a gate, so that `history` and `diff` examples have something to show.
  appendFileSync(join(dir, 'rust', 'kernel', 'lib.rs'), '#![feature(arbitrary_self_types)]\n');
  git('commit', '-q', '-am', 'a gate more');
  git('tag', 'v6.13');
  return dir;
}

/** Words of examples mapped to inputs here; null when the input is absent on this machine. */
const PATHS: Record<string, () => string | null> = {
  '/usr/src/linux-source-6.12': () => kernelTree('6.12'),
  '/usr/src/linux-source-6.1': () => kernelTree('6.1'),
  '~/linux': gitKernel,
  '~/my-crate': () => fixture('scan', 'cfg-attr-with-two-features'),
};

/** `gatewatch ...` lines of the README's sh blocks and of --help "Examples:" sections. */
function examplesIn(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.replace(/\s+#\s.*$/, '').trim())
    .filter((l) => /^(npx )?gatewatch( |$)/.test(l) && !l.includes('npm ci'));
}

function readmeExamples(): string[] {
  const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
  const blocks = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!);
  return blocks.flatMap(examplesIn);
}

/** Turn an example line into argv, with paths mapped and a `> file` redirection into the temp directory. */
function toArgs(line: string): { args: string[]; redirect?: string } | { skip: string } {
  const [cmd, redirect] = line.split(/\s+>\s+/);
  const words = cmd!.replace(/^npx /, '').split(/\s+/).slice(1);
  const args: string[] = [];
  for (const w of words) {
    const key = Object.keys(PATHS).find((k) => w === k || w.startsWith(`${k}/`));
    if (key) {
      const p = PATHS[key]!();
      if (p === null) return { skip: `${key} is absent on this machine` };
      args.push(p + w.slice(key.length));
    } else if (w.endsWith('.json') && !w.startsWith('-') && words.indexOf(w) > 0) {
      args.push(join(tmp, w));
    } else args.push(w.replace(/^'(.*)'$/, '$1')); // a quoted word, as the shell passes it
  }
  return redirect ? { args, redirect: join(tmp, redirect.trim()) } : { args };
}

/** Run one example as a test: skipped, with its reason, when an input it names is absent here. */
async function runExample(line: string, ctx: TestContext) {
  // `serve` runs until stopped: test/site/serve.test.ts starts it as a process, requests pages and stops it.
  if (/^(npx )?gatewatch serve( |$)/.test(line)) return ctx.skip(`\`${line}\` serves until stopped; test/site/serve.test.ts runs it`);
  const parsed = toArgs(line);
  if ('skip' in parsed) return ctx.skip(`\`${line}\`: ${parsed.skip}`);
  const r = await runCli(parsed.args, { cwd: tmp });
  expect(r.code, `\`${line}\` exited ${r.code}: ${r.stderr}`).toBeLessThan(2);
  expect(r.stdout.length, `\`${line}\` printed nothing`).toBeGreaterThan(0);
  if (parsed.redirect) writeFileSync(parsed.redirect, r.stdout);
}

/** The lines of a help text's "Examples:" section. */
const helpExamples = (help: string) => examplesIn(help.split(/^Examples:$/m)[1] ?? '');

describe('README examples', () => {
  const examples = readmeExamples();
  it('has examples to run', () => expect(examples.length).toBeGreaterThan(3));
  for (const line of examples) it(line, (ctx) => runExample(line, ctx));
});

describe('--help examples', async () => {
  const top = await runCli(['--help']);
  it("the top-level help has examples, as every command's help does", () => expect(helpExamples(top.stdout).length).toBeGreaterThan(2));
  for (const line of helpExamples(top.stdout)) it(`gatewatch: ${line}`, (ctx) => runExample(line, ctx));
  const commandList = top.stdout.split(/^Commands:$/m)[1]!.split(/^\S/m)[0]!;
  const commands = [...commandList.matchAll(/^ {2}([a-z][a-z-]*)(?: |$)/gm)].map((m) => m[1]!).filter((c) => c !== 'help');
  it('lists the commands', () => expect(commands).toEqual(expect.arrayContaining(['report', 'scan', 'check', 'feature', 'registry', 'roadmap'])));
  for (const c of commands) {
    const help = await runCli([c, '--help']);
    for (const line of helpExamples(help.stdout)) it(`${c}: ${line}`, (ctx) => runExample(line, ctx));
  }
});
