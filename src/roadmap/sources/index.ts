import { gatewatchTomlSource } from './gatewatch-toml/index.js';
import { projectGoalsSource } from './project-goals/index.js';
import type { RoadmapFile, RoadmapSource } from './types.js';
import { wantedListSource } from './wanted-list/index.js';

/** Every roadmap format, in the order they are asked whether they read a file. */
export const roadmapSources: RoadmapSource[] = [gatewatchTomlSource, projectGoalsSource, wantedListSource];

/** The source that reads this file, or undefined when none recognises it. */
export function sourceFor(file: RoadmapFile): RoadmapSource | undefined {
  return roadmapSources.find((s) => s.detect(file));
}
