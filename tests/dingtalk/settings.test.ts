/**
 * The DINGTALK_* settings: empty means off or the default; malformed values fail start-up with a
 * message naming the variable; every one is documented in .env.example.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSettings, REPO_ROOT } from '../../src/settings.ts';

const base = { DINGTALK_CLIENT_ID: 'dingabc', DINGTALK_CLIENT_SECRET: 's3cret' };

describe('DingTalk settings', () => {
  it('are off when the client id and secret are empty', () => {
    expect(readSettings({ DINGTALK_CLIENT_ID: '', DINGTALK_CLIENT_SECRET: ' ' }).dingtalk).toBeUndefined();
  });

  it('default the robot code to the client id and the base URL to api.dingtalk.com', () => {
    expect(readSettings(base).dingtalk).toEqual({ clientId: 'dingabc', clientSecret: 's3cret', robotCode: 'dingabc', boardConversationId: undefined, apiUrl: 'https://api.dingtalk.com' });
  });

  it('read the robot code, the coordinators’ group and a base URL override (trailing slash dropped)', () => {
    const s = readSettings({ ...base, DINGTALK_ROBOT_CODE: 'dingrobot', DINGTALK_BOARD_CONVERSATION_ID: 'cidAbC123+/xyz==', DINGTALK_API_URL: 'http://127.0.0.1:9000/' });
    expect(s.dingtalk).toMatchObject({ robotCode: 'dingrobot', boardConversationId: 'cidAbC123+/xyz==', apiUrl: 'http://127.0.0.1:9000' });
  });

  it('refuse a group name where an open conversation id belongs', () => {
    expect(() => readSettings({ ...base, DINGTALK_BOARD_CONVERSATION_ID: '协调员群' })).toThrow(/DINGTALK_BOARD_CONVERSATION_ID must be an open conversation id/);
  });

  it('refuse a base URL that is not http(s)', () => {
    expect(() => readSettings({ ...base, DINGTALK_API_URL: 'api.dingtalk.com' })).toThrow(/DINGTALK_API_URL/);
  });

  it('refuse a client id without its secret (and the reverse)', () => {
    expect(() => readSettings({ DINGTALK_CLIENT_ID: 'dingabc' })).toThrow(/DINGTALK_CLIENT_SECRET/);
    expect(() => readSettings({ DINGTALK_CLIENT_SECRET: 'x' })).toThrow(/DINGTALK_CLIENT_ID/);
  });

  it('are each documented in .env.example', () => {
    const example = readFileSync(resolve(REPO_ROOT, '.env.example'), 'utf8');
    for (const key of ['DINGTALK_CLIENT_ID', 'DINGTALK_CLIENT_SECRET', 'DINGTALK_ROBOT_CODE', 'DINGTALK_BOARD_CONVERSATION_ID', 'DINGTALK_API_URL']) {
      expect(example).toMatch(new RegExp(`^# .+\\n(?:# .+\\n|[A-Z_]+=\\n)*${key}=$`, 'm'));
    }
  });
});
