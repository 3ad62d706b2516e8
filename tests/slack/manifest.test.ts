/**
 * The Slack app manifest is generated from commands/commands.json and committed; these tests keep
 * the committed file, the command definitions and the adapter's registered commands in step.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BOT_SCOPES, buildManifest, MANIFEST_FILE, manifestText } from '../../src/adapters/slack/manifest.ts';
import { commandSpecs } from '../../src/bot/core/commandSpec.ts';
import { banner } from '../../src/adapters/console/index.ts';

describe('Slack manifest', () => {
  it('is committed exactly as npm run slack:manifest generates it from commands/', () => {
    expect(readFileSync(MANIFEST_FILE, 'utf8')).toBe(manifestText(buildManifest(commandSpecs, { prefix: '/pd-' })));
  });

  it('lists every command once, with the prefix, a bilingual description and Slack-sized texts', () => {
    const m = buildManifest(commandSpecs, { prefix: '/pd-' });
    expect(m.features.slash_commands.map((c) => c.command)).toEqual(commandSpecs.map((c) => `/pd-${c.name}`));
    for (const [i, c] of m.features.slash_commands.entries()) {
      const spec = commandSpecs[i]!;
      expect(c.description).toContain(spec.description['zh-CN'].slice(0, 8));
      expect(c.description).toMatch(/ · [A-Z]/);
      expect(c.description.length).toBeLessThanOrEqual(100);
      expect((c.usage_hint ?? '').length).toBeLessThanOrEqual(100);
    }
    const search = m.features.slash_commands.find((c) => c.command === '/pd-search')!;
    expect(search.usage_hint).toBe('<关键词 query>');
    const report = m.features.slash_commands.find((c) => c.command === '/pd-report')!;
    expect(report.usage_hint).toMatch(/^submit\|amend\|none\|show.* 填报\|更正\|无活动\|查看/);
  });

  it('escapes user mentions only for commands that take a user', () => {
    const m = buildManifest(commandSpecs, { prefix: '/pd-' });
    const escaping = m.features.slash_commands.filter((c) => c.should_escape).map((c) => c.command);
    const withUser = commandSpecs
      .filter((s) => [...(s.options ?? []), ...(s.subcommands ?? []).flatMap((x) => x.options)].some((o) => o.type === 'user'))
      .map((s) => `/pd-${s.name}`);
    expect(escaping).toEqual(withUser);
    expect(escaping).toContain('/pd-admin');
  });

  it('asks for the bot scopes the adapter uses, with interactivity and Socket Mode on by default', () => {
    const m = buildManifest(commandSpecs, { prefix: '/pd-' });
    expect(m.oauth_config.scopes.bot).toEqual([...BOT_SCOPES]);
    expect(m.oauth_config.scopes.bot).toEqual(['commands', 'chat:write', 'im:write', 'users:read', 'files:write', 'im:history', 'files:read', 'app_mentions:read']);
    // Typed questions and files shared in a DM arrive as message.im events, mentions as app_mention.
    expect(m.settings.event_subscriptions.bot_events).toEqual(['app_mention', 'message.im']);
    expect(m.features.app_home.messages_tab_read_only_enabled).toBe(false);
    expect(m.settings.interactivity.is_enabled).toBe(true);
    expect(m.settings.socket_mode_enabled).toBe(true);
    expect(m.features.slash_commands.every((c) => c.url === undefined)).toBe(true);
  });

  it('points commands and interactivity at the request URL in HTTP mode and turns Socket Mode off', () => {
    const m = buildManifest(commandSpecs, { prefix: '/zc-', requestUrl: 'https://desk.example.cn/slack/events' });
    expect(m.settings.socket_mode_enabled).toBe(false);
    expect(m.settings.interactivity.request_url).toBe('https://desk.example.cn/slack/events');
    expect(m.features.slash_commands.every((c) => c.url === 'https://desk.example.cn/slack/events' && c.command.startsWith('/zc-'))).toBe(true);
  });

  it('subscribes to the app DM and mentions, with the scopes to read them, and lets people type in the Messages tab', () => {
    const m = buildManifest(commandSpecs, { prefix: '/pd-' });
    expect(m.settings.event_subscriptions.bot_events).toEqual(['app_mention', 'message.im']);
    expect(m.oauth_config.scopes.bot).toEqual(expect.arrayContaining(['im:history', 'app_mentions:read', 'chat:write']));
    expect(m.features.app_home.messages_tab_read_only_enabled).toBe(false);
    const http = buildManifest(commandSpecs, { prefix: '/pd-', requestUrl: 'https://desk.example.cn/slack/events' });
    expect(http.settings.event_subscriptions.request_url).toBe('https://desk.example.cn/slack/events');
  });

  it('calls the app by the product name the console and README use', () => {
    const m = buildManifest(commandSpecs, { prefix: '/pd-' });
    const readmeTitle = readFileSync(new URL('../../README.md', import.meta.url), 'utf8').split('\n')[0]!.replace(/^#\s*/, '');
    expect(m.display_information.name).toBe(readmeTitle);
    expect(m.features.bot_user.display_name).toBe(readmeTitle);
    expect(banner('console:liu')).toContain(readmeTitle);
  });

  it('refuses a request URL that is not https', () => {
    expect(() => buildManifest(commandSpecs, { prefix: '/pd-', requestUrl: 'http://desk.example.cn' })).toThrow(/https/);
  });
});
