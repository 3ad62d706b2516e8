/**
 * Text layout every renderer needs: display width of CJK text, aligned table lines, and
 * splitting long text into pieces a platform accepts. One definition, so the console, Discord
 * and Slack split and align the same way (they had drifted: `<` vs `<=` at the half-way cut).
 */

/** Display width: CJK and full-width characters take two terminal columns. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch) ? 2 : 1;
  return w;
}

/** A table as aligned text lines: header, a rule drawn with `rule`, then the rows. */
export function tableLines(columns: string[], rows: string[][], rule = '─'): string[] {
  const widths = columns.map((c, i) => Math.max(displayWidth(c), ...rows.map((r) => displayWidth(r[i] ?? ''))));
  const line = (cells: string[]) => cells.map((c, i) => c + ' '.repeat(Math.max(0, (widths[i] ?? 0) - displayWidth(c)))).join('  ').trimEnd();
  return [line(columns), widths.map((w) => rule.repeat(w)).join('  '), ...rows.map(line)];
}

/**
 * Splits text into pieces of at most `max` UTF-16 units, preferring a line break in the second
 * half of a piece, never cutting a surrogate pair; joining the pieces gives back `text` exactly.
 */
export function splitText(text: string, max: number): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest.length > max) {
    let cut = rest.lastIndexOf('\n', max);
    if (cut < max / 2) cut = max;
    const code = rest.charCodeAt(cut - 1);
    if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
    out.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  if (rest.length > 0 || out.length === 0) out.push(rest);
  return out;
}
