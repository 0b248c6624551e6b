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
export function resolveCheckInputs(request: { input: string; baseline: string; write: boolean; cwd: string }): CheckInputs {
  return {
    scan: resolveScanInput({ input: request.input, cwd: request.cwd, accept: ['tree', 'document'] }),
    baseline: { path: resolve(request.cwd, request.baseline), label: request.baseline },
    write: request.write,
  };
}

/** The scan, and the baseline to check it against (null when it is to be written). */
export async function buildCheckInputs(inputs: CheckInputs, options: { onScanProgress?: ProgressListener; store?: Store | undefined }): Promise<{ scan: ScanSnapshot; baseline: Baseline | null }> {
  // A missing or broken baseline fails before the scan: CI learns of a wrong path at once.
  const baseline = inputs.write ? null : readBaseline(inputs.baseline.path, inputs.baseline.label);
  const scan = await buildScanInput(inputs.scan, { ...(options.onScanProgress ? { onProgress: options.onScanProgress } : {}), store: options.store });
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
