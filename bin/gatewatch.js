#!/usr/bin/env node
// The esbuild bundle (scripts/build-cli.mjs): a few files to load instead of every module of dist/ and the dependencies.
import { main } from '../dist/bundle/main.js';

// `gatewatch ... | head` closes the pipe early: that is the reader's choice, not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}

process.exitCode = await main(process.argv.slice(2));
