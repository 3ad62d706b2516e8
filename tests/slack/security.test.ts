/**
 * Slack hardening, on the real Bolt app over signed loopback requests: replays are caught for the
 * whole 5-minute window however much traffic comes between, timestamps from the future are
 * refused, malformed payloads are acknowledged and logged in one line (never a throw inside a
 * listener), and a person in a shared channel is known by their home team. The real app
 * (tests/slack/realRig.ts) answers: "runs nothing" means no revision stored in its SQLite store.
 */
import { Writable } from 'node:stream';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SlackAdapter } from '../../src/adapters/slack/index.ts';
import { configureLogger } from '../../src/log.ts';
import type { FakeSlack, SlackSender } from './fakeSlack.ts';
import { COORDINATOR, startRig, stopRig, type Rig } from './realRig.ts';

const NONE = 'report:pick:none:城区:2025-03';

let rig: Rig;
let fake: FakeSlack;
let adapter: SlackAdapter;
let slack: SlackSender;
/** Who stored each revision of 城区 2025-03. */
const revisions = () => rig.app.store!.revisions('城区', '2025-03').map((r) => r.userId);
const logLines: Array<Record<string, unknown>> = [];

beforeAll(() => {
  // Collect the process log (src/log.ts) to check the one line a refused payload leaves.
  configureLogger({
    level: 'info',
    pretty: false,
    destination: new Writable({
      write(chunk, _enc, done) {
        for (const line of String(chunk).split('\n').filter(Boolean)) logLines.push(JSON.parse(line) as Record<string, unknown>);
        done();
      },
    }),
  });
});
afterAll(() => {
  configureLogger({ level: 'warn', destination: process.stderr });
});

beforeEach(async () => {
  // A person of another workspace (T2) in a shared channel, bound to 城区 under their home team.
  rig = await startRig({ prepare: (app) => void app.store!.bind(COORDINATOR, 'slack:T2:UX', '城区') });
  ({ fake, adapter, slack } = rig);
  logLines.length = 0;
});
afterEach(async () => {
  await stopRig(rig);
});

/** A form body whose interaction payload is edited by `change` (a malformed copy of a real one). */
function edited(body: string, change: (payload: Record<string, any>) => void): string {
  const payload = JSON.parse(new URLSearchParams(body).get('payload')!) as Record<string, any>;
  change(payload);
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

describe('replays and timestamps', () => {
  it('does not run a signed click twice when it is replayed after 1,001 other requests', async () => {
    const ts = Math.floor(Date.now() / 1000);
    const click = slack.actionBody({ action_id: NONE, value: NONE });
    expect((await slack.post(click, { timestamp: ts })).status).toBe(200);
    await adapter.idle();
    expect(revisions()).toHaveLength(1);
    // 1,001 other deliveries (select menus: acknowledged, remembered, nothing to run).
    for (let i = 0; i < 1001; i++) {
      const other = edited(slack.actionBody({ action_id: `menu:${i}` }), (p) => (p.actions[0].type = 'static_select'));
      expect((await slack.post(other)).status).toBe(200);
    }
    const replay = await slack.post(click, { timestamp: ts });
    expect(replay.status).toBe(200);
    await adapter.idle();
    expect(revisions()).toHaveLength(1);
  }, 120_000);

  it('refuses a correctly signed request dated a day in the future (401) and runs nothing', async () => {
    const res = await slack.action({ action_id: NONE, value: NONE }, {}, { timestamp: Math.floor(Date.now() / 1000) + 86_400 });
    expect(res.status).toBe(401);
    await adapter.idle();
    expect(revisions()).toHaveLength(0);
    expect(logLines.some((l) => l.event === 'slack_request_refused' && l.reason === 'future')).toBe(true);
  });

  it('refuses a request without a timestamp (401)', async () => {
    const res = await slack.action({ action_id: NONE, value: NONE }, {}, { timestamp: Number.NaN });
    expect(res.status).toBe(401);
    expect(revisions()).toHaveLength(0);
  });
});

describe('malformed payloads', () => {
  const view = { type: 'modal', callback_id: 'pd-form', private_metadata: JSON.stringify({ form: 'report:form:submit:城区:2025-03' }), blocks: [] };
  const cases: Array<[string, () => string, string]> = [
    ['a view_submission without view.state', () => edited(slack.submissionBody(view, {}), (p) => delete p.view.state), 'view.state'],
    ['private_metadata that is a JSON array', () => edited(slack.submissionBody(view, {}), (p) => (p.view.private_metadata = '[1,2]')), 'private_metadata'],
    ['private_metadata that is not JSON', () => edited(slack.submissionBody(view, {}), (p) => (p.view.private_metadata = '{oops')), 'private_metadata'],
    // Bolt itself cannot route this one (it reads user.id first): still one line and an ack.
    ['a view_submission without a user', () => edited(slack.submissionBody(view, {}), (p) => delete p.user), 'reading'],
    ['a click with no actions', () => edited(slack.actionBody({ action_id: NONE, value: NONE }), (p) => (p.actions = [])), 'actions'],
    ['a click whose user id is not a string', () => edited(slack.actionBody({ action_id: NONE, value: NONE }), (p) => (p.user.id = 42)), 'user.id'],
    ['a slash command without a user id', () => slack.commandBody('/pd-report', 'none 城区 2025-03', ''), 'user_id'],
  ];

  it.each(cases)('acknowledges %s, logs one line naming the problem, and runs nothing', async (_name, body, problem) => {
    const res = await slack.post(body());
    expect(res.status).toBe(200);
    await adapter.idle();
    expect(revisions()).toHaveLength(0);
    expect(fake.calls.filter((c) => c.method !== 'auth.test')).toHaveLength(0);
    const refused = logLines.filter((l) => l.event === 'slack_bad_payload');
    expect(refused).toHaveLength(1);
    expect(String(refused[0]!.problem)).toContain(problem);
  });
});

describe('identity in shared channels', () => {
  it("keys a person by their home team (user.team_id), not the workspace the payload came from", async () => {
    const click = edited(slack.actionBody({ action_id: NONE, value: NONE }, { user: 'UX' }), (p) => (p.user.team_id = 'T2'));
    expect((await slack.post(click)).status).toBe(200);
    await adapter.idle();
    expect(revisions()).toEqual(['slack:T2:UX']);
  });
});
