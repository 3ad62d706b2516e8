/**
 * commands/commands.json is validated by its schema; the compiled build validates it once and
 * carries the result with the file's text (scripts/build.mjs). A start uses that result only while
 * the file is still that text: an edited or broken file is validated (and reported) as always.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { COMMANDS_FILE, commandSpecs, loadCommandSpecs, type CommandSpec } from '../../src/bot/core/commandSpec.ts';

const g = globalThis as { __POLICY_DESK_COMMANDS__?: string };
const dir = mkdtempSync(join(tmpdir(), 'pd-commands-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => {
  delete g.__POLICY_DESK_COMMANDS__;
});

const text = readFileSync(COMMANDS_FILE, 'utf8');
/** What scripts/build.mjs embeds in the bundles (as JSON text). */
const built = (commands: readonly CommandSpec[]) => JSON.stringify({ text, commands });

describe('command definitions', () => {
  it('read from the build’s validated copy equal what the schema makes of the file, as a fresh copy each time', () => {
    g.__POLICY_DESK_COMMANDS__ = built(loadCommandSpecs());
    const fromBuild = loadCommandSpecs();
    expect(fromBuild).toEqual(commandSpecs);
    expect(loadCommandSpecs()).not.toBe(fromBuild);
  });

  it('are validated again when the file is no longer the text the build validated', () => {
    const file = join(dir, 'edited.json');
    const edited = JSON.parse(text) as { commands: Array<Record<string, unknown>> };
    edited.commands[0]!.nameZh = '检索';
    writeFileSync(file, JSON.stringify(edited));
    g.__POLICY_DESK_COMMANDS__ = built(commandSpecs);
    expect(loadCommandSpecs(file)[0]!.nameZh).toBe('检索');
  });

  it('that are broken are reported with the offending path even when the build carries a valid copy', () => {
    const file = join(dir, 'broken.json');
    const broken = JSON.parse(text) as { commands: Array<Record<string, unknown>> };
    broken.commands[0]!.name = 'Not A Name';
    writeFileSync(file, JSON.stringify(broken));
    g.__POLICY_DESK_COMMANDS__ = built(commandSpecs);
    expect(() => loadCommandSpecs(file)).toThrow(/commands\.0\.name/);
  });
});
