/**
 * Scan speed beside the reference tools, in the same run: gatewatch's CLI (`scan --json`, a whole process,
 * start-up included) against ripgrep and `git grep --no-index` over the same scope: every `*.rs`, Makefile,
 * Kbuild, `*.mk` and file under `scripts/`. The reference tools search for the text gatewatch looks at; they do
 * not parse, so they are the floor, not a competitor.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { walkScope } from './io-floor.cjs';
import { available, measure, median, type Measurement } from './measure.js';

export interface ScanBenchRow {
  tool: string;
  command: string;
  ms: number;
  /** Median CPU time (user + system), all threads. */
  cpuMs: number;
  maxRssMiB: number;
  /** The fastest and the slowest of the runs: how much the machine moved the times (ripgrep's most of all). */
  rangeMs: [number, number];
  /** Time relative to ripgrep's. */
  ratioToRipgrep: number | null;
  /** gatewatch only: the scan itself as the document reports it (no process start-up, module loading or output). */
  scanMs?: number;
}

const PATTERN = '-Z[A-Za-z]|feature|rust_allowed_features|RUSTC_BOOTSTRAP';
/** The bench's scope as ripgrep's globs: what the floors (src/bench/io-floor.cts) walk and read too. */
export const SCOPE_GLOBS = ['*.rs', 'Makefile*', 'Kbuild*', '*.mk', 'scripts/**'];

/**
 * NODE_EXTRA_CA_CERTS makes every Node 20 process read and parse a CA bundle at start-up, before any script runs
 * (~95 ms on the machine this was written on). A scan never opens a TLS connection, so Node's rows are measured
 * without it; the bench measures and prints what it would add.
 */
const NODE_ENV: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'NODE_EXTRA_CA_CERTS'));

/** The floors' program (src/bench/io-floor.cts), beside this file once built. */
const IO_FLOOR = join(dirname(fileURLToPath(import.meta.url)), 'io-floor.cjs');
/** The floor rows' names, for the bounds' summary (src/bench/run.ts). */
export const WARM_FLOOR = 'node: start-up and the stats alone (warm floor)';
export const COLD_FLOOR = 'node: start-up, walk and reads alone (cold floor)';

/** Time scanning `tree` `runs` times with each tool (median). `gatewatchBin` is bin/gatewatch.cjs. */
export function benchScan(tree: string, gatewatchBin: string, runs = 7): ScanBenchRow[] {
  const cacheDir = mkdtempSync(join(tmpdir(), 'gatewatch-bench-cache-'));
  // What an unchanged tree's scan must stat at the least: every directory (a file added anywhere changes only its
  // own) and every file in scope (an edit in place changes no directory). Beside the store, not in it.
  const statList = `${cacheDir}.stat-list`;
  const scanArgs = [gatewatchBin, 'scan', '--json', '--progress', 'none', '.'];
  let fresh = 0;
  const tools: { tool: string; cmd: string; args: string[]; env?: NodeJS.ProcessEnv | (() => NodeJS.ProcessEnv) }[] = [
    // A new user's first scan: the default command with an empty cache, which it fills (stamps and all).
    { tool: 'gatewatch scan (first, empty cache)', cmd: process.execPath, args: scanArgs, env: () => ({ ...NODE_ENV, GATEWATCH_CACHE_DIR: join(cacheDir, `first-${fresh++}`) }) },
    // Cold: no cache read or written; every wanted file read, and Rust and make files parsed.
    { tool: 'gatewatch scan (cold, --no-cache)', cmd: process.execPath, args: [...scanArgs, '--no-cache'], env: NODE_ENV },
    // Warm: the tree is unchanged since the last scans; the warm-up runs fill the cache (files first, then the walk).
    { tool: 'gatewatch scan (warm cache)', cmd: process.execPath, args: scanArgs, env: { ...NODE_ENV, GATEWATCH_CACHE_DIR: cacheDir } },
    // The floor for any Node program: start-up and exit, nothing else.
    { tool: 'node -e 0 (start-up alone)', cmd: process.execPath, args: ['-e', '0'], env: NODE_ENV },
    // The floors for a scan in Node: the system calls a warm and a cold scan cannot do without, and nothing else.
    { tool: WARM_FLOOR, cmd: process.execPath, args: [IO_FLOOR, 'stats', statList], env: NODE_ENV },
    { tool: COLD_FLOOR, cmd: process.execPath, args: [IO_FLOOR, 'reads'], env: NODE_ENV },
  ];
  if (process.env.NODE_EXTRA_CA_CERTS) {
    tools.push({ tool: 'node -e 0 with NODE_EXTRA_CA_CERTS', cmd: process.execPath, args: ['-e', '0'] });
  }
  if (available('rg')) {
    tools.push({
      tool: 'ripgrep',
      cmd: 'rg',
      // -uu: like gatewatch, ignore the tarball's .gitignore (it ignores everything) and read hidden files.
      args: ['-uu', '-n', '--no-messages', '-e', PATTERN, ...SCOPE_GLOBS.flatMap((g) => ['-g', g]), '.'],
    });
  }
  if (available('git')) {
    tools.push({
      tool: 'git grep',
      cmd: 'git',
      args: ['grep', '--no-index', '--no-exclude-standard', '-n', '-E', '-e', PATTERN, '--', '*.rs', '**/Makefile*', 'Makefile*', '**/Kbuild*', 'Kbuild*', '*.mk', 'scripts/'],
    });
  }
  try {
    const scope = walkScope(tree);
    writeFileSync(statList, [...scope.dirs, ...scope.files].join('\n'));
    // Warm the page cache once per tool (the scan cache twice, as a user's second and third scans would),
    // then interleave runs so that no tool gets a cooler cache.
    const envOf = (t: (typeof tools)[number]) => (typeof t.env === 'function' ? t.env() : t.env);
    for (const t of tools) measure(t.cmd, t.args, tree, envOf(t));
    const warm = tools.find((t) => t.tool === 'gatewatch scan (warm cache)')!;
    measure(warm.cmd, warm.args, tree, envOf(warm));
    const all = new Map<string, Measurement[]>(tools.map((t) => [t.tool, []]));
    for (let i = 0; i < runs; i++) for (const t of tools) all.get(t.tool)!.push(measure(t.cmd, t.args, tree, envOf(t)));
    const results = new Map<string, Measurement>([...all].map(([tool, ms]) => [tool, median(ms)]));
    const cpu = new Map([...all].map(([tool, ms]) => [tool, [...ms].sort((a, b) => a.cpuMs - b.cpuMs)[Math.floor(ms.length / 2)]!.cpuMs]));
    const rg = results.get('ripgrep');
    // The warm scan must be the same scan: the same document but for timing and read counts.
    const doc = (t: string) => {
      const { stats, generator, ...rest } = JSON.parse(results.get(t)!.stdout) as { stats: unknown; generator: unknown };
      return JSON.stringify(rest);
    };
    for (const t of tools.slice(1, 3)) if (doc(tools[0]!.tool) !== doc(t.tool)) throw new Error(`bench: ${t.tool} of ${tree} differs from ${tools[0]!.tool}`);
    return tools.map((t) => {
      const m = results.get(t.tool)!;
      const scanMs = t.args.includes('scan') ? (JSON.parse(m.stdout) as { stats: { elapsedMs: number } }).stats.elapsedMs : undefined;
      return {
        ...(scanMs !== undefined ? { scanMs } : {}),
        tool: t.tool,
        command: [t.cmd === process.execPath ? 'node' : t.cmd, ...t.args.map((a) => (a === gatewatchBin ? join('bin', 'gatewatch.cjs') : a))].join(' '),
        ms: Math.round(m.ms),
        rangeMs: [Math.round(Math.min(...all.get(t.tool)!.map((r) => r.ms))), Math.round(Math.max(...all.get(t.tool)!.map((r) => r.ms)))],
        cpuMs: Math.round(cpu.get(t.tool)!),
        maxRssMiB: Math.round((m.maxRssKiB / 1024) * 10) / 10,
        ratioToRipgrep: rg ? Math.round((m.ms / rg.ms) * 100) / 100 : null,
      };
    });
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
    rmSync(statList, { force: true });
  }
}
