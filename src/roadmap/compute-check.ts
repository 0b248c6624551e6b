/** `roadmap check`: the problems of a linked roadmap and whether they fail the check. Pure. */
import { ROADMAP_CHECK_SCHEMA, type LinkedRoadmap, type RoadmapCheck } from '../model/roadmap.js';

/** Every diagnostic and finding, by file and line; errors fail, and conflicts (warning findings) with `failOnConflicts`. */
export function computeRoadmapCheck(r: LinkedRoadmap, options: { failOnConflicts: boolean }): RoadmapCheck {
  const problems = [...r.diagnostics, ...r.findings].sort((a, b) => (a.file ?? '').localeCompare(b.file ?? '') || (a.line ?? 0) - (b.line ?? 0));
  const errors = problems.filter((d) => d.severity === 'error').length;
  const warnings = problems.filter((d) => d.severity === 'warning').length;
  const conflicts = r.findings.some((f) => f.severity === 'warning');
  return {
    schema: ROADMAP_CHECK_SCHEMA,
    inputs: r.inputs,
    against: r.against,
    problems,
    errors,
    warnings,
    failOnConflicts: options.failOnConflicts,
    passed: errors === 0 && !(options.failOnConflicts && conflicts),
  };
}
