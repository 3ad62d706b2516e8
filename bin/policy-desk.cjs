#!/usr/bin/env node
// `npx policy-desk …`: the CLI, from the compiled build in dist/ when it is current, else through tsx.
// CommonJS, as is compiled.cjs: every CLI call starts Node afresh, and Node's ES module loader
// adds several ms to each start that a require chain does not (npm run bench, CLI cold start).
'use strict';
const { runEntry } = require('./compiled.cjs');

// Each command keeps its own code cache (a `help` run compiles little of what `search` needs).
runEntry('cli/main', { cacheVariant: process.argv[2] }).catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
