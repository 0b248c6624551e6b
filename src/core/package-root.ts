/**
 * The root of the gatewatch package (package.json, data/, schemas/), found in one place. This module is two
 * directories below the root wherever it runs: src/core/ (tests), dist/core/ (tsc) and dist/bundle/ (esbuild, where
 * every bundled module shares its chunk's import.meta.url). Modules that read package files resolve them from
 * here, never from their own place, so that bundling cannot move them.
 */
import { fileURLToPath } from 'node:url';

/** The package root as a file: URL (ending in `/`). */
const PACKAGE_ROOT_URL = new URL('../../', import.meta.url);

/** The package root as a path. */
export const packageRoot: string = fileURLToPath(PACKAGE_ROOT_URL);

/** A file of the package as a file: URL, e.g. `packageFileUrl('data/registry.json')`. */
export function packageFileUrl(relativePath: string): URL {
  return new URL(relativePath, PACKAGE_ROOT_URL);
}
