/**
 * The reading half of the rust-toolchain-file source (see index.ts): one toolchain file, a channel line or TOML.
 * Loaded with the first toolchain file, so that a tree without one (a kernel tree) never loads the TOML reader.
 */
import { parse as parseToml } from 'smol-toml';
import { diagnostic, type Diagnostic } from '../../model/diagnostic.js';
import { invalidTomlDiagnostic } from '../cargo-config/toml-diagnostic.js';
import type { SourceFile } from '../types.js';

/** What one toolchain file says: a channel (`nightly-2025-01-01`), or null when it names none (e.g. a `path`). */
export interface ToolchainFileFacts {
  file: string;
  channel: string | null;
}

/** Read one toolchain file; bad TOML or a `[toolchain]` without a channel or path is a diagnostic. */
export function parseToolchainFile(file: SourceFile): { facts: ToolchainFileFacts; diagnostics: Diagnostic[] } {
  const lines = file.text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
  // Legacy form: a single line naming the toolchain, with no TOML syntax in it.
  if (file.path === 'rust-toolchain' && lines.length === 1 && !/[=[\]"]/.test(lines[0]!)) {
    return { facts: { file: file.path, channel: lines[0]! }, diagnostics: [] };
  }
  let doc: Record<string, unknown>;
  try {
    doc = parseToml(file.text) as Record<string, unknown>;
  } catch (e) {
    return { facts: { file: file.path, channel: null }, diagnostics: [invalidTomlDiagnostic('rust-toolchain-file', file.path, e, 'a `[toolchain]` table in TOML, or (in `rust-toolchain`) one channel line')] };
  }
  const toolchain = doc['toolchain'];
  const table = toolchain !== null && typeof toolchain === 'object' && !Array.isArray(toolchain) ? (toolchain as Record<string, unknown>) : null;
  const channel = table?.['channel'];
  if (typeof channel === 'string' && channel.trim() !== '') return { facts: { file: file.path, channel: channel.trim() }, diagnostics: [] };
  if (table && typeof table['path'] === 'string') return { facts: { file: file.path, channel: null }, diagnostics: [] };
  return {
    facts: { file: file.path, channel: null },
    diagnostics: [
      diagnostic('rust-toolchain-file/no-channel', 'warning', `${file.path} names no toolchain: found no \`[toolchain] channel\` string`, { file: file.path }, 'expected e.g. `[toolchain]` then `channel = "nightly-2025-01-01"`'),
    ],
  };
}
