/**
 * Finding and running a Rust toolchain: a rustup name (`stable`, `nightly`, `1.95.0`) run as `rustc +NAME`,
 * or a path to a sysroot directory or a `rustc` binary. Reads `rustc -vV` (https://doc.rust-lang.org/rustc/command-line-arguments.html).
 */
import { execFile } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { GatewatchError } from '../core/errors.js';

/** A toolchain we can run. */
export interface Toolchain {
  /** As the user named it (`nightly`, a path), or `default`. */
  name: string;
  /** Command and leading arguments that run its rustc (`rustc`, `+nightly`). */
  command: string;
  args: string[];
  /** `1.97.0-nightly`. */
  version: string;
  /** Release without the channel suffix: `1.97.0`. */
  release: string;
  /** Commit date, `2026-05-19`, when rustc reports one. */
  date?: string;
  channel: 'stable' | 'beta' | 'nightly' | 'dev';
  sysroot: string;
  host?: string;
}

/** Run a command; resolves with stdout/stderr/exit code, never rejects on a non-zero exit. */
export function runCommand(
  command: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string } = {},
): Promise<{ code: number; stdout: string; stderr: string; error?: Error }> {
  return new Promise((done) => {
    execFile(command, args, { env: options.env ?? process.env, cwd: options.cwd, maxBuffer: 256 << 20 }, (error, stdout, stderr) => {
      const code = error ? (typeof (error as { code?: unknown }).code === 'number' ? ((error as { code: number }).code) : 127) : 0;
      done({ code, stdout: String(stdout), stderr: String(stderr), ...(error && code === 127 ? { error } : {}) });
    });
  });
}

/** Parse `rustc -vV` output into version facts. */
function parseRustcVersionVerbose(text: string): { version: string; date?: string; host?: string } | null {
  const field = (k: string) => new RegExp(`^${k}:\\s*(.+)$`, 'm').exec(text)?.[1]?.trim();
  const version = field('release');
  if (!version) return null;
  const date = field('commit-date');
  const host = field('host');
  return { version, ...(date && date !== 'unknown' ? { date } : {}), ...(host ? { host } : {}) };
}

/** Environment for running rustc without a caller's RUSTC_BOOTSTRAP leaking in. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.RUSTC_BOOTSTRAP;
  return { ...env, ...extra };
}

/** A toolchain known by its `rustc -vV` alone: all of `Toolchain` but its sysroot, and that output, which names it. */
export interface ToolchainIdentity {
  toolchain: Omit<Toolchain, 'sysroot'>;
  /** The whole `rustc -vV` output: release, commit hash and date, host, LLVM version. */
  verbose: string;
}

/**
 * Resolve a toolchain by rustup name or path (undefined: the `rustc` on PATH).
 * Throws E_TOOLCHAIN with a one-line message when it cannot be run.
 */
export async function resolveToolchain(spec?: string): Promise<Toolchain> {
  return await locateToolchain(await identifyToolchain(spec));
}

/** The sysroot of an identified toolchain (`rustc --print sysroot`). */
export async function locateToolchain(id: ToolchainIdentity): Promise<Toolchain> {
  const t = id.toolchain;
  const s = await runCommand(t.command, [...t.args, '--print', 'sysroot'], { env: cleanEnv() });
  return { ...t, sysroot: s.stdout.trim() };
}

/** Run `rustc -vV` of a toolchain named as `resolveToolchain` takes it; throws E_TOOLCHAIN as it does. */
export async function identifyToolchain(spec?: string): Promise<ToolchainIdentity> {
  let command = 'rustc';
  let args: string[] = [];
  const name = spec ?? 'default';
  if (spec !== undefined) {
    if (spec.includes('/') || spec.startsWith('.')) {
      const p = resolve(spec);
      // Errors here are one line (no hint): the message itself says what was expected.
      if (!existsSync(p)) throw new GatewatchError('E_TOOLCHAIN', `toolchain path ${spec} does not exist; expected a sysroot directory or a rustc binary`);
      command = statSync(p).isDirectory() ? join(p, 'bin', 'rustc') : p;
    } else if (/^[A-Za-z0-9._-]+$/.test(spec)) {
      args = [`+${spec}`];
    } else {
      throw new GatewatchError('E_TOOLCHAIN', `\`${spec}\` is not a toolchain name; expected a rustup name such as \`stable\` or \`nightly\`, or a path`);
    }
  }
  const v = await runCommand(command, [...args, '-vV'], { env: cleanEnv() });
  const parsed = v.code === 0 ? parseRustcVersionVerbose(v.stdout) : null;
  if (!parsed) {
    const why = ((v.stderr.trim().split('\n')[0] ?? '') || v.error?.message || `exit ${v.code}`).replace(/^error:\s*/, '');
    const expected = spec === undefined ? 'install Rust from https://rustup.rs or pass --toolchain' : 'see `rustup toolchain list`';
    throw new GatewatchError('E_TOOLCHAIN', `toolchain \`${name}\` cannot be run (${why}); ${expected}`);
  }
  const channel = /-nightly/.test(parsed.version) ? 'nightly' : /-beta/.test(parsed.version) ? 'beta' : /-dev/.test(parsed.version) ? 'dev' : 'stable';
  const toolchain: Omit<Toolchain, 'sysroot'> = {
    name,
    command,
    args,
    version: parsed.version,
    release: parsed.version.replace(/-.*$/, ''),
    ...(parsed.date ? { date: parsed.date } : {}),
    ...(parsed.host ? { host: parsed.host } : {}),
    channel,
  };
  return { toolchain, verbose: v.stdout };
}

/** `rustc 1.97.0-nightly (2026-05-19)`: how a toolchain is named in provenance and messages. */
export function toolchainLabel(t: Toolchain): string {
  return `rustc ${t.version}${t.date ? ` (${t.date})` : ''}`;
}
