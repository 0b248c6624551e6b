import { EXIT } from '../../core/errors.js';
import type { BaselineDiff } from '../../model/report.js';

/** Every `check` reporter fails the same way: exit 1 when the tree uses a gate the baseline lacks. */
export const checkExitCode = (d: BaselineDiff): number => (d.added.length > 0 ? EXIT.findings : EXIT.ok);
