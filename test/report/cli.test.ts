import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { compareRustVersions } from '../../src/core/rust-version.js';
import { fixture, repoRoot } from '../helpers/paths.js';
import { BASELINE_SCHEMA, REPORT_SCHEMA } from '../../src/model/report.js';

const scanJson = fixture('report', 'kernel-with-every-class', 'scan.json');
const registryJson = fixture('report', 'registry-rustc-1.95.json');
const tmp = mkdtempSync(join(tmpdir(), 'gatewatch-report-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('gatewatch report', () => {
  it('--json prints the report document with the contract field names', async () => {
    const r = await runCli(['report', scanJson, '--registry', registryJson, '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ schema: REPORT_SCHEMA, tree: 'kernel-with-every-class', rustMinVersion: '1.78.0', toolchain: { name: 'stable', version: '1.95.0' } });
    for (const key of ['gates', 'planner', 'done', 'audit']) expect(doc).toHaveProperty(key);
    for (const g of doc.gates) expect(Object.keys(g)).toEqual(expect.arrayContaining(['name', 'kind', 'class', 'since', 'trackingIssue', 'status', 'occurrences']));
  });

  it('"what can we drop if the minimum becomes 1.85?" in one command', async () => {
    const r = await runCli(['report', scanJson, '--registry', registryJson, '--rustc', '1.85', '--json']);
    const doc = JSON.parse(r.stdout);
    expect(doc.judgedAgainst).toBe('1.85.0');
    expect(doc.gates.filter((g: { class: string }) => g.class === 'removable').map((g: { name: string }) => g.name).sort()).toEqual(['inline_const', 'lint_reasons', 'raw_ref_op']);
  });

  it('scans a tree given as a directory', async () => {
    const r = await runCli(['report', fixture('scan', 'comment-group-claims'), '--registry', registryJson, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.gates.map((g: { name: string }) => g.name)).toContain('arbitrary_self_types');
    expect(doc.audit.length).toBeGreaterThan(0);
  });

  it('--config reads a .config and keeps only what it turns on', async () => {
    const r = await runCli(['report', scanJson, '--registry', registryJson, '--config', fixture('report', 'config-arm64-with-bti-and-scs', '.config'), '--json']);
    const doc = JSON.parse(r.stdout);
    expect(doc.filters.arch).toBe('arm64');
    expect(doc.gates.map((g: { name: string }) => g.name)).not.toContain('-Zcf-protection');
  });

  it('prints Markdown and SARIF', async () => {
    const md = await runCli(['report', scanJson, '--registry', registryJson, '--markdown']);
    expect(md.stdout).toMatch(/^# Stable Rust readiness/);
    expect(md.stdout).toContain('- [ ] `arbitrary_self_types` ([#44874](https://github.com/rust-lang/rust/issues/44874))');
    const sarif = await runCli(['report', scanJson, '--registry', registryJson, '--sarif']);
    expect(JSON.parse(sarif.stdout).version).toBe('2.1.0');
  });

  it('terminal output is coloured on a TTY and plain with NO_COLOR', async () => {
    const tty = await runCli(['report', scanJson, '--registry', registryJson, '--progress', 'none'], { tty: true, env: {} });
    expect(tty.stdout).toContain('\x1b[');
    const plain = await runCli(['report', scanJson, '--registry', registryJson, '--progress', 'none'], { tty: true, env: { NO_COLOR: '1' } });
    expect(plain.stdout).not.toContain('\x1b[');
  });

  it('two output formats, a bad --rustc, or a registry that is not one are exit 2 with a message', async () => {
    const both = await runCli(['report', scanJson, '--registry', registryJson, '--json', '--sarif']);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('choose one output format');
    const bad = await runCli(['report', scanJson, '--registry', registryJson, '--rustc', 'latest']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('received `latest`');
    const notRegistry = await runCli(['report', scanJson, '--registry', scanJson]);
    expect(notRegistry.code).toBe(2);
    expect(notRegistry.stderr).toContain('not a registry document');
  });
});

describe('gatewatch check (CI ratchet)', () => {
  it('passes against a baseline it wrote, and fails with places when a gate appears', async () => {
    const baseline = join(tmp, 'baseline.json');
    const write = await runCli(['check', scanJson, '--baseline', baseline, '--write-baseline']);
    expect(write.code).toBe(0);
    expect(JSON.parse(readFileSync(baseline, 'utf8')).schema).toBe(BASELINE_SCHEMA);
    expect((await runCli(['check', scanJson, '--baseline', baseline])).code).toBe(0);

    const scan = JSON.parse(readFileSync(scanJson, 'utf8'));
    scan.occurrences.push({ ...scan.occurrences[0], name: 'never_type', file: 'drivers/new/lib.rs', line: 4, column: 12 });
    const grown = join(tmp, 'grown.json');
    writeFileSync(grown, JSON.stringify(scan));
    const r = await runCli(['check', grown, '--baseline', baseline]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('drivers/new/lib.rs:4:12: new feature never_type');
  });

  it('lists gates that disappeared so the baseline can be tightened, without failing', async () => {
    const baseline = join(tmp, 'missing-two.json');
    copyFileSync(fixture('report', 'baseline-missing-two-gates.json'), baseline);
    const r = await runCli(['check', scanJson, '--baseline', baseline, '--json']);
    expect(r.code).toBe(1);
    const diff = JSON.parse(r.stdout);
    expect(diff.added.map((g: { name: string }) => g.name).sort()).toEqual(['-Zcf-protection', 'made_up_feature']);
    expect(diff.removed.map((g: { name: string }) => g.name)).toEqual(['const_mut_refs']);
  });

  it('a missing or malformed baseline is exit 2 with a hint', async () => {
    const missing = await runCli(['check', scanJson, '--baseline', join(tmp, 'nope.json')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--write-baseline');
    const bad = join(tmp, 'bad.json');
    writeFileSync(bad, JSON.stringify({ schema: BASELINE_SCHEMA, gates: [{ kind: 'lang', name: 'x' }] }));
    const r = await runCli(['check', scanJson, '--baseline', bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('/gates/0');
  });
});

describe('gatewatch report --only', () => {
  it('"which of our own comments are wrong?" prints only the audit, wrong claims first with file:line', async () => {
    const r = await runCli(['report', scanJson, '--registry', registryJson, '--only', 'audit']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Audit of the tree\'s own claims: 2 wrong of 9');
    expect(r.stdout).not.toContain('Blockers');
    expect(r.stdout).not.toContain('Planner');
    const rows = r.stdout.split('\n').filter((l) => /^\s+(wrong|ok|unverifiable)\s/.test(l));
    expect(rows[0]).toMatch(/wrong\s+lint_reasons\s+stable since 1\.80\.0\s+stable since 1\.81\.0\s+rust\/kernel\/lib\.rs:11/);
  });

  it('"what still blocks stable?" prints errors and blockers only', async () => {
    const r = await runCli(['report', scanJson, '--registry', registryJson, '--only', 'blockers,errors']);
    expect(r.stdout).toContain('Blockers: still unstable (8)');
    expect(r.stdout).toContain('Errors: the build breaks');
    expect(r.stdout).not.toContain('Removable');
  });

  it('an unknown section is a usage error', async () => {
    const r = await runCli(['report', scanJson, '--registry', registryJson, '--only', 'everything']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('received `everything`');
  });
});

describe('gatewatch with no arguments', () => {
  const bundled = existsSync(join(repoRoot, 'data', 'scans')) && existsSync(join(repoRoot, 'data', 'registry.json'));
  if (!bundled) console.warn('skipping the default-command test: data/scans or data/registry.json is absent (npm run bundle)');
  it.skipIf(!bundled)('prints the report of the newest bundled kernel against the bundled registry', async () => {
    const r = await runCli([]);
    expect(r.code, r.stderr).toBe(0);
    const newest = readdirSync(join(repoRoot, 'data', 'scans')).filter((f) => f.startsWith('linux-')).map((f) => f.slice(6, -5)).sort((a, b) => compareRustVersions(b, a))[0]!;
    expect(r.stdout.split('\n')[0]).toContain(`linux-source-${newest}`);
    expect(r.stdout).toMatch(/Blockers: still unstable \(\d+\)/);
    expect(r.stdout).toContain('Planner: gates left if the minimum rustc were');
  });
});

describe('report as the default command', () => {
  it('a mistyped command is a usage error with a suggestion, not "no such tree"', async () => {
    const r = await runCli(['chek']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown command 'chek'; did you mean 'check'?");
  });

  it('an existing directory is reported without naming the command', async () => {
    const r = await runCli([fixture('scan', 'comment-group-claims'), '--registry', registryJson, '--only', 'audit']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("Audit of the tree's own claims");
  });
});

describe('report --kernel', () => {
  const bundled = existsSync(join(repoRoot, 'data', 'scans', 'linux-6.1.json')) && existsSync(join(repoRoot, 'data', 'registry.json'));
  it.skipIf(!bundled)('reports a bundled kernel scan by version; an unknown version is a usage error naming the bundled ones', async () => {
    const r = await runCli(['report', '--kernel', '6.1', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).kernelVersion).toMatch(/^6\.1\./);
    const bad = await runCli(['report', '--kernel', '5.10']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('bundled kernels:');
  });
});
