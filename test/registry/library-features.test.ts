/**
 * Issue 13 item 7: removed features stay in every toolchain's registry (`concat_idents`, removed in 1.90.0 by the
 * library's `#![unstable_removed]`), and library features outside the Unstable Book (`stdarch_*`, `libc`) come from
 * the library's own stability attributes: here, as the toolchain's docs render its sources (read with
 * hast-util-from-html and tree-sitter). Compiler checks skip without `rustc +stable`.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { Toolchain } from '../../src/registry/toolchain.js';
import { collectLibraryHtml, parseRenderedSource } from '../../src/registry/sources/toolchain-docs/library-html.js';
import { toolchainDocsSource } from '../../src/registry/sources/toolchain-docs/index.js';
import { indexRegistry } from '../../src/registry/lookup.js';
import { loadBundledRegistry } from '../../src/registry/load.js';
import { buildRegistry } from '../../src/registry/build-registry.js';
import { runCli } from '../helpers/cli.js';
import { fixture } from '../helpers/paths.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const sysroot = fixture('registry', 'docs-with-rendered-library-sources');
const html = join(sysroot, 'share', 'doc', 'rust', 'html');

describe('library sources rendered in the docs', () => {
  it('gives the code without line numbers, and the original path', () => {
    const page = parseRenderedSource(readFileSync(join(html, 'src', 'core', 'stdarch', 'crates', 'core_arch', 'src', 'x86', 'avx512fp16.rs.html'), 'utf8'))!;
    expect(page.path).toBe('library/stdarch/crates/core_arch/src/x86/avx512fp16.rs');
    expect(page.text.split('\n')[0]).toBe('#[stable(feature = "stdarch_x86_avx512", since = "1.89")]');
  });

  it('yields stable, unstable and removed library features with their places; a comment yields nothing', async () => {
    const r = await collectLibraryHtml(html, '1.97.0');
    const byName = new Map(r.facts.map((f) => [f.name, f]));
    expect(byName.get('concat_idents')).toMatchObject({ kind: 'lib', status: 'removed', since: '1.90.0', reason: 'Replaced by the macro_metavar_expr_concat feature', at: 'library/std/src/lib.rs:2' });
    expect(byName.get('stdarch_x86_avx512')).toMatchObject({ status: 'stable', since: '1.89.0', at: 'library/stdarch/crates/core_arch/src/x86/avx512fp16.rs:1' });
    expect(byName.get('stdarch_x86_avx512_f16')).toMatchObject({ status: 'unstable', trackingIssue: 127213 });
    expect(byName.has('only_in_a_comment')).toBe(false);
    expect(r.diagnostics).toEqual([]);
  });

  it('is read by the toolchain source only when asked (`registry update --library-docs`), as rust-src facts', async () => {
    const toolchain: Toolchain = { name: 'fixture', command: 'rustc', args: [], version: '1.97.0-nightly', release: '1.97.0', channel: 'nightly', sysroot };
    expect((await toolchainDocsSource.collect({ toolchain, librarySources: true }, [])).map((s) => s.source)).toEqual(['unstable-book']);
    const sets = await toolchainDocsSource.collect({ toolchain, librarySources: true, libraryDocs: true }, []);
    expect(sets.find((s) => s.source === 'rust-src')?.facts.map((f) => f.name).sort()).toEqual(['concat_idents', 'rust1', 'stdarch_x86_avx512', 'stdarch_x86_avx512_f16']);
  });
});

describe('a removed library feature in a registry build', () => {
  it('stays, with the compiler\'s release, when the compiler says removed', () => {
    const reg = buildRegistry(
      [
        { source: 'bundled', facts: [{ name: 'concat_idents', kind: 'lib', status: 'removed', since: '1.90.0' }], diagnostics: [], provenance: [] },
        { source: 'compiler', label: 'rustc 1.95.0', facts: [{ name: 'concat_idents', status: 'removed', since: '1.90.0' }], diagnostics: [], provenance: [] },
      ],
      { toolchain: { name: 'stable', version: '1.95.0' }, generatedAt: '2026-12-06T00:00:00.000Z' },
    );
    expect(indexRegistry(reg).get('concat_idents')).toMatchObject({ kind: 'lib', status: 'removed', since: '1.90.0', verified: true });
  });
});

describe('the bundled registry', () => {
  const idx = indexRegistry(loadBundledRegistry());
  it('knows concat_idents, stdarch_* and libc', () => {
    expect(idx.get('concat_idents')).toMatchObject({ kind: 'lib', status: 'removed', since: '1.90.0' });
    expect(idx.get('stdarch_x86_avx512')).toMatchObject({ kind: 'lib', status: 'stable', since: '1.89.0' });
    expect(idx.get('stdarch_x86_avx512_f16')).toMatchObject({ kind: 'lib', status: 'unstable', trackingIssue: 127213 });
    expect(idx.get('libc')).toMatchObject({ kind: 'lib', status: 'unstable', trackingIssue: 27783 });
  });

  it('keeps the kind of language features that library code gates items on', () => {
    for (const name of ['f16', 'never_type', 'naked_functions', 'track_caller']) expect(idx.get(name)?.kind, name).toBe('lang');
  });
});

const hasStable = spawnSync('rustc', ['+stable', '--version']).status === 0;
if (!hasStable) console.warn('skipping `feature --toolchain stable` checks: `rustc +stable` is not installed');

describe.skipIf(!hasStable)('gatewatch feature with the registry of stable rustc', () => {
  it('answers concat_idents (removed in 1.90.0), a stdarch feature and libc from the registry, not from a probe', async () => {
    for (const [name, status] of [['concat_idents', 'removed in 1.90.0'], ['stdarch_x86_avx512', 'stable since 1.89.0'], ['libc', 'unstable']] as const) {
      const r = await runCli(['feature', name, '--toolchain', 'stable']);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout, name).toContain(`status:         ${status} (verified by the compiler)`);
    }
  }, 240_000);
});
