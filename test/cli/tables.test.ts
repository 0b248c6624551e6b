import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { fixture } from '../helpers/paths.js';
import { plural, renderTable, visibleWidth } from '../../src/reporters/table.js';
import { CRATE_LEGEND, scanReporters } from '../../src/reporters/scan/index.js';
import type { ScanSnapshot } from '../../src/model/scan.js';

const tree = fixture('cli', 'kernel-tree-with-underscore-flag');
const ESC = String.fromCharCode(27);
const strip = (s: string) => s.replace(new RegExp(`${ESC}\\[[0-9;]*m`, 'g'), '');
const PATHS = ['drivers/misc/orphan.rs:5', 'rust/kernel/lib.rs:6', 'rust/kernel/lib.rs:7', 'Makefile:9', 'Makefile:12'];

describe('terminal tables', () => {
  it('pads by visible width, so a coloured cell keeps its column aligned', () => {
    const coloured = `${ESC}[36mallocator_api${ESC}[39m`;
    expect(visibleWidth(coloured)).toBe('allocator_api'.length);
    const lines = strip(renderTable(['feature', 'where'], [[coloured, 'a.rs:1'], ['x', 'b.rs:2']])).split('\n');
    // The last column starts at one place on every line: after `allocator_api` (13 columns) and two spaces.
    expect(lines.slice(0, 3).map((l) => l.search(/\S+$/))).toEqual([17, 17, 17]);
  });

  it('on a colour terminal the scan tables line up like the plain ones', async () => {
    const plain = await runCli(['scan', tree], { env: { NO_COLOR: '1' } });
    const coloured = await runCli(['scan', tree], { env: { FORCE_COLOR: '1' } });
    expect(coloured.stdout).toContain(ESC);
    const tables = (s: string) => s.split('\n').filter((l) => l.startsWith('  '));
    expect(tables(strip(coloured.stdout))).toEqual(tables(plain.stdout));
  });

  it('piped output is whole: no line is shortened and nothing is dropped', async () => {
    const r = await runCli(['scan', tree], { columns: 60 });
    expect(r.stdout).toContain('CONFIG_RUST_FIXTURE_WITH_A_CONDITION_LONG_ENOUGH_TO_BE_SHORTENED_ON_A_NARROW_TERMINAL');
    expect(r.stdout).toMatch(/flag\s+value\s+arch\s+variable\s+condition\s+where/);
    expect(r.stdout).not.toContain('…');
  });

  it.each([60, 80, 100])('on a %i-column terminal scan and report fit, and no path is cut', async (columns) => {
    for (const args of [['scan', tree], ['report', tree, '--roadmap', 'none', '--only', 'blockers,removable-later']]) {
      const r = await runCli(args, { tty: true, columns, env: { NO_COLOR: '1' } });
      expect(r.code).toBe(0);
      const rows = r.stdout.split('\n').filter((l) => l.startsWith('  '));
      expect(rows.length).toBeGreaterThan(3);
      for (const row of rows) expect(visibleWidth(row), row).toBeLessThanOrEqual(columns);
      for (const path of PATHS) expect(r.stdout).toContain(path);
    }
  });

  it("the bundled roadmap's tables fit an 80-column terminal, and stay whole when piped", async () => {
    const fitted = await runCli(['roadmap'], { tty: true, columns: 80, env: { NO_COLOR: '1' } });
    expect(fitted.code, fitted.stderr).toBe(0);
    // The tables come before the findings and diagnostics, which are lines of text rather than tables.
    const tables = fitted.stdout.split(/^(?:Findings|Diagnostics) \(/m)[0]!;
    const rows = tables.split('\n').filter((l) => /^  \S/.test(l) && !/^  (kernel gates|entries whose)/.test(l));
    expect(rows.length).toBeGreaterThan(3);
    for (const row of rows) expect(visibleWidth(row), row).toBeLessThanOrEqual(80);
    const piped = await runCli(['roadmap'], { columns: 80 });
    expect(piped.stdout).not.toContain('…');
    expect(Math.max(...piped.stdout.split('\n').map(visibleWidth))).toBeGreaterThan(80);
  });

  it('shows one spelling per flag on screen, the normalised one, and keeps the written one in JSON', async () => {
    const text = await runCli(['scan', tree]);
    expect(text.stdout).toContain('-Zbinary-dep-depinfo');
    expect(text.stdout).not.toContain('-Zbinary_dep_depinfo');
    const report = await runCli(['report', tree, '--roadmap', 'none', '--only', 'blockers']);
    expect(report.stdout).toContain('-Zbinary-dep-depinfo');
    expect(report.stdout).not.toContain('binary_dep');
    const json = JSON.parse((await runCli(['scan', '--json', tree])).stdout) as ScanSnapshot;
    expect(json.occurrences.map((o) => o.name)).toContain('-Zbinary_dep_depinfo');
  });

  it('says "1 file" and "3 files"', async () => {
    expect(plural(1, 'file')).toBe('1 file');
    expect(plural(2, 'file')).toBe('2 files');
    const one = await runCli(['scan', fixture('cli', 'kernel-tree-with-underscore-flag', 'rust', 'kernel')]);
    expect(one.stdout).toMatch(/2 feature uses \(2 distinct\), 0 flag uses \(0 distinct\) in 1 file; 1 file read of 1 /);
    const three = await runCli(['scan', tree]);
    expect(three.stdout).toContain('in 3 files;');
  });

  it("explains the crate column's `*` and `-` under the table that shows them", async () => {
    const scan = JSON.parse((await runCli(['scan', '--json', tree])).stdout) as ScanSnapshot;
    expect(scanReporters.text(scan, { colour: false }).output).not.toContain('crate: ');
    const [a, b] = scan.occurrences.filter((o) => o.kind === 'feature');
    a!.crate = '*';
    b!.crate = null;
    const out = scanReporters.text(scan, { colour: false }).output;
    expect(out).toContain(`  crate: * ${CRATE_LEGEND['*']}; - ${CRATE_LEGEND['-']}\n`);
  });
});
