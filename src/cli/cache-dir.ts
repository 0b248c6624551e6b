import envPaths from 'env-paths';
import { openStore, type Store } from '../store/store.js';
import type { CliIO } from './io.js';

/** The option every command that scans a tree takes. */
export const NO_CACHE_HELP = 'read every file again: neither use nor write the store of scan facts';

/**
 * The user's cache directory for gatewatch from env-paths: `$XDG_CACHE_HOME/gatewatch`, else
 * `~/.cache/gatewatch` on Linux, and the platform's own elsewhere (`~/Library/Caches/gatewatch` on macOS).
 */
export function userCacheDir(): string {
  return envPaths('gatewatch', { suffix: '' }).cache;
}

/**
 * Where the scan cache lives: `$GATEWATCH_CACHE_DIR`, else the user's cache directory (`io.userCacheDir`, from
 * env-paths in the installed command); none with `--no-cache`, or when the run has neither.
 */
export function scanCacheDir(io: CliIO, enabled: boolean): string | undefined {
  if (!enabled) return undefined;
  return io.env.GATEWATCH_CACHE_DIR || io.userCacheDir || undefined;
}

/** The store of scan facts in the scan cache directory (`scanCacheDir`); none with `--no-cache`. */
export function scanStore(io: CliIO, enabled: boolean): Store | undefined {
  const dir = scanCacheDir(io, enabled);
  return dir === undefined ? undefined : openStore(dir);
}
