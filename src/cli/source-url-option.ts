import { DEFAULT_SOURCE_URL, isSourceUrlTemplate } from '../analyses/source-url.js';
import { GatewatchError } from '../core/errors.js';

/** Help text of `--source-url`, shared by `report` and `site`. */
export const SOURCE_URL_HELP = `link each use to its line with this URL template ({version}, {file}, {line}); e.g. ${DEFAULT_SOURCE_URL}`;

/** `--source-url`: a template that names the file; anything else is a usage error. */
export function parseSourceUrl(template: string | undefined): string | undefined {
  if (template === undefined || isSourceUrlTemplate(template)) return template;
  throw new GatewatchError('E_USAGE', `--source-url expects a URL template with {file} (and {line}, {version}), such as ${DEFAULT_SOURCE_URL}; received \`${template}\``);
}
