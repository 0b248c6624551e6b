import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Vite compiles .ts, .mts and .tsx by default; the bench's floor program is a .cts (src/bench/io-floor.cts).
  esbuild: { include: /\.[cm]?tsx?$/ },
  test: {
    include: ['test/**/*.test.ts'],
    // Real-tree tests unpack and scan whole kernel trees; the default 5 s is too short on a 2-core machine.
    testTimeout: 120_000,
    hookTimeout: 600_000,
  },
});
