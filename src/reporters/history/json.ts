import type { HistoryDocument } from '../../model/history.js';
import type { Reporter } from '../types.js';

/** `--json`: the history document itself (schema gatewatch/history@1). */
export const renderHistoryJson: Reporter<HistoryDocument> = (h) => ({ output: JSON.stringify(h, null, 2) + '\n', exitCode: 0 });
