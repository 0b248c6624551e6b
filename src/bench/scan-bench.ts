/**
 * Scan speed beside the reference tools, in the same run: gatewatch's CLI (`scan --json`, a whole process,
 * start-up included) against ripgrep and `git grep --no-index` over the same scope: every `*.rs`, Makefile,
 * Kbuild, `*.mk` and file under `scripts/`. The reference tools search for the text gatewatch looks at; they do
 * not parse, so they are the floor, not a competitor.
 */
import { join } from 'node:path';
import { available, measure, median, type Measurement } from './measure.js';

export interface ScanBenchRow {
  tool: string;
  command: string;
  ms: number;
  maxRssMiB: number;
  /** Time relative to ripgrep's. */
  ratioToRipgrep: number | null;
  /** gatewatch only: the scan itself as the document reports it (no process start-up, module loading or output). */
  scanMs?: number;
}

const PATTERN = '-Z[A-Za-z]|feature|rust_allowed_features|RUSTC_BOOTSTRAP';

/** Time scanning `tree` `runs` times with each tool (median). `gatewatchBin` is bin/gatewatch.js. */
export function benchScan(tree: string, gatewatchBin: string, runs = 5): ScanBenchRow[] {
  const tools: { tool: string; cmd: string; args: string[] }[] = [
    { tool: 'gatewatch scan', cmd: process.execPath, args: [gatewatchBin, 'scan', '--json', '--progress', 'none', '.'] },
  ];
  if (available('rg')) {
    tools.push({
      tool: 'ripgrep',
      cmd: 'rg',
      // -uu: like gatewatch, ignore the tarball's .gitignore (it ignores everything) and read hidden files.
      args: ['-uu', '-n', '--no-messages', '-e', PATTERN, '-g', '*.rs', '-g', 'Makefile*', '-g', 'Kbuild*', '-g', '*.mk', '-g', 'scripts/**', '.'],
    });
  }
  if (available('git')) {
    tools.push({
      tool: 'git grep',
      cmd: 'git',
      args: ['grep', '--no-index', '--no-exclude-standard', '-n', '-E', '-e', PATTERN, '--', '*.rs', '**/Makefile*', 'Makefile*', '**/Kbuild*', 'Kbuild*', '*.mk', 'scripts/'],
    });
  }
  const results = new Map<string, Measurement>();
  // Warm the page cache once per tool, then interleave runs so that no tool gets a cooler cache.
  for (const t of tools) measure(t.cmd, t.args, tree);
  const all = new Map<string, Measurement[]>(tools.map((t) => [t.tool, []]));
  for (let i = 0; i < runs; i++) for (const t of tools) all.get(t.tool)!.push(measure(t.cmd, t.args, tree));
  for (const [tool, ms] of all) results.set(tool, median(ms));
  const rg = results.get('ripgrep');
  return tools.map((t) => {
    const m = results.get(t.tool)!;
    const scanMs = t.tool === 'gatewatch scan' ? (JSON.parse(m.stdout) as { stats: { elapsedMs: number } }).stats.elapsedMs : undefined;
    return {
      ...(scanMs !== undefined ? { scanMs } : {}),
      tool: t.tool,
      command: [t.cmd === process.execPath ? 'node' : t.cmd, ...t.args.map((a) => (a === gatewatchBin ? join('bin', 'gatewatch.js') : a))].join(' '),
      ms: Math.round(m.ms),
      maxRssMiB: Math.round((m.maxRssKiB / 1024) * 10) / 10,
      ratioToRipgrep: rg ? Math.round((m.ms / rg.ms) * 100) / 100 : null,
    };
  });
}
