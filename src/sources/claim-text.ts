import type { Claim } from '../model/scan.js';
import { normaliseRustVersion } from '../core/rust-version.js';

/**
 * What a kernel comment above a feature list claims, in the words the kernel uses
 * (scripts/Makefile.build and rust/kernel/lib.rs since 6.13): "Stable since Rust 1.79.0",
 * "Expected to become stable", "To be determined". Returns null for comments that claim nothing.
 */
export function classifyClaimText(text: string): { claim: Claim['claim']; version?: string } | null {
  const t = text.replace(/\s+/g, ' ');
  const stable = /\bstable since (?:rust )?(\d+\.\d+(?:\.\d+)?)/i.exec(t);
  if (stable) return { claim: 'stable-since', version: normaliseRustVersion(stable[1]!) };
  if (/\bexpected to (?:become|be) stable\b/i.test(t)) return { claim: 'expected-stable' };
  if (/\bto be determined\b/i.test(t)) return { claim: 'to-be-determined' };
  return null;
}
