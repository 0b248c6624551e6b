import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildScan } from '../../src/scan/build-scan.js';
import { openStore } from '../../src/store/store.js';

const tmp = mkdtempSync(join(tmpdir(), 'gatewatch-chunks-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('files are read whole, whatever their size against the shared read chunks', () => {
  it('finds the flag at the very end of files of every size around the chunk boundaries, with and without stamps', async () => {
    const tree = join(tmp, 'sizes');
    // Each Makefile is one comment line of padding, then the flag: exactly `size` bytes, the flag at the very end.
    const sizes = [0, 1, 4095, 65535, 65536, 65537, 524287, 524289, 2 * 1024 * 1024 - 1, 2 * 1024 * 1024 + 1, 3 * 1024 * 1024];
    const expected: string[] = [];
    sizes.forEach((size, i) => {
      const dir = join(tree, `d${i}`);
      mkdirSync(dir, { recursive: true });
      const last = `X += -Zsize-${i}\n`;
      const pad = size - last.length;
      const text = pad >= 2 ? `${'#'.repeat(pad - 1)}\n${last}` : last;
      writeFileSync(join(dir, 'Makefile'), text);
      if (pad >= 2) expect(statSync(join(dir, 'Makefile')).size).toBe(size);
      expected.push(`d${i}/Makefile -Zsize-${i}`);
    });
    const brief = (s: Awaited<ReturnType<typeof buildScan>>) => s.occurrences.map((o) => `${o.file} ${o.name}`).sort();
    // Many files one after another, so that the shared chunks fill up, start afresh and hand out what is left.
    for (let k = 0; k < 40; k++) writeFileSync(join(tree, `d0`, `Kbuild.${k}`), `# ${'x'.repeat(k * 997)}\nY += -Zsmall-${k}\n`);
    for (let k = 0; k < 40; k++) expected.push(`d0/Kbuild.${k} -Zsmall-${k}`);
    const plain = await buildScan({ tree });
    expect(brief(plain)).toEqual(expected.sort());
    const stamped = await buildScan({ tree, store: openStore(join(tmp, 'store')) });
    expect(brief(stamped)).toEqual(expected.sort());
  });
});
