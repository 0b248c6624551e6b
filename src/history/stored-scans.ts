/**
 * Scan documents of whole git trees kept in the store (src/store/), keyed by the tree's id: a git tree id names its
 * content, so the scan of a revision whose tree was scanned before, in this run or an earlier one, is read back
 * instead of made again. The store's code version keeps a document from outliving the code that made it.
 */
import { SCAN_SCHEMA, type ScanSnapshot } from '../model/scan.js';
import type { Store } from '../store/store.js';

const key = (tree: string) => `history/scan-of-git-tree/${tree}`;

/** Enough of a scan document's shape to use it (the store checks its integrity and code version). */
const isScan = (v: unknown): v is ScanSnapshot => {
  const s = v as Partial<ScanSnapshot> | null;
  return typeof s === 'object' && s !== null && s.schema === SCAN_SCHEMA && Array.isArray(s.occurrences) && Array.isArray(s.claims) && Array.isArray(s.diagnostics);
};

/** The kept scan of a git tree, with `label` as its `tree`; undefined when none is kept. */
export function readTreeScan(store: Store, tree: string, label: string): ScanSnapshot | undefined {
  const scan = store.getJson(key(tree), isScan);
  return scan === undefined ? undefined : { ...scan, tree: label };
}

/**
 * Keep the scan of a git tree, unless a file of it could not be read (a missing object): that is a fact about this
 * clone, not about the tree, and a repaired clone must be read again.
 */
export function keepTreeScan(store: Store, tree: string, scan: ScanSnapshot): void {
  if (scan.diagnostics.some((d) => d.code === 'scan/unreadable-file')) return;
  store.putJson(key(tree), scan);
}
