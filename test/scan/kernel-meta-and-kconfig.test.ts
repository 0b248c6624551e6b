import { describe, expect, it } from 'vitest';
import { buildScan } from '../../src/scan/build-scan.js';
import { parseKernelVersion, parseMinToolVersion } from '../../src/sources/kernel-meta/index.js';
import { fixture } from '../helpers/paths.js';

describe('kernel metadata and Kconfig claims', () => {
  it('reads the kernel version, the minimum rustc, and RUSTC_HAS_* thresholds attached to their gates', async () => {
    const scan = await buildScan({ tree: fixture('scan', 'kconfig-version-claims') });
    expect(scan.treeKind).toBe('kernel');
    expect(scan.kernelVersion).toBe('6.14.3-rc1');
    expect(scan.rustMinVersion).toBe('1.78.0');
    expect(scan.claims.map((c) => `${c.symbol} ${c.claim} ${c.version ?? '-'} init/Kconfig:${c.line} [${c.gates.join(',')}]`)).toEqual([
      'CONFIG_RUSTC_HAS_COERCE_POINTEE rustc-version-at-least 1.84.0 init/Kconfig:6 [derive_coerce_pointee,coerce_unsized,dispatch_from_dyn,unsize]',
      'CONFIG_RUSTC_HAS_SPAN_FILE rustc-version-at-least 1.88.0 init/Kconfig:9 []',
      'CONFIG_RUSTC_SUPPORTS_FIXED_X18 rustc-option - init/Kconfig:12 [-Zfixed-x18]',
    ]);
    expect(scan.occurrences.map((o) => `${o.name} ${o.crate} ${o.condition}`)).toEqual([
      'derive_coerce_pointee kernel CONFIG_RUSTC_HAS_COERCE_POINTEE',
      'coerce_unsized kernel not(CONFIG_RUSTC_HAS_COERCE_POINTEE)',
      'dispatch_from_dyn kernel not(CONFIG_RUSTC_HAS_COERCE_POINTEE)',
      'unsize kernel not(CONFIG_RUSTC_HAS_COERCE_POINTEE)',
    ]);
  });

  it('parses version forms the kernel has used', () => {
    expect(parseKernelVersion('VERSION = 6\nPATCHLEVEL = 1\nSUBLEVEL = 0\nEXTRAVERSION =\n')).toBe('6.1');
    expect(parseKernelVersion('# no version here\n')).toBeNull();
    expect(parseMinToolVersion('case "$1" in\nrustc)\n\techo 1.62\n\t;;\nesac\n')).toBe('1.62.0');
    expect(parseMinToolVersion('case "$1" in\nbindgen)\n\techo 0.56.0\n\t;;\nesac\n')).toBeNull();
  });
});
