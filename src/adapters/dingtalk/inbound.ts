/**
 * A robot callback's payload, translated into a neutral inbound message: who (namespaced user
 * id), where (one-to-one or group, conversation id), what (text without the @-mention, or a
 * pressed button), and how to answer (the session webhook).
 *
 * DingTalk's payload (topic `/v1.0/im/bot/messages/get`) carries, among others: `msgId`,
 * `msgtype` (`text`, `richText`, `picture`, `audio`, `file`…), `text.content`, `conversationType`
 * ("1" one-to-one, "2" group), `conversationId`, `conversationTitle`, `senderStaffId` (absent for
 * people outside the organisation), `senderCorpId`, `chatbotCorpId`, `senderNick`,
 * `isInAtList`, `sessionWebhook`, `sessionWebhookExpiredTime` (ms) and `createAt` (ms).
 */
import type { Locale } from '../../bot/core/reply.ts';
import { parseActionText } from './actionText.ts';

export interface DingTalkInboundMessage {
  /** DingTalk's message id: the same on a redelivery, so it is the dedupe key. */
  messageId: string;
  /** `dingtalk:<corpId>:<staffId>`; undefined for a sender outside the organisation (no staff id). */
  userId: string | undefined;
  corpId: string;
  staffId: string | undefined;
  senderName: string | undefined;
  conversation: { type: 'direct' | 'group'; id: string; title?: string };
  /** What the person wrote, the leading @-mention of the robot removed, trimmed. */
  text: string;
  /** Set when the text is a pressed button (see actionText.ts): route to `Bot.act`. */
  actionId: string | undefined;
  /** The message type when it carries no text we can use (picture, audio, file…). */
  unsupported: string | undefined;
  /** Where to reply in this conversation, and until when DingTalk accepts it. */
  sessionWebhook: { url: string; expiresAt: Date } | undefined;
  /** A guess from the text's script; the user's saved preference wins in the core. */
  locale: Locale | undefined;
  sentAt: Date;
}

/** A parsed payload, or the reason it is not a robot message we can read. */
export type ParsedInbound = { ok: true; message: DingTalkInboundMessage } | { ok: false; reason: string };

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Payload = Record<string, any>;

/** Chinese characters mean Chinese; Latin letters and no Han mean English; else no guess. */
export function guessLocale(text: string): Locale | undefined {
  if (/\p{Script=Han}/u.test(text)) return 'zh-CN';
  if (/[A-Za-z]/.test(text)) return 'en';
  return undefined;
}

/** Removes leading @-mentions (the robot's, in a group): DingTalk leaves `@名字 ` in the content. */
export function stripMentions(text: string): string {
  return text.replace(/^(?:\s*[@＠][^\s@＠]+)+\s*/u, '').trim();
}

function textOf(p: Payload): string | undefined {
  if (p.msgtype === 'text') return String(p.text?.content ?? '');
  if (p.msgtype === 'richText') {
    const parts = (p.content?.richText ?? []) as Array<{ text?: string }>;
    return parts.map((x) => x.text ?? '').join('');
  }
  return undefined;
}

export function parseRobotPayload(data: string, fallbackId: string): ParsedInbound {
  let p: Payload;
  try {
    p = JSON.parse(data) as Payload;
  } catch {
    return { ok: false, reason: 'callback data is not JSON' };
  }
  if (!p || typeof p !== 'object' || !p.conversationId) return { ok: false, reason: 'callback data has no conversationId' };
  const group = String(p.conversationType) === '2';
  const raw = textOf(p);
  const text = raw === undefined ? '' : group ? stripMentions(raw) : raw.trim();
  const corpId = String(p.senderCorpId ?? p.chatbotCorpId ?? '');
  const staffId = p.senderStaffId ? String(p.senderStaffId) : undefined;
  const expires = Number(p.sessionWebhookExpiredTime);
  return {
    ok: true,
    message: {
      messageId: String(p.msgId ?? fallbackId),
      userId: staffId && corpId ? `dingtalk:${corpId}:${staffId}` : undefined,
      corpId,
      staffId,
      senderName: p.senderNick ? String(p.senderNick) : undefined,
      conversation: { type: group ? 'group' : 'direct', id: String(p.conversationId), title: p.conversationTitle ? String(p.conversationTitle) : undefined },
      text,
      actionId: parseActionText(text),
      unsupported: raw === undefined ? String(p.msgtype ?? 'unknown') : undefined,
      sessionWebhook: p.sessionWebhook ? { url: String(p.sessionWebhook), expiresAt: new Date(Number.isFinite(expires) ? expires : 0) } : undefined,
      locale: guessLocale(text),
      sentAt: new Date(Number(p.createAt) || Date.now()),
    },
  };
}
