import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { collectCargoManifest } from '../../src/sources/cargo-manifest/manifest-file.js';
import { fixture } from '../helpers/paths.js';

const read = (path: string) => ({ path, text: readFileSync(fixture('cargo', 'cargo-features', path), 'utf8') });

describe('cargo-manifest source', () => {
  it('reports each cargo-features name at its own line, and -Z flags of a profile under that profile', () => {
    const facts = collectCargoManifest(read('Cargo.toml'), 'cargo_features_demo');
    expect(facts.diagnostics).toEqual([]);
    expect(facts.occurrences!.map((o) => `${o.kind} ${o.name}=${o.value ?? '-'} ${o.file}:${o.line}:${o.column} ${o.tool} [${o.condition ?? ''}] ${o.via} ${o.crate}`)).toEqual([
      'feature profile-rustflags=- Cargo.toml:2:6 cargo [] cargo-manifest cargo_features_demo',
      'feature codegen-backend=- Cargo.toml:3:6 cargo [] cargo-manifest cargo_features_demo',
      // `-Zin-a-comment` sits in a comment; `-Cpanic=abort` is stable.
      'flag -Zshare-generics=y Cargo.toml:16:15 rustc [profile release] cargo-manifest cargo_features_demo',
    ]);
  });

  it('ignores cargo-features text in comments and strings of a member manifest', () => {
    const facts = collectCargoManifest(read('member-crate/Cargo.toml'), 'member_crate');
    expect(facts.occurrences!.map((o) => `${o.name} ${o.line}:${o.column}`)).toEqual(['trim-paths 1:20']);
  });

  it('reports invalid TOML and a cargo-features value that is not a list of names', () => {
    const bad = collectCargoManifest({ path: 'Cargo.toml', text: '[package\nname = "x"\n' }, null);
    expect(bad.diagnostics).toEqual([expect.objectContaining({ code: 'cargo-manifest/invalid-toml', file: 'Cargo.toml', line: 1 })]);
    const odd = collectCargoManifest({ path: 'Cargo.toml', text: 'cargo-features = "edition2024"\n' }, null);
    expect(odd.occurrences).toEqual([]);
    expect(odd.diagnostics).toEqual([expect.objectContaining({ code: 'cargo-manifest/unexpected-value', line: 1, message: 'cargo-features is a string; expected an array of feature names' })]);
  });
});
