/**
 * A local stand-in for Discord's HTTP API, and a discord.js Client that never logs in.
 *
 * Interactions are fed to the client as raw gateway payloads (`INTERACTION_CREATE` data, typed
 * with discord-api-types) through discord.js's own InteractionCreate action, so the adapter sees
 * real ButtonInteraction / ModalSubmitInteraction objects. Every REST call discord.js then makes
 * (interaction callbacks, webhook edits and follow-ups, DMs, command registration) lands on this
 * server, which records it — JSON and multipart bodies alike — for the tests to assert on.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client, ClientUser } from 'discord.js';
import type { GatewayMessageCreateDispatchData } from 'discord.js';
import type {
  APIChatInputApplicationCommandInteraction,
  APIChatInputApplicationCommandInteractionData,
  APIMessage,
  APIMessageComponentButtonInteraction,
  APIModalSubmitInteraction,
  APIUser,
  APIApplicationCommandInteractionDataOption,
} from 'discord.js';
import { ApplicationCommandType, ChannelType, ComponentType, InteractionType, Locale, MessageFlags, MessageType } from 'discord.js';

/** No message flags (the enum has no zero member). */
const MessageFlagsNone = 0 as MessageFlags;
import type { DiscordApp, DiscordAdapterOptions } from '../../src/adapters/discord/adapter.ts';
import { DiscordAdapter } from '../../src/adapters/discord/adapter.ts';
import { createDiscordClient } from '../../src/adapters/discord/index.ts';

export interface RecordedCall {
  method: string;
  /** Path after `/api/v10`, e.g. `/interactions/1/tok/callback`. */
  path: string;
  query: URLSearchParams;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  files: Array<{ field: string; name: string; size: number }>;
}

export const APP_ID = '100000000000000001';
export const GUILD_ID = '200000000000000002';
export const CHANNEL_ID = '300000000000000003';
/** The coordinators' channel of the messenger tests (DISCORD_BOARD_CHANNEL_ID). */
export const BOARD_CHANNEL_ID = '310000000000000031';

export class FakeDiscord {
  readonly calls: RecordedCall[] = [];
  /** Users whose DMs fail with 403 / 50007 ("Cannot send messages to this user"). */
  readonly closedDms = new Set<string>();
  /** User ids Discord does not know: opening a DM fails with 404 / 10013 ("Unknown User"). */
  readonly unknownUsers = new Set<string>();
  /** Channels the bot cannot see: posting fails with 403 / 50001 ("Missing Access"). */
  readonly hiddenChannels = new Set<string>();
  /** Channels that do not exist: posting fails with 404 / 10003 ("Unknown Channel"). */
  readonly unknownChannels = new Set<string>();
  /** Every message posted to a channel, by id, as last sent or edited (what a reader would see). */
  readonly messages = new Map<string, { channelId: string; body: any }>();
  private readonly dmChannels = new Map<string, string>();
  private registered = new Map<string, unknown>();
  private server!: Server;
  private nextId = 900000000000000000n;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.serve(req, res));
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/api`;
    return this;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server.close(() => r()));
  }

  /** The DM channel last opened with `userId` (what discord.js sends the DM to). */
  dmChannelOf(userId: string): string | undefined {
    return [...this.dmChannels].filter(([, recipient]) => recipient === userId).at(-1)?.[0];
  }

  /** Calls recorded from index `from` on (to look only at what one interaction caused). */
  since(from: number): RecordedCall[] {
    return this.calls.slice(from);
  }

  private id(): string {
    this.nextId += 1n;
    return String(this.nextId);
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks);
    const url = new URL(req.url ?? '/', 'http://x');
    const path = decodeURIComponent(url.pathname).replace(/^\/api\/v10/, '');
    const type = req.headers['content-type'] ?? '';
    let body: unknown = undefined;
    const files: RecordedCall['files'] = [];
    if (type.startsWith('multipart/form-data')) {
      const form = await new Response(raw, { headers: { 'content-type': type } }).formData();
      for (const [field, value] of form) {
        if (field === 'payload_json') body = JSON.parse(String(value));
        else if (typeof value !== 'string') files.push({ field, name: value.name, size: value.size });
      }
    } else if (raw.length > 0) {
      body = JSON.parse(raw.toString('utf8'));
    }
    const method = req.method ?? 'GET';
    this.calls.push({ method, path, query: url.searchParams, body, files });

    const send = (status: number, payload?: unknown) => {
      if (payload === undefined) {
        res.writeHead(status).end();
        return;
      }
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(payload));
    };
    let m: RegExpExecArray | null;
    if (method === 'POST' && /^\/interactions\/\d+\/[^/]+\/callback$/.test(path)) return send(204);
    if ((m = /^\/webhooks\/(\d+)\/([^/]+)\/messages\/([^/]+)$/.exec(path))) {
      if (method === 'DELETE') return send(204);
      return send(200, this.message(body, CHANNEL_ID, m[3] === '@original' ? this.id() : m[3]!));
    }
    if (method === 'POST' && /^\/webhooks\/\d+\/[^/]+$/.test(path)) return send(200, this.message(body, CHANNEL_ID, this.id()));
    if (method === 'POST' && path === '/users/@me/channels') {
      const recipient = String((body as { recipient_id: string }).recipient_id);
      if (this.unknownUsers.has(recipient)) return send(404, { message: 'Unknown User', code: 10013 });
      const channelId = this.id();
      this.dmChannels.set(channelId, recipient);
      return send(200, { id: channelId, type: ChannelType.DM, last_message_id: null, recipients: [user(recipient, `user${recipient}`)] });
    }
    if (method === 'POST' && /^\/channels\/\d+\/typing$/.test(path)) return send(204);
    if (method === 'POST' && (m = /^\/channels\/(\d+)\/messages$/.exec(path))) {
      const recipient = this.dmChannels.get(m[1]!);
      if (recipient && this.closedDms.has(recipient)) return send(403, { message: 'Cannot send messages to this user', code: 50007 });
      if (this.hiddenChannels.has(m[1]!)) return send(403, { message: 'Missing Access', code: 50001 });
      if (this.unknownChannels.has(m[1]!)) return send(404, { message: 'Unknown Channel', code: 10003 });
      const id = this.id();
      this.messages.set(id, { channelId: m[1]!, body });
      return send(200, this.message(body, m[1]!, id));
    }
    if (method === 'PATCH' && (m = /^\/channels\/(\d+)\/messages\/(\d+)$/.exec(path))) {
      const posted = this.messages.get(m[2]!);
      if (!posted || posted.channelId !== m[1]) return send(404, { message: 'Unknown Message', code: 10008 });
      posted.body = body;
      return send(200, this.message(body, m[1]!, m[2]!));
    }
    if ((m = /^\/applications\/\d+(?:\/guilds\/\d+)?\/commands$/.exec(path))) {
      if (method === 'PUT') {
        this.registered.set(path, body);
        return send(200, (body as unknown[]).map((c) => ({ ...(c as object), id: this.id(), application_id: APP_ID, version: '1' })));
      }
      return send(200, this.registered.get(path) ?? []);
    }
    send(404, { message: `fake Discord: no route for ${method} ${path}`, code: 0 });
  }

  private message(body: unknown, channelId: string, id: string): APIMessage {
    const b = (body ?? {}) as Partial<APIMessage>;
    return {
      id,
      channel_id: channelId,
      author: { ...user(APP_ID, 'policy-desk'), bot: true },
      content: b.content ?? '',
      timestamp: new Date(0).toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: [],
      embeds: b.embeds ?? [],
      components: b.components ?? [],
      pinned: false,
      type: MessageType.Default,
      flags: b.flags ?? MessageFlagsNone,
    };
  }
}

export function user(id: string, username: string): APIUser {
  return { id, username, discriminator: '0', global_name: username, avatar: null };
}

let messageSeq = 0;

/**
 * A message typed by a person, as MESSAGE_CREATE carries it: in their DM with the bot (no guild,
 * `dmChannel`), or in the server channel (`mentions` lists who it pings, e.g. the bot).
 */
export function typed(text: string, opts: { user?: string; dmChannel?: string; mentions?: string[]; bot?: boolean } = {}): GatewayMessageCreateDispatchData {
  messageSeq += 1;
  const author = { ...user(opts.user ?? '111111111111111111', `user${opts.user ?? '111111111111111111'}`), ...(opts.bot ? { bot: true } : {}) };
  const inDm = opts.dmChannel !== undefined;
  return {
    id: String(700000000000000000n + BigInt(messageSeq)),
    channel_id: opts.dmChannel ?? CHANNEL_ID,
    ...(inDm ? { channel_type: ChannelType.DM } : { guild_id: GUILD_ID, member: { roles: [], joined_at: new Date(0).toISOString(), deaf: false, mute: false, flags: 0 } }),
    author,
    content: text,
    timestamp: new Date(0).toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: (opts.mentions ?? []).map((id) => ({ ...user(id, id === APP_ID ? 'policy-desk' : `user${id}`), ...(id === APP_ID ? { bot: true } : {}) })),
    mention_roles: [],
    attachments: [],
    embeds: [],
    pinned: false,
    type: MessageType.Default,
  } as unknown as GatewayMessageCreateDispatchData;
}

let seq = 0;
function base(userId: string, locale: Locale) {
  seq += 1;
  return {
    id: String(400000000000000000n + BigInt(seq)),
    application_id: APP_ID,
    token: `tok-${seq}`,
    version: 1 as const,
    app_permissions: '0',
    locale,
    guild_locale: Locale.ChineseCN,
    entitlements: [],
    authorizing_integration_owners: {},
    guild_id: GUILD_ID,
    channel: { id: CHANNEL_ID, type: ChannelType.GuildText as const },
    channel_id: CHANNEL_ID,
    member: {
      user: user(userId, `user${userId}`),
      roles: [],
      joined_at: new Date(0).toISOString(),
      deaf: false,
      mute: false,
      flags: 0,
      permissions: '0',
    },
    attachment_size_limit: 10 * 1024 * 1024,
  };
}

export interface Who {
  user?: string;
  locale?: Locale;
}

/** A slash command as Discord sends it. `sub` makes a SUB_COMMAND option; user options take an id. */
export function slash(
  name: string,
  options: APIApplicationCommandInteractionDataOption[] = [],
  who: Who = {},
): APIChatInputApplicationCommandInteraction {
  const data: APIChatInputApplicationCommandInteractionData = { id: '500000000000000005', name, type: ApplicationCommandType.ChatInput, options };
  return { ...base(who.user ?? '111111111111111111', who.locale ?? Locale.ChineseCN), type: InteractionType.ApplicationCommand, data };
}

/** A slash command used in the person's DM with the bot (context BotDM): no guild, `user` instead of `member`. */
export function dmSlash(name: string, options: APIApplicationCommandInteractionDataOption[] = [], who: Who & { channelId?: string } = {}): APIChatInputApplicationCommandInteraction {
  const { guild_id: _guild, member, channel: _channel, channel_id: _channelId, ...rest } = slash(name, options, who);
  const channelId = who.channelId ?? '320000000000000032';
  return {
    ...rest,
    user: member!.user,
    channel: { id: channelId, type: ChannelType.DM, recipients: [member!.user] } as APIChatInputApplicationCommandInteraction['channel'],
    channel_id: channelId,
    context: 1,
  } as APIChatInputApplicationCommandInteraction;
}

/** A message the bot posted earlier, carrying `components`; `ephemeral` sets flag 64. */
export function botMessage(opts: { ephemeral: boolean; components?: APIMessage['components'] }): APIMessage {
  return {
    id: '600000000000000006',
    channel_id: CHANNEL_ID,
    author: { ...user(APP_ID, 'policy-desk'), bot: true },
    content: '',
    timestamp: new Date(0).toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: [],
    components: opts.components ?? [],
    pinned: false,
    type: MessageType.Default,
    flags: opts.ephemeral ? MessageFlags.Ephemeral : MessageFlagsNone,
  };
}

export function button(customId: string, opts: Who & { ephemeral?: boolean } = {}): APIMessageComponentButtonInteraction {
  return {
    ...base(opts.user ?? '111111111111111111', opts.locale ?? Locale.ChineseCN),
    type: InteractionType.MessageComponent,
    data: { custom_id: customId, component_type: ComponentType.Button },
    message: botMessage({ ephemeral: opts.ephemeral ?? true }),
  };
}

/**
 * A button pressed on a message in the bot's DM with the user: no guild, `user` instead of
 * `member`, a DM channel that discord.js has not cached (as after a restart).
 */
export function dmButton(customId: string, opts: Who & { channelId?: string } = {}): APIMessageComponentButtonInteraction {
  const { guild_id: _guild, member, channel: _channel, channel_id: _channelId, ...rest } = base(opts.user ?? '111111111111111111', opts.locale ?? Locale.ChineseCN);
  const channelId = opts.channelId ?? '320000000000000032';
  return {
    ...rest,
    user: member.user,
    channel: { id: channelId, type: ChannelType.DM, recipients: [member.user] } as APIMessageComponentButtonInteraction['channel'],
    channel_id: channelId,
    context: 1,
    type: InteractionType.MessageComponent,
    data: { custom_id: customId, component_type: ComponentType.Button },
    message: { ...botMessage({ ephemeral: false }), channel_id: channelId },
  };
}

/** A submitted modal; `fromMessage` when it was opened by a button on an (ephemeral) message. */
export function modalSubmit(customId: string, values: Record<string, string>, opts: Who & { fromMessage?: boolean } = {}): APIModalSubmitInteraction {
  return {
    ...base(opts.user ?? '111111111111111111', opts.locale ?? Locale.ChineseCN),
    type: InteractionType.ModalSubmit,
    data: {
      custom_id: customId,
      components: Object.entries(values).map(([k, v]) => ({
        type: ComponentType.ActionRow,
        components: [{ type: ComponentType.TextInput, custom_id: k, value: v }],
      })),
    },
    ...(opts.fromMessage ? { message: botMessage({ ephemeral: true }) } : {}),
  };
}

type Payload = APIChatInputApplicationCommandInteraction | APIMessageComponentButtonInteraction | APIModalSubmitInteraction;

/** The fake API, a client pointed at it, and the adapter under test. */
export class Harness {
  readonly api = new FakeDiscord();
  client!: Client;
  adapter!: DiscordAdapter;

  async start(app: DiscordApp, options: DiscordAdapterOptions = {}): Promise<this> {
    await this.api.start();
    // The client npm start builds (same intents and partials), pointed at the fake API.
    this.client = createDiscordClient({ apiUrl: this.api.url });
    this.client.rest.setToken('test-token');
    // What the READY event would set after a login; DMs need to know the bot's own id.
    (this.client as { user: ClientUser | null }).user = new (ClientUser as unknown as new (c: Client, d: APIUser) => ClientUser)(this.client, { ...user(APP_ID, 'policy-desk'), bot: true });
    // What GUILD_CREATE would cache: the server and its text channel, so a mention there resolves.
    (this.client.guilds as unknown as { _add(d: unknown): unknown })._add({
      id: GUILD_ID, name: 'jincheng', owner_id: '1', roles: [], emojis: [], features: [], members: [], presences: [], voice_states: [], stickers: [], preferred_locale: 'zh-CN',
      channels: [{ id: CHANNEL_ID, type: ChannelType.GuildText, name: 'general', guild_id: GUILD_ID, position: 0, permission_overwrites: [] }],
    });
    this.adapter = new DiscordAdapter(this.client, app, options).attach();
    // As startDiscord does: discord: users are reached through this client from now on.
    app.delivery.register(this.adapter.messenger());
    return this;
  }

  /** Delivers a MESSAGE_CREATE as the gateway would and waits until the adapter has answered it; returns the REST calls it caused. */
  async message(payload: GatewayMessageCreateDispatchData): Promise<RecordedCall[]> {
    const from = this.api.calls.length;
    (this.client as unknown as { actions: { MessageCreate: { handle(d: unknown): void } } }).actions.MessageCreate.handle(payload);
    await this.adapter.idle();
    return this.api.since(from);
  }

  /** Delivers an interaction as the gateway would and waits until the adapter has answered it; returns the REST calls it caused. */
  async send(payload: Payload): Promise<RecordedCall[]> {
    const from = this.api.calls.length;
    (this.client as unknown as { actions: { InteractionCreate: { handle(d: unknown): void } } }).actions.InteractionCreate.handle(payload);
    await this.adapter.idle();
    return this.api.since(from);
  }

  async stop(): Promise<void> {
    await this.client.destroy();
    await this.api.stop();
  }
}

/** The interaction callback (first response) among the calls. */
export function callback(calls: RecordedCall[]): RecordedCall {
  const c = calls.find((x) => x.path.endsWith('/callback'));
  if (!c) throw new Error(`no interaction callback among: ${calls.map((x) => `${x.method} ${x.path}`).join(', ')}`);
  return c;
}
