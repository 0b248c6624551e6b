import { readFileSync } from 'node:fs';

/** gatewatch's own version, from package.json (read once). */
export const GATEWATCH_VERSION: string = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;
