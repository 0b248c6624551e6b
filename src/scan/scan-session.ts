/**
 * What many scans in a row of one repository's revisions keep in memory between them (`gatewatch history`): one
 * git process for all their objects, the facts of every file seen (decoded from the store once, then kept as
 * objects), and the last plan. The store keeps facts across runs; a session keeps them across the scans of one run,
 * so a blob seen at one revision is neither read nor decoded again at the next.
 */
import type { FileFacts, KeptFiles } from './collect.js';
import { openGitObjects, type GitObjects } from './git-objects.js';
import type { Plan } from './plan.js';

/** Facts of files by path and stamp, to which a scan adds the files it read. */
export interface SessionFiles extends KeptFiles {
  add(path: string, facts: FileFacts): void;
}

/** The plan last made for a listing. */
interface SessionPlan {
  files: readonly string[];
  treeKind: string;
  plan: Plan;
}

/** The memory of one run of scans (see the module's doc); `close` ends its git processes. */
export interface ScanSession {
  /** The objects of the repository at `root`: one git process for every scan of the session. */
  git(root: string): GitObjects;
  /** Kept facts by the store's key for them. */
  files: Map<string, SessionFiles>;
  /** The last plan by the store's key for the tree. */
  plans: Map<string, SessionPlan>;
  close(): void;
}

/** A new, empty session. */
export function openScanSession(): ScanSession {
  const repos = new Map<string, GitObjects>();
  return {
    git(root) {
      let objects = repos.get(root);
      if (!objects) repos.set(root, (objects = openGitObjects(root)));
      return objects;
    },
    files: new Map(),
    plans: new Map(),
    close() {
      for (const objects of repos.values()) objects.close();
      repos.clear();
    },
  };
}
