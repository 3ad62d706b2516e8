/**
 * Slack, driven through the real Bolt app on loopback with signed requests (tests/slack/fakeSlack.ts):
 * slash commands as text, buttons in messages, modals and DMs, modal submissions answered in
 * their acknowledgement.
 */
import { LogLevel } from '@slack/bolt';
import { createSlackApp, type SlackAdapter } from '../../src/adapters/slack/index.ts';
import type { App } from '../../src/bot/app.ts';
import { findCommandSpecByAlias } from '../../src/bot/core/commandSpec.ts';
import type { Settings } from '../../src/settings.ts';
import { FakeSlack, SlackSender, type RecordedCall } from '../slack/fakeSlack.ts';
import { visibleText, type Screen, type SurfaceDriver } from './screen.ts';

export const SLACK_SECRET = 'conformance-signing-secret';

type Button = { action_id: string; value?: string; viewId?: string; channel?: string; ephemeral?: boolean };
type OpenView = { view: Record<string, any>; id: string };

export class SlackDriver implements SurfaceDriver {
  readonly surface = 'slack' as const;
  readonly fake = new FakeSlack();
  private adapter!: SlackAdapter;
  private slack!: SlackSender;
  private readonly buttons = new Map<string, Map<string, Button>>();
  private readonly views = new Map<string, OpenView>();
  private hashes = 0;

  /** Settings a world passes to readSettings so the app's Slack config points at the fake. */
  async env(): Promise<Record<string, string>> {
    await this.fake.start();
    return { SLACK_BOT_TOKEN: 'xoxb-conformance', SLACK_SIGNING_SECRET: SLACK_SECRET, SLACK_API_URL: this.fake.apiUrl };
  }

  async start(app: App, config: NonNullable<Settings['slack']>): Promise<this> {
    this.adapter = createSlackApp(app, config, { port: 0, host: '127.0.0.1', logLevel: LogLevel.ERROR });
    const { port } = await this.adapter.start();
    this.slack = new SlackSender(`http://127.0.0.1:${port}/slack/events`, SLACK_SECRET, this.fake);
    return this;
  }

  raw(person: string): string {
    return `U${person.toUpperCase().replace(/[^A-Z0-9]/g, '')}`;
  }

  idOf(person: string): string {
    return `slack:T1:${this.raw(person)}`;
  }

  private async settle<T>(work: Promise<T>): Promise<{ result: T; calls: RecordedCall[] }> {
    const from = this.fake.calls.length;
    const result = await work;
    await this.adapter.idle();
    return { result, calls: this.fake.calls.slice(from) };
  }

  async command(person: string, line: string): Promise<Screen> {
    const m = /^\/(\S+)\s*([\s\S]*)$/.exec(line.trim());
    const spec = m ? findCommandSpecByAlias(m[1]!) : undefined;
    if (!spec) throw new Error(`slack: not a command: ${line}`);
    const { calls } = await this.settle(this.slack.command(`/pd-${spec.name}`, m![2] ?? '', this.raw(person)));
    return this.screen(person, calls, undefined);
  }

  /** Typed text in the person's DM with the app (a signed `message.im` event). */
  async say(person: string, text: string): Promise<Screen> {
    const { calls } = await this.settle(this.slack.event({ type: 'message', channel_type: 'im', channel: `D-${this.raw(person)}`, user: this.raw(person), text, ts: `${Date.now() / 1000}` }));
    return this.screen(person, calls, undefined);
  }

  async press(person: string, label: string): Promise<Screen> {
    const b = this.buttons.get(person)?.get(label) ?? this.dmButtons(person).get(label);
    if (!b) throw new Error(`slack: no button "${label}" for ${person}; shown: ${[...(this.buttons.get(person)?.keys() ?? [])].join(', ')}`);
    const opts = b.viewId ? { user: this.raw(person), view: { id: b.viewId } } : { user: this.raw(person), channel: b.channel, ephemeral: b.ephemeral };
    const { calls } = await this.settle(this.slack.action({ action_id: b.action_id, value: b.value }, opts));
    return this.screen(person, calls, undefined);
  }

  /** `person` presses the button labelled `label` on what `owner` was shown (someone else's card). */
  async pressOn(person: string, owner: string, label: string): Promise<Screen> {
    const b = this.buttons.get(owner)?.get(label);
    if (!b) throw new Error(`slack: no button "${label}" shown to ${owner}`);
    const opts = b.viewId ? { user: this.raw(person), view: { id: b.viewId } } : { user: this.raw(person), channel: b.channel, ephemeral: b.ephemeral };
    const { calls } = await this.settle(this.slack.action({ action_id: b.action_id, value: b.value }, opts));
    return this.screen(person, calls, undefined);
  }

  async fill(person: string, values: Record<string, string>): Promise<Screen> {
    const open = this.views.get(person);
    if (!open) throw new Error(`slack: no modal open for ${person}`);
    const typed: Record<string, string> = {};
    for (const b of open.view.blocks as Array<Record<string, any>>) {
      if (b.type !== 'input') continue;
      const key = String(b.block_id).replace(/^f:/, '');
      typed[b.block_id] = values[key] ?? b.element.initial_value ?? '';
    }
    const { result, calls } = await this.settle(this.slack.submit(open.view, typed, { user: this.raw(person), viewId: open.id, hash: `hc${++this.hashes}` }));
    const ack = result.body ? result.json() : undefined;
    return this.screen(person, calls, ack, open);
  }

  private dmButtons(person: string): Map<string, Button> {
    const out = new Map<string, Button>();
    const channel = `D-${this.raw(person)}`;
    for (const c of this.fake.of('chat.postMessage')) {
      if (c.args.channel !== channel) continue;
      for (const [label, b] of buttonsOf(c.args.blocks)) out.set(label, { ...b, channel, ephemeral: false });
    }
    return out;
  }

  private screen(person: string, calls: RecordedCall[], ack: Record<string, any> | undefined, submitted?: OpenView): Screen {
    const shown: unknown[] = [];
    const found = new Map<string, Button>();
    let formOpen = false;
    const showView = (view: Record<string, any>, id: string) => {
      shown.push(view.blocks);
      const inputs = (view.blocks as Array<{ type: string }>).some((b) => b.type === 'input');
      if (inputs) {
        this.views.set(person, { view, id });
        formOpen = true;
      }
      for (const [label, b] of buttonsOf(view.blocks)) found.set(label, { ...b, viewId: id });
    };
    if (ack?.response_action === 'errors') {
      // Each error is shown under its field, so the person reads it with the field's label.
      const labels = new Map((submitted?.view.blocks as Array<Record<string, any>>).map((b) => [b.block_id, b.label?.text]));
      shown.push(Object.entries(ack.errors as Record<string, string>).map(([block, msg]) => ({ text: `${labels.get(block) ?? block}：${msg}` })));
      formOpen = true; // the modal stays open with the errors on its fields
    } else if (ack?.response_action === 'update' && submitted) {
      showView(ack.view, submitted.id);
    }
    let opened = this.fake.calls.filter((c) => c.method === 'views.open' || c.method === 'views.push').length - calls.filter((c) => c.method === 'views.open' || c.method === 'views.push').length;
    for (const c of calls) {
      if (c.method === 'views.open' || c.method === 'views.push') showView(c.args.view, `V${++opened}`);
      else if (c.method === 'views.update') showView(c.args.view, c.args.view_id);
      else if (c.method === 'respond') {
        shown.push(c.args.blocks ?? c.args.text);
        for (const [label, b] of buttonsOf(c.args.blocks)) found.set(label, { ...b, ephemeral: c.args.response_type !== 'in_channel' });
      } else if (c.method === 'chat.postMessage' && c.args.channel === `D-${this.raw(person)}`) {
        shown.push(c.args.blocks ?? c.args.text);
        for (const [label, b] of buttonsOf(c.args.blocks)) found.set(label, { ...b, channel: c.args.channel, ephemeral: false });
      }
    }
    this.buttons.set(person, found);
    // What the person reads: Slack shows mrkdwn's &lt; &gt; &amp; as the characters themselves.
    const text = visibleText(shown).replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
    return { text, buttons: [...found.keys()], formOpen };
  }

  async stop(): Promise<void> {
    await this.adapter?.stop();
    await this.fake.stop();
  }
}

function buttonsOf(blocks: unknown): Array<[string, { action_id: string; value?: string }]> {
  if (!Array.isArray(blocks)) return [];
  return (blocks as Array<Record<string, any>>)
    .filter((b) => b.type === 'actions')
    .flatMap((b) => b.elements as Array<Record<string, any>>)
    .filter((e) => e.type === 'button')
    .map((e) => [e.text.text as string, { action_id: e.action_id as string, value: e.value as string | undefined }]);
}
