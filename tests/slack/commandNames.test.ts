/**
 * Every command the bot names on Slack is one that exists there: `/pd-report amend`, never a bare
 * `/report amend` (Slack's registry has only the prefixed names). The replies of a run through the
 * commands a reporter and a coordinator use — refusals from the reports layer, help, a returned
 * report's DM, a DM composed on another surface — are scanned for bare command names.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spellCommands } from '../../src/bot/core/commandRef.ts';
import { commandSpecs } from '../../src/bot/core/commandSpec.ts';
import { reply } from '../../src/bot/core/reply.ts';
import { visibleText } from '../conformance/screen.ts';
import type { RecordedCall } from './fakeSlack.ts';
import { startRig, stopRig, type Rig } from './realRig.ts';

const REPORTER = 'UREP';
const COORDINATOR = 'UCO';

let rig: Rig;
let app: Rig['app'];
let fake: Rig['fake'];
let adapter: Rig['adapter'];
let slack: Rig['slack'];

beforeAll(async () => {
  rig = await startRig({ env: { POLICY_DESK_COORDINATORS: `slack:T1:${COORDINATOR},console:zhang` } });
  ({ app, fake, adapter, slack } = rig);
});

afterAll(() => stopRig(rig));

/** `/report`, `/admin`… standing as a command, not behind the Slack prefix. */
const BARE = new RegExp(`(?<![\\w/.:\\-])/(${commandSpecs.map((c) => c.name).join('|')})(?![\\w/\\-])`, 'g');

/** Everything the person reads among the calls: responses, messages, ephemeral messages, modals. */
function readable(calls: RecordedCall[]): string {
  const shown = calls
    .filter((c) => ['respond', 'chat.postMessage', 'chat.postEphemeral', 'chat.update', 'views.open', 'views.update'].includes(c.method))
    .map((c) => c.args.view?.blocks ?? c.args.blocks ?? c.args.text);
  return visibleText(shown).replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

async function run(line: string, user: string): Promise<string> {
  const m = /^\/(\S+)\s*([\s\S]*)$/.exec(line)!;
  const from = fake.calls.length;
  await slack.command(`/pd-${m[1]}`, m[2] ?? '', user);
  await adapter.idle();
  return readable(fake.calls.slice(from));
}

describe('command names on Slack', () => {
  it('names only /pd- commands in the replies of a reporter and a coordinator', async () => {
    const seen: Array<[string, string]> = [];
    const say = async (line: string, user: string) => {
      const text = await run(line, user);
      seen.push([line, text]);
      return text;
    };
    // Not yet bound: told to ask for /pd-admin bind.
    expect(await say('/report submit', REPORTER)).toContain('/pd-admin bind');
    await say(`/admin bind user=<@${REPORTER}|rep> unit=城区`, COORDINATOR);
    await say('/help', REPORTER);
    await say('/help report', REPORTER);
    await say('/reprot', REPORTER);
    // January is locked by April: the refusal from the reports layer names the reopen command.
    const locked = await say('/report submit month=2025-01', REPORTER);
    expect(locked).toContain('/pd-admin reopen');
    await say('/ask 我们的项目需要节能审查吗', REPORTER);
    await say('/ask 取消', REPORTER);
    await say('/missing 2025-03', COORDINATOR);
    await say('/remind status', COORDINATOR);
    await say('/compliance 2025-Q1', COORDINATOR);

    // A returned report: the DM to the reporter names the amend command as Slack has it.
    const stored = app.store!.write({ actor: `slack:T1:${REPORTER}`, unit: '城区', month: '2025-03', kind: 'submit', raw: { outbound_trips: '1', events: '0', projects_docked: '3', projects_signed: '0', signed_investment: '0', projects_started: '0', projects_in_production: '0', leading_enterprises: '0', investment_in_place: '0' }, acceptWarnings: true });
    expect(stored.ok).toBe(true);
    const returned = await say('/admin return unit=城区 month=2025-03 reason=对接项目数请核实', COORDINATOR);
    expect(returned).toContain('/pd-report amend');

    const bare = seen.flatMap(([line, text]) => [...text.matchAll(BARE)].map((m) => `${line} → …${text.slice(Math.max(0, m.index! - 20), m.index! + 20)}…`));
    expect(bare).toEqual([]);
  });

  it('spells the commands of a DM composed on another surface for the Slack recipient', async () => {
    // A coordinator on the console returns the report; the reporter reads the DM on Slack.
    const ctx = app.pipeline.context({ userId: 'console:zhang', surface: 'console' });
    const r = await app.pipeline.handle({ kind: 'message', text: '/admin return unit=城区 month=2025-03 reason=签约金额请补充' }, ctx, { textCommands: 'slash' });
    expect(r.isError).toBeFalsy();
    const from = fake.calls.length;
    expect(await app.pipeline.deliver(r, ctx)).toBeUndefined();
    const dm = readable(fake.calls.slice(from));
    expect(dm).toContain('签约金额请补充');
    expect(dm).toContain('/pd-report amend');
    expect([...dm.matchAll(BARE)]).toEqual([]);
  });

  it('leaves paths, URLs, already prefixed names and verbatim clauses alone', () => {
    const r = spellCommands(
      {
        ...reply.text('用 /report amend 更正；文件 data/report.xlsx、https://x.cn/report、/pd-help 不变。'),
        blocks: [
          { type: 'text', text: '用 /report amend 更正；文件 data/report.xlsx、https://x.cn/report、/pd-help 不变。' },
          { type: 'citation', docNo: null, title: 't', path: '一、', quote: '见 /report 字样' },
        ],
      },
      '/pd-',
      commandSpecs.map((c) => c.name),
    );
    expect(r.blocks[0]).toMatchObject({ text: '用 /pd-report amend 更正；文件 data/report.xlsx、https://x.cn/report、/pd-help 不变。' });
    expect(r.blocks[1]).toMatchObject({ quote: '见 /report 字样' });
  });
});
