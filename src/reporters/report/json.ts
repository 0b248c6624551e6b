import type { ReportDocument } from '../../model/report.js';
import type { Reporter } from '../types.js';

/** `--json`: the report document itself (schema gatewatch/report@1). */
export const renderReportJson: Reporter<ReportDocument> = (r) => ({ output: JSON.stringify(r, null, 2) + '\n', exitCode: 0 });
