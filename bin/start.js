#!/usr/bin/env node
// `npm start`: every chat adapter whose settings are present, or the console when none are.
// Runs the compiled build in dist/ when it is current, else the TypeScript sources through tsx.
import { runEntry } from './compiled.cjs';

await runEntry('start');
