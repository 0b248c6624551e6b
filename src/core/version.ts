import { readFileSync } from 'node:fs';
import { packageFileUrl } from './package-root.js';

const manifest = JSON.parse(readFileSync(packageFileUrl('package.json'), 'utf8')) as { version: string; homepage?: string };

/** gatewatch's own version, from package.json. */
export const GATEWATCH_VERSION: string = manifest.version;

/** Where gatewatch is described (package.json `homepage`): SARIF's `informationUri`. */
export const GATEWATCH_HOMEPAGE: string = manifest.homepage ?? 'https://www.npmjs.com/package/gatewatch';
