#!/usr/bin/env node
// Build the optional native walker and reader (native/fastfs.c, binding.gyp) with node-gyp
// (https://github.com/nodejs/node-gyp), the build tool npm ships. `npm ci` runs this as the package's install
// script, and `npm run build` runs it too (it does nothing when the module is newer than its source).
// Without a C compiler, Python or Node's headers the build fails: this says so in one line and exits 0, and
// gatewatch uses its JavaScript walker and reader, which give the same results more slowly (src/scan/native.ts).
// `GATEWATCH_NATIVE=0` skips the build, as it skips loading the module at run time.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const source = join(root, 'native', 'fastfs.c');
const built = join(root, 'build', 'Release', 'fastfs.node');
const strict = process.argv.includes('--strict');

if (process.env.GATEWATCH_NATIVE === '0') process.exit(0);
if (existsSync(built) && statSync(built).mtimeMs >= Math.max(statSync(source).mtimeMs, statSync(join(root, 'binding.gyp')).mtimeMs)) process.exit(0);

// npm gives its own node-gyp to install scripts; otherwise use the one beside npm.
const candidates = [
  process.env.npm_config_node_gyp,
  join(dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
].filter((p) => p !== undefined && existsSync(p));
if (candidates.length === 0) {
  console.warn('gatewatch: node-gyp not found; the native walker is not built (scans use the JavaScript walker, about 1.3x slower on a kernel tree)');
  process.exit(strict ? 1 : 0);
}
const args = [candidates[0], 'rebuild', '--directory', root];
// Node's headers: npm's configured ones, or those installed beside this node (as Debian's and nodejs.org's
// builds have them); node-gyp would otherwise download them.
const prefix = join(dirname(process.execPath), '..');
const nodedir = process.env.npm_config_nodedir ?? (existsSync(join(prefix, 'include', 'node', 'node_api.h')) ? prefix : undefined);
if (nodedir !== undefined) args.push(`--nodedir=${nodedir}`);
const result = spawnSync(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
if (result.status !== 0) {
  const reason = (result.stderr || result.stdout || '').split('\n').find((l) => /error/i.test(l)) ?? `node-gyp exited with ${result.status}`;
  console.warn(`gatewatch: the native walker was not built (${reason.trim()}); scans use the JavaScript walker, about 1.3x slower on a kernel tree`);
  process.exit(strict ? 1 : 0);
}
