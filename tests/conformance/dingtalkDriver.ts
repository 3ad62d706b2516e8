/**
 * DingTalk, driven as its users drive it: each line is a robot message through the fake gateway
 * (tests/dingtalk/fakeDingTalk.ts) and the real `dingtalk-stream` client; what the person sees is
 * every markdown message that came back (session webhook, or one-to-one robot messages) until the
 * frame is acked. A button is a `dtmd://…sendMessage?content=…` link: pressing it sends its content.
 */
import { startDingTalk, type RunningDingTalk } from '../../src/adapters/dingtalk/index.ts';
import type { App } from '../../src/bot/app.ts';
import { CLIENT_ID, CLIENT_SECRET, CORP_ID, FakeDingTalk, waitUntil } from '../dingtalk/fakeDingTalk.ts';
import { FIELD_LABELS } from './consoleDriver.ts';
import type { Screen, SurfaceDriver } from './screen.ts';

const LINK = /\[([^\]]+)\]\(dtmd:\/\/dingtalkclient\/sendMessage\?content=([^)]+)\)/g;

export class DingTalkDriver implements SurfaceDriver {
  readonly surface = 'dingtalk' as const;
  readonly fake = new FakeDingTalk();
  running?: RunningDingTalk;
  private readonly screens = new Map<string, Screen & { links: Map<string, string> }>();
  /** The markdown last shown to each person, links included. */
  private readonly raw = new Map<string, string>();

  idOf(person: string): string {
    return `dingtalk:${CORP_ID}:${person}`;
  }

  async start(app: App, options: { ackWithinMs?: number } = {}): Promise<void> {
    await this.fake.start();
    this.running = await startDingTalk(app, { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, robotCode: CLIENT_ID, apiUrl: this.fake.url }, { log: () => {}, info: () => {}, ...options });
    await waitUntil(() => this.fake.openConnections === 1, 'the DingTalk connection');
  }

  /** Sends one robot message and returns everything shown to the person until DingTalk got its ack. */
  async send(person: string, text: string, msgId?: string): Promise<Screen> {
    const sessions = this.fake.sessionReplies.length;
    const direct = this.fake.directMessages.length;
    const frame = this.fake.sendRobotMessage({ text, staffId: person, ...(msgId ? { msgId } : {}) });
    await waitUntil(() => this.fake.acksFor(frame).length >= 1, `the ack of "${text}"`);
    const shown = [
      ...this.fake.sessionReplies.slice(sessions).map((r) => String(r.body.markdown?.text ?? '')),
      ...this.fake.directMessages.slice(direct).filter((m) => m.staffId === person).map((m) => String(m.msgParam.text ?? '')),
    ].join('\n');
    this.raw.set(person, shown);
    return this.screen(person, shown);
  }

  private screen(person: string, printed: string): Screen {
    const links = new Map<string, string>();
    for (const m of printed.matchAll(LINK)) links.set(m[1]!, decodeURIComponent(m[2]!));
    const text = printed.replace(LINK, '$1');
    const last = text.trimEnd().split('\n').at(-1) ?? '';
    const screen = { text, buttons: [...links.keys()], formOpen: last.endsWith('：') && links.size === 0, links };
    this.screens.set(person, screen);
    return screen;
  }

  command(person: string, line: string): Promise<Screen> {
    return this.send(person, line);
  }

  say(person: string, text: string): Promise<Screen> {
    return this.send(person, text);
  }

  async press(person: string, label: string): Promise<Screen> {
    let content = this.screens.get(person)?.links.get(label);
    if (!content) {
      // A message sent to them (a reminder): its buttons are in their one-to-one chat.
      for (const m of [...this.fake.directMessages].reverse().filter((x) => x.staffId === person)) {
        for (const l of String(m.msgParam.text ?? '').matchAll(LINK)) if (l[1] === label) content ??= decodeURIComponent(l[2]!);
        if (content) break;
      }
    }
    if (!content) throw new Error(`dingtalk: no button "${label}" for ${person}; shown: ${JSON.stringify(this.screens.get(person)?.buttons)}`);
    return this.send(person, content);
  }

  /** Answers the text form's prompts one by one; a field not given keeps its bracketed value (an empty answer is a lone space). */
  async fill(person: string, values: Record<string, string>): Promise<Screen> {
    let printed = this.screens.get(person)?.text ?? '';
    let all = '';
    for (;;) {
      const prompt = printed.trimEnd().split('\n').at(-1) ?? '';
      const key = FIELD_LABELS.find(([label]) => prompt.startsWith(label))?.[1];
      const answer = key !== undefined ? values[key] ?? '' : '';
      // DingTalk never delivers an empty message; a blank keeps the prefilled value all the same.
      const s = await this.send(person, answer === '' ? ' ' : answer);
      printed = s.text;
      all += (this.raw.get(person) ?? '') + '\n';
      const fresh = printed.trimEnd().split('\n');
      if (!(fresh.length === 1 && fresh[0]!.endsWith('：'))) break;
    }
    return this.screen(person, all.trimEnd());
  }

  async stop(): Promise<void> {
    await this.running?.stop();
    await this.fake.stop();
  }
}
