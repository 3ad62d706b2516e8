/**
 * Buttons on DingTalk without card templates: a button is a markdown link with DingTalk's
 * `dtmd://dingtalkclient/sendMessage?content=…` scheme. Pressing it makes the person's client send
 * `content` into the one-to-one chat as if typed, so it reaches the robot like any message.
 *
 * The content is the button's label followed by its action id in 〔〕 (`确认〔report:confirm:7〕`):
 * readable in the chat history, and unambiguous for the transport, which turns it back into a
 * button press (`Bot.act(id)`). A typed look-alike is harmless: action handlers check permissions
 * and state themselves, exactly as for a Discord or Slack button.
 */
import type { Action } from '../../bot/core/reply.ts';

/** An action id is `prefix:state` (see Reply's Action), so 〔2024〕 in a 文号 is never one. */
const ACTION_SUFFIX = /〔([^〔〕\s:]+:[^〔〕\s]{0,200})〕\s*$/u;

/** The text a press sends into the chat. */
export function actionText(action: Pick<Action, 'id' | 'label'>): string {
  return `${action.label}〔${action.id}〕`;
}

/** The action id carried by a pressed button's text, or undefined for ordinary text. */
export function parseActionText(text: string): string | undefined {
  return ACTION_SUFFIX.exec(text.trim())?.[1];
}

/** A markdown link that, when tapped in DingTalk, sends `actionText(action)` to the robot. */
export function actionLink(action: Pick<Action, 'id' | 'label'>): string {
  const label = action.label.replace(/[[\]]/g, '');
  return `[${label}](dtmd://dingtalkclient/sendMessage?content=${encodeURIComponent(actionText(action))})`;
}
