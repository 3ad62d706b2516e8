/** Issue 15: a form error in the console names the field by its label, once, never by its key. */
import { describe, expect, it } from 'vitest';
import { runStart } from '../helpers/run.ts';

describe('console report form errors', () => {
  it('prints each field error once, with the Chinese label and without the internal key', () => {
    const r = runStart('/admin bind console:zhang 城区\n/report submit 城区 2025-03\nabc\n3\n1\n1\n1\n1\n1\n1\n1\n\n', {
      POLICY_DESK_COORDINATORS: 'console:zhang', POLICY_DESK_CONSOLE_USER: 'console:zhang', POLICY_DESK_NOW: '2025-04-07T10:00:00+08:00',
    });
    expect(r.status).toBe(0);
    const msg = '「外出招商次数」不是数字：「abc」';
    expect(r.stdout.split(msg).length - 1).toBe(1);
    expect(r.stdout).not.toMatch(/\((?:outbound_trips|projects_docked)\)|✖ outbound_trips/);
  });
});
