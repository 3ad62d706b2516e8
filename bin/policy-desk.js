#!/usr/bin/env node
// `npx policy-desk …`: the CLI, run from TypeScript sources through tsx.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
