import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { chooseToolchainChannel, rustToolchainFile } from '../../src/sources/rust-toolchain-file/index.js';
import { parseToolchainFile } from '../../src/sources/rust-toolchain-file/toolchain-file.js';
import type { ScanContext } from '../../src/sources/types.js';
import { fixture } from '../helpers/paths.js';

const ctx: ScanContext = { treeKind: 'cargo', hasFile: () => false };

describe('rust-toolchain-file source', () => {
  it('reads the channel of rust-toolchain.toml', async () => {
    const file = { path: 'rust-toolchain.toml', text: readFileSync(fixture('cargo', 'rust-toolchain-toml-nightly', 'rust-toolchain.toml'), 'utf8') };
    const facts = await rustToolchainFile.collect(file, ctx);
    expect(await rustToolchainFile.finalize!([facts], ctx)).toEqual({ toolchainChannel: 'nightly-2025-01-01', diagnostics: [] });
  });

  it('reads the plain channel line of a legacy rust-toolchain file, and TOML in it too', () => {
    const text = readFileSync(fixture('cargo', 'rust-toolchain-plain-line', 'rust-toolchain'), 'utf8');
    expect(parseToolchainFile({ path: 'rust-toolchain', text }).facts.channel).toBe('nightly-2024-06-30');
    expect(parseToolchainFile({ path: 'rust-toolchain', text: '[toolchain]\nchannel = "1.85.0"\n' }).facts.channel).toBe('1.85.0');
  });

  it('prefers rust-toolchain over rust-toolchain.toml, as rustup does, and says so', () => {
    const chosen = chooseToolchainChannel([
      { file: 'rust-toolchain.toml', channel: 'nightly-2025-01-01' },
      { file: 'rust-toolchain', channel: 'stable' },
    ]);
    expect(chosen.channel).toBe('stable');
    expect(chosen.diagnostics).toEqual([expect.objectContaining({ code: 'rust-toolchain-file/both-present', severity: 'info' })]);
  });

  it('reports bad TOML and a toolchain table without a channel; a path toolchain is no channel and no problem', () => {
    expect(parseToolchainFile({ path: 'rust-toolchain.toml', text: '[toolchain\n' }).diagnostics).toEqual([
      expect.objectContaining({ code: 'rust-toolchain-file/invalid-toml', file: 'rust-toolchain.toml', line: 1 }),
    ]);
    expect(parseToolchainFile({ path: 'rust-toolchain.toml', text: '[toolchain]\ncomponents = ["rustfmt"]\n' }).diagnostics).toEqual([
      expect.objectContaining({ code: 'rust-toolchain-file/no-channel' }),
    ]);
    expect(parseToolchainFile({ path: 'rust-toolchain.toml', text: '[toolchain]\npath = "toolchains/local"\n' })).toEqual({
      facts: { file: 'rust-toolchain.toml', channel: null },
      diagnostics: [],
    });
  });

  it('only wants the top directory files', () => {
    expect(rustToolchainFile.wants('rust-toolchain.toml', ctx)).toBe(true);
    expect(rustToolchainFile.wants('rust-toolchain', ctx)).toBe(true);
    expect(rustToolchainFile.wants('vendor/x/rust-toolchain.toml', ctx)).toBe(false);
  });
});
