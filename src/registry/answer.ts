/**
 * Everything known about one name: the registry entry, or, for a name the registry has never seen, what the
 * compiler says about it.
 */
import { isGatewatchError } from '../core/errors.js';
import { indexRegistry, isFlagName } from './lookup.js';
import { loadRegistry } from './load.js';
import { probeFeatures } from './probe.js';
import { FEATURE_ANSWER_SCHEMA, type FeatureAnswer } from './reporters.js';

/** Architecture words in a library feature's name (`stdarch_arm_neon_intrinsics`, `riscv_ext_intrinsics`). */
export function looksTargetSpecific(name: string): boolean {
  return /^stdarch_|(^|_)(arm|aarch64|arm64|riscv|powerpc|powerpc64|mips|mips64|wasm|loongarch|loongarch64|s390x|hexagon|nvptx|amdgpu|csky|sparc|x86|x86_64|neon|sve|avx\d*|sse\d*)(_|$)/.test(name);
}

/** Look a name up (bundled registry, or the toolchain's) and ask the compiler when the registry does not know it. */
export async function collectFeatureAnswer(name: string, opts: { toolchain?: string }): Promise<FeatureAnswer> {
  const registry = await loadRegistry(opts.toolchain !== undefined ? { toolchain: opts.toolchain } : {});
  const entry = indexRegistry(registry).get(name) ?? null;
  const answer: FeatureAnswer = { schema: FEATURE_ANSWER_SCHEMA, query: name, entry, registry: { toolchain: registry.toolchain, generatedAt: registry.generatedAt }, probe: null };
  if (entry) return answer;
  if (isFlagName(name)) {
    answer.note = opts.toolchain ? 'this toolchain\'s `rustc -Z help` does not list it' : 'try --toolchain to read a compiler\'s `-Z help`';
    return answer;
  }
  try {
    const p = await probeFeatures([name], opts);
    const r = p.results[0]!;
    answer.probe = { ...r, toolchain: `rustc ${p.toolchain.version}` };
    if (r.status === 'unknown' && looksTargetSpecific(name)) {
      answer.note = 'the name suggests a target-specific library feature, which only a compiler for that target can confirm';
    }
  } catch (e) {
    // Without a --toolchain, a missing rustc only means nobody can be asked; a named toolchain that is absent is an error.
    if (!isGatewatchError(e) || opts.toolchain !== undefined) throw e;
    answer.note = 'no rustc to ask on this machine';
  }
  return answer;
}
