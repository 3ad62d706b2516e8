#!/usr/bin/env node
// `npm start`: every chat adapter whose settings are present, or the console when none are.
import { register } from 'tsx/esm/api';

register();
await import('../src/start.ts');
