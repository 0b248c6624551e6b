/**
 * `npm run bench`: speed and memory of gatewatch beside the reference tools, in one run, as ratios.
 * Never a test: numbers vary by machine; they are printed (and written with --json) for the issue notes.
 */
import { existsSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchGitTree } from './git-tree.js';
import { benchScan, COLD_FLOOR, WARM_FLOOR, type ScanBenchRow } from './scan-bench.js';
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
/** The bounds of issue 12 on Debian's 6.12, checked on every run (ratios to ripgrep in the same run). */
const BOUNDS = { warmPlain: 1.5, warmGit: 1.5, coldPlain: 3.5, peakMiB: 150 };
const report: Record<string, unknown> = {};
const out: string[] = [];

// The plain trees as unpacked, and 6.12 as a git work tree (listed by `git ls-files`, as a developer's checkout is).
const benchTrees = [
  { name: 'linux-6.12', version: '6.12', git: false },
  { name: 'linux-6.12-git', version: '6.12', git: true },
  { name: 'linux-6.1', version: '6.1', git: false },
];
const summary = new Map<string, ScanBenchRow[]>();
for (const { name, version, git } of wanted('scan') ? benchTrees : []) {
  const unpacked = join(repoRoot, '.cache', 'kernels', `linux-source-${version}`);
  if (!existsSync(join(unpacked, 'Makefile'))) {
    out.push(`scan ${name}: skipped, ${unpacked} is absent (run scripts/setup-kernels.sh)`);
    continue;
  }
  const tree = git ? benchGitTree(unpacked, join(repoRoot, '.cache', 'bench', `${name}`)) : unpacked;
  const rows: ScanBenchRow[] = benchScan(tree, bin, runs);
  report[`scan-${name}`] = rows;
  summary.set(name, rows);
  out.push(`scan of Debian linux-source-${version}${git ? ' as a git work tree' : ''} (median of ${runs}, whole processes, same scope):`);
  out.push(
    renderTable(
      ['tool', 'ms', 'fastest-slowest', 'x ripgrep', 'cpu ms', 'peak MiB'],
      rows.map((r) => [r.tool, String(r.ms), `${r.rangeMs[0]}-${r.rangeMs[1]}`, r.ratioToRipgrep === null ? '-' : `${r.ratioToRipgrep}x`, String(r.cpuMs), String(r.maxRssMiB)]),
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

// The bounds, as ratios to ripgrep in this run (wall time, and CPU time, which load on a shared machine moves less).
const ratio = (rows: ScanBenchRow[] | undefined, tool: string, of: 'ms' | 'cpuMs') => {
  const own = rows?.find((r) => r.tool === tool);
  const rg = rows?.find((r) => r.tool === 'ripgrep');
  return own && rg ? Math.round((own[of] / rg[of]) * 100) / 100 : null;
};
if (summary.size > 0) {
  const plain = summary.get('linux-6.12');
  const git = summary.get('linux-6.12-git');
  const checks = [
    ['warm, plain directory', plain, 'gatewatch scan (warm cache)', WARM_FLOOR, BOUNDS.warmPlain],
    ['warm, git work tree', git, 'gatewatch scan (warm cache)', WARM_FLOOR, BOUNDS.warmGit],
    ['cold (--no-cache), plain directory', plain, 'gatewatch scan (cold, --no-cache)', COLD_FLOOR, BOUNDS.coldPlain],
  ] as const;
  out.push('bounds on linux 6.12 (x ripgrep, same run; the floor: a Node process making only the system calls such a scan needs):');
  for (const [what, rows, tool, floor, bound] of checks) {
    out.push(`  ${what}: wall ${ratio(rows, tool, 'ms') ?? '-'}x, cpu ${ratio(rows, tool, 'cpuMs') ?? '-'}x (bound ${bound}x; floor: wall ${ratio(rows, floor, 'ms') ?? '-'}x, cpu ${ratio(rows, floor, 'cpuMs') ?? '-'}x)`);
  }
  const peak = Math.max(...[...summary.values()].flat().filter((r) => r.tool.startsWith('gatewatch')).map((r) => r.maxRssMiB));
  out.push(`  peak memory of any scan: ${peak} MiB (bound ${BOUNDS.peakMiB} MiB)`);
  out.push(`  load average at the end: ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${availableParallelism()} cores`);
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
