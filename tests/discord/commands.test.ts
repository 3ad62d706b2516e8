/**
 * Slash-command registration: generated from commands/commands.json with zh-CN localizations,
 * sent once per change, printable without a token.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { APIApplicationCommandOption, RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import { ApplicationCommandOptionType } from 'discord.js';
import { commandSpecs } from '../../src/bot/core/commandSpec.ts';
import { buildCommands, registerCommands } from '../../src/adapters/discord/commands.ts';
import { loadRoster } from '../../src/reports/definition.ts';
import { APP_ID, FakeDiscord, GUILD_ID } from './fakeDiscord.ts';

const UNITS = loadRoster().units.map((u) => u.name);
const NAME = /^[-_\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

function expectLocalized(o: { name: string; description: string; name_localizations?: unknown; description_localizations?: unknown }, zhName: string, zhDesc: string) {
  expect(o.name).toMatch(NAME);
  expect(o.name).toBe(o.name.toLowerCase());
  expect(o.name_localizations).toEqual({ 'zh-CN': zhName });
  expect(zhName).toMatch(NAME);
  expect(o.description_localizations).toEqual({ 'zh-CN': zhDesc });
  expect(o.description.length).toBeGreaterThan(0);
  expect(o.description.length).toBeLessThanOrEqual(100);
}

describe('generated commands', () => {
  const built = buildCommands(commandSpecs, UNITS);
  const byName = new Map(built.map((c) => [c.name, c]));

  it('registers every command in commands/ with English names and zh-CN name and description localizations', () => {
    expect(built.map((c) => c.name)).toEqual(commandSpecs.map((c) => c.name));
    for (const spec of commandSpecs) {
      const c = byName.get(spec.name)!;
      expect(c.type).toBe(1);
      expect(c.description).toBe(spec.description.en);
      expectLocalized(c, spec.nameZh, spec.description['zh-CN']);
      for (const o of spec.options ?? []) {
        const got = c.options!.find((x) => x.name === o.name)!;
        expectLocalized(got, o.nameZh, o.description['zh-CN']);
      }
    }
    expect(byName.get('search')!.name_localizations).toEqual({ 'zh-CN': '条文检索' });
  });

  it('turns subcommands into SUB_COMMAND options, each localized', () => {
    for (const spec of commandSpecs.filter((s) => s.subcommands)) {
      const c = byName.get(spec.name)!;
      expect(c.options!.map((o) => o.type)).toEqual(spec.subcommands!.map(() => ApplicationCommandOptionType.Subcommand));
      for (const s of spec.subcommands!) {
        const got = c.options!.find((o) => o.name === s.name)! as APIApplicationCommandOption & { options?: APIApplicationCommandOption[] };
        expectLocalized(got, s.nameZh, s.description['zh-CN']);
        expect(got.options!.map((o) => o.name).sort()).toEqual(s.options.map((o) => o.name).sort());
      }
    }
    const report = byName.get('report')!.options!.map((o) => o.name_localizations?.['zh-CN']);
    expect(report).toEqual(expect.arrayContaining(['填报', '更正', '无活动', '查看']));
  });

  it('offers the roster units as choices, users as USER options, and puts required options first', () => {
    const admin = byName.get('admin')! as RESTPostAPIChatInputApplicationCommandsJSONBody;
    const bind = admin.options!.find((o) => o.name === 'bind') as { options: Array<{ name: string; type: number; required?: boolean; choices?: Array<{ name: string; value: string }> }> };
    expect(bind.options.find((o) => o.name === 'user')!.type).toBe(ApplicationCommandOptionType.User);
    expect(bind.options.find((o) => o.name === 'unit')!.choices).toEqual(UNITS.map((u) => ({ name: u, value: u })));
    expect(UNITS).toContain('晋城经济技术开发区');
    for (const c of built) {
      const lists = [c.options ?? [], ...(c.options ?? []).map((o) => ('options' in o && o.type === ApplicationCommandOptionType.Subcommand ? (o.options ?? []) : []))];
      for (const list of lists) {
        const req = list.map((o) => ('required' in o ? Boolean(o.required) : false));
        expect(req).toEqual([...req].sort((a, b) => Number(b) - Number(a)));
      }
    }
  });
});

describe('uploads', () => {
  it('registers an attachment option (/corpus add file) as an ATTACHMENT option, so Discord shows a file picker', () => {
    const corpus = buildCommands(commandSpecs, UNITS).find((c) => c.name === 'corpus')! as RESTPostAPIChatInputApplicationCommandsJSONBody;
    const add = corpus.options!.find((o) => o.name === 'add') as { options: Array<{ name: string; type: number }> };
    expect(add.options.find((o) => o.name === 'file')!.type).toBe(ApplicationCommandOptionType.Attachment);
    expect(add.options.filter((o) => o.name !== 'file').every((o) => o.type === ApplicationCommandOptionType.String)).toBe(true);
  });
});

describe('registration', () => {
  const api = new FakeDiscord();
  let dir: string;
  beforeAll(async () => {
    await api.start();
    dir = mkdtempSync(join(tmpdir(), 'pd-discord-reg-'));
  });
  afterAll(async () => {
    await api.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const commands = buildCommands(commandSpecs, UNITS);

  it('PUTs guild-scoped when a guild id is set, then skips the call while nothing changed', async () => {
    const hashFile = join(dir, 'guild.hash');
    const opts = { applicationId: APP_ID, token: 't', guildId: GUILD_ID, apiUrl: api.url, commands, hashFile };
    expect(await registerCommands(opts)).toMatchObject({ status: 'registered', count: commandSpecs.length });
    const puts = api.calls.filter((c) => c.method === 'PUT');
    expect(puts.map((c) => c.path)).toEqual([`/applications/${APP_ID}/guilds/${GUILD_ID}/commands`]);
    expect(puts[0]!.body).toEqual(JSON.parse(JSON.stringify(commands)));

    expect(await registerCommands(opts)).toMatchObject({ status: 'unchanged' });
    expect(api.calls.filter((c) => c.method === 'PUT')).toHaveLength(1);

    // A changed list (say, a unit added to the roster) is sent again.
    expect(await registerCommands({ ...opts, commands: buildCommands(commandSpecs, [...UNITS, '新区']) })).toMatchObject({ status: 'registered' });
    expect(await registerCommands({ ...opts, force: true })).toMatchObject({ status: 'registered' });
    expect(api.calls.filter((c) => c.method === 'PUT')).toHaveLength(3);
  });

  it('registers globally without a guild id', async () => {
    await registerCommands({ applicationId: APP_ID, token: 't', apiUrl: api.url, commands, hashFile: join(dir, 'global.hash') });
    expect(api.calls.at(-1)).toMatchObject({ method: 'PUT', path: `/applications/${APP_ID}/commands` });
  });

  it('refuses to register without a token, naming the variables', async () => {
    await expect(registerCommands({ commands, hashFile: join(dir, 'x.hash') })).rejects.toThrow(/DISCORD_TOKEN and DISCORD_APPLICATION_ID/);
  });

  it('prints the JSON it would send with --dry-run, with no token set', async () => {
    const env: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', POLICY_DESK_DB: join(dir, 'dry-run.db') };
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ['bin/run.js', 'src/adapters/discord/register.ts', '--dry-run'], { env, cwd: join(import.meta.dirname, '..', '..') });
    const printed = JSON.parse(stdout) as RESTPostAPIChatInputApplicationCommandsJSONBody[];
    expect(printed.map((c) => c.name)).toEqual(commandSpecs.map((c) => c.name));
    expect(printed.find((c) => c.name === 'report')!.name_localizations).toEqual({ 'zh-CN': '月报' });
    expect(stderr).toContain('/commands');
    const admin = printed.find((c) => c.name === 'admin')!.options![0] as { options: Array<{ name: string; choices?: unknown[] }> };
    expect(admin.options.find((o) => o.name === 'unit')!.choices).toHaveLength(UNITS.length);
  });
});

describe('coordinator commands on Discord', () => {
  it('carry default_member_permissions (Manage Server), so members do not see /admin or /export; others carry none', async () => {
    const { buildCommands } = await import('../../src/adapters/discord/commands.ts');
    const { commandSpecs } = await import('../../src/bot/core/commandSpec.ts');
    const { PermissionFlagsBits } = await import('discord.js');
    const built = buildCommands(commandSpecs, ['城区']);
    for (const spec of commandSpecs) {
      const c = built.find((b) => b.name === spec.name)!;
      if (spec.audience === 'coordinator') expect(c.default_member_permissions).toBe(PermissionFlagsBits.ManageGuild.toString());
      else expect(c.default_member_permissions).toBeUndefined();
    }
    expect(built.find((b) => b.name === 'admin')!.default_member_permissions).toBeDefined();
    expect(built.find((b) => b.name === 'export')!.default_member_permissions).toBeDefined();
  });
});
