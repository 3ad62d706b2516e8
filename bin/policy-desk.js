#!/usr/bin/env node
// `npx policy-desk …`: the CLI, from the compiled build in dist/ when it is current, else through tsx.
import { runEntry } from './compiled.js';

await runEntry('cli/main');
