import type { LinkedRoadmap } from '../../model/roadmap.js';
import { terminalSafe } from '../terminal-safe.js';
import type { Reporter } from '../types.js';
import { renderRoadmapJson } from './json.js';
import { renderProjectGoals } from './project-goals.js';
import { renderRoadmapText } from './text.js';
import { renderWantedList } from './wanted-list.js';

/** Renderers of `gatewatch roadmap render --format <name>`. */
export const roadmapRenderers = {
  'project-goals': terminalSafe(renderProjectGoals),
  'wanted-list': terminalSafe(renderWantedList),
  json: renderRoadmapJson,
  text: terminalSafe(renderRoadmapText),
} satisfies Record<string, Reporter<LinkedRoadmap>>;

/** A renderer name. */
export type RoadmapFormat = keyof typeof roadmapRenderers;

export { roadmapCheckReporters } from './check.js';
