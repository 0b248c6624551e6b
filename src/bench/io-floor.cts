/**
 * The floors the scan bench prints beside gatewatch: a Node process that makes only the system calls a scan of the
 * same scope cannot do without, and nothing else (no parsing, no store, no output). They say how much of a ratio
 * to ripgrep is Node's own, and how much is gatewatch's work on top of it.
 *
 *   node dist/bench/io-floor.cjs stats LIST   warm: one stat per line of LIST (the tree's directories, then the
 *                                            files in scope), as an unchanged tree needs
 *   node dist/bench/io-floor.cjs reads        cold: the walk of the working directory (a readdir per directory),
 *                                            then the files in scope opened, read and closed
 *
 * The scope is ripgrep's in the bench (src/bench/scan-bench.ts): `*.rs`, `Makefile*`, `Kbuild*`, `*.mk` and
 * everything under the top `scripts/`. Prints the number of entries met, so that a floor that met nothing shows.
 * CommonJS, as gatewatch's bundle is: a floor must not pay for Node's ES module loader, which gatewatch never starts.
 */
import { closeSync, openSync, readFileSync, readSync, readdirSync, statSync } from 'node:fs';

/** Directory names a scan never walks into, as gatewatch's walk (src/scan/walk.ts). */
const SKIP = new Set(['.git', '.hg', '.svn', 'node_modules']);

/** True for a file in the bench's scope, by its path relative to the tree. */
export function inScope(path: string): boolean {
  const base = path.slice(path.lastIndexOf('/') + 1);
  return base.endsWith('.rs') || base.startsWith('Makefile') || base.startsWith('Kbuild') || base.endsWith('.mk') || path.startsWith('scripts/');
}

/**
 * Every directory below `root` ('.' first) and the files in scope, as paths relative to it (the floor process runs
 * in the tree and walks '.', as gatewatch names a tree below the working directory).
 */
export function walkScope(root: string): { dirs: string[]; files: string[] } {
  const dirs: string[] = [];
  const files: string[] = [];
  const stack = ['.'];
  while (stack.length > 0) {
    const dir = stack.pop()!;
    dirs.push(dir);
    const prefix = dir === '.' ? '' : `${dir}/`;
    for (const e of readdirSync(root === '.' ? dir : `${root}/${dir}`, { withFileTypes: true })) {
      if (e.isDirectory()) {
        if (!SKIP.has(e.name)) stack.push(prefix + e.name);
      } else if (e.isFile() && inScope(prefix + e.name)) files.push(prefix + e.name);
    }
  }
  return { dirs, files };
}

function statAll(list: string): number {
  let met = 0;
  for (const path of readFileSync(list, 'utf8').split('\n')) {
    if (path !== '' && statSync(path, { throwIfNoEntry: false }) !== undefined) met++;
  }
  return met;
}

function readAll(): number {
  const room = Buffer.allocUnsafe(4 << 20);
  const { files } = walkScope('.');
  for (const path of files) {
    const fd = openSync(path, 'r');
    try {
      readSync(fd, room, 0, room.length, 0);
    } finally {
      closeSync(fd);
    }
  }
  return files.length;
}

// Run as a program; imported by the bench and by tests (as an ES module there, without `module`), it only exports.
if (typeof module !== 'undefined' && require.main === module) {
  const [mode, list] = process.argv.slice(2);
  if (mode === 'stats' && list !== undefined) process.stdout.write(`${statAll(list)}\n`);
  else if (mode === 'reads') process.stdout.write(`${readAll()}\n`);
  else {
    process.stderr.write('io-floor: expected `stats LIST` or `reads`\n');
    process.exitCode = 2;
  }
}
