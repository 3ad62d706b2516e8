/**
 * China time (Asia/Shanghai, UTC+8 all year, no daylight saving) for every time a person sees:
 * chat, CLI text and JSON, exports. Stored instants stay UTC; they become China time here.
 *
 * ```ts
 * formatChinaTime('2025-04-07T02:00:00.000Z')  // '2025-04-07 10:00'
 * chinaIso('2025-04-07T02:00:00.000Z')         // '2025-04-07T10:00:00+08:00'
 * ```
 */
const OFFSET_MS = 8 * 3600_000;

/** An instant as a person in Jincheng reads it: `2025-04-07 10:00`, whatever the server's zone. */
export function formatChinaTime(instant: Date | string): string {
  return chinaIso(instant).slice(0, 16).replace('T', ' ');
}

/** An instant for JSON and files, in China time with its offset: `2025-04-07T10:00:00+08:00`. */
export function chinaIso(instant: Date | string): string {
  const t = typeof instant === 'string' ? new Date(instant) : instant;
  if (Number.isNaN(t.getTime())) return String(instant);
  return new Date(t.getTime() + OFFSET_MS).toISOString().slice(0, 19) + '+08:00';
}
