/**
 * The toolchain file of a Rust project (https://rust-lang.github.io/rustup/overrides.html#the-toolchain-file):
 * `rust-toolchain.toml` with `[toolchain] channel = "..."`, or the legacy `rust-toolchain`, which holds either
 * one plain channel line or the same TOML. Only the tree's top directory counts: the scan reports one channel.
 * When both files exist rustup uses `rust-toolchain`, and so does this source.
 */
import { parse as parseToml } from 'smol-toml';
import { diagnostic, type Diagnostic } from '../../model/diagnostic.js';
import { invalidTomlDiagnostic } from '../cargo-config/toml-diagnostic.js';
import type { ScanSource, SourceFacts, SourceFile } from '../types.js';

/** What one toolchain file says: a channel (`nightly-2025-01-01`), or null when it names none (e.g. a `path`). */
export interface ToolchainFileFacts {
  file: string;
  channel: string | null;
}

const FILES = ['rust-toolchain', 'rust-toolchain.toml'] as const;

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

/** The channel rustup would use from the files found: `rust-toolchain` wins over `rust-toolchain.toml`. */
export function chooseToolchainChannel(found: readonly ToolchainFileFacts[]): { channel: string | null; diagnostics: Diagnostic[] } {
  const byName = new Map(found.map((f) => [f.file, f]));
  const used = FILES.map((name) => byName.get(name)).find((f) => f !== undefined);
  const diagnostics: Diagnostic[] = [];
  if (byName.has('rust-toolchain') && byName.has('rust-toolchain.toml')) {
    diagnostics.push(
      diagnostic('rust-toolchain-file/both-present', 'info', 'both rust-toolchain and rust-toolchain.toml exist; rustup uses rust-toolchain, so the scan does too', { file: 'rust-toolchain.toml' }, 'keep one toolchain file'),
    );
  }
  return { channel: used?.channel ?? null, diagnostics };
}

/** The scan source for the top directory's `rust-toolchain(.toml)`. */
export const rustToolchainFile: ScanSource = {
  name: 'rust-toolchain-file',
  interest: { names: ['rust-toolchain', 'rust-toolchain.toml'] },
  wants: (path) => path === 'rust-toolchain' || path === 'rust-toolchain.toml',
  collect(file): SourceFacts {
    const { facts, diagnostics } = parseToolchainFile(file);
    return { pending: facts, diagnostics };
  },
  finalize(perFile): SourceFacts {
    const found = perFile.map((f) => f.pending as ToolchainFileFacts | undefined).filter((f): f is ToolchainFileFacts => f !== undefined);
    const { channel, diagnostics } = chooseToolchainChannel(found);
    return channel === null ? { diagnostics } : { toolchainChannel: channel, diagnostics };
  },
};
