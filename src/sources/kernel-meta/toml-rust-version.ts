/**
 * The TOML half of the kernel-meta source (see index.ts): `rust-version` of a Cargo.toml or `msrv` of a clippy
 * configuration (https://doc.rust-lang.org/clippy/configuration.html). Loaded with the first such file, so that a
 * scan that reads none never loads the TOML reader.
 */
import { parse as parseToml } from 'smol-toml';
import { normaliseRustVersion } from '../../core/rust-version.js';
import { diagnostic } from '../../model/diagnostic.js';
import type { SourceFacts, SourceFile } from '../types.js';

/** The minimum rustc a Cargo.toml (`package.rust-version`, or the workspace's) or a clippy.toml (`msrv`) names. */
export function collectTomlRustVersion(file: SourceFile): SourceFacts {
  try {
    const doc = parseToml(file.text) as { package?: { 'rust-version'?: unknown }; workspace?: { package?: { 'rust-version'?: unknown } }; msrv?: unknown };
    const v = doc.package?.['rust-version'] ?? doc.workspace?.package?.['rust-version'] ?? doc.msrv;
    return typeof v === 'string' ? { rustMinVersion: normaliseRustVersion(v) } : {};
  } catch (e) {
    // An invalid Cargo.toml is reported once, by the cargo-manifest source.
    if (file.path === 'Cargo.toml') return {};
    const err = e as { line?: number; column?: number; message: string };
    return { diagnostics: [diagnostic('toml/invalid', 'warning', `invalid TOML: ${err.message.split('\n')[0]}`, { file: file.path, ...(err.line ? { line: err.line } : {}) })] };
  }
}
