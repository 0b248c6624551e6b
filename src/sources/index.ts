import type { ScanSource } from './types.js';

/** Every source of scan facts, one folder each. Adding a mechanism means adding a source here. */
export const scanSources: ScanSource[] = [];
