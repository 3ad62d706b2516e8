/**
 * A local stand-in for DingTalk on loopback: the Stream gateway (connection-open endpoint and a
 * WebSocket speaking DingTalk's frame format), the OpenAPI endpoints the adapter calls, and the
 * session webhook of a conversation. It records what it receives for the tests to assert on, and
 * refuses the way DingTalk does (`{code, message, requestid}` with an HTTP status).
 *
 * Frames, as in the `dingtalk-stream` SDK's source:
 * - down (server → client): `{specVersion, type: 'SYSTEM' | 'EVENT' | 'CALLBACK', headers: {appId,
 *   connectionId, contentType, messageId, time, topic}, data: '<json string>'}`; robot messages are
 *   CALLBACK frames on topic `/v1.0/im/bot/messages/get`, pings are SYSTEM frames on topic `ping`.
 * - up (client → server): an ack or ping answer `{code: 200, headers: {contentType, messageId},
 *   message: 'OK', data: '<json string>'}`.
 * A callback frame not yet acked can be redelivered (same messageId), as DingTalk does.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { WebSocketServer, WebSocket } from 'ws';

export const CLIENT_ID = 'dingfakeclientid0001';
export const CLIENT_SECRET = 'fake-secret-0001';
export const CORP_ID = 'dingcorp0000000001';
export const BOARD_GROUP = 'cidBoardGroup0000000001==';

export interface DownFrame {
  specVersion: string;
  type: 'SYSTEM' | 'EVENT' | 'CALLBACK';
  headers: Record<string, string>;
  data: string;
}

export interface Ack {
  messageId: string;
  data: unknown;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

export interface RecordedRequest {
  method: string;
  path: string;
  token: string | undefined;
  body: Json;
}

/** Waits until `check()` is truthy, polling; fails after `limitMs` naming what it waited for. */
export async function waitUntil<T>(check: () => T | undefined | false | null, what: string, limitMs = 10_000): Promise<T> {
  const until = Date.now() + limitMs;
  for (;;) {
    const v = check();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export class FakeDingTalk {
  readonly requests: RecordedRequest[] = [];
  readonly acks: Ack[] = [];
  /** Answers to SYSTEM pings (the echoed opaque data). */
  readonly pongs: Json[] = [];
  /** Every callback frame sent, by its messageId. */
  readonly frames = new Map<string, DownFrame>();
  /** Connection-open requests (one per connect or reconnect), with the subscriptions asked for. */
  readonly connectionOpens: Json[] = [];
  /** WebSocket connections accepted so far. */
  connectionsAccepted = 0;
  tokensIssued = 0;
  /** Robot one-to-one messages delivered, one entry per recipient. */
  readonly directMessages: Array<{ staffId: string; msgKey: string; msgParam: Json }> = [];
  readonly groupMessages: Array<{ openConversationId: string; msgKey: string; msgParam: Json }> = [];
  readonly sessionReplies: Array<{ session: string; body: Json }> = [];
  /** StandardCard cards as a reader sees them now (after updates), by cardBizId. */
  readonly cards = new Map<string, { openConversationId: string; cardData: Json; updates: number }>();
  /** Groups the robot is in. */
  readonly groups = new Set<string>([BOARD_GROUP]);
  /** Staff ids outside the app's visible range: batchSend lists them in invalidStaffIdList. */
  readonly unreachableStaff = new Set<string>();
  /** Paths answered 403 AccessTokenPermissionDenied (a permission the app lacks). */
  readonly deniedPaths = new Set<string>();
  robotCode = CLIENT_ID;
  /** Largest `msgParam` DingTalk takes, in UTF-8 bytes. */
  maxMsgParamBytes = 15_000;

  private server!: Server;
  private wss!: WebSocketServer;
  private readonly sockets = new Set<WebSocket>();
  private readonly tickets = new Set<string>();
  private readonly validTokens = new Set<string>();
  private readonly tokenLifetimeSeconds: number;

  constructor(options: { tokenLifetimeSeconds?: number } = {}) {
    this.tokenLifetimeSeconds = options.tokenLifetimeSeconds ?? 7200;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Open WebSocket connections right now. */
  get openConnections(): number {
    return [...this.sockets].filter((s) => s.readyState === WebSocket.OPEN).length;
  }

  async start(): Promise<this> {
    this.wss = new WebSocketServer({ noServer: true });
    this.server = createServer((req, res) => void this.onRequest(req, res));
    this.server.on('upgrade', (req, socket, head) => {
      const url = new URL(req.url ?? '/', 'http://x');
      const ticket = url.searchParams.get('ticket') ?? '';
      if (url.pathname !== '/connect' || !this.tickets.delete(ticket)) {
        socket.end('HTTP/1.1 401 Unauthorized\r\n\r\n');
        return;
      }
      this.wss.handleUpgrade(req, socket, head, (ws) => this.onSocket(ws));
    });
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    return this;
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.terminate();
    this.wss.close();
    await new Promise<void>((r) => this.server.close(() => r()));
  }

  /** Drops every connection without a close handshake, as a network failure would. */
  dropConnections(): void {
    for (const s of this.sockets) s.terminate();
  }

  /**
   * Rotates connections the way DingTalk's gateway does: a SYSTEM `disconnect` frame, then a
   * normal close. The client is expected to open a new connection.
   */
  rotateConnections(): void {
    for (const s of this.sockets) {
      s.send(JSON.stringify({ specVersion: '1.0', type: 'SYSTEM', headers: { contentType: 'application/json', messageId: randomUUID(), time: String(Date.now()), topic: 'disconnect' }, data: '{}' }));
      s.close(1000, 'rotate');
    }
  }

  /** Pushes a robot message (a CALLBACK frame); fields default to a one-to-one text from `staffId`. */
  sendRobotMessage(fields: { text: string; staffId?: string; group?: string; msgId?: string; extra?: Json }): DownFrame {
    const staffId = fields.staffId ?? 'staff001';
    const msgId = fields.msgId ?? `msg${randomUUID()}`;
    const session = randomUUID();
    const payload = {
      conversationId: fields.group ?? `cidDirect${staffId}==`,
      conversationType: fields.group ? '2' : '1',
      conversationTitle: fields.group ? '协调员群' : undefined,
      atUsers: fields.group ? [{ dingtalkId: '$:LWCP_v1:$robot' }] : [],
      isInAtList: Boolean(fields.group),
      chatbotCorpId: CORP_ID,
      chatbotUserId: '$:LWCP_v1:$robot',
      msgId,
      senderNick: '测试用户',
      isAdmin: false,
      senderStaffId: staffId,
      senderCorpId: CORP_ID,
      senderId: `$:LWCP_v1:$${staffId}`,
      sessionWebhook: `${this.url}/robot/sendBySession?session=${session}`,
      sessionWebhookExpiredTime: Date.now() + 90 * 60_000,
      createAt: Date.now(),
      robotCode: this.robotCode,
      msgtype: 'text',
      text: { content: fields.text },
      ...fields.extra,
    };
    const frame: DownFrame = {
      specVersion: '1.0',
      type: 'CALLBACK',
      headers: {
        appId: 'fake-app',
        connectionId: 'fake-connection',
        contentType: 'application/json',
        messageId: randomUUID(),
        time: String(Date.now()),
        topic: '/v1.0/im/bot/messages/get',
      },
      data: JSON.stringify(payload),
    };
    this.frames.set(frame.headers.messageId!, frame);
    this.broadcast(frame);
    return frame;
  }

  /** Sends `frame` again, unchanged (same messageId), as DingTalk does when it saw no ack. */
  redeliver(frame: DownFrame): void {
    this.broadcast(frame);
  }

  /** Redelivers every callback frame not acked yet; returns how many. */
  redeliverUnacked(): number {
    const unacked = [...this.frames.values()].filter((f) => !this.acks.some((a) => a.messageId === f.headers.messageId));
    for (const f of unacked) this.broadcast(f);
    return unacked.length;
  }

  acksFor(frame: DownFrame): Ack[] {
    return this.acks.filter((a) => a.messageId === frame.headers.messageId);
  }

  /** Sends a SYSTEM ping; the client answers with the same headers and data. */
  ping(opaque: string): void {
    this.broadcast({
      specVersion: '1.0',
      type: 'SYSTEM',
      headers: { contentType: 'application/json', messageId: randomUUID(), time: String(Date.now()), topic: 'ping' },
      data: JSON.stringify({ opaque }),
    });
  }

  /** Makes every access token issued so far invalid (as if expired early). */
  revokeTokens(): void {
    this.validTokens.clear();
  }

  private broadcast(frame: DownFrame): void {
    for (const s of this.sockets) if (s.readyState === WebSocket.OPEN) s.send(JSON.stringify(frame));
  }

  private onSocket(ws: WebSocket): void {
    this.connectionsAccepted++;
    this.sockets.add(ws);
    ws.on('close', () => this.sockets.delete(ws));
    ws.on('message', (raw) => {
      const msg = JSON.parse(String(raw)) as { code: number; headers: Record<string, string>; data: string };
      const data = msg.data ? JSON.parse(msg.data) : undefined;
      if (msg.headers.topic === 'ping') this.pongs.push(data);
      else this.acks.push({ messageId: msg.headers.messageId!, data });
    });
  }

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', this.url);
    const token = req.headers['x-acs-dingtalk-access-token'] as string | undefined;
    let body: Json = {};
    try {
      body = raw ? JSON.parse(raw) : {};
    } catch {
      return this.reply(res, 400, { code: 'InvalidParameter', message: 'body is not JSON' });
    }
    this.requests.push({ method: req.method ?? '', path: url.pathname, token, body });
    const route = `${req.method} ${url.pathname}`;

    if (route === 'POST /v1.0/gateway/connections/open') {
      if (body.clientId !== CLIENT_ID || body.clientSecret !== CLIENT_SECRET) {
        return this.reply(res, 401, { code: 'invalidClientIdOrSecret', message: '无效的clientId或者clientSecret' });
      }
      this.connectionOpens.push(body);
      const ticket = randomUUID();
      this.tickets.add(ticket);
      return this.reply(res, 200, { endpoint: `ws://127.0.0.1:${(this.server.address() as AddressInfo).port}/connect`, ticket });
    }
    if (route === 'POST /v1.0/oauth2/accessToken') {
      if (body.appKey !== CLIENT_ID || body.appSecret !== CLIENT_SECRET) {
        return this.reply(res, 400, { code: 'invalidClientIdOrSecret', message: '无效的clientId或者clientSecret' });
      }
      const accessToken = `token-${++this.tokensIssued}`;
      this.validTokens.add(accessToken);
      return this.reply(res, 200, { accessToken, expireIn: this.tokenLifetimeSeconds });
    }
    if (route === 'POST /robot/sendBySession') {
      this.sessionReplies.push({ session: url.searchParams.get('session') ?? '', body });
      return this.reply(res, 200, { errcode: 0, errmsg: 'ok' });
    }

    // Everything below is the authenticated OpenAPI.
    if (!token || !this.validTokens.has(token)) return this.reply(res, 401, { code: 'InvalidAuthentication', message: '不合法的access_token' });
    if (this.deniedPaths.has(url.pathname)) {
      return this.reply(res, 403, { code: 'Forbidden.AccessDenied.AccessTokenPermissionDenied', message: '没有调用该接口的权限', requiredScopes: ['qyapi_robot_sendmsg'] });
    }
    const robotOk = () => body.robotCode === this.robotCode;
    const paramOk = () => Buffer.byteLength(String(body.msgParam ?? ''), 'utf8') <= this.maxMsgParamBytes;

    if (route === 'POST /v1.0/robot/oToMessages/batchSend') {
      if (!robotOk()) return this.reply(res, 400, { code: 'resource.not.found', message: 'robot 不存在' });
      if (!paramOk()) return this.reply(res, 400, { code: 'invalidParameter.msgParam', message: 'msgParam too long' });
      const invalid = (body.userIds as string[]).filter((u) => this.unreachableStaff.has(u));
      for (const staffId of body.userIds as string[]) {
        if (!invalid.includes(staffId)) this.directMessages.push({ staffId, msgKey: body.msgKey, msgParam: JSON.parse(body.msgParam) });
      }
      return this.reply(res, 200, { processQueryKey: randomUUID(), invalidStaffIdList: invalid, flowControlledStaffIdList: [] });
    }
    if (route === 'POST /v1.0/robot/groupMessages/send') {
      if (!robotOk()) return this.reply(res, 400, { code: 'resource.not.found', message: 'robot 不存在' });
      if (!this.groups.has(body.openConversationId)) return this.reply(res, 400, { code: 'invalidParameter.openConversationId', message: '群不存在或机器人不在群中' });
      if (!paramOk()) return this.reply(res, 400, { code: 'invalidParameter.msgParam', message: 'msgParam too long' });
      this.groupMessages.push({ openConversationId: body.openConversationId, msgKey: body.msgKey, msgParam: JSON.parse(body.msgParam) });
      return this.reply(res, 200, { processQueryKey: randomUUID() });
    }
    if (route === 'POST /v1.0/im/v1.0/robot/interactiveCards/send') {
      if (!robotOk()) return this.reply(res, 400, { code: 'resource.not.found', message: 'robot 不存在' });
      if (body.cardTemplateId !== 'StandardCard') return this.reply(res, 400, { code: 'invalidParameter.cardTemplateId', message: 'unknown template' });
      if (!this.groups.has(body.openConversationId)) return this.reply(res, 400, { code: 'invalidParameter.openConversationId', message: '群不存在或机器人不在群中' });
      this.cards.set(body.cardBizId, { openConversationId: body.openConversationId, cardData: JSON.parse(body.cardData), updates: 0 });
      return this.reply(res, 200, { processQueryKey: randomUUID() });
    }
    if (route === 'PUT /v1.0/im/robots/interactiveCards') {
      const card = this.cards.get(body.cardBizId);
      if (!card) return this.reply(res, 400, { code: 'invalidParameter.cardBizId', message: 'card not found' });
      card.cardData = JSON.parse(body.cardData);
      card.updates++;
      return this.reply(res, 200, { success: true });
    }
    return this.reply(res, 404, { code: 'NotFound', message: `no route ${route}` });
  }

  private reply(res: ServerResponse, status: number, body: Json): void {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ ...body, ...(status >= 400 ? { requestid: randomUUID() } : {}) }));
  }
}
