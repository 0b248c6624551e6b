import { readFileSync } from 'node:fs';
import { packageFileUrl } from './package-root.js';

/** gatewatch's own version, from package.json (read once). */
export const GATEWATCH_VERSION: string = (
  JSON.parse(readFileSync(packageFileUrl('package.json'), 'utf8')) as { version: string }
).version;
