import type { ReportReporter } from './common.js';
import { renderReportJson } from './json.js';
import { renderReportMarkdown } from './markdown.js';
import { renderReportSarif } from './sarif.js';
import { renderReportTerminal } from './terminal.js';

/** Report reporters by name: `terminal` by default, the others by their flag (`--json`, `--markdown`, `--sarif`). */
export const reportReporters = {
  terminal: renderReportTerminal,
  json: renderReportJson,
  markdown: renderReportMarkdown,
  sarif: renderReportSarif,
} satisfies Record<string, ReportReporter>;

/** Names of the report reporters. */
type ReportFormat = keyof typeof reportReporters;

export { REPORT_SECTIONS, type ReportSection } from './common.js';
