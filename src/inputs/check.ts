/**
 * The inputs of `gatewatch check`: the tree (or scan document) and the baseline of allowed gates, which must be a
 * valid gatewatch/baseline@1 document unless it is about to be written.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { GatewatchError, isGatewatchError } from '../core/errors.js';
import type { ProgressListener } from '../core/progress.js';
import { validateDocument } from '../core/schemas.js';
import { BASELINE_SCHEMA, type Baseline } from '../model/report.js';
import type { ScanSnapshot } from '../model/scan.js';
import type { Store } from '../store/store.js';
import { buildScanInput, resolveScanInput, type ScanInput } from './scan.js';

const WRITE_HINT = 'write one with `gatewatch check <tree> --baseline <file> --write-baseline`';

/** Where the scan and the baseline come from, and whether the baseline is read or written. */
export interface CheckInputs {
  scan: ScanInput;
  baseline: { path: string; label: string };
  write: boolean;
}

/** Decide what `check` reads; the baseline file is only named here, read by `buildCheckInputs`. */
export function resolveCheckInputs(request: { input: string; baseline: string; write: boolean; cwd: string; rev?: string | undefined; label?: string | undefined }): CheckInputs {
  return {
    scan: resolveScanInput({ input: request.input, rev: request.rev, label: request.label, cwd: request.cwd, accept: ['tree', 'document'] }),
    baseline: { path: resolve(request.cwd, request.baseline), label: request.baseline },
    write: request.write,
  };
}

/** The scan, and the baseline to check it against (null when it is to be written). */
export async function buildCheckInputs(inputs: CheckInputs, options: { onScanProgress?: ProgressListener; store?: Store | undefined }): Promise<{ scan: ScanSnapshot; baseline: Baseline | null }> {
  // A missing or broken baseline fails before the scan: CI learns of a wrong path at once.
  const baseline = inputs.write ? null : readBaseline(inputs.baseline.path, inputs.baseline.label);
  const scan = await buildScanInput(inputs.scan, { ...(options.onScanProgress ? { onProgress: options.onScanProgress } : {}), store: options.store });
  refuseScan(scan, inputs.scan.label, baseline);
  return { scan, baseline };
}

/** Read a baseline, checking it against schemas/baseline.schema.json so a wrong file fails with its name and the first bad field. */
function readBaseline(path: string, label: string): Baseline {
  if (!existsSync(path)) {
    throw new GatewatchError('E_BAD_INPUT', `baseline ${label} does not exist`, { hint: WRITE_HINT });
  }
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(path, 'utf8'));
  } catch (cause) {
    throw new GatewatchError('E_BAD_INPUT', `baseline ${label} is not JSON`, { cause });
  }
  const schema = (doc as Partial<Baseline> | null)?.schema;
  if (schema !== BASELINE_SCHEMA) {
    throw new GatewatchError('E_BAD_INPUT', `baseline ${label} is not valid: expected schema "${BASELINE_SCHEMA}", received ${JSON.stringify(schema)}`, { hint: WRITE_HINT });
  }
  try {
    return validateDocument<Baseline>('baseline', doc, label);
  } catch (e) {
    throw isGatewatchError(e) ? new GatewatchError(e.code, e.message, { hint: WRITE_HINT }) : e;
  }
}

/**
 * A scan `check` must not pass green on: a tree with nothing to check (a mistyped path in CI), or a tree of another
 * kind than the one the baseline was written from (exit 2, as a usage error).
 */
function refuseScan(scan: ScanSnapshot, label: string, baseline: Baseline | null): void {
  // A tree that is neither a kernel nor a Cargo workspace and uses no gate is, in CI, most likely a wrong path.
  if (scan.treeKind === 'rust' && scan.occurrences.length === 0) {
    throw new GatewatchError('E_BAD_INPUT', `no Rust or kernel sources in ${label}: not a kernel tree or Cargo workspace, and no gate found; nothing to check`, {
      hint: 'give the kernel tree or Cargo workspace the baseline was written from',
    });
  }
  if (baseline?.treeKind !== undefined && baseline.treeKind !== scan.treeKind) {
    const kind = (k: string) => (k === 'kernel' ? 'a kernel tree' : k === 'cargo' ? 'a Cargo workspace' : 'a tree of Rust files');
    throw new GatewatchError('E_BAD_INPUT', `${label} is ${kind(scan.treeKind)}, but the baseline was written from ${kind(baseline.treeKind)} (${baseline.tree})`, {
      hint: 'check the tree the baseline was written from, or write a new baseline with --write-baseline',
    });
  }
}
