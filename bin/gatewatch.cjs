#!/usr/bin/env node
'use strict';
// The installed command. It loads one CommonJS bundle (scripts/build-cli.mjs): the bundle of the command the
// command line names, `report` (the default command) when it names none, and the bundle of every command otherwise
// (help, a mistyped command, options before the command).
const { existsSync } = require('node:fs');
const { join } = require('node:path');

// `gatewatch ... | head` closes the pipe early: that is the reader's choice, not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}

const argv = process.argv.slice(2);
const dir = join(__dirname, '..', 'dist', 'bundle');
const named = argv.length === 0 ? 'report' : argv[0];
const own = /^[a-z]+$/.test(named) ? join(dir, `${named}.cjs`) : null;
const { main } = require(own !== null && existsSync(own) ? own : join(dir, 'main.cjs'));
main(argv).then((code) => {
  process.exitCode = code;
});
