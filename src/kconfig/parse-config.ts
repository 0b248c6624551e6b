/**
 * A kernel `.config` file, as `make olddefconfig` writes it:
 * https://www.kernel.org/doc/html/latest/kbuild/kconfig.html (lines `CONFIG_X=y|m|"text"|123` and
 * `# CONFIG_X is not set`). Pure: text in, values and diagnostics out.
 */
import { diagnostic, type Diagnostic } from '../model/diagnostic.js';

/** Values of a configuration by symbol (`CONFIG_X` -> `y`, strings without their quotes); unset symbols are `n`. */
export interface KernelConfig {
  values: Record<string, string>;
  diagnostics: Diagnostic[];
}

const SET = /^(CONFIG_[A-Za-z0-9_]+)=(.*)$/;
const NOT_SET = /^# (CONFIG_[A-Za-z0-9_]+) is not set$/;

/** Parse the text of a `.config`; a line that is neither an assignment nor a comment is a diagnostic. */
export function parseKernelConfig(text: string, file: string): KernelConfig {
  const values: Record<string, string> = {};
  const diagnostics: Diagnostic[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (line === '') return;
    const unset = NOT_SET.exec(line);
    if (unset) {
      values[unset[1]!] = 'n';
      return;
    }
    if (line.startsWith('#')) return;
    const m = SET.exec(line);
    if (!m) {
      diagnostics.push(
        diagnostic('kconfig/bad-line', 'warning', `could not read line ${i + 1} of ${file}: expected CONFIG_NAME=value, received \`${line.slice(0, 60)}\``, { file, line: i + 1 }),
      );
      return;
    }
    const v = m[2]!;
    values[m[1]!] = v.length >= 2 && v.startsWith('"') && v.endsWith('"') ? v.slice(1, -1).replace(/\\(["\\])/g, '$1') : v;
  });
  return { values, diagnostics };
}
