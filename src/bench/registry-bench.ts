/**
 * Benchmark of the registry: verifying every feature name of the bundled registry against a compiler in one
 * batch (the probe alone, and the whole `registry --toolchain` build around it). Wired into `npm run bench`.
 */
import { loadBundledRegistry, buildToolchainRegistry } from '../registry/load.js';
import { probeBatch } from '../registry/sources/compiler/probe-batch.js';
import { resolveToolchain } from '../registry/toolchain.js';

/** One benchmark row. */
export interface RegistryBenchRow {
  name: string;
  ms: number;
  toolchain: string;
  names: number;
  runs: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Time the one-batch probe of every bundled feature name, and the full toolchain registry, per toolchain. */
export async function benchRegistry(runs = 5): Promise<RegistryBenchRow[]> {
  const bundled = loadBundledRegistry();
  const names = bundled.features.filter((e) => e.kind !== 'flag').map((e) => e.name);
  const rows: RegistryBenchRow[] = [];
  for (const spec of ['nightly', 'stable']) {
    let toolchain;
    try {
      toolchain = await resolveToolchain(spec);
    } catch {
      continue; // absent toolchains are simply not measured
    }
    const probe: number[] = [];
    const full: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      await probeBatch(toolchain, names);
      probe.push(performance.now() - t0);
      const t1 = performance.now();
      await buildToolchainRegistry(toolchain, { bundled });
      full.push(performance.now() - t1);
    }
    const common = { toolchain: `rustc ${toolchain.version}`, names: names.length, runs };
    rows.push({ name: `probe-batch-${spec}`, ms: Math.round(median(probe)), ...common });
    rows.push({ name: `registry-toolchain-${spec}`, ms: Math.round(median(full)), ...common });
  }
  return rows;
}
