import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDay } from '../../src/reports/months.ts';
import { WorkCalendar, loadWorkCalendar, type HolidayTable } from '../../src/reports/workdays.ts';

const FIXTURE = join(import.meta.dirname, 'fixtures', 'holidays-2030.json');
const cal = loadWorkCalendar();
const fixture = loadWorkCalendar(FIXTURE);

/** The fixture table with one year replaced, for malformed variants. */
function withYear(year: Partial<HolidayTable['years'][string]>): HolidayTable {
  const table = JSON.parse(readFileSync(FIXTURE, 'utf8')) as HolidayTable;
  return { ...table, years: { '2030': { ...table.years['2030']!, ...year } } };
}

describe('the official calendar (config/holidays.json)', () => {
  it('covers 2024, 2025 and 2026, each from its State Council notice', () => {
    expect([2023, 2024, 2025, 2026, 2027].map((y) => cal.covers(y))).toEqual([false, true, true, true, false]);
    const table = JSON.parse(readFileSync(join(import.meta.dirname, '../../config/holidays.json'), 'utf8')) as HolidayTable;
    expect(Object.values(table.years).map((y) => y.source)).toEqual(['国办发明电〔2023〕7号', '国办发明电〔2024〕12号', '国办发明电〔2025〕7号']);
  });

  it('2025: the combined 国庆节、中秋节 holiday runs 10-01 to 10-08, with Sunday 09-28 and Saturday 10-11 worked', () => {
    expect(cal.isWorkday('2025-09-28')).toBe(true);
    expect(cal.isMakeUpWorkday('2025-09-28')).toBe(true);
    expect(cal.isWorkday('2025-10-03')).toBe(false);
    expect(cal.holidayName('2025-10-03')).toBe('国庆节、中秋节');
    expect(cal.isWorkday('2025-10-08')).toBe(false);
    expect(cal.isWorkday('2025-10-09')).toBe(true);
    expect(cal.isWorkday('2025-10-11')).toBe(true);
    expect(cal.isWorkday('2025-10-12')).toBe(false);
  });

  it('an ordinary weekend is off and an ordinary weekday is on, with no holiday name', () => {
    expect(cal.isWorkday('2025-09-27')).toBe(false);
    expect(cal.isMakeUpWorkday('2025-09-27')).toBe(false);
    expect(cal.isWorkday('2025-09-26')).toBe(true);
    expect(cal.holidayName('2025-09-26')).toBeUndefined();
  });

  it('three working days before 2025-10-09 reach back over the holiday to the make-up Sunday', () => {
    expect(cal.addWorkdays('2025-10-09', -1)).toBe('2025-09-30');
    expect(cal.addWorkdays('2025-10-09', -3)).toBe('2025-09-28');
  });

  it('the working day after 2026-02-13 is the make-up Saturday 02-14; the next one is after 春节', () => {
    expect(cal.addWorkdays('2026-02-13', 1)).toBe('2026-02-14');
    expect(cal.addWorkdays('2026-02-13', 2)).toBe('2026-02-24');
    expect(cal.holidayName('2026-02-17')).toBe('春节');
    expect(cal.isWorkday('2026-02-28')).toBe(true);
  });

  it('2026: each holiday and make-up day of the notice', () => {
    const off = ['2026-01-02', '2026-04-06', '2026-05-05', '2026-06-19', '2026-09-25', '2026-10-07'];
    expect(off.map((d) => cal.holidayName(d))).toEqual(['元旦', '清明节', '劳动节', '端午节', '中秋节', '国庆节']);
    const worked = ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'];
    expect(worked.filter((d) => cal.isMakeUpWorkday(d) && cal.isWorkday(d))).toEqual(worked);
  });

  it('2024: 除夕 02-09 was a working Friday; only the notice\'s dates are off', () => {
    expect(cal.isWorkday('2024-02-09')).toBe(true);
    expect(cal.holidayName('2024-02-10')).toBe('春节');
    expect(cal.isWorkday('2024-02-18')).toBe(true);
  });

  it('n = 0 keeps a working day and moves a day off to the next working day', () => {
    expect(cal.addWorkdays('2025-09-30', 0)).toBe('2025-09-30');
    expect(cal.addWorkdays('2025-10-01', 0)).toBe('2025-10-09');
    expect(cal.addWorkdays('2025-10-12', 0)).toBe('2025-10-13');
  });

  it('crosses the year boundary: after 2025-12-31 comes Sunday 2026-01-04, worked for 元旦', () => {
    expect(cal.addWorkdays('2025-12-31', 1)).toBe('2026-01-04');
    expect(cal.addWorkdays('2026-01-04', -1)).toBe('2025-12-31');
    expect(cal.workdaysBetween('2025-12-31', '2026-01-05')).toBe(2);
  });

  it('counts working days between two days, and undoes addWorkdays', () => {
    // 09-28 (Sun), 09-29, 09-30, 10-09, 10-10, 10-11 (Sat), 10-13: seven, where Monday–Friday gives eleven.
    expect(cal.workdaysBetween('2025-09-26', '2025-10-13')).toBe(7);
    expect(cal.workdaysBetween('2025-10-13', '2025-09-26')).toBe(-7);
    expect(cal.workdaysBetween('2025-10-01', '2025-10-08')).toBe(0);
    for (const [from, n] of [['2025-09-26', 7], ['2025-10-13', -7], ['2026-02-13', 2], ['2025-12-31', 1]] as const) {
      expect(cal.workdaysBetween(from, cal.addWorkdays(from, n))).toBe(n);
    }
  });

  it('takes today from an instant with formatDay', () => {
    const now = new Date('2025-10-02T23:30:00Z'); // already 10-03 in Jincheng
    expect(cal.holidayName(formatDay(now))).toBe('国庆节、中秋节');
  });

  it('refuses a malformed day rather than answering wrongly', () => {
    expect(() => cal.isWorkday('2025-9-28')).toThrow(/not a day/);
    expect(() => cal.addWorkdays('2025-02-30', 1)).toThrow(/not a day/);
    expect(() => cal.addWorkdays('2025-02-03', 1.5)).toThrow(/whole number/);
  });
});

describe('a fixture table: 测试节 Wednesday 2030-05-01 to Friday 05-03, make-up Saturday 05-11', () => {
  it('skips the holiday and counts the make-up Saturday', () => {
    expect(fixture.addWorkdays('2030-04-30', 1)).toBe('2030-05-06');
    expect(fixture.addWorkdays('2030-05-06', -1)).toBe('2030-04-30');
    expect(fixture.addWorkdays('2030-05-10', 1)).toBe('2030-05-11');
    expect(fixture.addWorkdays('2030-05-10', 2)).toBe('2030-05-13');
    expect(fixture.addWorkdays('2030-05-13', -2)).toBe('2030-05-10');
    expect(fixture.workdaysBetween('2030-04-26', '2030-05-13')).toBe(9); // 04-29, 04-30, 05-06 to 05-10, 05-11, 05-13
    expect(fixture.holidayName('2030-05-02')).toBe('测试节');
  });

  it('falls back to Monday–Friday in a year it does not cover, and says so', () => {
    expect(fixture.covers(2030)).toBe(true);
    expect(fixture.covers(2031)).toBe(false);
    expect(fixture.isWorkday('2031-01-01')).toBe(true); // 元旦 2031 is unknown until its notice is entered
    expect(fixture.addWorkdays('2030-12-27', 1)).toBe('2030-12-30');
    expect(fixture.addWorkdays('2030-12-31', 3)).toBe('2031-01-03');
    expect(fixture.addWorkdays('2031-01-03', 1)).toBe('2031-01-06');
  });

  it('can be built from a table directly', () => {
    expect(new WorkCalendar(withYear({ workdays: [] })).isWorkday('2030-05-11')).toBe(false);
  });
});

describe('a malformed table is rejected, naming the year and entry', () => {
  const rejects = (year: Partial<HolidayTable['years'][string]>) => () => new WorkCalendar(withYear(year), 'holidays.json');

  it('a holiday whose "to" is before its "from"', () => {
    expect(rejects({ holidays: [{ name: '测试节', from: '2030-05-03', to: '2030-05-01' }] })).toThrow(
      /holidays\.json is malformed:\n {2}years\.2030\.holidays\.0: 测试节 2030-05-03–2030-05-01: "to" is before "from"/,
    );
  });

  it('a date that does not exist, or is not written YYYY-MM-DD', () => {
    expect(rejects({ holidays: [{ name: '测试节', from: '2030-02-29', to: '2030-03-01' }] })).toThrow(/years\.2030\.holidays\.0\.from: 2030-02-29 does not exist/);
    expect(rejects({ workdays: [{ date: '2030/5/11', name: '调休' }] })).toThrow(/years\.2030\.workdays\.0\.date: expected a date as YYYY-MM-DD/);
  });

  it('a make-up workday that is also a holiday', () => {
    expect(rejects({ workdays: [{ date: '2030-05-04', name: '调休' }], holidays: [{ name: '测试节', from: '2030-05-01', to: '2030-05-05' }] })).toThrow(
      /years\.2030\.workdays\.0: 调休 2030-05-04: also listed as a holiday \(2030 测试节\)/,
    );
  });

  it('a make-up workday on a weekday, overlapping holidays, a date outside its year, an implausibly long holiday', () => {
    expect(rejects({ workdays: [{ date: '2030-05-10', name: '调休' }] })).toThrow(/workdays\.0: 调休 2030-05-10: make-up workdays are weekend days/);
    expect(rejects({ holidays: [{ name: '甲', from: '2030-05-01', to: '2030-05-03' }, { name: '乙', from: '2030-05-03', to: '2030-05-04' }] })).toThrow(
      /holidays\.1: 乙 2030-05-03–2030-05-04: 2030-05-03 is already a holiday \(2030 甲\)/,
    );
    expect(rejects({ holidays: [{ name: '测试节', from: '2003-05-01', to: '2003-05-03' }] })).toThrow(/holidays\.0: 测试节 2003-05-01–2003-05-03: not in 2030/);
    expect(rejects({ holidays: [{ name: '测试节', from: '2030-05-01', to: '2030-06-03' }] })).toThrow(/34 days is longer than any official holiday/);
  });

  it('a file: the message starts with its path', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pd-holidays-'));
    try {
      const file = join(dir, 'holidays.json');
      writeFileSync(file, JSON.stringify({ ...withYear({}), timeZone: 'UTC' }));
      expect(() => loadWorkCalendar(file)).toThrow(new RegExp(`${file.replace(/[\\.]/g, '\\$&')} is malformed:\n {2}timeZone`));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
