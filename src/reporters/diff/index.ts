import { renderDiffJson } from './json.js';
import { renderDiffMarkdown } from './markdown.js';
import { renderDiffTerminal } from './terminal.js';

/** Diff reporters by name: `terminal` by default, the others by their flag (`--json`, `--markdown`). */
export const diffReporters = {
  terminal: renderDiffTerminal,
  json: renderDiffJson,
  markdown: renderDiffMarkdown,
};
