import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fixture } from '../helpers/paths.js';
import { runCli } from '../helpers/cli.js';
import { SCAN_SCHEMA } from '../../src/model/scan.js';

const tree = fixture('scan', 'kconfig-version-claims');
const tmp = mkdtempSync(join(tmpdir(), 'gatewatch-progress-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('progress and help', () => {
  it('draws a progress bar on a terminal and clears it before the result', async () => {
    const r = await runCli(['scan', tree], { tty: true, env: { NO_COLOR: '1' } });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/\r\x1b\[2Kscan \[#+\] \d+\/\d+/);
    expect(r.stderr.endsWith('\r\x1b[2K')).toBe(true);
  });

  it('draws nothing for a job shorter than the delay before a bar appears', async () => {
    const r = await runCli(['scan', tree], { tty: true, env: { NO_COLOR: '1' }, progressDelayMs: 60_000 });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
  });

  it('prints nothing on stderr when piped, and NDJSON events with --progress json', async () => {
    const piped = await runCli(['scan', tree]);
    expect(piped.stderr).toBe('');
    const json = await runCli(['scan', '--progress', 'json', '--json', tree]);
    const events = json.stderr.trim().split('\n').map((l) => JSON.parse(l) as { type: string; phase: string; done: number });
    expect(events.length).toBeGreaterThan(1);
    expect(new Set(events.map((e) => e.phase))).toEqual(new Set(['walk', 'scan']));
    expect(JSON.parse(json.stdout).schema).toBe(SCAN_SCHEMA);
  });

  it('a scan tells the end of its walk before any file is read: the files phase opens with 0 done', async () => {
    const r = await runCli(['scan', '--progress', 'json', tree]);
    const events = r.stderr.trim().split('\n').map((l) => JSON.parse(l) as { phase: string; done: number; total?: number });
    const firstScan = events.find((e) => e.phase === 'scan')!;
    expect(firstScan.done).toBe(0);
    expect(firstScan.total).toBeGreaterThan(0);
    expect(events.slice(0, events.indexOf(firstScan)).every((e) => e.phase === 'walk')).toBe(true);
  });

  it('colours the table only when asked: NO_COLOR wins over a terminal', async () => {
    const plain = await runCli(['scan', tree], { tty: true, env: { NO_COLOR: '1' } });
    expect(plain.stdout).not.toContain('\x1b[');
    const coloured = await runCli(['scan', tree], { tty: true, env: {} });
    expect(coloured.stdout).toContain('\x1b[');
  });

  it('an unknown command or option is a usage error with exit 2', async () => {
    const r = await runCli(['scna']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown command 'scna'");
    const o = await runCli(['scan', '--no-such-option', tree]);
    expect(o.code).toBe(2);
    expect(o.stderr).toContain("unknown option '--no-such-option'");
  });

  it('--help lists the commands and exits 0', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('scan [options] <tree>');
  });
});
