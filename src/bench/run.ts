/**
 * `npm run bench`: speed and memory of gatewatch beside the reference tools, in one run, as ratios.
 * Never a test: numbers vary by machine; they are printed (and written with --json) for the issue notes.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchScan, type ScanBenchRow } from './scan-bench.js';
import { renderTable } from '../reporters/table.js';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = join(repoRoot, 'bin', 'gatewatch.cjs');
const json = process.argv.includes('--json');
// `npm run bench -- --runs 11`: more runs for a steadier median on a busy machine.
const runsAt = process.argv.indexOf('--runs');
const runs = runsAt >= 0 ? Number(process.argv[runsAt + 1]) : 7;
if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs expects a whole number of runs, at least 1');
// `npm run bench -- --only history`: one part of the bench (scan, registry, history).
const onlyAt = process.argv.indexOf('--only');
const only = onlyAt >= 0 ? process.argv[onlyAt + 1] : undefined;
const wanted = (part: string) => only === undefined || only === part;
const report: Record<string, unknown> = {};
const out: string[] = [];

for (const version of wanted('scan') ? ['6.12', '6.1'] : []) {
  const tree = join(repoRoot, '.cache', 'kernels', `linux-source-${version}`);
  if (!existsSync(join(tree, 'Makefile'))) {
    out.push(`scan linux-${version}: skipped, ${tree} is absent (run scripts/setup-kernels.sh)`);
    continue;
  }
  const rows: ScanBenchRow[] = benchScan(tree, bin, runs);
  report[`scan-linux-${version}`] = rows;
  out.push(`scan of Debian linux-source-${version} (median of ${runs}, whole processes, same scope):`);
  out.push(
    renderTable(
      ['tool', 'ms', 'x ripgrep', 'cpu ms', 'peak MiB'],
      rows.map((r) => [r.tool, String(r.ms), r.ratioToRipgrep === null ? '-' : `${r.ratioToRipgrep}x`, String(r.cpuMs), String(r.maxRssMiB)]),
    ),
  );
  for (const own of rows.filter((r) => r.scanMs !== undefined)) {
    out.push(`  ${own.tool}: of ${own.ms} ms, the scan itself took ${own.scanMs} ms; the rest is Node start-up, module loading and output`);
  }
  if (process.env.NODE_EXTRA_CA_CERTS) {
    out.push('  Node rows run without NODE_EXTRA_CA_CERTS (set here): Node 20 loads that CA bundle at every start-up; a scan needs no TLS.');
  }
  out.push('');
}

// Other areas add their benchmarks here as modules exporting an async function returning rows.
for (const [name, modPath, fn] of [['registry', './registry-bench.js', 'benchRegistry'], ['site', './site-bench.js', 'benchSite']] as const) {
  const file = join(dirname(fileURLToPath(import.meta.url)), modPath.replace('./', ''));
  if (!existsSync(file) || !wanted(name)) continue;
  const mod = (await import(modPath)) as Record<string, () => Promise<unknown>>;
  const rows = await mod[fn]!();
  report[name] = rows;
  out.push(`${name}:`);
  out.push(JSON.stringify(rows, null, 2));
}

if (wanted('history')) {
  const { benchHistory } = await import('./history-bench.js');
  const rows = benchHistory(repoRoot, bin, runs === 7 ? 5 : runs);
  report.history = rows;
  if (rows.length === 0) out.push('history: skipped, Debian 6.1 and 6.12 trees are needed (run scripts/setup-kernels.sh)');
  else {
    out.push('history of a 20-commit repository (Debian 6.1, 18 small commits, Debian 6.12; whole processes, median):');
    out.push(renderTable(['run', 'ms', 'cpu ms', 'ratio', 'against', 'target'], rows.map((r) => [r.name, String(r.ms), String(r.cpuMs), r.ratio === null ? '-' : `${r.ratio}x`, r.against ?? '', r.target ?? ''])));
  }
}

process.stdout.write(json ? JSON.stringify(report, null, 2) + '\n' : out.join('\n') + '\n');
