/**
 * Links from an occurrence to its line in a kernel source browser. Pure: the report's Markdown, the dashboard's
 * pages and the browser use the same template.
 */

/** Elixir's URL of a line of a kernel release: what `--source-url` is by default. */
export const DEFAULT_SOURCE_URL = 'https://elixir.bootlin.com/linux/v{version}/source/{file}#L{line}';

/** Whether a template names the file; one without `{file}` would link every occurrence to the same page. */
export function isSourceUrlTemplate(template: string): boolean {
  return template.includes('{file}') && /^(https?:\/\/|\.{0,2}\/)/.test(template);
}

/**
 * The URL of one line; null without a kernel version when the template needs one. `{version}` drops a trailing
 * `.0` so that `6.12.0` links to the tag `v6.12`, as kernel tags are written.
 */
export function computeSourceUrl(template: string, place: { version: string | null; file: string; line: number }): string | null {
  if (template.includes('{version}') && !place.version) return null;
  const version = (place.version ?? '').replace(/^(\d+\.\d+)\.0$/, '$1');
  const file = place.file.split('/').map(encodeURIComponent).join('/');
  return template.replaceAll('{version}', encodeURIComponent(version)).replaceAll('{file}', file).replaceAll('{line}', String(place.line));
}
