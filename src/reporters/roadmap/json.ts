import type { LinkedRoadmap } from '../../model/roadmap.js';
import type { Reporter } from '../types.js';

/** `--json` / `render --format json`: the linked roadmap document. */
export const renderRoadmapJson: Reporter<LinkedRoadmap> = (r) => ({ output: JSON.stringify(r, null, 2) + '\n', exitCode: 0 });
