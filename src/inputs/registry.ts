/**
 * The one resolver of the registry a command judges with: the bundled data/registry.json, a registry document
 * (`--registry <file>`), a toolchain's own (`--toolchain <name>`, verified by its compiler), or none (`--registry
 * none`, where a command can do without). `resolve` decides; `build` reads or builds it.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { GatewatchError } from '../core/errors.js';
import type { ProgressListener } from '../core/progress.js';
import type { Registry } from '../model/registry.js';
import { loadBundledRegistry, loadRegistry, parseRegistryDocument } from '../registry/load.js';

/** Where a registry comes from. */
export type RegistryInput =
  | { kind: 'bundled' }
  | { kind: 'document'; path: string; label: string }
  | { kind: 'toolchain'; name: string }
  | { kind: 'none' };

/** What the user named. */
export interface RegistryRequest {
  registry?: string | undefined;
  toolchain?: string | undefined;
  cwd: string;
  /** Whether `--registry none` is accepted (a roadmap can be read without a registry). */
  allowNone?: boolean;
}

/** Decide which registry the user named. Throws E_USAGE for both `--registry` and `--toolchain`. */
export function resolveRegistryInput(request: RegistryRequest): RegistryInput {
  const { registry, toolchain, cwd } = request;
  if (registry !== undefined && toolchain !== undefined) {
    throw new GatewatchError('E_USAGE', 'choose --registry or --toolchain, not both', { hint: '--toolchain builds the registry of that toolchain; --registry reads a saved one' });
  }
  if (registry === 'none' && request.allowNone) return { kind: 'none' };
  if (registry !== undefined) return { kind: 'document', path: resolve(cwd, registry), label: registry };
  if (toolchain !== undefined) return { kind: 'toolchain', name: toolchain };
  return { kind: 'bundled' };
}

/** A registry and what documents call it (`bundled data/registry.json (nightly 1.97.0)`, the file as given). */
export interface BuiltRegistry {
  registry: Registry | null;
  label: string | null;
}

/** Read or build the registry an input names. */
export async function buildRegistryInput(input: RegistryInput, options: { onProgress?: ProgressListener } = {}): Promise<BuiltRegistry> {
  switch (input.kind) {
    case 'none':
      return { registry: null, label: null };
    case 'bundled': {
      const registry = loadBundledRegistry();
      return { registry, label: `bundled data/registry.json${registry.toolchain ? ` (${registry.toolchain.name} ${registry.toolchain.version})` : ''}` };
    }
    case 'document':
      return { registry: readRegistryDocument(input.path, input.label), label: input.label };
    case 'toolchain': {
      const registry = await loadRegistry({ toolchain: input.name, ...(options.onProgress ? { onProgress: options.onProgress } : {}) });
      return { registry, label: `toolchain ${input.name}${registry.toolchain ? ` (${registry.toolchain.version})` : ''}` };
    }
  }
}

/** A registry document given with `--registry`; E_BAD_INPUT names the file and what is wrong. */
function readRegistryDocument(path: string, label: string): Registry {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    throw new GatewatchError('E_BAD_INPUT', `cannot read registry ${label}`, { cause, hint: 'expected a document written by `gatewatch registry --json`' });
  }
  return parseRegistryDocument(text, label);
}
