import { describe, expect, it } from 'vitest';
import { reportIds } from '../../src/bot/shared/reportIds.ts';

describe('report button and form ids', () => {
  it('carry the unit by name, so a reminder sent before a roster change still opens the same unit', () => {
    const id = reportIds.pick({ sub: 'submit', unit: '阳城县', month: '2025-03' });
    expect(id).toBe('report:pick:submit:阳城县:2025-03');
    expect(reportIds.parsePick(id)).toEqual({ sub: 'submit', unit: '阳城县', month: '2025-03' });
  });

  it('leave the month out when none was named, so the subcommand picks its default month', () => {
    expect(reportIds.parsePick(reportIds.pick({ sub: 'show', unit: '城区' }))).toEqual({ sub: 'show', unit: '城区' });
  });

  it('round-trip a unit name that contains the separator', () => {
    const form = { kind: 'amend' as const, unit: '开发区:北区 100%', month: '2025-03' };
    expect(reportIds.parseForm(reportIds.form(form))).toEqual(form);
  });

  it('refuse ids that are not theirs or not whole', () => {
    expect(reportIds.parsePick('report:pick:delete:城区:2025-03')).toBeUndefined();
    expect(reportIds.parsePick('report:pick:submit')).toBeUndefined();
    expect(reportIds.parseForm('report:form:none:城区:2025-03')).toBeUndefined();
    expect(reportIds.parseForm('report:form:submit:城区')).toBeUndefined();
    expect(reportIds.parseForm('report:pick:submit:城区:2025-03')).toBeUndefined();
  });
});
