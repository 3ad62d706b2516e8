/**
 * Why a chat surface could not start, in one line an operator can act on: the setting to fix
 * first (DISCORD_TOKEN, SLACK_BOT_TOKEN, DINGTALK_API_URL…), Chinese then English, as the other
 * start-up messages are worded. `npm start` prints the message and exits non-zero — no stack trace.
 *
 * ```ts
 * throw new StartupError({ zh: 'DISCORD_TOKEN 被 Discord 拒绝（401）…', en: 'DISCORD_TOKEN was rejected by Discord (401)…' });
 * ```
 */
import type { Localized } from './i18n.ts';

export class StartupError extends Error {
  constructor(
    readonly reason: Localized,
    options?: { cause?: unknown },
  ) {
    super(`${reason.zh} (${reason.en})`, options);
    this.name = 'StartupError';
  }
}

/**
 * What a network failure says, from a fetch/undici/Node error or its cause: `ECONNREFUSED`,
 * `ENOTFOUND`, a timeout… Undefined when the error is not about reaching the server.
 */
export function networkProblem(err: unknown): string | undefined {
  // The chain: `cause` (fetch, undici), `original` (Slack's WebAPIRequestError).
  const chain: object[] = [];
  for (let e: unknown = err; e && typeof e === 'object' && !chain.includes(e); e = (e as { cause?: unknown; original?: unknown }).cause ?? (e as { original?: unknown }).original) chain.push(e);
  for (const e of chain) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^(E[A-Z]+|UND_ERR_[A-Z_]+)$/.test(code) && code !== 'EADDRINUSE') return code;
  }
  for (const e of chain) {
    const message = (e as { message?: unknown }).message;
    if (typeof message === 'string' && /fetch failed|socket hang up|getaddrinfo|network|timed? ?out/i.test(message)) return message;
  }
  return undefined;
}
