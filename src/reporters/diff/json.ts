import type { DiffDocument } from '../../model/history.js';
import type { Reporter } from '../types.js';

/** `--json`: the diff document itself (schema gatewatch/diff@1). */
export const renderDiffJson: Reporter<DiffDocument> = (d) => ({ output: JSON.stringify(d, null, 2) + '\n', exitCode: 0 });
