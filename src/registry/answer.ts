/**
 * Everything known about one name: the registry entry, or, for a name the registry has never seen, what the
 * compiler says about it and the names it may be a misspelling of.
 */
import { isGatewatchError } from '../core/errors.js';
import { FEATURE_ANSWER_SCHEMA, type FeatureAnswer, type FeatureProbe } from '../model/feature.js';
import type { Registry } from '../model/registry.js';
import { indexRegistry, isFlagName } from './lookup.js';
import { probeFeatures } from './probe.js';
import { computeNameSuggestions } from './suggest-names.js';

/** Architecture words in a library feature's name (`stdarch_arm_neon_intrinsics`, `riscv_ext_intrinsics`). */
export function looksTargetSpecific(name: string): boolean {
  return /^stdarch_|(^|_)(arm|aarch64|arm64|riscv|powerpc|powerpc64|mips|mips64|wasm|loongarch|loongarch64|s390x|hexagon|nvptx|amdgpu|csky|sparc|x86|x86_64|neon|sve|avx\d*|sse\d*)(_|$)/.test(name);
}

/** What a compiler said about a name the registry lacks, or why none was asked. */
export interface CompilerWord {
  probe: FeatureProbe | null;
  note?: string;
}

/**
 * Ask the compiler about a name the registry lacks (nothing when the registry knows it). A `-Z` flag is not asked:
 * `-Z help` is read when a toolchain's registry is built. Without `--toolchain`, a missing rustc only means nobody
 * can be asked; a named toolchain that cannot be run is an error.
 */
export async function collectCompilerWord(name: string, registry: Registry, options: { toolchain?: string | undefined }): Promise<CompilerWord> {
  if (indexRegistry(registry).get(name)) return { probe: null };
  if (isFlagName(name)) {
    return { probe: null, note: options.toolchain !== undefined ? 'this toolchain\'s `rustc -Z help` does not list it' : 'try --toolchain to read a compiler\'s `-Z help`' };
  }
  try {
    const p = await probeFeatures([name], options.toolchain !== undefined ? { toolchain: options.toolchain } : {});
    const probe: FeatureProbe = { ...p.results[0]!, toolchain: `rustc ${p.toolchain.version}` };
    if (probe.status === 'unknown' && looksTargetSpecific(name)) {
      return { probe, note: 'the name suggests a target-specific library feature, which only a compiler for that target can confirm' };
    }
    return { probe };
  } catch (e) {
    if (!isGatewatchError(e) || options.toolchain !== undefined) throw e;
    return { probe: null, note: 'no rustc to ask on this machine' };
  }
}

/** The answer document: the entry, or the compiler's word and the names the query may have meant. */
export function computeFeatureAnswer(name: string, registry: Registry, word: CompilerWord): FeatureAnswer {
  const entry = indexRegistry(registry).get(name) ?? null;
  const answer: FeatureAnswer = { schema: FEATURE_ANSWER_SCHEMA, query: name, entry, registry: { toolchain: registry.toolchain, generatedAt: registry.generatedAt }, probe: entry ? null : word.probe };
  if (entry) return answer;
  if (word.note !== undefined) answer.note = word.note;
  answer.suggestions = computeNameSuggestions(name, registry);
  return answer;
}
