/**
 * Typed conversation on Slack, on the real App and the real Bolt app over signed Events API
 * deliveries: a message in the app's DM (`message.im`) and an `app_mention` in a channel are
 * answered as the console answers typed lines — a question, follow-up answers, 取消.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { visibleText } from '../conformance/screen.ts';
import type { RecordedCall } from './fakeSlack.ts';
import { startRig, stopRig, type Rig } from './realRig.ts';

const DM = 'D-UQ';

let rig: Rig;
let app: Rig['app'];
let fake: Rig['fake'];
let adapter: Rig['adapter'];
let slack: Rig['slack'];

beforeAll(async () => {
  rig = await startRig({ env: { POLICY_DESK_NOW: '2025-04-03T09:00:00+08:00' } });
  ({ app, fake, adapter, slack } = rig);
});

afterAll(() => stopRig(rig));

let ts = 0;
/** Delivers one event, waits for the work it started, and returns the Web API calls it caused. */
async function deliver(event: Record<string, unknown>): Promise<RecordedCall[]> {
  const from = fake.calls.length;
  const res = await slack.event({ ts: `1743642100.${String(++ts).padStart(6, '0')}`, ...event });
  expect(res.status).toBe(200);
  await adapter.idle();
  return fake.calls.slice(from).filter((c) => c.method.startsWith('chat.'));
}
const dm = (text: string, user = 'UQ') => deliver({ type: 'message', channel_type: 'im', channel: DM, user, text });
const shown = (calls: RecordedCall[]) => visibleText(calls.map((c) => c.args.blocks ?? c.args.text)).replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

describe('the app DM (message.im)', () => {
  it('answers a question, takes the follow-up answers typed next, and says "just reply" because it hears them', async () => {
    const first = await dm('这个项目需要节能审查吗');
    expect(first.map((c) => [c.method, c.args.channel])).toEqual([['chat.postMessage', DM]]);
    expect(shown(first)).toContain('直接回复补充的信息即可');
    await dm('年综合能源消费量800吨标准煤');
    const verdict = shown(await dm('年电力消费量300万千瓦时'));
    expect(verdict).toContain('不再单独进行节能审查');
    expect(verdict).toContain('800吨标准煤');
  });

  it('ends a follow-up on 取消, and a new question afterwards starts fresh', async () => {
    await dm('我们的项目需要节能审查吗', 'UR');
    expect(shown(await dm('取消', 'UR'))).toContain('已结束这次追问');
    expect(shown(await dm('外资企业有什么支持', 'UR'))).not.toContain('还需了解');
  });

  it('says which slash command opens a form when typed text asks for one (a message has no trigger_id for a modal)', async () => {
    expect(app.store!.bind('slack:T1:UC', 'slack:T1:UF', '城区').ok).toBe(true);
    const calls = await dm('/report submit 2025-03', 'UF');
    expect(fake.calls.slice(-5).some((c) => c.method === 'views.open')).toBe(false);
    expect(shown(calls)).toContain('/pd-report submit');
  });

  it('ignores bot messages (its own included) and message subtypes such as edits', async () => {
    expect(await deliver({ type: 'message', channel_type: 'im', channel: DM, bot_id: 'BBOT', user: 'UBOT', text: '需要节能审查吗' })).toEqual([]);
    expect(await deliver({ type: 'message', channel_type: 'im', channel: DM, subtype: 'message_changed', text: '需要节能审查吗' })).toEqual([]);
    expect(await deliver({ type: 'message', channel_type: 'im', channel: DM, subtype: 'bot_message', bot_id: 'B2', text: '需要节能审查吗' })).toEqual([]);
  });
});

describe('redelivery', () => {
  it('answers an event Slack redelivers (same event_id, x-slack-retry-num) once', async () => {
    const event = { type: 'message', channel_type: 'im', channel: DM, user: 'UE', text: '外资企业有什么支持', ts: '1743642199.000001' };
    const from = fake.calls.length;
    expect((await slack.event(event, { eventId: 'EvSame' })).status).toBe(200);
    expect((await slack.event(event, { eventId: 'EvSame', retryNum: 1 })).status).toBe(200);
    await adapter.idle();
    expect(fake.calls.slice(from).filter((c) => c.method === 'chat.postMessage')).toHaveLength(1);
  });
});

describe('mentions in a channel (app_mention)', () => {
  it('answers without the mention, privately to the person (ephemeral), and points to the button and /pd-ask since the channel is not read', async () => {
    const calls = await deliver({ type: 'app_mention', channel: 'C1', user: 'UM', text: '<@UBOT> 我们的项目需要节能审查吗' });
    expect(calls.map((c) => c.method)).toEqual(['chat.postEphemeral']);
    expect(calls[0]!.args).toMatchObject({ channel: 'C1', user: 'UM' });
    const text = shown(calls);
    expect(text).toContain('还需了解');
    expect(text).not.toContain('直接回复');
    expect(text).toContain('/pd-ask');
    expect(text).not.toContain('UBOT');
  });
});
