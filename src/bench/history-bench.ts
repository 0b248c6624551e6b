/**
 * Benchmark of `gatewatch history`: a git repository of 20 commits under .cache/bench/ (Debian's 6.1 tree, 18
 * commits that each change a few files, then Debian's 6.12 tree; build-relevant files only), read three ways, each a
 * whole process: one `scan --rev --no-cache` of the newest revision; `history` of the 20 revisions with an empty
 * store; the same again from the store. Reported as ratios. Wired into `npm run bench` (`-- --only history`).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { measure, median } from './measure.js';

/** One benchmark row: a run's median wall time and its ratio to the row it is compared with. */
export interface HistoryBenchRow {
  name: string;
  command: string;
  ms: number;
  cpuMs: number;
  /** Time relative to `against` (the target the issue sets is in `target`). */
  ratio: number | null;
  against: string | null;
  target: string | null;
}

/** Files a kernel build reads for its Rust gates (what the scan wants, in git pathspecs). */
const PATHSPECS = [':(glob)**/Makefile*', ':(glob)**/Kbuild*', ':(glob)**/Kconfig*', ':(glob)**/*.mk', ':(glob)**/*.rs', ':(glob)**/Cargo.toml', ':(glob)**/rust-toolchain*', 'scripts/'];

/** Version of the repository's recipe: a repository built by an older recipe is built again. */
const RECIPE = 'history-bench-1';

function git(repo: string, args: string[], options: { workTree?: string; input?: string } = {}): string {
  const pre = options.workTree ? ['--git-dir', join(repo, '.git'), '--work-tree', options.workTree] : ['-C', repo];
  return execFileSync('git', [...pre, '-c', 'user.name=gatewatch bench', '-c', 'user.email=bench@example.invalid', ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
    stdio: ['pipe', 'pipe', 'pipe'],
    ...(options.input !== undefined ? { input: options.input } : {}),
    env: { ...process.env, GIT_COMMITTER_DATE: '2024-01-01T00:00:00Z', GIT_AUTHOR_DATE: '2024-01-01T00:00:00Z' },
  });
}

/** Commit the wanted files of `tree` as the whole next commit, tagged `tag`. */
function commitTree(repo: string, tree: string, tag: string): void {
  git(repo, ['rm', '-r', '-q', '--cached', '--ignore-unmatch', '.']);
  // One pathspec at a time: git refuses a whole `add` when one of them matches nothing (6.1 has no Cargo.toml).
  for (const spec of PATHSPECS) {
    try {
      git(repo, ['add', '-f', '--', spec], { workTree: tree });
    } catch {
      // Nothing of that kind in this tree.
    }
  }
  git(repo, ['commit', '-q', '-m', `${tag}: ${tree.split('/').pop()}`]);
  git(repo, ['tag', tag]);
}

/** A commit that changes `count` files of the index (a comment appended, which a scan must still read and parse). */
function commitChanges(repo: string, step: number, count: number, tag: string): void {
  const files = git(repo, ['ls-files', '--', 'rust/*.rs', 'rust/**/*.rs', 'arch/*/Makefile', 'scripts/Makefile.*']).split('\n').filter(Boolean);
  for (let k = 0; k < count; k++) {
    const path = files[(step * 7 + k * 13) % files.length]!;
    const text = git(repo, ['cat-file', 'blob', `:${path}`]);
    const comment = path.endsWith('.rs') ? `// bench change ${step}.${k}\n` : `# bench change ${step}.${k}\n`;
    const blob = git(repo, ['hash-object', '-w', '--stdin', '--path', path], { input: text + comment }).trim();
    git(repo, ['update-index', '--cacheinfo', `100644,${blob},${path}`]);
  }
  git(repo, ['commit', '-q', '-m', `${tag}: ${count} files changed`]);
  git(repo, ['tag', tag]);
}

/** The bench repository (built once, and again when its recipe changes); null when a kernel tree is absent. */
function benchHistoryRepo(repoRoot: string): string | null {
  const kernels = join(repoRoot, '.cache', 'kernels');
  const old = join(kernels, 'linux-source-6.1');
  const now = join(kernels, 'linux-source-6.12');
  if (!existsSync(join(old, 'Makefile')) || !existsSync(join(now, 'Makefile'))) return null;
  const repo = join(repoRoot, '.cache', 'bench', 'history-repo');
  try {
    if (git(repo, ['rev-parse', 'bench-19']).trim() && git(repo, ['config', 'gatewatch.recipe']).trim() === RECIPE) return repo;
  } catch {
    // Absent or from another recipe: built below.
  }
  rmSync(repo, { recursive: true, force: true });
  mkdirSync(repo, { recursive: true });
  git(repo, ['init', '-q', '-b', 'main']);
  commitTree(repo, old, 'bench-00');
  for (let step = 1; step <= 18; step++) commitChanges(repo, step, 3, `bench-${String(step).padStart(2, '0')}`);
  commitTree(repo, now, 'bench-19');
  git(repo, ['config', 'gatewatch.recipe', RECIPE]);
  return repo;
}

/** Time the three runs (median of `runs`), interleaved, and their ratios. */
export function benchHistory(repoRoot: string, gatewatchBin: string, runs = 5): HistoryBenchRow[] {
  const repo = benchHistoryRepo(repoRoot);
  if (repo === null) return [];
  const cacheRoot = mkdtempSync(join(tmpdir(), 'gatewatch-bench-history-'));
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'NODE_EXTRA_CA_CERTS'));
  const history = [gatewatchBin, 'history', '.', '--tags', 'bench-*', '--json', '--progress', 'none'];
  const scan = [gatewatchBin, 'scan', '--rev', 'bench-19', '--no-cache', '--json', '--progress', 'none', '.'];
  const times = { scan: [] as ReturnType<typeof measure>[], empty: [] as ReturnType<typeof measure>[], stored: [] as ReturnType<typeof measure>[] };
  try {
    // The page cache warmed once by each, then the runs interleaved.
    measure(process.execPath, scan, repo, env);
    for (let i = 0; i < runs; i++) {
      const store = join(cacheRoot, `run-${i}`);
      times.scan.push(measure(process.execPath, scan, repo, env));
      times.empty.push(measure(process.execPath, history, repo, { ...env, GATEWATCH_CACHE_DIR: store }));
      times.stored.push(measure(process.execPath, history, repo, { ...env, GATEWATCH_CACHE_DIR: store }));
    }
    for (const m of [...times.scan, ...times.empty, ...times.stored]) if (m.exitCode !== 0) throw new Error(`a bench run failed (exit ${m.exitCode})`);
    const [s, e, st] = [median(times.scan), median(times.empty), median(times.stored)];
    const cpu = (ms: ReturnType<typeof measure>[]) => [...ms].sort((a, b) => a.cpuMs - b.cpuMs)[Math.floor(ms.length / 2)]!.cpuMs;
    const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;
    return [
      { name: 'scan --rev newest --no-cache', command: 'gatewatch scan --rev bench-19 --no-cache --json .', ms: Math.round(s.ms), cpuMs: Math.round(cpu(times.scan)), ratio: null, against: null, target: null },
      { name: 'history of 20, empty store', command: "gatewatch history . --tags 'bench-*' --json", ms: Math.round(e.ms), cpuMs: Math.round(cpu(times.empty)), ratio: ratio(e.ms, s.ms), against: 'scan --rev newest --no-cache', target: '<= 3' },
      { name: 'history of 20, from the store', command: "gatewatch history . --tags 'bench-*' --json (again)", ms: Math.round(st.ms), cpuMs: Math.round(cpu(times.stored)), ratio: ratio(st.ms, e.ms), against: 'history of 20, empty store', target: '<= 0.25' },
    ];
  } finally {
    rmSync(cacheRoot, { recursive: true, force: true });
  }
}
