/**
 * China time, derived once. Jincheng's calendar is Asia/Shanghai: UTC+8 all year (China has had
 * no daylight saving since 1991), so a fixed offset is exact and needs no time-zone database.
 * Rules (quarters, target years, document dates), reports (months, deadlines) and the scheduler
 * all read dates through here, so they cannot disagree on which day it is.
 */

/** Asia/Shanghai's offset from UTC. */
export const CHINA_OFFSET_MS = 8 * 3600_000;

/** A Date shifted so its UTC getters read China wall-clock time (`getUTCFullYear()` is the China year). */
export function chinaClock(d: Date): Date {
  return new Date(d.getTime() + CHINA_OFFSET_MS);
}

/** The instant of midnight China time starting day `y-m-d` (m is 1-based). */
export function chinaMidnight(y: number, m: number, d: number): Date {
  return new Date(Date.UTC(y, m - 1, d) - CHINA_OFFSET_MS);
}

/** `YYYY-MM-DD` in China time. */
export function chinaDay(d: Date): string {
  return chinaClock(d).toISOString().slice(0, 10);
}

/** `HH:MM` in China time. */
export function chinaTimeOfDay(d: Date): string {
  return chinaClock(d).toISOString().slice(11, 16);
}

/** The year in China time. */
export function chinaYear(d: Date): number {
  return chinaClock(d).getUTCFullYear();
}

/** An instant as a person in Jincheng reads it: `2025-04-07 10:00`, whatever the server's zone. */
export function formatChinaTime(instant: Date | string): string {
  return chinaIso(instant).slice(0, 16).replace('T', ' ');
}

/** An instant for JSON and files, in China time with its offset: `2025-04-07T10:00:00+08:00`. */
export function chinaIso(instant: Date | string): string {
  const t = typeof instant === 'string' ? new Date(instant) : instant;
  if (Number.isNaN(t.getTime())) return String(instant);
  return new Date(t.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 19) + '+08:00';
}
