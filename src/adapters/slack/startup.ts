/**
 * Starting the Slack app: its own log lines into the one structured log, and why it could not
 * start as one line naming the setting to fix (StartupError) — the bot token, the app-level
 * token, the API URL or the port.
 */
import { LogLevel } from '@slack/bolt';
import type { Logger } from '@slack/bolt';
import { networkProblem, StartupError } from '../../bot/core/startupError.ts';
import type { Settings } from '../../settings.ts';
import { logger as log } from '../../log.ts';

type SlackConfig = NonNullable<Settings['slack']>;

/**
 * Bolt's and the Web API client's own log lines, into the one structured log (never bare lines on
 * stderr, where an operator expects only the one line of a start-up failure).
 */
export function boltLogger(initial: LogLevel): Logger {
  const order = [LogLevel.DEBUG, LogLevel.INFO, LogLevel.WARN, LogLevel.ERROR];
  let level = initial;
  let name = 'bolt';
  const at = (l: LogLevel, write: (o: object, msg: string) => void) => (...msg: unknown[]) => {
    if (order.indexOf(l) < order.indexOf(level)) return;
    write({ event: 'slack_sdk', component: name }, msg.map((m) => (m instanceof Error ? m.message : typeof m === 'string' ? m : JSON.stringify(m))).join(' '));
  };
  return {
    debug: at(LogLevel.DEBUG, (o, m) => log.debug(o, m)),
    info: at(LogLevel.INFO, (o, m) => log.info(o, m)),
    warn: at(LogLevel.WARN, (o, m) => log.warn(o, m)),
    error: at(LogLevel.ERROR, (o, m) => log.error(o, m)),
    setLevel: (l) => void (level = l),
    getLevel: () => level,
    setName: (n) => void (name = n),
  };
}

/** Slack's error words that mean the token itself is refused. */
const REFUSED_TOKEN = new Set(['invalid_auth', 'not_authed', 'account_inactive', 'token_revoked', 'token_expired', 'not_allowed_token_type', 'no_permission']);

/**
 * Why the app could not start, as one line naming the setting to fix: the bot token (checked by
 * auth.test), the app-level token (Socket Mode's apps.connections.open), the API URL or the port.
 */
export function slackStartupError(err: unknown, config: SlackConfig, token: 'SLACK_BOT_TOKEN' | 'SLACK_APP_TOKEN'): StartupError {
  const e = err as { code?: unknown; data?: { error?: unknown }; message?: string };
  const word = typeof e.data?.error === 'string' ? e.data.error : undefined;
  if (word && REFUSED_TOKEN.has(word)) {
    const what = token === 'SLACK_BOT_TOKEN' ? 'Bot User OAuth Token（xoxb-…）' : 'App-Level Token（xapp-…，connections:write）';
    const whatEn = token === 'SLACK_BOT_TOKEN' ? 'Bot User OAuth Token (xoxb-…)' : 'app-level token (xapp-…, connections:write)';
    return new StartupError({ zh: `${token} 被 Slack 拒绝（${word}）：请检查 .env 中的 ${what}。`, en: `${token} was rejected by Slack (${word}). Check the ${whatEn} in .env.` }, { cause: err });
  }
  if (e.code === 'EADDRINUSE') {
    return new StartupError({ zh: `SLACK_PORT ${config.port}：端口已被占用。`, en: `SLACK_PORT ${config.port}: address in use.` }, { cause: err });
  }
  const api = config.apiUrl ?? 'https://slack.com/api/';
  const network = networkProblem(err);
  if (network || e.code === 'slack_webapi_request_error') {
    const why = network ?? e.message ?? String(err);
    return new StartupError({ zh: `无法连接 Slack（${api}）：${why}。请检查网络或 SLACK_API_URL。`, en: `Cannot reach Slack (${api}): ${why}. Check the network or SLACK_API_URL.` }, { cause: err });
  }
  const why = word ?? e.message ?? String(err);
  return new StartupError({ zh: `Slack 启动失败（${why}）：请检查 ${token} 和 SLACK_API_URL。`, en: `Slack failed to start (${why}). Check ${token} and SLACK_API_URL.` }, { cause: err });
}
