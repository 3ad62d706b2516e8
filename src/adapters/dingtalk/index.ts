/**
 * DingTalk (钉钉) in Stream mode: the pieces the core's pipeline wires together.
 *
 * - `client` — the official `dingtalk-stream` client, resolving the gateway under DINGTALK_API_URL.
 * - `transport` — robot callbacks in as neutral DingTalkInboundMessages, every frame acked,
 *   redeliveries handled once.
 * - `reply(message, reply, locale)` — answers in the conversation a message came from.
 * - `messenger` — reminders (one-to-one) and the board (a StandardCard in the coordinators' group).
 *
 * ```ts
 * const dingtalk = createDingTalk(settings.dingtalk, async (m) => {
 *   await dingtalk.reply(m, await pipeline.handle(m), 'zh-CN');
 * });
 * await dingtalk.start();
 * ```
 */
import type { InboundEvent, PlatformCapabilities } from '../../bot/core/inbound.ts';
import { reply, type Locale, type Reply } from '../../bot/core/reply.ts';
import { tr } from '../../bot/core/i18n.ts';
import { TIMEOUT, within, type SurfaceHost } from '../../bot/core/pipeline.ts';
import { DeliveryError } from '../../bot/core/messenger.ts';
import { StartupError } from '../../bot/core/startupError.ts';
import type { DingTalkInboundMessage } from './inbound.ts';
import { DingTalkMessenger } from './messenger.ts';
import { DingTalkOpenApi } from './openApi.ts';
import { DEFAULT_MAX_TEXT_BYTES, renderReply } from './render.ts';
import { PolicyDeskStreamClient } from './streamClient.ts';
import { DingTalkTransport, type InboundHandler, type TransportOptions } from './transport.ts';

export type { DingTalkInboundMessage } from './inbound.ts';
export { DingTalkMessenger, parseDingTalkUserId } from './messenger.ts';

export interface DingTalkSettings {
  clientId: string;
  clientSecret: string;
  robotCode: string;
  boardConversationId?: string;
  apiUrl: string;
}

export interface DingTalk {
  readonly client: PolicyDeskStreamClient;
  readonly transport: DingTalkTransport;
  readonly api: DingTalkOpenApi;
  readonly messenger: DingTalkMessenger;
  /** Connects; rejects with a DeliveryError naming the problem when DingTalk refuses the app. */
  start(): Promise<void>;
  stop(): void;
  /**
   * Replies to `message` in its conversation: through its session webhook while DingTalk accepts
   * it, else as a robot message (one-to-one to the sender, or into the group). A personal
   * (`ephemeral`) reply to a group message goes to the sender's one-to-one chat instead — a group
   * has no "only you can see this" — and the group gets a one-line pointer to it.
   */
  reply(message: DingTalkInboundMessage, reply: Reply, locale: Locale): Promise<void>;
}

export interface CreateDingTalkOptions extends TransportOptions {
  now?: () => Date;
  /** Start-up notes for the operator (e.g. a group's open conversation id). Default console.log. */
  info?: (message: string) => void;
}

export function createDingTalk(settings: DingTalkSettings, handler: InboundHandler, options: CreateDingTalkOptions = {}): DingTalk {
  const now = options.now ?? (() => new Date());
  const info = options.info ?? ((m: string) => console.log(`[policy-desk] dingtalk: ${m}`));
  const api = new DingTalkOpenApi({ ...settings, now });
  const client = new PolicyDeskStreamClient({ clientId: settings.clientId, clientSecret: settings.clientSecret, apiUrl: settings.apiUrl, openApi: api });
  // The open conversation id of a group is shown nowhere in DingTalk's UI: the first @-message
  // from each group logs it, which is how DINGTALK_BOARD_CONVERSATION_ID is found (docs/dingtalk.md).
  const groupsSeen = new Set<string>();
  const noteGroup: InboundHandler = (m) => {
    if (m.conversation.type === 'group' && !groupsSeen.has(m.conversation.id)) {
      groupsSeen.add(m.conversation.id);
      info(`message from group "${m.conversation.title ?? ''}" — open conversation id ${m.conversation.id}`);
    }
    return handler(m);
  };
  const transport = new DingTalkTransport(client, noteGroup, options).listen();
  const messenger = new DingTalkMessenger(api, { boardConversationId: settings.boardConversationId });
  return {
    client,
    transport,
    api,
    messenger,
    start: () => client.start(),
    stop: () => client.stop(),
    async reply(message, reply, locale) {
      // A minute's margin: a webhook about to expire could lapse between here and DingTalk.
      const webhook = message.sessionWebhook && message.sessionWebhook.expiresAt.getTime() - 60_000 > now().getTime() ? message.sessionWebhook.url : undefined;
      if (message.conversation.type === 'group' && reply.ephemeral && message.staffId) {
        for (const part of renderReply(reply, locale, { conversation: 'direct' })) await api.sendToUser(message.staffId, part);
        const pointer = renderReply(
          { blocks: [{ type: 'text', text: tr(locale, `${message.senderName ?? ''} 已在单聊中回复你。`.trim(), `${message.senderName ?? ''} I replied in our one-to-one chat.`.trim()) }], ephemeral: false },
          locale,
        )[0]!;
        if (webhook) await api.replyBySessionWebhook(webhook, pointer);
        else await api.sendToGroup(message.conversation.id, pointer);
        return;
      }
      const parts = renderReply(reply, locale, { conversation: message.conversation.type });
      for (const part of parts) {
        if (webhook) await api.replyBySessionWebhook(webhook, part);
        else if (message.conversation.type === 'group') await api.sendToGroup(message.conversation.id, part);
        else if (message.staffId) await api.sendToUser(message.staffId, part);
      }
    },
  };
}

/** What a DingTalk robot can show, for the core: no modals (forms are asked step by step), link buttons, text commands. */
export const DINGTALK_CAPABILITIES: PlatformCapabilities = {
  surface: 'dingtalk',
  modals: false,
  buttons: true,
  messageEdit: true,
  textCommands: 'slash-or-alias',
  maxMessageLength: DEFAULT_MAX_TEXT_BYTES,
  // DingTalk shows the robot as unresponsive after about 3 s (docs/dingtalk.md).
  ackWithinMs: 3_000,
  // Every one-to-one message reaches the robot, so a follow-up can be answered by typing.
  hearsReplies: true,
};

export interface StartDingTalkOptions extends CreateDingTalkOptions {
  /** How long an answer may take before "正在处理…" is sent first. Default DINGTALK_CAPABILITIES.ackWithinMs. */
  ackWithinMs?: number;
  /** Language for a sender DingTalk gives no identity for. Default zh-CN. */
  defaultLocale?: Locale;
}

export interface RunningDingTalk {
  readonly dingtalk: DingTalk;
  stop(): Promise<void>;
}

/**
 * Runs DingTalk on the app's pipeline: robot messages and button presses (links that send
 * `label〔action id〕`, actionText.ts) become `message` / `action` events; the Reply is answered in
 * the same conversation, the messages it carries for other people are delivered, and the
 * messenger is registered with `app.delivery` while connected. An answer slower than the
 * 3-second budget is acknowledged first (正在处理…) and completed after.
 */
export async function startDingTalk(app: SurfaceHost, settings: DingTalkSettings, options: StartDingTalkOptions = {}): Promise<RunningDingTalk> {
  const budget = options.ackWithinMs ?? DINGTALK_CAPABILITIES.ackWithinMs!;
  const answer = async (m: DingTalkInboundMessage): Promise<void> => {
    if (!m.userId) {
      // Outside the organisation: DingTalk gives no staff id, so there is no identity to bind (docs/dingtalk.md).
      const L = options.defaultLocale ?? 'zh-CN';
      await dingtalk.reply(m, reply.error(L, { zh: '钉钉没有提供你的员工身份（组织外的联系人），无法使用政策助手；请联系本单位管理员。', en: 'DingTalk gives no staff identity for you (a contact outside the organisation), so Policy Desk cannot serve you; ask your office administrator.' }), L);
      return;
    }
    // No locale hint from the script of each message: `/report submit` is Latin but its sender is no
    // less Chinese, and a language that flips per message would be worse. /lang sets it; else the default.
    const ctx = app.pipeline.context({ userId: m.userId, ...(m.senderName ? { name: m.senderName } : {}), surface: 'dingtalk' });
    const L = ctx.locale;
    if (m.unsupported) {
      await dingtalk.reply(m, { blocks: [{ type: 'text', text: tr(L, '请发送文字消息。', 'Please send a text message.') }], ephemeral: true }, L);
      return;
    }
    const event: InboundEvent = m.actionId ? { kind: 'action', actionId: m.actionId } : { kind: 'message', text: m.text };
    const work = app.pipeline.handle(event, ctx, DINGTALK_CAPABILITIES);
    let r = await within(work, budget);
    if (r === TIMEOUT) {
      await dingtalk.reply(m, { blocks: [{ type: 'text', text: tr(L, '正在处理…', 'Working on it…'), style: 'muted' }], ephemeral: false }, L);
      r = await work;
    }
    await dingtalk.reply(m, r, L);
    const undelivered = await app.pipeline.deliver(r, ctx);
    if (undelivered) await dingtalk.reply(m, undelivered, L);
  };
  const dingtalk = createDingTalk(
    settings,
    (m) => {
      const work = answer(m);
      app.pipeline.track(work);
      return work;
    },
    options,
  );
  await dingtalk.start().catch((err: unknown) => {
    // DingTalk's refusal (a DeliveryError) already names the setting to fix: one line, Chinese first.
    if (err instanceof DeliveryError) throw new StartupError(err.reason, { cause: err });
    throw new StartupError(
      { zh: `钉钉连接失败（${(err as Error)?.message ?? String(err)}）：请检查 DINGTALK_CLIENT_ID / DINGTALK_CLIENT_SECRET / DINGTALK_API_URL。`, en: `DingTalk failed to connect (${(err as Error)?.message ?? String(err)}). Check DINGTALK_CLIENT_ID / DINGTALK_CLIENT_SECRET / DINGTALK_API_URL.` },
      { cause: err },
    );
  });
  const unregister = app.delivery.register(dingtalk.messenger);
  return {
    dingtalk,
    async stop() {
      unregister();
      dingtalk.stop();
    },
  };
}
