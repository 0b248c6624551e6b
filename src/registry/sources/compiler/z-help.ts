/**
 * `-Z` flags from `rustc -Z help` (https://doc.rust-lang.org/nightly/unstable-book/compiler-flags.html): one line
 * per flag, `    -Z   name=val -- help text`, continuation lines indented further.
 */
import { diagnostic } from '../../../model/diagnostic.js';
import { cleanEnv, runCommand, toolchainLabel, type Toolchain } from '../../toolchain.js';
import type { FeatureFact, RegistryFacts } from '../../types.js';

/** Parse the text of `rustc -Z help` into flag facts (pure). */
export function parseZHelp(text: string): FeatureFact[] {
  const out: FeatureFact[] = [];
  for (const line of text.split('\n')) {
    const m = /^\s*-Z\s+([A-Za-z0-9_-]+)(?:=val)?\s+--\s+(.*)$/.exec(line);
    if (!m) continue;
    out.push({ name: `-Z${m[1]!.replace(/_/g, '-')}`, kind: 'flag', status: 'unstable', since: null, help: m[2]!.trim(), at: 'rustc -Z help' });
  }
  return out;
}

/** Run `rustc -Z help` (with RUSTC_BOOTSTRAP=1 so stable compilers answer) and collect its flags. */
export async function collectZHelp(toolchain: Toolchain): Promise<RegistryFacts> {
  const r = await runCommand(toolchain.command, [...toolchain.args, '-Z', 'help'], { env: cleanEnv({ RUSTC_BOOTSTRAP: '1' }) });
  const facts = r.code === 0 ? parseZHelp(r.stdout) : [];
  const diagnostics = facts.length === 0
    ? [diagnostic('registry/z-help-empty', 'warning', `${toolchainLabel(toolchain)} listed no -Z flags with \`-Z help\` (exit ${r.code}); expected lines of the form \`-Z name=val -- help\``)]
    : [];
  return { source: 'rustc-z-help', label: toolchainLabel(toolchain), facts, diagnostics, provenance: [{ source: 'rustc-z-help', detail: `${toolchainLabel(toolchain)}: ${facts.length} -Z flags` }] };
}
