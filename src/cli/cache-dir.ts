import { join } from 'node:path';
import type { CliIO } from './io.js';

/** The option every command that scans a tree takes. */
export const NO_CACHE_HELP = 'read every file again: neither use nor write the scan cache';

/**
 * Where the scan cache lives (src/scan/cache.ts): `$GATEWATCH_CACHE_DIR`, else `$XDG_CACHE_HOME/gatewatch`, else
 * `~/.cache/gatewatch`; none when `--no-cache` is given, or when none of these variables is set.
 */
export function scanCacheDir(io: CliIO, enabled: boolean): string | undefined {
  if (!enabled) return undefined;
  const { GATEWATCH_CACHE_DIR, XDG_CACHE_HOME, HOME } = io.env;
  if (GATEWATCH_CACHE_DIR) return GATEWATCH_CACHE_DIR;
  if (XDG_CACHE_HOME) return join(XDG_CACHE_HOME, 'gatewatch');
  if (HOME) return join(HOME, '.cache', 'gatewatch');
  return undefined;
}
