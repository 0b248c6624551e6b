/**
 * What a tree gives the scan pipeline (src/scan/tree.ts opens one): the paths of its files, a way to read them with
 * their stamps, and what the store keeps of its listing for the next scan.
 */
import type { Diagnostic } from '../model/diagnostic.js';
import type { GitObjects } from './git-objects.js';
import type { FileSelector } from './select.js';
import type { WalkCache } from './walk.js';

/** A file's bytes and its stamp: a text that changes whenever its content may have (null: do not keep its facts). */
export interface FileRead {
  bytes: Buffer;
  stamp: string | null;
}

/** A listing of a tree and a way to read its files. */
export interface TreeReader {
  /** Relative paths of the tree's files the selector keeps (every file without one). */
  files: string[];
  /** How many files the tree has, kept or not. */
  fileCount: number;
  /** Problems met while listing (unreadable directories, symlink loops). */
  diagnostics: Diagnostic[];
  /**
   * Read the bytes of some files, with their stamps; missing or unreadable ones come back as Error. A path that
   * turns out to be a symbolic link to a directory or to nothing is no file: it is left out of the map.
   */
  read(paths: string[]): Promise<Map<string, FileRead | Error>>;
  /** A file's stamp without reading it (null when it cannot be had or must not be trusted). */
  stamp(path: string): string | null;
  /** `dir`, `git-worktree` or `git-rev`. */
  mode: 'dir' | 'git-worktree' | 'git-rev';
  /** A plain directory's walk, for the next walk to reuse (src/scan/walk.ts). */
  walkCache?: WalkCache;
  /** True when the walk given was this walk: no directory or link changed since (and, in a git work tree, the listing is the kept one). */
  walkUnchanged?: boolean;
  /** A git work tree's listing, for the next scan to reuse when nothing it depends on changed. */
  gitListing?: GitListing;
  /** End what the reader holds open (a git process); reads fail after. */
  close?: () => void;
}

/** A git work tree's listing with the stamps of what it depends on besides its directories. */
export interface GitListing {
  /** The stamps of `.git`, the index, the ignore files and git's configuration files, as one text. */
  stamps: string;
  /** The files git listed (tracked, and untracked ones not ignored) that the selector keeps. */
  files: string[];
  /** How many files git listed. */
  fileCount: number;
  /** `core.excludesFile`, when git's configuration names one (its stamp is part of `stamps`). */
  excludesFile?: string;
  /**
   * The directories git ignores as a whole (`build/`, a Cargo `target/`): nothing below them can change what git
   * lists, so the walk does not enter them.
   */
  ignoredDirs: string[];
}

/** How to open a tree: a revision or the files on disk, which files to keep, and what the store kept of the last scan. */
export interface OpenTreeOptions {
  rev?: string;
  followSymlinks?: boolean;
  /** Use `git ls-files` when the directory is a git work tree (default true). */
  useGit?: boolean;
  /** Keep only the files some source may want (src/scan/select.ts); every file by default. */
  select?: FileSelector;
  /** Read files with their stamps (for the store, src/scan/stored-scan.ts). */
  stampFiles?: boolean;
  /**
   * Keep the walk of a plain directory for next time, reusing `previous` (made with the same selector) where
   * nothing changed; the reader's `walkCache` is the walk to give next time; `listings: false` keeps no directory
   * listings (src/scan/walk.ts). Absent: no directory is stamped.
   */
  walkCache?: { previous?: WalkCache; listings?: boolean };
  /** The listing of this git work tree that the last scan kept (with `walkCache`: its walk tells a changed directory). */
  gitListing?: GitListing;
  /**
   * Time (ms since the epoch) from which a change may be too recent to tell apart from the next one: files and
   * directories changed after it get no stamp (null) and are always read again. Default: now, less 2 s.
   */
  trustBeforeMs?: number;
  /** Called as the listing starts: slow preparations (a parser's WebAssembly compiling) overlap with it. */
  whileListing?: () => void;
  /** The repository's objects, read by one git process for many revisions (the caller closes it); one of its own by default. */
  git?: GitObjects;
}
