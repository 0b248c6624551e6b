import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { schemaValidator } from '../../src/core/schemas.js';
import { buildScan } from '../../src/scan/build-scan.js';
import { fixture } from '../helpers/paths.js';

describe('gatewatch scan on a Cargo workspace', () => {
  it('reports crate-root gates, .cargo/config flags, [unstable], the toolchain channel and bootstrap settings in one document', async () => {
    const scan = await buildScan({ tree: fixture('cargo', 'unstable-table-and-rustflags') });
    expect(scan.treeKind).toBe('cargo');
    expect(scan.diagnostics).toEqual([]);
    expect(scan.occurrences.map((o) => `${o.via} ${o.kind} ${o.name} ${o.file}:${o.line} ${o.crate}`)).toEqual([
      'cargo-config flag -Zshare-generics .cargo/config.toml:7 no_std_firmware',
      'cargo-config flag -Zemit-stack-sizes .cargo/config.toml:8 no_std_firmware',
      'cargo-config flag -Zcrate-attr .cargo/config.toml:9 no_std_firmware',
      'crate-attr-flag feature asm_const .cargo/config.toml:9 no_std_firmware',
      'crate-attr-flag feature asm_goto .cargo/config.toml:9 no_std_firmware',
      'cargo-config flag -Zunstable-options .cargo/config.toml:11 no_std_firmware',
      'cargo-config flag -Zbuild-std .cargo/config.toml:14 no_std_firmware',
      'cargo-config flag -Zbuild-std-features .cargo/config.toml:15 no_std_firmware',
      'cargo-config flag -Zunstable-options .cargo/config.toml:16 no_std_firmware',
      'cargo-config flag -Zthreads .cargo/config.toml:20 no_std_firmware',
      'crate-attr feature naked_functions src/lib.rs:2 no_std_firmware',
    ]);
    expect(scan.bootstrap).toEqual([{ file: '.cargo/config.toml', line: 19, value: '1', condition: null }]);
  });

  it('goes on past a malformed config: the diagnostic has its place, the other files are still read', async () => {
    const scan = await buildScan({ tree: fixture('cargo', 'malformed-config-toml') });
    expect(scan.diagnostics.map((d) => `${d.code} ${d.file}:${d.line}`)).toEqual(['cargo-config/invalid-toml .cargo/config.toml:4']);
    expect(scan.toolchainChannel).toBe('nightly-2025-02-14');
    expect(scan.occurrences.map((o) => o.name)).toEqual(['let_chains']);
  });

  it('writes documents that match the scan schema for every Cargo fixture', async () => {
    const validate = schemaValidator('scan');
    const names = readdirSync(fixture('cargo'));
    expect(names.length).toBeGreaterThanOrEqual(8);
    for (const name of names) {
      const scan = await buildScan({ tree: fixture('cargo', name) });
      expect(validate(scan), `${name}: ${JSON.stringify(validate.errors)}`).toBe(true);
      expect(scan.occurrences.length + scan.bootstrap.length + (scan.toolchainChannel ? 1 : 0), `${name} shows nothing`).toBeGreaterThan(0);
    }
  });
});
