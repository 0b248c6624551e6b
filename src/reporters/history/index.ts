import { renderHistoryCsv } from './csv.js';
import { renderHistoryJson } from './json.js';
import { renderHistoryMarkdown } from './markdown.js';
import { renderHistoryTerminal } from './terminal.js';

/** History reporters by name: `terminal` by default, the others by their flag (`--json`, `--csv`, `--markdown`). */
export const historyReporters = {
  terminal: renderHistoryTerminal,
  json: renderHistoryJson,
  csv: renderHistoryCsv,
  markdown: renderHistoryMarkdown,
};
