import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ScanSnapshot } from '../../src/model/scan.js';
import { buildScan } from '../../src/scan/build-scan.js';
import { kernelTree, makefileKernelVersion, repoRoot } from '../helpers/paths.js';

/** The facts of a scan, without what varies per run (times, dates, the path it was given). */
const facts = (s: ScanSnapshot) => ({ ...s, tree: '', stats: null, generator: null });

describe('bundled kernel scans', () => {
  for (const version of ['6.12', '6.1'] as const) {
    const tree = kernelTree(version);
    it.skipIf(!tree)(`data/scans/linux-${version}.json is what the tool finds in Debian's tree today (else: npm run bundle)`, async (ctx) => {
      const bundled = JSON.parse(readFileSync(join(repoRoot, 'data', 'scans', `linux-${version}.json`), 'utf8')) as ScanSnapshot;
      // Debian updates its kernel sources; a bundled scan of another patch release is stale, not wrong.
      const debian = makefileKernelVersion(tree!);
      if (bundled.kernelVersion !== debian) ctx.skip(`Debian's tree is now ${debian}, the bundled scan is of ${bundled.kernelVersion}: run npm run bundle`);
      const fresh = await buildScan({ tree: tree! });
      expect(facts(bundled)).toEqual(facts(fresh));
      expect(bundled.tree).toBe(`debian:linux-source-${version}`);
    });
  }
});
