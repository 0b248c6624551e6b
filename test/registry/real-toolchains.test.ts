/**
 * Done-when of the registry issue, on this machine's real toolchains: for stable and nightly, every language
 * feature's status and `since`, and every unstable library feature, equal what that compiler says. The compiler
 * is asked a second time here by the test's own batch compile, read by the test's own code.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Registry } from '../../src/model/registry.js';
import { buildToolchainRegistry } from '../../src/registry/load.js';
import { resolveToolchain, type Toolchain } from '../../src/registry/toolchain.js';

async function toolchainOrNull(name: string): Promise<Toolchain | null> {
  try {
    return await resolveToolchain(name);
  } catch (e) {
    console.warn(`skipping real-toolchain registry tests for ${name}: ${(e as Error).message} (install it with \`rustup toolchain install ${name} --component rust-docs\`)`);
    return null;
  }
}

/** The test's own reading of the compiler: name -> `status[@since]`, from one batch crate. */
function askCompiler(t: Toolchain, names: string[]): Map<string, string> {
  const dir = mkdtempSync(join(tmpdir(), 'gatewatch-real-'));
  try {
    writeFileSync(join(dir, 'c.rs'), names.map((n) => `#![feature(${n})]\n`).join('') + 'extern crate proc_macro;\nextern crate test;\n');
    const env = { ...process.env, RUSTC_BOOTSTRAP: '1' };
    const r = spawnSync(t.command, [...t.args, '--crate-type=lib', '--emit=metadata', '--error-format=json', '-o', join(dir, 'c.rmeta'), join(dir, 'c.rs')], { env, encoding: 'utf8', maxBuffer: 1 << 28 });
    const said = new Map<string, string>(names.map((n) => [n, 'unstable']));
    for (const line of r.stderr.split('\n')) {
      if (!line.startsWith('{')) continue;
      const d = JSON.parse(line) as { message: string; code: { code: string } | null; spans: { line_start: number; is_primary: boolean }[]; children: { message: string }[] };
      const name = names[(d.spans.find((s) => s.is_primary)?.line_start ?? 0) - 1];
      if (!name || !d.code) continue;
      const code = d.code.code;
      if (code === 'E0635') said.set(name, 'unknown');
      else if (code === 'E0557') said.set(name, `removed@${d.children.map((c) => c.message.match(/^removed in ([\d.]+)/)?.[1]).find(Boolean) ?? ''}`);
      else if (code === 'stable_features') said.set(name, `stable@${d.message.match(/stable since ([\d.]+)/)?.[1] ?? ''}`);
      else if (code === 'incomplete_features') said.set(name, 'incomplete');
      else if (code === 'internal_features') said.set(name, 'internal');
    }
    return said;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const bookNames = (t: Toolchain, chapter: string): string[] => {
  try {
    return readdirSync(join(t.sysroot, 'share', 'doc', 'rust', 'html', 'unstable-book', chapter)).filter((f) => f.endsWith('.html')).map((f) => f.slice(0, -5).replace(/-/g, '_'));
  } catch {
    return [];
  }
};

for (const name of ['stable', 'nightly']) {
  const toolchain = await toolchainOrNull(name);
  describe.skipIf(toolchain === null)(`registry of the real ${name} toolchain`, () => {
    let reg: Registry;
    it('is built from its docs and verified by its compiler in one batch', async () => {
      reg = await buildToolchainRegistry(toolchain!);
      expect(reg.toolchain?.version).toBe(toolchain!.version);
      const probe = reg.provenance.find((p) => p.source === 'compiler');
      expect(probe?.detail).toMatch(/probed in one batch/);
      expect(reg.diagnostics.filter((d) => d.code === 'registry/probe-failed')).toEqual([]);
    }, 60_000);

    it('covers every language and library feature its Unstable Book documents', () => {
      const have = new Set(reg.features.map((f) => f.name));
      const book = [...bookNames(toolchain!, 'language-features'), ...bookNames(toolchain!, 'library-features')];
      expect(book.length).toBeGreaterThan(100);
      const missing = book.filter((n) => !have.has(n));
      expect(missing).toEqual([]);
    });

    it('says for every language feature the status and since its compiler says, and every unstable library feature is one to it', () => {
      const lang = reg.features.filter((f) => f.kind === 'lang');
      const lib = reg.features.filter((f) => f.kind === 'lib' && f.status !== 'stable' && f.status !== 'removed');
      const said = askCompiler(toolchain!, [...lang, ...lib].map((f) => f.name));
      for (const f of lang) {
        const ours = f.status === 'stable' || f.status === 'removed' ? `${f.status}@${f.since}` : f.status;
        expect(ours, f.name).toBe(said.get(f.name));
      }
      for (const f of lib) {
        if (f.hostUnknown) expect(said.get(f.name), `${f.name} is said to be target-specific`).toBe('unknown');
        else expect(said.get(f.name), f.name).toBe(f.status);
      }
      expect(lang.length).toBeGreaterThan(400);
      expect(lib.length).toBeGreaterThan(300);
    }, 60_000);

    it('lists the -Z flags of its `-Z help`', () => {
      const help = execFileSync(toolchain!.command, [...toolchain!.args, '-Z', 'help'], { env: { ...process.env, RUSTC_BOOTSTRAP: '1' }, encoding: 'utf8' });
      const flags = [...help.matchAll(/^\s*-Z\s+([a-z0-9_-]+)/gm)].map((m) => `-Z${m[1]!.replace(/_/g, '-')}`);
      const have = new Set(reg.features.filter((f) => f.kind === 'flag' && f.verified).map((f) => f.name));
      expect(flags.filter((f) => !have.has(f))).toEqual([]);
    });
  });
}
