/**
 * Test harness for the Slack adapter: a local fake of Slack's Web API that records every call,
 * and a client that sends requests to the real Bolt app the way Slack does — HMAC-signed,
 * slash commands form-urlencoded, interactions as `payload=<JSON>`.
 */
import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedCall {
  /** Web API method (`views.open`), or `respond` for a response_url post, or `upload` for file bytes. */
  method: string;
  args: Record<string, any>;
  /** Raw bytes for uploads. */
  bytes?: Buffer;
  /** The Authorization header the call carried. */
  authorization?: string;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/** Web API arguments arrive form-urlencoded with nested values as JSON strings, or as JSON. */
function parseArgs(raw: Buffer, contentType: string | undefined): Record<string, any> {
  const text = raw.toString('utf8');
  if (contentType?.includes('application/json')) return text ? JSON.parse(text) : {};
  const out: Record<string, any> = {};
  for (const [k, v] of new URLSearchParams(text)) {
    try {
      out[k] = /^[[{]/.test(v) ? JSON.parse(v) : v;
    } catch {
      out[k] = v;
    }
  }
  return out;
}

/**
 * A fake Slack: `/api/<method>` answers like the Web API, `/respond/<n>` stands in for
 * response_urls, `/upload/<file>` for files.getUploadURLExternal's upload URL.
 */
export class FakeSlack {
  readonly calls: RecordedCall[] = [];
  /** Slack locale per user id, for users.info. */
  readonly locales = new Map<string, string>();
  /** Users for whom conversations.open fails (a deactivated account). */
  readonly unreachable = new Set<string>();
  /** Error words conversations.open answers for a user, e.g. `cannot_dm_bot`, `user_not_found`. */
  readonly dmErrors = new Map<string, string>();
  /** Error words chat.postMessage answers for a channel, e.g. `not_in_channel`, `channel_not_found`. */
  readonly channelErrors = new Map<string, string>();
  /** Every message posted, by ts, as last posted or updated (what a reader would see). */
  readonly messages = new Map<string, { channel: string; text: string; blocks?: any[] }>();
  private nextTs = 0;
  private server: Server | undefined;
  private waiters: Array<{ test: (c: RecordedCall) => boolean; resolve: (c: RecordedCall) => void }> = [];
  private views = 0;
  private responseUrls = 0;
  base = '';

  async start(): Promise<void> {
    this.server = createServer(async (req, res) => {
      const raw = await readBody(req);
      const url = req.url ?? '';
      const reply = (body: unknown) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (url.startsWith('/upload/')) {
        this.record({ method: 'upload', args: { file: url.slice('/upload/'.length) }, bytes: raw });
        res.writeHead(200);
        res.end('OK');
        return;
      }
      if (url.startsWith('/respond/')) {
        this.record({ method: 'respond', args: { ...JSON.parse(raw.toString('utf8')), url } });
        reply({ ok: true });
        return;
      }
      const method = url.replace(/^\/api\//, '').split('?')[0]!;
      const args = parseArgs(raw, req.headers['content-type']);
      this.record({ method, args, authorization: req.headers.authorization });
      reply(this.answer(method, args));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  get apiUrl(): string {
    return `${this.base}/api/`;
  }

  /** A fresh response_url, as Slack puts in each slash command and message interaction. */
  responseUrl(): string {
    return `${this.base}/respond/${++this.responseUrls}`;
  }

  private answer(method: string, args: Record<string, any>): unknown {
    switch (method) {
      case 'apps.connections.open':
        // No WebSocket server here: refuse the app token, which Socket Mode treats as final.
        return { ok: false, error: 'invalid_auth' };
      case 'auth.test':
        return { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1', user: 'policy-desk', team: 'Jincheng' };
      case 'users.info':
        return { ok: true, user: { id: args.user, locale: this.locales.get(args.user) ?? 'zh-CN' } };
      case 'views.open':
      case 'views.push':
        return { ok: true, view: { id: `V${++this.views}`, hash: `h${this.views}` } };
      case 'views.update':
        return { ok: true, view: { id: args.view_id, hash: `h-upd-${this.calls.length}` } };
      case 'conversations.open':
        if (this.dmErrors.has(args.users)) return { ok: false, error: this.dmErrors.get(args.users) };
        if (this.unreachable.has(args.users)) return { ok: false, error: 'user_disabled' };
        return { ok: true, channel: { id: `D-${args.users}` } };
      case 'chat.postMessage': {
        if (this.channelErrors.has(args.channel)) return { ok: false, error: this.channelErrors.get(args.channel) };
        const ts = `1743642000.${String(++this.nextTs).padStart(6, '0')}`;
        this.messages.set(ts, { channel: args.channel, text: args.text, blocks: args.blocks });
        return { ok: true, channel: args.channel, ts };
      }
      case 'chat.update': {
        const posted = this.messages.get(args.ts);
        if (!posted || posted.channel !== args.channel) return { ok: false, error: 'message_not_found' };
        this.messages.set(args.ts, { channel: args.channel, text: args.text, blocks: args.blocks });
        return { ok: true, channel: args.channel, ts: args.ts };
      }
      case 'files.getUploadURLExternal':
        return { ok: true, upload_url: `${this.base}/upload/F${this.calls.length}`, file_id: `F${this.calls.length}` };
      case 'files.completeUploadExternal':
        return { ok: true, files: (args.files ?? []).map((f: { id: string }) => ({ id: f.id })) };
      default:
        return { ok: true };
    }
  }

  private record(c: RecordedCall): void {
    this.calls.push(c);
    this.waiters = this.waiters.filter((w) => {
      if (!w.test(c)) return true;
      w.resolve(c);
      return false;
    });
  }

  /** Calls of one method, in order. */
  of(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** The first recorded call (past or future) of `method` matching `test`. */
  waitFor(method: string, test: (args: Record<string, any>) => boolean = () => true): Promise<RecordedCall> {
    const match = (c: RecordedCall) => c.method === method && test(c.args);
    const done = this.calls.find(match);
    if (done) return Promise.resolve(done);
    return new Promise((resolve) => this.waiters.push({ test: match, resolve }));
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}

/** Slack's request signature: v0=hex(hmac_sha256(secret, `v0:${ts}:${body}`)). */
export function sign(secret: string, ts: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex')}`;
}

export interface SendOptions {
  /** Seconds since the epoch to sign with (default now). */
  timestamp?: number;
  /** Sign with this secret instead of the right one. */
  secret?: string;
  /** Adds x-slack-retry-num, as Slack does on a redelivery. */
  retryNum?: number;
}

export interface SlackResponse {
  status: number;
  body: string;
  json(): any;
}

/** Posts to the Bolt app exactly as Slack does. */
export class SlackSender {
  constructor(
    private readonly url: string,
    private readonly secret: string,
    private readonly fake: FakeSlack,
  ) {}

  private triggers = 0;

  triggerId(): string {
    return `trigger-${++this.triggers}-${Math.random().toString(36).slice(2, 8)}`;
  }

  async post(body: string, options: SendOptions = {}): Promise<SlackResponse> {
    const ts = options.timestamp ?? Math.floor(Date.now() / 1000);
    const headers: Record<string, string> = {
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': String(ts),
      'x-slack-signature': sign(options.secret ?? this.secret, ts, body),
    };
    if (options.retryNum !== undefined) {
      headers['x-slack-retry-num'] = String(options.retryNum);
      headers['x-slack-retry-reason'] = 'http_timeout';
    }
    const res = await fetch(this.url, { method: 'POST', headers, body });
    const text = await res.text();
    return { status: res.status, body: text, json: () => JSON.parse(text) };
  }

  /**
   * An Events API delivery (`event_callback`), JSON as Slack sends it: e.g. a DM to the app
   * (`message` with channel_type `im`) or an `app_mention` in a channel.
   */
  async event(event: Record<string, unknown>, options: SendOptions & { eventId?: string } = {}): Promise<SlackResponse> {
    const body = JSON.stringify({
      token: 'legacy-token',
      team_id: 'T1',
      api_app_id: 'A1',
      type: 'event_callback',
      event_id: options.eventId ?? `Ev${++this.events}`,
      event_time: Math.floor(Date.now() / 1000),
      authorizations: [{ team_id: 'T1', user_id: 'UBOT', is_bot: true }],
      event: { event_ts: `${Date.now() / 1000}`, ...event },
    });
    const ts = options.timestamp ?? Math.floor(Date.now() / 1000);
    const res = await fetch(this.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-slack-request-timestamp': String(ts),
        'x-slack-signature': sign(options.secret ?? this.secret, ts, body),
        ...(options.retryNum !== undefined ? { 'x-slack-retry-num': String(options.retryNum), 'x-slack-retry-reason': 'http_timeout' } : {}),
      },
      body,
    });
    const text = await res.text();
    return { status: res.status, body: text, json: () => JSON.parse(text) };
  }

  private events = 0;

  /** The form body of a slash command, e.g. command('/pd-search', '节能审查'). */
  commandBody(command: string, text: string, user = 'U1', extra: Record<string, string> = {}): string {
    return new URLSearchParams({
      token: 'legacy-token',
      team_id: 'T1',
      team_domain: 'jincheng',
      channel_id: 'C1',
      channel_name: 'general',
      user_id: user,
      user_name: user.toLowerCase(),
      command,
      text,
      api_app_id: 'A1',
      is_enterprise_install: 'false',
      response_url: this.fake.responseUrl(),
      trigger_id: this.triggerId(),
      ...extra,
    }).toString();
  }

  command(command: string, text: string, user = 'U1', options: SendOptions = {}): Promise<SlackResponse> {
    return this.post(this.commandBody(command, text, user), options);
  }

  /** A block_actions payload for a button in a message (response_url) or in a modal (view). */
  actionBody(button: { action_id: string; value?: string }, opts: { user?: string; view?: { id: string; hash?: string }; ephemeral?: boolean; channel?: string } = {}): string {
    const user = opts.user ?? 'U1';
    const channel = opts.channel ?? 'C1';
    const payload = {
      type: 'block_actions',
      team: { id: 'T1', domain: 'jincheng' },
      user: { id: user, username: user.toLowerCase(), name: user.toLowerCase(), team_id: 'T1' },
      api_app_id: 'A1',
      token: 'legacy-token',
      trigger_id: this.triggerId(),
      ...(opts.view
        ? { container: { type: 'view', view_id: opts.view.id }, view: { id: opts.view.id, hash: opts.view.hash ?? 'h', type: 'modal', callback_id: 'pd-info', private_metadata: '{}', state: { values: {} } } }
        : {
            container: { type: 'message', message_ts: '1.000', channel_id: channel, is_ephemeral: opts.ephemeral ?? true },
            channel: { id: channel, name: channel.startsWith('D') ? 'directmessage' : 'general' },
            response_url: this.fake.responseUrl(),
          }),
      actions: [{ type: 'button', block_id: 'b1', action_id: button.action_id, value: button.value, text: { type: 'plain_text', text: 'x' }, action_ts: `${Date.now() / 1000}` }],
    };
    return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  }

  action(button: { action_id: string; value?: string }, opts: Parameters<SlackSender['actionBody']>[1] = {}, options: SendOptions = {}): Promise<SlackResponse> {
    return this.post(this.actionBody(button, opts), options);
  }

  /**
   * A view_submission of a modal the adapter opened: `view` is the view it sent to views.open or
   * views.update, `values` what the person typed, keyed by block_id.
   */
  submissionBody(view: Record<string, any>, values: Record<string, string>, opts: { user?: string; viewId?: string; hash?: string } = {}): string {
    const user = opts.user ?? 'U1';
    const state: Record<string, Record<string, unknown>> = {};
    for (const block of view.blocks as Array<Record<string, any>>) {
      if (block.type !== 'input') continue;
      const v = values[block.block_id];
      state[block.block_id] = { [block.element.action_id]: { type: block.element.type, value: v === undefined || v === '' ? null : v } };
    }
    const payload = {
      type: 'view_submission',
      team: { id: 'T1', domain: 'jincheng' },
      user: { id: user, username: user.toLowerCase(), name: user.toLowerCase(), team_id: 'T1' },
      api_app_id: 'A1',
      token: 'legacy-token',
      trigger_id: this.triggerId(),
      view: { ...view, id: opts.viewId ?? 'V1', hash: opts.hash ?? 'h1', team_id: 'T1', state: { values: state } },
      response_urls: [],
    };
    return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  }

  submit(view: Record<string, any>, values: Record<string, string>, opts: Parameters<SlackSender['submissionBody']>[2] = {}, options: SendOptions = {}): Promise<SlackResponse> {
    return this.post(this.submissionBody(view, values, opts), options);
  }
}
