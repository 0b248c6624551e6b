/**
 * Every `--json` of every command prints a document whose `schema` names a file in schemas/, and the document is
 * valid against that file: real outputs, not hand-written examples. A command that gains `--json` without an entry
 * here fails the first test.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { afterAll, describe, expect, it } from 'vitest';
import type { CliRun } from '../../src/cli/command.js';
import { buildProgram } from '../../src/cli/main.js';
import { EXIT } from '../../src/core/errors.js';
import { schemaValidator } from '../../src/core/schemas.js';
import { runCli } from '../helpers/cli.js';
import { fixture, repoRoot } from '../helpers/paths.js';
import { buildReleaseRepo } from '../history/git-repo.js';
import { FEATURE_ANSWER_SCHEMA } from '../../src/model/feature.js';
import { ROADMAP_CHECK_SCHEMA } from '../../src/model/roadmap.js';
import { HISTORY_SCHEMA } from '../../src/model/history.js';

const tmp = mkdtempSync(join(tmpdir(), 'gatewatch-json-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const baseline = join(tmp, 'baseline.json');
const scanJson = fixture('report', 'kernel-with-every-class', 'scan.json');
/** The release repository of the history tests, built once in the temporary directory. */
let historyRepoDir: string | undefined;
const historyRepo = () => (historyRepoDir ??= buildReleaseRepo('kernel-releases', tmp));

/** Each command with `--json`, and command lines that exercise its document (the first word is the command). */
const OUTPUTS: Record<string, string[][]> = {
  scan: [['scan', '--json', '--no-cache', fixture('scan', 'malformed-attributes')]],
  report: [
    ['report', '--json'],
    ['report', '--json', scanJson, '--registry', fixture('report', 'registry-rustc-1.95.json'), '--rustc', '1.70', '--config', fixture('report', 'config-x86-without-rust', '.config')],
  ],
  check: [
    ['check', scanJson, '--baseline', baseline, '--write-baseline', '--json'],
    ['check', scanJson, '--baseline', fixture('report', 'baseline-missing-two-gates.json'), '--json'],
  ],
  registry: [['registry', '--json']],
  'registry build': [['registry', 'build', '--from-rust', fixture('registry', 'checkout-with-tricky-entries'), '--json']],
  feature: [
    ['feature', '-Zbinary_dep_depinfo', '--json'],
    ['feature', 'let-chains', '--json'],
    ['feature', '-Zsurely-not-a-flag', '--json'],
  ],
  roadmap: [['roadmap', '--json']],
  'roadmap check': [
    ['roadmap', 'check', '--json'],
    ['roadmap', 'check', '--json', '--registry', 'none', fixture('roadmap', 'gatewatch-toml-problems', 'roadmap.toml')],
  ],
  'roadmap render': [['roadmap', 'render', '--json', '--scan', 'none']],
  history: [['history', '--json'], ['history', historyRepo(), '--json', '--include-rc', '--no-cache']],
  diff: [
    ['diff', fixture('history', 'kernel-releases', 'v6.1-rust-arrives'), fixture('history', 'kernel-releases', 'v6.3-minimum-raised'), '--json', '--no-cache'],
    ['diff', 'v6.1', 'v6.3', '--repo', historyRepo(), '--json', '--no-cache'],
  ],
};

/** Every command and subcommand that has a `--json` option, by its name under `gatewatch`. */
async function commandsWithJson(): Promise<string[]> {
  const run: CliRun = { io: { stdout: () => {}, stderr: () => {}, stdoutIsTTY: false, stderrIsTTY: false, env: {}, cwd: repoRoot }, exitCode: 0 };
  const program = await buildProgram(run);
  const names: string[] = [];
  const visit = (cmd: Command, prefix: string) => {
    for (const sub of cmd.commands) {
      const name = `${prefix}${sub.name()}`;
      if (sub.options.some((o) => o.long === '--json')) names.push(name);
      visit(sub, `${name} `);
    }
  };
  visit(program, '');
  return names.sort();
}

describe('every --json document has a schema, and is valid against it', () => {
  it('every command with --json is exercised here', async () => {
    expect(await commandsWithJson()).toEqual(Object.keys(OUTPUTS).sort());
  });

  for (const [command, lines] of Object.entries(OUTPUTS)) {
    for (const args of lines) {
      it(`gatewatch ${args.map((a) => a.replace(repoRoot + '/', '').replace(tmp, '<tmp>')).join(' ')}`, async () => {
        const r = await runCli(args, { cwd: tmp });
        expect(r.code, `${command}: ${r.stderr}`).toBeLessThan(EXIT.error);
        const doc = JSON.parse(r.stdout) as { schema: string };
        const name = /^gatewatch\/([a-z-]+)@1$/.exec(doc.schema)?.[1];
        expect(name, `schema field ${doc.schema}`).toBeDefined();
        const file = join(repoRoot, 'schemas', `${name}.schema.json`);
        expect(existsSync(file), `${doc.schema} has no file schemas/${name}.schema.json`).toBe(true);
        const schema = JSON.parse(readFileSync(file, 'utf8')) as { properties: { schema: { const: string } } };
        expect(schema.properties.schema.const).toBe(doc.schema);
        const validate = schemaValidator(name!);
        expect(validate(doc), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
      });
    }
  }

  it('a schema bites: a feature answer without its query, a roadmap check without its problems, are rejected', () => {
    const feature = schemaValidator('feature');
    expect(feature({ schema: FEATURE_ANSWER_SCHEMA, entry: null, registry: { toolchain: null, generatedAt: '' }, probe: null })).toBe(false);
    expect(feature.errors?.[0]?.message).toContain('query');
    const check = schemaValidator('roadmap-check');
    expect(check({ schema: ROADMAP_CHECK_SCHEMA, inputs: [], against: { registry: null, scan: null }, errors: 0, warnings: 0, failOnConflicts: false, passed: true })).toBe(false);
    expect(check.errors?.[0]?.message).toContain('problems');
  });

  it('a history point must name its flags without values, and a class change its classes', () => {
    const history = schemaValidator('history');
    const point = { rev: 'v6.1', tag: 'v6.1', commit: null, date: null, kernelVersion: '6.1', rustMinVersion: '1.62.0', features: [], flags: ['-Zbinary-dep-depinfo=y'], counts: {}, done: { total: 0, remaining: 0, ratio: 1 }, readable: true, diagnostics: [] };
    const doc = { schema: HISTORY_SCHEMA, repository: null, registry: null, series: [point], events: [], diagnostics: [], generator: { name: 'gatewatch', version: '0', generatedAt: '' } };
    expect(history(doc)).toBe(false);
    expect(history({ ...doc, series: [{ ...point, flags: ['-Zbinary-dep-depinfo'] }] })).toBe(true);
    expect(history({ ...doc, series: [{ ...point, flags: [] }], events: [{ type: 'class-changed', name: 'x', kind: 'feature', rev: 'v6.1', previousRev: null }] })).toBe(false);
  });

  it('check --json carries the scan\'s diagnostics, valid as diagnostics', async () => {
    const scan = JSON.parse(readFileSync(scanJson, 'utf8'));
    scan.diagnostics = [{ code: 'make/unterminated-conditional', severity: 'warning', message: 'unterminated conditional', file: 'Makefile', line: 6 }];
    const file = join(tmp, 'scan-with-diagnostics.json');
    writeFileSync(file, JSON.stringify(scan));
    const r = await runCli(['check', file, '--baseline', fixture('report', 'baseline-missing-two-gates.json'), '--json']);
    const diff = JSON.parse(r.stdout);
    expect(diff.diagnostics).toEqual(scan.diagnostics);
    expect(schemaValidator('check')(diff)).toBe(true);
  });
});
