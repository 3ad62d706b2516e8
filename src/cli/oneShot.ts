/**
 * Process-wide settings for a process that runs one command and exits (the CLI). Imported first
 * by `main.ts`, before any module that builds a schema.
 *
 * zod compiles a fast parser for each object schema (`new Function`) the first time it parses
 * with it. That pays off for a schema used thousands of times, not for the handful of one-shot
 * parses a CLI call makes (commands.json, settings): compiling them was ~10 ms of every start, and
 * code made by `new Function` is never in the compiled CLI's code cache. `jitless` is read when a
 * schema is built, hence this module's place at the head of the imports.
 *
 * @module
 */
import * as z from 'zod';

z.config({ jitless: true });
