/**
 * Issue 15: `/remind send` says how many reporters and units it reminded, and those are the
 * numbers that were delivered — a reporter of two units is one reporter, a refused DM or a
 * platform that is not connected is not counted as reminded but named with its reason, and a
 * unit with nobody bound is listed apart. The reminders go through the delivery service (each
 * reporter on their own platform) before the reply is written.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, harness, textOf, type Harness } from '../reports/helpers.ts';
import { RecordingPlatform } from './recordingPlatform.ts';

let h: Harness;
afterEach(() => h?.close());

describe('/remind send', () => {
  it('reports exactly the reporters and units that were reached, and names the rest', async () => {
    h = harness({ at: '2025-04-03T10:00:00+08:00' });
    const discord = new RecordingPlatform('discord', () => '2025-04-03');
    h.delivery.register(discord.messenger());
    h.store.bind(ADMIN, 'discord:1', '城区');
    h.store.bind(ADMIN, 'discord:1', '高平市'); // one reporter, two units
    h.store.bind(ADMIN, 'discord:2', '泽州县');
    h.store.bind(ADMIN, 'discord:3', '阳城县'); // refuses DMs
    discord.closedDms.add('discord:3');
    h.store.bind(ADMIN, 'slack:T1:U9', '陵川县'); // Slack is not connected here
    // 沁水县 and 晋城经济技术开发区 have nobody bound.

    const r = await h.run(ADMIN, 'remind', 'send', { month: '2025-03' });
    const text = textOf(r);
    expect(discord.calls.map((c) => `${c.to} ${c.text.match(/：(\S+) 2025-03/)?.[1]}`)).toEqual(['discord:1 城区', 'discord:2 泽州县', 'discord:1 高平市']);
    expect(text).toContain('已向 3 个单位的 2 位报送人发送 2025-03 月报提醒：城区（discord:1）、泽州县（discord:2）、高平市（discord:1）。');
    expect(text).toContain('2 条提醒未能送达，请通过其他方式通知：');
    expect(text).toContain('阳城县 discord:3：对方不接受私信');
    expect(text).toContain('陵川县 slack:T1:U9：报送人所在平台未连接，无法私信');
    expect(text).toContain('以下单位没有绑定报送人，无法提醒：沁水县、晋城经济技术开发区');
    expect(r.directMessages ?? []).toEqual([]); // already sent: nothing left for the surface to send again
    expect(r.data).toEqual({
      month: '2025-03',
      reminded: ['discord:1', 'discord:2'],
      units: ['城区', '泽州县', '高平市'],
      undelivered: [
        { unit: '阳城县', userId: 'discord:3', reason: 'does not accept direct messages' },
        { unit: '陵川县', userId: 'slack:T1:U9', reason: "the reporter's chat platform is not connected" },
      ],
      unbound: ['沁水县', '晋城经济技术开发区'],
    });
  });

  it('says plainly when no reminder was delivered, in English too', async () => {
    h = harness({ at: '2025-04-03T10:00:00+08:00' });
    h.store.bind(ADMIN, 'slack:T1:U9', '城区');
    const r = await h.bot.run({ command: 'remind', subcommand: 'send', options: { month: '2025-03' } }, h.ctx(ADMIN, 'en'));
    const text = textOf(r);
    expect(text).toContain('No 2025-03 reminder was delivered.');
    expect(text).toContain("城区 slack:T1:U9: the reporter's chat platform is not connected");
    expect(text).not.toMatch(/Reminded \d/);
  });

  it('says that nobody could be reminded when no missing unit has a reporter bound', async () => {
    h = harness({ at: '2025-04-03T10:00:00+08:00' });
    const text = textOf(await h.run(ADMIN, 'remind', 'send', { month: '2025-03' }));
    expect(text).toContain('没有发送 2025-03 月报提醒：未报单位都没有绑定报送人。');
    expect(text).toContain('以下单位没有绑定报送人，无法提醒：城区、泽州县、高平市、阳城县、陵川县、沁水县、晋城经济技术开发区');
    expect(text).not.toContain('已向');
  });
});
