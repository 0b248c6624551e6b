import { describe, expect, it } from 'vitest';
import { collectRustCheckout } from '../../src/registry/sources/rust-checkout/index.js';
import type { FeatureFact } from '../../src/registry/types.js';
import { fixture } from '../helpers/paths.js';

const checkout = fixture('registry', 'checkout-with-tricky-entries');
const facts = await collectRustCheckout(checkout);
const get = (name: string): FeatureFact | undefined => facts.facts.find((f) => f.name === name);

describe('rust checkout: declare_features! tables', () => {
  it('reads unstable, incomplete and internal gates with their tracking issues', () => {
    expect(get('rustc_attrs')).toMatchObject({ kind: 'lang', status: 'internal', trackingIssue: null, since: null });
    expect(get('generic_const_exprs')).toMatchObject({ kind: 'lang', status: 'incomplete', trackingIssue: 76560 });
    expect(get('arbitrary_self_types')).toMatchObject({ status: 'unstable', trackingIssue: 44874, at: 'compiler/rustc_feature/src/unstable.rs:24' });
  });

  it('gives no entry for comments, doc comments or the macro_rules! pattern', () => {
    expect(get('commented_out_gate')).toBeUndefined();
    expect(get('doc_comment_gate')).toBeUndefined();
    expect(get('feature')).toBeUndefined();
  });

  it('resolves CURRENT_RUSTC_VERSION from src/version for stable entries', () => {
    expect(get('just_stabilized')).toMatchObject({ status: 'stable', since: '1.90.0', trackingIssue: 150002 });
    expect(get('let_chains')).toMatchObject({ status: 'stable', since: '1.88.0', trackingIssue: 53667 });
    // An unstable entry's version is when the gate was added, not a release that changed its status.
    expect(get('brand_new_gate')).toMatchObject({ status: 'unstable', since: null });
  });

  it('reads removal reasons split over lines, raw strings, renames and pull requests', () => {
    expect(get('box_syntax')).toMatchObject({ status: 'removed', since: '1.70.0', reason: 'replaced with `#[rustc_box]`', pull: 108471 });
    expect(get('split_reason_gate')?.reason).toBe('feature needs overhaul and reimplementation pending better implied bounds support');
    expect(get('split_reason_gate')?.pull).toBe(133768);
    expect(get('raw_reason_gate')?.reason).toBe('renamed to sanitize(xyz = "on|off")');
    expect(get('raw_reason_gate')?.renamedTo).toBeUndefined();
    expect(get('generators')).toMatchObject({ renamedTo: 'coroutines', since: '1.75.0' });
    expect(get('managed_boxes')).toMatchObject({ status: 'removed', trackingIssue: null });
    expect(get('managed_boxes')?.reason).toBeUndefined();
  });

  it('reports an entry it cannot read, with its place, and goes on', () => {
    const d = facts.diagnostics.find((x) => x.code === 'registry/bad-feature-entry');
    expect(d).toMatchObject({ file: 'compiler/rustc_feature/src/unstable.rs', line: 26 });
    expect(d?.message).toContain('"quoted_name"');
  });
});

describe('rust checkout: -Z options', () => {
  it('reads only the options! table of "Z", including entries after an attribute, help on the first line', () => {
    expect(get('-Zbinary-dep-depinfo')).toMatchObject({ kind: 'flag', help: 'include artifacts (sysroot, crate dependencies) used during compilation in dep-info (default: no)' });
    expect(get('-Zbranch-protection')?.help).toContain('AArch64');
    expect(get('-Zcrate-attr')).toBeDefined();
    expect(get('-Zjump-tables')).toBeUndefined();
  });
});

describe('rust checkout: library stability attributes', () => {
  it('reads multi-line attributes, const attributes and attributes inside macro_rules! bodies', () => {
    expect(get('split_attribute_feature')).toMatchObject({ kind: 'lib', status: 'unstable', trackingIssue: 12345, at: 'library/core/src/lib.rs:7' });
    expect(get('const_thing')).toMatchObject({ status: 'unstable', trackingIssue: 67890 });
    expect(get('macro_body_feature')).toMatchObject({ status: 'unstable', trackingIssue: 24680 });
    expect(get('const_new_api')).toMatchObject({ status: 'stable', since: '1.85.0' });
  });

  it('resolves CURRENT_RUSTC_VERSION, treats issue = "none" as no issue, and *_internal/core_intrinsics as internal', () => {
    expect(get('new_api')).toMatchObject({ status: 'stable', since: '1.90.0' });
    expect(get('core_intrinsics')).toMatchObject({ status: 'internal', trackingIssue: null });
  });

  it('ignores comments, strings and test directories; reports an attribute without a feature', () => {
    expect(get('in_a_comment')).toBeUndefined();
    expect(get('in_a_string')).toBeUndefined();
    expect(get('test_dir_feature')).toBeUndefined();
    expect(facts.diagnostics.find((d) => d.code === 'registry/bad-stability-attribute')).toMatchObject({ file: 'library/core/src/lib.rs', line: 34 });
  });
});

describe('rust checkout: not a checkout', () => {
  it('fails with E_NO_TREE', async () => {
    await expect(collectRustCheckout(fixture('registry'))).rejects.toMatchObject({ code: 'E_NO_TREE' });
  });
});
