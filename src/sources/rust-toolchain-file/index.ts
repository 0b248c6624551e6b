/**
 * The toolchain file of a Rust project (https://rust-lang.github.io/rustup/overrides.html#the-toolchain-file):
 * `rust-toolchain.toml` with `[toolchain] channel = "..."`, or the legacy `rust-toolchain`, which holds either
 * one plain channel line or the same TOML. Only the tree's top directory counts: the scan reports one channel.
 * When both files exist rustup uses `rust-toolchain`, and so does this source.
 */
import { diagnostic, type Diagnostic } from '../../model/diagnostic.js';
import type { ScanSource, SourceFacts } from '../types.js';
import type { ToolchainFileFacts } from './toolchain-file.js';

const FILES = ['rust-toolchain', 'rust-toolchain.toml'] as const;

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
  async collect(file): Promise<SourceFacts> {
    // The TOML reader is loaded with the first toolchain file: a kernel tree has none.
    const { parseToolchainFile } = await import('./toolchain-file.js');
    const { facts, diagnostics } = parseToolchainFile(file);
    return { pending: facts, diagnostics };
  },
  finalize(perFile): SourceFacts {
    const found = perFile.map((f) => f.pending as ToolchainFileFacts | undefined).filter((f): f is ToolchainFileFacts => f !== undefined);
    const { channel, diagnostics } = chooseToolchainChannel(found);
    return channel === null ? { diagnostics } : { toolchainChannel: channel, diagnostics };
  },
};
