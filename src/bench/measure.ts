import { spawnSync } from 'node:child_process';

/** One command's wall time and peak memory, measured by GNU time around the process. */
export interface Measurement {
  ms: number;
  /** CPU time (user + system) of the process and its threads: steadier than wall time on a busy machine. */
  cpuMs: number;
  maxRssKiB: number;
  exitCode: number;
  stdoutBytes: number;
  stdout: string;
}

/** Run a command under `/usr/bin/time -f '%U %S %M'`: wall time measured here, CPU time and peak RSS by time. */
export function measure(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): Measurement {
  const started = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-f', '%U %S %M', cmd, ...args], { cwd, env, maxBuffer: 1 << 30 });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const [user, sys, rss] = (r.stderr.toString('utf8').trim().split('\n').at(-1) ?? '').split(' ').map(Number);
  return {
    ms,
    cpuMs: ((user ?? NaN) + (sys ?? NaN)) * 1000,
    maxRssKiB: Number.isFinite(rss) ? rss! : NaN,
    exitCode: r.status ?? -1,
    stdoutBytes: r.stdout.length,
    stdout: r.stdout.toString('utf8'),
  };
}

/** Median of the runs' times, with the peak memory of the run that was the median. */
export function median(runs: Measurement[]): Measurement {
  const sorted = [...runs].sort((a, b) => a.ms - b.ms);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** True when a command can be run (for optional reference tools). */
export function available(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
}
