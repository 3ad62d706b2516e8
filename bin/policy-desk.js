#!/usr/bin/env node
// `npx policy-desk …`: the CLI, from the compiled build in dist/ when it is current, else through tsx.
import { runEntry } from './compiled.js';

// Each command keeps its own code cache (a `help` run compiles little of what `search` needs).
await runEntry('cli/main', { cacheVariant: process.argv[2] });
