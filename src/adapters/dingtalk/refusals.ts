/**
 * What a refusal from DingTalk means, for a coordinator: each known error code of the OpenAPI,
 * the Stream gateway and the session webhook becomes a bilingual DeliveryError naming what to
 * fix (see docs/dingtalk.md, "DingTalk 拒绝时"). Unknown codes are shown verbatim with the
 * request id, so nothing is hidden behind a generic "failed".
 */
import { DeliveryError } from '../../bot/core/messenger.ts';
import type { Localized } from '../../text/locale.ts';

/** A refusal as DingTalk returns it: HTTP status and the `{code, message, requestid}` body. */
export interface DingTalkRefusal {
  status: number;
  code?: string;
  message?: string;
  requestId?: string;
}

interface RefusalRule extends Localized {
  matches(r: DingTalkRefusal): boolean;
}

const has = (r: DingTalkRefusal, re: RegExp) => re.test(r.code ?? '') || re.test(r.message ?? '');

/** First matching rule wins; order from the most specific to the most general. */
const RULES: RefusalRule[] = [
  {
    matches: (r) => has(r, /invalidClientIdOrSecret|appkey|appsecret|clientId.*clientSecret/i),
    zh: '钉钉拒绝了应用凭证：DINGTALK_CLIENT_ID / DINGTALK_CLIENT_SECRET 不正确或应用已停用。',
    en: 'DingTalk refused the app credentials: DINGTALK_CLIENT_ID / DINGTALK_CLIENT_SECRET are wrong or the app is disabled.',
  },
  {
    matches: (r) => has(r, /IpNotInWhiteList/i),
    zh: '本机 IP 不在应用的服务器出口 IP 白名单中（开发者后台 → 安全设置）。',
    en: "This server's IP is not on the app's outbound IP allow list (developer console → Security settings).",
  },
  {
    matches: (r) => has(r, /AccessTokenPermissionDenied|Forbidden\.AccessDenied/i),
    zh: '应用缺少所需权限（开发者后台 → 权限管理，见 docs/dingtalk.md 的权限清单）。',
    en: 'The app lacks a required permission (developer console → Permissions; see the list in docs/dingtalk.md).',
  },
  {
    matches: (r) => has(r, /send\.too\.fast|too\.many|tooFast|Throttling|flowControl/i) || r.status === 429,
    zh: '钉钉限流：机器人发送过于频繁，请稍后重试。',
    en: 'DingTalk rate limit: the robot is sending too fast; try again later.',
  },
  {
    matches: (r) => has(r, /staffId|invalidStaff|userId.*(invalid|not)/i),
    zh: '钉钉找不到这位用户，或用户不在应用的可见范围内（开发者后台 → 版本管理与发布 → 可见范围）。',
    en: "DingTalk cannot reach this user: the staff id is unknown or outside the app's visible range (developer console → Version → Visible range).",
  },
  {
    matches: (r) => has(r, /robot.*(not|不存在)|robotCode|chatbot/i),
    zh: '机器人不存在：请检查 DINGTALK_ROBOT_CODE，并确认应用已开启机器人能力并发布。',
    en: 'The robot does not exist: check DINGTALK_ROBOT_CODE and that the app has the robot capability enabled and published.',
  },
  {
    matches: (r) => has(r, /openConversationId|conversation|群/i),
    zh: '找不到协调员群，或机器人不在该群：检查 DINGTALK_BOARD_CONVERSATION_ID，并把机器人加入群。',
    en: "The coordinators' group was not found or the robot is not in it: check DINGTALK_BOARD_CONVERSATION_ID and add the robot to the group.",
  },
  {
    matches: (r) => has(r, /cardBizId|card/i),
    zh: '钉钉拒绝了卡片消息（卡片不存在或已过期）。',
    en: 'DingTalk refused the card message (unknown or expired card).',
  },
  {
    matches: (r) => has(r, /InvalidAuthentication|access_?token/i) || r.status === 401,
    zh: '钉钉访问令牌无效（已重新获取仍被拒绝）：请检查应用凭证。',
    en: 'The DingTalk access token was refused even after renewal: check the app credentials.',
  },
];

/** The DeliveryError for a refusal; `what` says which call failed, for the log line. */
export function deliveryErrorFor(r: DingTalkRefusal, cause?: unknown): DeliveryError {
  const rule = RULES.find((x) => x.matches(r));
  const detail = [r.code, r.message].filter(Boolean).join(': ');
  const ref = `HTTP ${r.status}${detail ? ` ${detail}` : ''}${r.requestId ? ` (requestid ${r.requestId})` : ''}`;
  if (rule) return new DeliveryError({ zh: `${rule.zh}（${ref}）`, en: `${rule.en} (${ref})` }, { cause });
  return new DeliveryError({ zh: `钉钉拒绝了请求（${ref}）。`, en: `DingTalk refused the request (${ref}).` }, { cause });
}

/** DingTalk could not be reached at all (DNS, connection refused, timeout). */
export function unreachable(url: string, cause: unknown): DeliveryError {
  const why = cause instanceof Error ? cause.message : String(cause);
  return new DeliveryError(
    { zh: `无法连接钉钉（${new URL(url).origin}）：${why}。请检查网络或 DINGTALK_API_URL。`, en: `Cannot reach DingTalk (${new URL(url).origin}): ${why}. Check the network or DINGTALK_API_URL.` },
    { cause },
  );
}
