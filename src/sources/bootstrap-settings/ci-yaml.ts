/**
 * Environment settings in CI configuration written in YAML 1.2 (https://yaml.org/spec/1.2.2/): GitHub Actions
 * workflows (https://docs.github.com/en/actions/writing-workflows/workflow-syntax-for-github-actions#env),
 * `.gitlab-ci.yml` (https://docs.gitlab.com/ci/yaml/#variables) and `.cirrus.yml`
 * (https://cirrus-ci.org/guide/writing-tasks/#environment-variables), read with the `yaml` library. A setting is
 * a mapping key with one of the names (block or flow style, any scalar style), placed by the node's range in the
 * file; every other string scalar is a shell fragment (`run:`, `script:`) whose `NAME=value` assignments count.
 * Comments are not nodes, so a commented-out setting never counts.
 */
import { isScalar, LineCounter, parseDocument, visit, type Scalar } from 'yaml';
import { diagnostic, type Diagnostic } from '../../model/diagnostic.js';
import { collectShellSettings, type EnvSetting } from './ci-lines.js';

/** What a YAML CI file sets, or why it could not be read. */
export interface YamlSettings {
  settings: EnvSetting[];
  diagnostics: Diagnostic[];
}

/** The source text of a scalar node without its quotes, and where that text starts. */
function scalarSource(text: string, node: Scalar): { start: number; source: string } {
  const [start, end] = node.range ?? [0, 0];
  const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
  return quoted ? { start: start + 1, source: text.slice(start + 1, Math.max(start + 1, end - 1)) } : { start, source: text.slice(start, end) };
}

/** Settings of the variables in `names` in one YAML CI file; `file` names it in a diagnostic. */
export function collectYamlSettings(text: string, names: readonly string[], file: string): YamlSettings {
  const lineCounter = new LineCounter();
  // GitHub and GitLab accept duplicate keys in places (later wins); each setting still counts.
  const doc = parseDocument(text, { lineCounter, uniqueKeys: false, prettyErrors: false });
  const error = doc.errors[0];
  if (error) {
    const at = lineCounter.linePos(error.pos[0]);
    const message = `could not parse ${file} as YAML: ${error.message.split('\n')[0]}; its settings were not scanned`;
    return { settings: [], diagnostics: [diagnostic('bootstrap-settings/invalid-yaml', 'error', message, { file, line: at.line, column: at.col }, 'expected a YAML document')] };
  }
  const settings: EnvSetting[] = [];
  // A pair is visited before its value, so a setting's own value is never read again as shell.
  const settingValues = new Set<Scalar>();
  visit(doc, {
    Pair(_, pair) {
      if (!isScalar(pair.key) || typeof pair.key.value !== 'string' || !names.includes(pair.key.value)) return;
      const value = pair.value;
      if (!isScalar(value)) return;
      settingValues.add(value);
      // `NAME:` with nothing after it is null: the variable has no value here.
      if (value.value === null || value.value === undefined) return;
      const { start, source } = scalarSource(text, value);
      settings.push({ name: pair.key.value, value: String(value.value), nameOffset: pair.key.range?.[0] ?? start, valueOffset: start, source });
    },
    Scalar(key, node) {
      if (key === 'key' || settingValues.has(node) || typeof node.value !== 'string') return;
      const { start, source } = scalarSource(text, node);
      settings.push(...collectShellSettings(source, names, start));
    },
  });
  return { settings, diagnostics: [] };
}
