/**
 * The inputs the report and check commands read: a scan (a tree to scan, a saved scan document, or the newest
 * bundled one) and a registry (a document, a toolchain's, or the bundled one).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GatewatchError } from '../../core/errors.js';
import type { ProgressListener } from '../../core/progress.js';
import { compareRustVersions } from '../../core/rust-version.js';
import { validateDocument } from '../../core/schemas.js';
import { REGISTRY_SCHEMA, type Registry } from '../../model/registry.js';
import type { ScanSnapshot } from '../../model/scan.js';
import { buildScan } from '../../scan/build-scan.js';

/** data/scans/ of the package, from src/cli/commands or dist/cli/commands alike. */
export const bundledScansDir = fileURLToPath(new URL('../../../data/scans/', import.meta.url));

function readJson(path: string, what: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (cause) {
    throw new GatewatchError('E_BAD_INPUT', `cannot read ${what} ${path}`, { cause, hint: `expected a JSON document written by gatewatch` });
  }
}

/** The bundled scan of the newest kernel (data/scans/linux-<version>.json). */
export function newestBundledScanPath(): string {
  const files = existsSync(bundledScansDir) ? readdirSync(bundledScansDir).filter((f) => /^linux-[\d.]+\.json$/.test(f)) : [];
  if (files.length === 0) {
    throw new GatewatchError('E_BAD_INPUT', `no bundled kernel scan in ${bundledScansDir}`, { hint: 'run `npm run bundle`, or give a tree or a scan document' });
  }
  const version = (f: string) => f.slice('linux-'.length, -'.json'.length);
  files.sort((a, b) => compareRustVersions(version(b), version(a)));
  return join(bundledScansDir, files[0]!);
}

/** A scan from a tree (scanned now), a saved scan document (`.json`), or the newest bundled scan when none is given. */
export async function collectScan(input: string | undefined, cwd: string, onProgress: ProgressListener): Promise<ScanSnapshot> {
  if (input === undefined) {
    const path = newestBundledScanPath();
    return validateDocument<ScanSnapshot>('scan', readJson(path, 'bundled scan'), path);
  }
  const path = resolve(cwd, input);
  if (input.endsWith('.json') && existsSync(path) && statSync(path).isFile()) {
    return validateDocument<ScanSnapshot>('scan', readJson(path, 'scan document'), input);
  }
  return buildScan({ tree: path, label: input, onProgress });
}

/** A registry document given with `--registry`, checked for its schema id and entries. */
export function readRegistryDocument(path: string, label: string): Registry {
  const doc = readJson(path, 'registry') as Partial<Registry> | null;
  if (!doc || doc.schema !== REGISTRY_SCHEMA || !Array.isArray(doc.features)) {
    throw new GatewatchError('E_BAD_INPUT', `${label} is not a registry document: expected schema "${REGISTRY_SCHEMA}" and a features list`, {
      hint: 'write one with `gatewatch registry --json`',
    });
  }
  return doc as Registry;
}
