import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { fixture } from '../helpers/paths.js';

describe('scan without --json', () => {
  it("says which --cfgs each crate's rule passes, one line per crate, target and condition, at the first cfg's place", async () => {
    const r = await runCli(['scan', fixture('make', 'crate-cfgs-from-variables')], { env: { NO_COLOR: '1' } });
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n').filter((l) => l.startsWith('--cfg '));
    expect(lines).toEqual([
      '--cfg no_global_oom_handling no_rc for alloc ($(obj)/alloc.o) at rust/Makefile:4',
      '--cfg no_global_oom_handling no_rc for alloc (rustdoc-alloc) at rust/Makefile:4',
      '--cfg with_x for alloc ($(obj)/alloc.o) if CONFIG_X at rust/Makefile:8',
      '--cfg from_if for alloc ($(obj)/alloc.o) if CONFIG_Y at rust/Makefile:12',
      '--cfg version="1" for kernel ($(obj)/kernel.o) at rust/Makefile:14',
    ]);
  });
});
