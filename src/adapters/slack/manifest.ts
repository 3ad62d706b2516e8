/**
 * The Slack app manifest, generated from `commands/commands.json`.
 *
 * Slack slash commands share one namespace per workspace, so every command gets the configured
 * prefix (`/pd-search`, `/pd-report`, …). Descriptions and usage hints are Chinese first with the
 * English after, cut to what Slack's app settings accept. Run `npm run slack:manifest` after
 * editing the command definitions; it rewrites `slack/manifest.json`, which is committed so a
 * workspace admin can create the app by pasting it ("Create New App → From a manifest").
 *
 * Options: `--prefix /pd-` (default: SLACK_COMMAND_PREFIX or /pd-), `--request-url <https URL>`
 * (HTTP mode: turns Socket Mode off and points commands and interactivity at that URL),
 * `--out <file>` (default slack/manifest.json), `--check` (exit 1 when the file is stale).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CommandSpec, OptionSpec } from '../../bot/core/commandSpec.ts';
import { commandSpecs } from '../../bot/core/commandSpec.ts';
import { PRODUCT_NAME } from '../../bot/core/words.ts';
import { loadDotEnv, readSettings, REPO_ROOT } from '../../settings.ts';
import { fit } from './blockKit.ts';

/**
 * What the adapter uses: slash commands, posting (chat:write, also ephemeral answers to mentions),
 * opening DMs, users' locales, file uploads, reading the app's DM (im:history, for typed
 * conversation and files shared there), downloading a shared file (files:read), and mentions of
 * the app in channels (app_mentions:read).
 */
export const BOT_SCOPES = ['commands', 'chat:write', 'im:write', 'users:read', 'files:write', 'im:history', 'files:read', 'app_mentions:read'] as const;

/** Events the adapter listens to: the app's DM (typed conversation, files shared there) and @-mentions. */
export const BOT_EVENTS = ['app_mention', 'message.im'] as const;

export const MANIFEST_FILE = resolve(REPO_ROOT, 'slack', 'manifest.json');

/** Slack caps: command names 32 characters with the slash; descriptions and hints kept to 100. */
const COMMAND_NAME_MAX = 32;
const DESCRIPTION_MAX = 100;
const USAGE_HINT_MAX = 100;

export interface SlashCommandManifest {
  command: string;
  description: string;
  usage_hint?: string;
  should_escape: boolean;
  url?: string;
}

export interface SlackManifest {
  _metadata: { major_version: number; minor_version: number };
  display_information: { name: string; description: string; long_description: string; background_color: string };
  features: {
    app_home: { home_tab_enabled: boolean; messages_tab_enabled: boolean; messages_tab_read_only_enabled: boolean };
    bot_user: { display_name: string; always_online: boolean };
    slash_commands: SlashCommandManifest[];
  };
  oauth_config: { scopes: { bot: string[] } };
  settings: {
    event_subscriptions: { bot_events: string[]; request_url?: string };
    interactivity: { is_enabled: boolean; request_url?: string };
    org_deploy_enabled: boolean;
    socket_mode_enabled: boolean;
    token_rotation_enabled: boolean;
  };
}

export interface ManifestOptions {
  /** Slash command prefix, e.g. `/pd-`. */
  prefix: string;
  /** HTTP mode: the public URL Slack posts to (Bolt's default endpoint is `/slack/events`). Omit for Socket Mode. */
  requestUrl?: string;
}

function optionHint(o: OptionSpec): string {
  const choices = Array.isArray(o.choices) ? `:${o.choices.join('|')}` : '';
  return o.required ? `<${o.nameZh} ${o.name}${choices}>` : `[${o.nameZh} ${o.name}${choices}]`;
}

/** The usage hint Slack shows after the command name, e.g. `<关键词 query>`, `submit|amend|… 填报|更正|… [单位 unit] [月份 month]`. */
export function usageHint(spec: CommandSpec): string | undefined {
  if (spec.subcommands) {
    const subs = `${spec.subcommands.map((s) => s.name).join('|')} ${spec.subcommands.map((s) => s.nameZh).join('|')}`;
    // Options shared by every subcommand are worth listing; the rest are explained by /pd-help.
    const common = (spec.subcommands[0]?.options ?? []).filter((o) => spec.subcommands!.every((s) => s.options.some((x) => x.name === o.name)));
    return fit([subs, ...common.map(optionHint)].join(' '), USAGE_HINT_MAX);
  }
  const opts = spec.options ?? [];
  return opts.length > 0 ? fit(opts.map(optionHint).join(' '), USAGE_HINT_MAX) : undefined;
}

/** `/pd-` + `search` → `/pd-search`; refuses names Slack would reject. */
export function slashCommandName(prefix: string, name: string): string {
  const full = `${prefix}${name}`;
  if (full.length > COMMAND_NAME_MAX) throw new Error(`Slack command "${full}" is longer than ${COMMAND_NAME_MAX} characters; use a shorter SLACK_COMMAND_PREFIX`);
  return full;
}

/** Builds the manifest for the given command definitions. */
export function buildManifest(specs: readonly CommandSpec[], options: ManifestOptions): SlackManifest {
  const url = options.requestUrl;
  if (url !== undefined && !/^https:\/\/\S+$/.test(url)) throw new Error(`--request-url must be an https:// URL, got "${url}"`);
  return {
    _metadata: { major_version: 1, minor_version: 1 },
    display_information: {
      name: PRODUCT_NAME,
      description: '招商政策检索、问答与月度报送 · Policy search, answers and monthly reports',
      long_description:
        '晋城市投资促进工作助手：按关键词查找政策条文（附文号、条款和原文），回答节能审查、环评、专业镇认定等政策问题，' +
        '各县（市、区）和开发区按月填报招商情况，协调员查看缺报、汇总、季度达标并导出报表。\n' +
        'Policy Desk helps Jincheng investment-promotion staff find policy clauses with their document number and verbatim text, ' +
        'answer rule questions (energy review, EIA, specialty towns), submit monthly activity reports, and lets coordinators see ' +
        'missing reports, totals and quarterly quotas, and export them.',
      background_color: '#1d4e89',
    },
    features: {
      // People type questions and follow-up answers in the Messages tab (the app's DM), and a
      // coordinator shares a policy document there to add it; replies and reminders arrive there too.
      app_home: { home_tab_enabled: false, messages_tab_enabled: true, messages_tab_read_only_enabled: false },
      bot_user: { display_name: PRODUCT_NAME, always_online: true },
      slash_commands: specs.map((spec) => {
        const hint = usageHint(spec);
        // Escaping turns "@someone" into <@U…|name>, which the adapter maps to slack:<team>:<user>.
        const hasUser = [...(spec.options ?? []), ...(spec.subcommands ?? []).flatMap((s) => s.options)].some((o) => o.type === 'user');
        return {
          command: slashCommandName(options.prefix, spec.name),
          description: fit(
            `${spec.description['zh-CN'].startsWith(spec.nameZh) ? '' : `${spec.nameZh}：`}${spec.description['zh-CN']} · ${spec.description.en}`,
            DESCRIPTION_MAX,
          ),
          ...(hint ? { usage_hint: hint } : {}),
          should_escape: hasUser,
          ...(url ? { url } : {}),
        };
      }),
    },
    oauth_config: { scopes: { bot: [...BOT_SCOPES] } },
    settings: {
      event_subscriptions: { bot_events: [...BOT_EVENTS], ...(url ? { request_url: url } : {}) },
      interactivity: { is_enabled: true, ...(url ? { request_url: url } : {}) },
      org_deploy_enabled: false,
      socket_mode_enabled: url === undefined,
      token_rotation_enabled: false,
    },
  };
}

/** The manifest as the committed file holds it (two-space JSON, trailing newline). */
export function manifestText(m: SlackManifest): string {
  return `${JSON.stringify(m, null, 2)}\n`;
}

function parseArgs(argv: string[]): { prefix?: string; requestUrl?: string; out: string; check: boolean } {
  const out = { out: MANIFEST_FILE, check: false } as { prefix?: string; requestUrl?: string; out: string; check: boolean };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--prefix') out.prefix = next();
    else if (a === '--request-url') out.requestUrl = next();
    else if (a === '--out') out.out = resolve(next());
    else if (a === '--check') out.check = true;
    else throw new Error(`unknown argument "${a}" (use --prefix, --request-url, --out, --check)`);
  }
  return out;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  loadDotEnv();
  const prefix = args.prefix ?? readSettings().slackCommandPrefix;
  if (!/^\/[a-z0-9_-]{0,20}$/.test(prefix)) throw new Error(`--prefix must look like "/pd-", got "${prefix}"`);
  const text = manifestText(buildManifest(commandSpecs, { prefix, requestUrl: args.requestUrl }));
  if (args.check) {
    let current = '';
    try {
      current = readFileSync(args.out, 'utf8');
    } catch {
      /* missing counts as stale */
    }
    if (current !== text) {
      console.error(`${args.out} is out of date; run npm run slack:manifest`);
      process.exit(1);
    }
    console.log(`${args.out} is up to date`);
    return;
  }
  mkdirSync(dirname(args.out), { recursive: true });
  writeFileSync(args.out, text);
  console.log(`wrote ${args.out} (${commandSpecs.length} commands, prefix ${prefix})`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  });
}
