/** The inputs of `gatewatch feature <name>`: the registry to look in, and a compiler's word when it lacks the name. */
import type { ProgressListener } from '../core/progress.js';
import type { Registry } from '../model/registry.js';
import { collectCompilerWord, type CompilerWord } from '../registry/answer.js';
import { buildRegistryInput, resolveRegistryInput, type RegistryInput } from './registry.js';

/** The name asked and where its registry comes from. */
export interface FeatureInputs {
  name: string;
  registry: RegistryInput;
  toolchain: string | undefined;
}

/** Decide what `feature` reads: the bundled registry, or the named toolchain's. */
export function resolveFeatureInputs(request: { name: string; toolchain?: string | undefined; cwd: string }): FeatureInputs {
  return { name: request.name, registry: resolveRegistryInput({ toolchain: request.toolchain, cwd: request.cwd }), toolchain: request.toolchain };
}

/** The registry, and what the compiler says about the name when the registry lacks it. */
export async function buildFeatureInputs(inputs: FeatureInputs, options: { onProgress?: ProgressListener } = {}): Promise<{ registry: Registry; word: CompilerWord }> {
  const { registry } = await buildRegistryInput(inputs.registry, options);
  return { registry: registry!, word: await collectCompilerWord(inputs.name, registry!, { toolchain: inputs.toolchain }) };
}
