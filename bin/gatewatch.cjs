#!/usr/bin/env node
'use strict';
// The installed command. It loads one CommonJS bundle (scripts/build-cli.mjs): the bundle of the command the
// command line names, `report` (the default command) when it names none, and the bundle of every command otherwise
// (help, a mistyped command, options before the command).
const { existsSync } = require('node:fs');
const { join } = require('node:path');

// Every command is a short job. V8's optimizing compiler (TurboFan) compiles hot functions on background threads,
// and a Node process cannot exit before such a job ends: after a warm scan's output the process waited ~25-60 ms
// for code that would never run. Without it, hot code runs as baseline (Sparkplug) code: measured the same on a
// cold scan of Debian's 6.12 tree, 25-60 ms faster on a warm one, less CPU on `report` and `roadmap`
// (`npm run bench`; the numbers and how they were taken are in the README's Speed section).
require('node:v8').setFlagsFromString('--no-turbofan');

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
