import type { ReportReporter } from './common.js';
import { renderReportJson } from './json.js';
import { renderReportMarkdown } from './markdown.js';
import { renderReportSarif } from './sarif.js';
import { renderReportTerminal } from './terminal.js';
import { terminalSafe } from '../terminal-safe.js';

/** Report reporters by name: `terminal` by default, the others by their flag (`--json`, `--markdown`, `--sarif`). */
export const reportReporters = {
  terminal: terminalSafe(renderReportTerminal),
  json: renderReportJson,
  markdown: terminalSafe(renderReportMarkdown),
  sarif: renderReportSarif,
} satisfies Record<string, ReportReporter>;

export { REPORT_SECTIONS, type ReportSection } from './common.js';
