import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isFeatureIdentifier, parseProbeOutput, renderProbeCrate } from '../../src/registry/sources/compiler/probe-batch.js';
import { parseZHelp } from '../../src/registry/sources/compiler/z-help.js';
import { fixture } from '../helpers/paths.js';

const dir = fixture('registry', 'probe-output-each-diagnostic');
const names = readFileSync(`${dir}/names.txt`, 'utf8').trim().split('\n');
const { results, unread } = parseProbeOutput(names, readFileSync(`${dir}/stderr.jsonl`, 'utf8'));

describe('probe crate', () => {
  it('puts name i on line i+1, before the extern crates that proc_macro and test features need', () => {
    const lines = renderProbeCrate(['a', 'b']).split('\n');
    expect(lines.slice(0, 2)).toEqual(['#![feature(a)]', '#![feature(b)]']);
    expect(lines).toContain('extern crate proc_macro;');
    expect(lines).toContain('extern crate test;');
  });
  it('refuses names that would abort the whole batch', () => {
    expect(isFeatureIdentifier('let_chains')).toBe(true);
    expect(isFeatureIdentifier('type')).toBe(false);
    expect(isFeatureIdentifier('a-b')).toBe(false);
    expect(isFeatureIdentifier('x)] #![y')).toBe(false);
  });
});

describe('reading rustc JSON diagnostics of a probe', () => {
  it('maps E0557 (which does not name the feature) by line, with release, pull request and reason', () => {
    expect(results.get('box_syntax')).toEqual({ name: 'box_syntax', status: 'removed', since: '1.70.0', pull: 108471, reason: 'replaced with `#[rustc_box]`' });
  });
  it('reads stable_features, incomplete_features (with its issue) and internal_features', () => {
    expect(results.get('associated_consts')).toMatchObject({ status: 'stable', since: '1.20.0' });
    expect(results.get('generic_const_exprs')).toMatchObject({ status: 'incomplete', trackingIssue: 76560 });
    expect(results.get('rustc_attrs')).toMatchObject({ status: 'internal' });
  });
  it('reads a partial stabilisation as stable from that release, keeping the successor', () => {
    expect(results.get('const_btree_new')).toEqual({
      name: 'const_btree_new',
      status: 'stable',
      since: '1.66.0',
      reason: 'has been partially stabilized since 1.66.0 and is succeeded by the feature `const_btree_len`',
    });
  });
  it('reads E0635 as unknown, and says nothing of names without a diagnostic (they are unstable)', () => {
    expect(results.get('no_such_gate')?.status).toBe('unknown');
    expect(results.get('stdarch_arm_neon_intrinsics')?.status).toBe('unknown');
    expect(results.has('allocator_api')).toBe(false);
    expect(unread).toEqual([]);
  });
});

describe('rustc -Z help', () => {
  const flags = parseZHelp(readFileSync(fixture('registry', 'z-help-with-continuation-lines', 'z-help.txt'), 'utf8'));
  it('reads one flag per option line, -Zdash-form, with help text, skipping continuation lines', () => {
    expect(flags.map((f) => f.name)).toEqual(['-Zallow-features', '-Zautodiff', '-Zbinary-dep-depinfo', '-Zhelp']);
    expect(flags[2]).toMatchObject({ kind: 'flag', status: 'unstable', help: 'include artifacts (sysroot, crate dependencies) used during compilation in dep-info (default: no)' });
  });
});
