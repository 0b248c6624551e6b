import type { Registry } from '../../model/registry.js';

/** The registry as a file for the repository: one line per entry, so a regenerated file diffs by name. */
export function renderRegistryFile(r: Registry): string {
  const list = (xs: unknown[]) => (xs.length === 0 ? '[]' : `[\n${xs.map((x) => `  ${JSON.stringify(x)}`).join(',\n')}\n ]`);
  const { features, provenance, diagnostics, ...head } = r;
  const fields = [...Object.entries(head).map(([k, v]) => ` ${JSON.stringify(k)}: ${JSON.stringify(v)}`), ` "provenance": ${list(provenance)}`, ` "features": ${list(features)}`, ` "diagnostics": ${list(diagnostics)}`];
  return `{\n${fields.join(',\n')}\n}\n`;
}
