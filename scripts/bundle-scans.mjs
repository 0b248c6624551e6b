#!/usr/bin/env node
// Regenerate the bundled kernel scans (data/scans/linux-<version>.json) from Debian's trees unpacked by
// scripts/setup-kernels.sh. Run after `npm run build`; review the diff like any other change.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildScan } from '../dist/scan/build-scan.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
mkdirSync(join(root, 'data', 'scans'), { recursive: true });
for (const version of ['6.12', '6.1']) {
  const tree = join(root, '.cache', 'kernels', `linux-source-${version}`);
  if (!existsSync(join(tree, 'Makefile'))) {
    console.error(`bundle-scans: ${tree} is absent; run scripts/setup-kernels.sh`);
    process.exitCode = 1;
    continue;
  }
  const scan = await buildScan({ tree, label: `debian:linux-source-${version}` });
  // Times and counts vary per machine; keep the bundled documents stable across regenerations.
  scan.stats.elapsedMs = 0;
  delete scan.stats.phasesMs;
  scan.generator.generatedAt = scan.generator.generatedAt.slice(0, 10);
  const out = join(root, 'data', 'scans', `linux-${version}.json`);
  writeFileSync(out, JSON.stringify(scan, null, 2) + '\n');
  console.error(`bundle-scans: ${out}: ${scan.occurrences.length} occurrences, kernel ${scan.kernelVersion}`);
}
