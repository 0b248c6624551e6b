#!/usr/bin/env node
'use strict';
// The installed command: it requires the CLI's bundle (scripts/build-cli.mjs), whose entry loads the rest of it as
// a command line needs it.
const { join } = require('node:path');

// `gatewatch ... | head` closes the pipe early: that is the reader's choice, not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}

const { main } = require(join(__dirname, '..', 'dist', 'bundle', 'main.js'));
main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
