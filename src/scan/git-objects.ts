/**
 * Git objects of one repository, read through one long-lived `git cat-file --batch` process
 * (https://git-scm.com/docs/git-cat-file#_batch_output): a revision's commit, its trees and its blobs, without a
 * checkout and without a process per question. The last listing is kept by tree id: a subtree unchanged since the
 * revision listed before costs a comparison of tree ids, not a listing.
 */
import type * as ChildProcess from 'node:child_process';
import { createRequire } from 'node:module';
import { displayName, isUtf8 } from './raw-names.js';

/** A file of a git tree: its path below the tree, its mode and its blob id. */
export interface GitTreeFile {
  /** The path, with each byte of a name that is not UTF-8 written as `\xHH` (src/scan/raw-names.ts). */
  path: string;
  mode: string;
  object: string;
  /** Some name of the path is not UTF-8. */
  nonUtf8?: true;
}

/** A repository's objects, read on demand. */
export interface GitObjects {
  /** Where the root sits in its repository (`rust/` for a subdirectory, empty at the top); throws outside one. */
  prefix(): string;
  /** The objects `names` (ids or revision expressions) name, in order: bytes and type, or null when git has none. */
  read(names: readonly string[]): Promise<({ type: string; id: string; bytes: Buffer } | null)[]>;
  /**
   * Every file below the tree `id` (recursively; symlinks and submodules included, with their modes), paths
   * relative to it. A subtree unchanged since the last listing is not read again.
   */
  listTree(id: string): Promise<GitTreeFile[]>;
  /** End the git process (later reads fail). */
  close(): void;
}

/** node:child_process, loaded only for git trees: a plain directory's scan never pays for loading it. */
let childProcess: typeof ChildProcess | undefined;
const childProcesses = () => (childProcess ??= createRequire(import.meta.url)('node:child_process') as typeof ChildProcess);

type Answer = { type: string; id: string; bytes: Buffer } | null;

/** Open the objects of the repository at `root` (git starts at the first read). */
export function openGitObjects(root: string): GitObjects {
  let child: ChildProcess.ChildProcessWithoutNullStreams | undefined;
  let failure: Error | undefined;
  // Answers awaited, in the order their names were written: git answers in that order.
  const waiting: ((a: Answer | Error) => void)[] = [];
  let buf: Buffer = Buffer.alloc(0);
  let pos = 0;

  const fail = (e: Error) => {
    failure ??= e;
    for (const w of waiting.splice(0)) w(failure);
  };
  const drain = () => {
    while (waiting.length > 0) {
      const nl = buf.indexOf(10, pos);
      if (nl < 0) return;
      const header = buf.toString('latin1', pos, nl);
      const [id, type, size] = header.split(' ');
      if (size === undefined) {
        // `<name> missing`, `<name> ambiguous`: no object, and no body follows.
        pos = nl + 1;
        waiting.shift()!(null);
        continue;
      }
      const n = Number(size);
      if (buf.length < nl + 1 + n + 1) return;
      const bytes = buf.subarray(nl + 1, nl + 1 + n);
      pos = nl + 1 + n + 1;
      waiting.shift()!({ type: type!, id: id!, bytes });
    }
  };
  const start = () => {
    const c = childProcesses().spawn('git', ['-C', root, 'cat-file', '--batch'], { stdio: ['pipe', 'pipe', 'pipe'] });
    c.stdout.on('data', (chunk: Buffer) => {
      // What is left of the last chunk is a part of one answer: small, so copying it on is cheap.
      buf = pos < buf.length ? Buffer.concat([buf.subarray(pos), chunk]) : chunk;
      pos = 0;
      drain();
    });
    c.stderr.resume();
    c.stdin.on('error', (e) => fail(e));
    c.on('error', (e) => fail(e));
    c.on('close', () => fail(new Error('git cat-file ended')));
    return c;
  };

  const read = (names: readonly string[]): Promise<Answer[]> => {
    if (names.length === 0) return Promise.resolve([]);
    if (failure) return Promise.reject(failure);
    // A name is one line of git's input: one with a line break in it names nothing.
    const bad = names.findIndex((n) => n.includes('\n') || n.length === 0);
    if (bad >= 0) return Promise.reject(new Error(`not an object name: ${JSON.stringify(names[bad])}`));
    child ??= start();
    const answers = names.map(
      () =>
        new Promise<Answer>((resolve, reject) => {
          waiting.push((a) => (a instanceof Error ? reject(a) : resolve(a)));
        }),
    );
    child.stdin.write(names.join('\n') + '\n');
    return Promise.all(answers);
  };

  // The files below each tree of the last listing, by the tree's place and id (`<dir>/\0<id>`): a tree id names
  // its content, so a subtree at the same place with the same id as last time has the same files. Only the last
  // listing's are kept, which bounds the memory by one revision's.
  let last = new Map<string, GitTreeFile[]>();

  const listTree = async (id: string): Promise<GitTreeFile[]> => {
    const now = new Map<string, GitTreeFile[]>();
    const entriesOf = new Map<string, TreeEntry[]>();
    // Read every tree not in the last listing, a level at a time (one write and one wait per level).
    let level = [{ dir: '', id }];
    while (level.length > 0) {
      const unknown = level.filter((t) => !last.has(`${t.dir}\0${t.id}`));
      const ids = [...new Set(unknown.map((t) => t.id))].filter((t) => !entriesOf.has(t));
      const objects = await read(ids);
      ids.forEach((t, i) => {
        const o = objects[i];
        if (!o || o.type !== 'tree') throw new Error(`tree ${t} cannot be read (a missing object)`);
        entriesOf.set(t, parseTree(o.bytes, o.id.length / 2));
      });
      level = unknown.flatMap((t) => entriesOf.get(t.id)!.filter((e) => e.mode === '40000').map((e) => ({ dir: `${t.dir}${e.name}/`, id: e.object })));
    }
    const flatten = (dir: string, tree: string, oddDir: boolean): GitTreeFile[] => {
      const key = `${dir}\0${tree}`;
      const known = now.get(key) ?? last.get(key);
      if (known) {
        now.set(key, known);
        return known;
      }
      const files: GitTreeFile[] = [];
      for (const e of entriesOf.get(tree)!) {
        const odd = oddDir || e.nonUtf8 === true;
        if (e.mode === '40000') for (const f of flatten(`${dir}${e.name}/`, e.object, odd)) files.push(f);
        else files.push({ path: `${dir}${e.name}`, mode: e.mode, object: e.object, ...(odd ? { nonUtf8: true as const } : {}) });
      }
      now.set(key, files);
      return files;
    };
    const files = flatten('', id, false);
    last = now;
    return files;
  };

  let prefix: string | undefined;
  return {
    prefix: () =>
      (prefix ??= childProcesses().execFileSync('git', ['-C', root, 'rev-parse', '--show-prefix'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()),
    read,
    listTree,
    close() {
      child?.stdin.end();
      child = undefined;
      failure ??= new Error('git cat-file closed');
    },
  };
}

/** One entry of a tree object; a name that is not UTF-8 is written as src/scan/raw-names.ts writes it. */
interface TreeEntry {
  name: string;
  mode: string;
  object: string;
  nonUtf8?: true;
}

/** The entries of a tree object: `<mode> <name>\0<id>` each, the id `idBytes` raw bytes. */
function parseTree(bytes: Buffer, idBytes: number): TreeEntry[] {
  const out: TreeEntry[] = [];
  let pos = 0;
  while (pos < bytes.length) {
    const sp = bytes.indexOf(32, pos);
    const nul = bytes.indexOf(0, sp);
    if (sp < 0 || nul < 0) break;
    const name = bytes.subarray(sp + 1, nul);
    const entry: TreeEntry = { mode: bytes.toString('latin1', pos, sp), name: '', object: bytes.toString('hex', nul + 1, nul + 1 + idBytes) };
    if (isUtf8(name)) entry.name = name.toString('utf8');
    else {
      entry.name = displayName(name);
      entry.nonUtf8 = true;
    }
    out.push(entry);
    pos = nul + 1 + idBytes;
  }
  return out;
}
