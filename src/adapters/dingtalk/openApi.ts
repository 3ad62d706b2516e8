/**
 * The few DingTalk OpenAPI calls Policy Desk makes, with the app access token cached until shortly
 * before it expires (DingTalk issues it for `expireIn` seconds, 7,200 today, and rate-limits the
 * token endpoint). Every refusal becomes a bilingual DeliveryError (refusals.ts).
 *
 * ```ts
 * const api = new DingTalkOpenApi({ clientId, clientSecret, robotCode, apiUrl: 'https://api.dingtalk.com' });
 * await api.sendToUser('manager4220', { title: '提醒', text: '请于 5 日前填报' });
 * await api.sendToGroup('cidXXXX==', message);
 * ```
 */
import { randomUUID } from 'node:crypto';
import type { DeliveryError } from '../../bot/core/messenger.ts';
import { dingTalkEndpoints, type DingTalkEndpoints } from './endpoints.ts';
import { deliveryErrorFor, unreachable } from './refusals.ts';
import { toRobotMessage, toWebhookBody, type DingTalkMessage } from './render.ts';

export interface DingTalkOpenApiOptions {
  clientId: string;
  clientSecret: string;
  robotCode: string;
  apiUrl?: string;
  /** The clock for token expiry (tests); default the real time. */
  now?: () => Date;
  /** Renew the token this long before DingTalk says it expires. Default 5 minutes. */
  renewBeforeMs?: number;
}

interface Token {
  value: string;
  expiresAt: number;
}

export class DingTalkOpenApi {
  readonly endpoints: DingTalkEndpoints;
  private token: Token | undefined;
  private pendingToken: Promise<Token> | undefined;
  private readonly now: () => Date;

  constructor(private readonly options: DingTalkOpenApiOptions) {
    this.endpoints = dingTalkEndpoints(options.apiUrl);
    this.now = options.now ?? (() => new Date());
  }

  /** A valid access token: the cached one, or a new one (concurrent callers share one request). */
  async accessToken(): Promise<string> {
    const margin = this.options.renewBeforeMs ?? 5 * 60_000;
    if (this.token && this.token.expiresAt - margin > this.now().getTime()) return this.token.value;
    this.pendingToken ??= this.fetchToken().finally(() => (this.pendingToken = undefined));
    this.token = await this.pendingToken;
    return this.token.value;
  }

  private async fetchToken(): Promise<Token> {
    const body = await this.request('POST', this.endpoints.accessToken, { appKey: this.options.clientId, appSecret: this.options.clientSecret }, false);
    const value = body.accessToken;
    const expireIn = Number(body.expireIn);
    if (typeof value !== 'string' || !value) throw deliveryErrorFor({ status: 200, message: 'no accessToken in the response' });
    return { value, expiresAt: this.now().getTime() + (Number.isFinite(expireIn) && expireIn > 0 ? expireIn : 7200) * 1000 };
  }

  /**
   * Sends a robot one-to-one message to one staff id. DingTalk answers 200 even when it skips a
   * recipient, listing them in `invalidStaffIdList` / `flowControlledStaffIdList`; those are
   * refusals too.
   */
  async sendToUser(staffId: string, message: DingTalkMessage): Promise<void> {
    const body = await this.request('POST', this.endpoints.oneToOne, { robotCode: this.options.robotCode, userIds: [staffId], ...toRobotMessage(message) });
    if (Array.isArray(body.invalidStaffIdList) && body.invalidStaffIdList.includes(staffId)) {
      throw deliveryErrorFor({ status: 200, code: 'invalidStaffIdList', message: staffId });
    }
    if (Array.isArray(body.flowControlledStaffIdList) && body.flowControlledStaffIdList.includes(staffId)) {
      throw deliveryErrorFor({ status: 200, code: 'flowControlledStaffIdList', message: staffId });
    }
  }

  /** Sends a robot message into a group; resolves to DingTalk's processQueryKey. */
  async sendToGroup(openConversationId: string, message: DingTalkMessage): Promise<string> {
    const body = await this.request('POST', this.endpoints.groupSend, { robotCode: this.options.robotCode, openConversationId, ...toRobotMessage(message) });
    return String(body.processQueryKey ?? '');
  }

  /**
   * Posts a StandardCard interactive card into a group; resolves to its cardBizId, the handle
   * `updateCard` edits it by.
   */
  async sendCard(openConversationId: string, cardData: string): Promise<string> {
    const cardBizId = randomUUID();
    await this.request('POST', this.endpoints.cardSend, { cardTemplateId: 'StandardCard', cardBizId, robotCode: this.options.robotCode, openConversationId, cardData });
    return cardBizId;
  }

  /** Replaces the content of a card sent with `sendCard`. */
  async updateCard(cardBizId: string, cardData: string): Promise<void> {
    await this.request('PUT', this.endpoints.cardUpdate, { cardBizId, cardData, updateOptions: { updateCardDataByKey: false } });
  }

  /**
   * Replies in the conversation a message came from, through the `sessionWebhook` DingTalk put in
   * it (no token needed; valid until `sessionWebhookExpiredTime`, about 90 minutes).
   */
  async replyBySessionWebhook(url: string, message: DingTalkMessage): Promise<void> {
    const body = await this.send('POST', url, toWebhookBody(message), undefined);
    if (body.errcode !== undefined && Number(body.errcode) !== 0) {
      throw deliveryErrorFor({ status: 200, code: String(body.errcode), message: String(body.errmsg ?? '') });
    }
  }

  /** An authenticated OpenAPI call; a refused token is renewed once and the call repeated. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  private async request(method: string, url: string, payload: unknown, authenticated = true): Promise<any> {
    if (!authenticated) return this.send(method, url, payload, undefined);
    try {
      return await this.send(method, url, payload, await this.accessToken());
    } catch (err) {
      if (!(err instanceof TokenRefused)) throw err;
      this.token = undefined;
      try {
        return await this.send(method, url, payload, await this.accessToken());
      } catch (again) {
        if (again instanceof TokenRefused) throw again.error;
        throw again;
      }
    }
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  private async send(method: string, url: string, payload: unknown, token: string | undefined): Promise<any> {
    let res: Response;
    try {
      res = await fetch(url, {
        method,
        headers: { 'content-type': 'application/json', accept: 'application/json', ...(token ? { 'x-acs-dingtalk-access-token': token } : {}) },
        body: JSON.stringify(payload),
        signal: AbortSignal.timeout(15_000),
      });
    } catch (err) {
      throw unreachable(url, err);
    }
    const text = await res.text();
    let body: Record<string, unknown> = {};
    try {
      body = text ? JSON.parse(text) : {};
    } catch {
      body = { message: text.slice(0, 200) };
    }
    if (res.ok) return body;
    const refusal = {
      status: res.status,
      code: typeof body.code === 'string' ? body.code : undefined,
      message: typeof body.message === 'string' ? body.message : undefined,
      requestId: typeof body.requestid === 'string' ? body.requestid : undefined,
    };
    const error = deliveryErrorFor(refusal);
    if (token && (res.status === 401 || /InvalidAuthentication/i.test(refusal.code ?? ''))) throw new TokenRefused(error);
    throw error;
  }
}

/** A call refused because of the token: renewed once before giving up. */
class TokenRefused extends Error {
  constructor(readonly error: DeliveryError) {
    super(error.message);
  }
}
