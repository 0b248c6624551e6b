/** Read a kernel configuration file, plain or compressed (Debian ships `config.<arch>_<flavour>.xz`). */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { GatewatchError } from '../core/errors.js';
import { parseKernelConfig, type KernelConfig } from './parse-config.js';

/** Read and parse `.config`, `.config.gz` or `.config.xz` (xz through the `xz` program, which Node lacks). */
export function readKernelConfig(path: string): KernelConfig {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (cause) {
    throw new GatewatchError('E_BAD_INPUT', `cannot read kernel configuration ${path}`, { cause, hint: 'give a .config file, e.g. one of /boot/config-*' });
  }
  let text: string;
  if (path.endsWith('.gz')) text = gunzipSync(bytes).toString('utf8');
  else if (path.endsWith('.xz')) {
    const r = spawnSync('xz', ['-dc'], { input: bytes, maxBuffer: 64 * 1024 * 1024 });
    if (r.error || r.status !== 0) {
      throw new GatewatchError('E_BAD_INPUT', `cannot decompress ${path} with xz`, { cause: r.error ?? new Error(r.stderr.toString().trim()), hint: 'install xz-utils, or decompress the file first' });
    }
    text = r.stdout.toString('utf8');
  } else text = bytes.toString('utf8');
  return parseKernelConfig(text, basename(path));
}
