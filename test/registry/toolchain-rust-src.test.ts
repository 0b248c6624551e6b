import { describe, expect, it } from 'vitest';
import { toolchainDocsSource } from '../../src/registry/sources/toolchain-docs/index.js';
import type { Toolchain } from '../../src/registry/toolchain.js';
import { fixture } from '../helpers/paths.js';

/** A toolchain whose sysroot is a fixture: nothing is run, only its files are read. */
const toolchain: Toolchain = { name: 'fixture', command: 'rustc', args: [], version: '1.97.0-nightly', release: '1.97.0', channel: 'nightly', sysroot: fixture('registry', 'sysroot-with-rust-src') };

describe('a toolchain with the rust-src component', () => {
  it('reads library stability attributes when asked, resolving CURRENT_RUSTC_VERSION to the toolchain release', async () => {
    const sets = await toolchainDocsSource.collect({ toolchain, librarySources: true }, []);
    const src = sets.find((s) => s.source === 'rust-src')!;
    expect(src.facts.find((f) => f.name === 'fresh_api')).toMatchObject({ kind: 'lib', status: 'stable', since: '1.97.0', at: 'library/std/src/lib.rs:6' });
    expect(src.facts.find((f) => f.name === 'documented_lib_feature')).toMatchObject({ status: 'unstable', trackingIssue: 55555 });
    expect(sets.find((s) => s.source === 'unstable-book')?.facts.map((f) => f.name)).toEqual(['documented_lib_feature']);
  });

  it('leaves the library sources alone unless asked (they are slow to read in full)', async () => {
    const sets = await toolchainDocsSource.collect({ toolchain }, []);
    expect(sets.map((s) => s.source)).toEqual(['unstable-book']);
  });
});
