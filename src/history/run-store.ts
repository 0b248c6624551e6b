/**
 * The store as one history run sees it: entries read once and kept in memory for the run, writes kept until the
 * run ends. A series scans one repository many times in a row; each scan reads the repository's kept facts and
 * merges its own back, so without this layer every revision would read, check and rewrite the same entries. At
 * the end, each key is written once: an `update` re-applies the run's merges, in order, to what is in the store then,
 * under the store's lock, so a run beside this one loses nothing.
 */
import type { Shape, Store } from '../store/store.js';

/** A store that holds a run's reads and writes until `flush`. */
export interface RunStore extends Store {
  /** Write what the run changed to the underlying store. */
  flush(): void;
}

/** Pending change of one key: a value to put, or merges to apply to the stored value. */
type Pending = { put: string } | { merges: ((current: string | undefined) => string | undefined)[] };

/** Wrap `store` for one run (see the module's doc). */
export function openRunStore(store: Store): RunStore {
  const read = new Map<string, string | undefined>();
  const pending = new Map<string, Pending>();
  // Merges not yet applied to `read`: applied when the key is next read, if ever (a run that merges into one key
  // at every revision, and never reads it again, pays for each merge once, at the flush).
  const unapplied = new Map<string, ((current: string | undefined) => string | undefined)[]>();
  const get = (key: string): string | undefined => {
    if (!read.has(key)) read.set(key, store.get(key));
    const merges = unapplied.get(key);
    if (merges) {
      unapplied.delete(key);
      read.set(key, merges.reduce<string | undefined>((acc, m) => m(acc) ?? acc, read.get(key)));
    }
    return read.get(key);
  };
  const put = (key: string, body: string): boolean => {
    unapplied.delete(key);
    read.set(key, body);
    pending.set(key, { put: body });
    return true;
  };
  const run: RunStore = {
    dir: store.dir,
    codeVersion: store.codeVersion,
    get,
    getJson<T>(key: string, shape: Shape<T>): T | undefined {
      const body = get(key);
      if (body === undefined) return undefined;
      try {
        const value: unknown = JSON.parse(body);
        return shape(value) ? value : undefined;
      } catch {
        return undefined;
      }
    },
    put,
    putJson: (key, value) => put(key, JSON.stringify(value)),
    update(key, merge) {
      const p = pending.get(key);
      if (p && 'put' in p) {
        const next = merge(get(key));
        if (next === undefined) return false;
        read.set(key, next);
        p.put = next;
        return true;
      }
      const waiting = unapplied.get(key);
      if (waiting) waiting.push(merge);
      else unapplied.set(key, [merge]);
      if (p) p.merges.push(merge);
      else pending.set(key, { merges: [merge] });
      return true;
    },
    flush() {
      for (const [key, p] of pending) {
        if ('put' in p) store.put(key, p.put);
        else store.update(key, (current) => p.merges.reduce<string | undefined>((acc, m) => m(acc) ?? acc, current));
      }
      pending.clear();
    },
  };
  return run;
}
