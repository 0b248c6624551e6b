import { EXIT } from '../../core/errors.js';
import type { RoadmapCheck } from '../../model/roadmap.js';
import { renderDiagnosticLines } from '../diagnostics.js';
import { terminalSafe } from '../terminal-safe.js';
import type { Reporter } from '../types.js';

const exitCode = (c: RoadmapCheck) => (c.passed ? EXIT.ok : EXIT.findings);

/** `roadmap check`: every problem with file:line, then a count; exit 1 when the check fails. */
const renderRoadmapCheckText: Reporter<RoadmapCheck> = (c, { colour }) => {
  const out = [...renderDiagnosticLines(c.problems, colour), `${c.inputs.length} file(s) checked: ${c.errors} error(s), ${c.warnings} warning(s)`];
  return { output: out.join('\n') + '\n', exitCode: exitCode(c) };
};

/** `roadmap check --json`: the check document (schema gatewatch/roadmap-check@1), with the same exit code. */
const renderRoadmapCheckJson: Reporter<RoadmapCheck> = (c) => ({ output: JSON.stringify(c, null, 2) + '\n', exitCode: exitCode(c) });

/** `roadmap check` reporters by name. */
export const roadmapCheckReporters = { text: terminalSafe(renderRoadmapCheckText), json: renderRoadmapCheckJson } satisfies Record<string, Reporter<RoadmapCheck>>;
