/**
 * Word's automatic numbering (`w:numPr`): the numbers `一、` `（一）` `1.` a .docx shows are not in
 * its text but computed from `word/numbering.xml` (each level's `numFmt`, `lvlText` and `start`).
 * mammoth drops them, and a plan without its numbers has no citable structure. This module
 * computes the label of every numbered paragraph of `word/document.xml`, in document order, so
 * the extractor can put each back in front of its paragraph.
 */
import { intToChineseNumeral } from './numbering.ts';

interface Level {
  start: number;
  format: string;
  text: string;
}

/** `1` → `一`, `10` → `十`, `12` → `十二`, `21` → `二十一`, `105` → `一百零五` (Word's chineseCounting; 0 is 〇). */
export function chineseCounting(n: number): string {
  if (n === 0) return '〇';
  return n > 0 && n < 1000 ? intToChineseNumeral(n) : String(n);
}

function formatNumber(n: number, format: string): string {
  switch (format) {
    case 'chineseCounting':
    case 'chineseCountingThousand':
    case 'japaneseCounting':
    case 'taiwaneseCounting':
    case 'taiwaneseCountingThousand':
      return chineseCounting(n);
    case 'ideographTraditional':
      return '甲乙丙丁戊己庚辛壬癸'[n - 1] ?? String(n);
    case 'decimalEnclosedCircle':
    case 'decimalEnclosedCircleChinese':
      return n >= 1 && n <= 20 ? String.fromCodePoint(0x2460 + n - 1) : String(n);
    case 'lowerLetter':
      return String.fromCharCode(96 + (((n - 1) % 26) + 1));
    case 'upperLetter':
      return String.fromCharCode(64 + (((n - 1) % 26) + 1));
    default:
      return String(n); // decimal, decimalZero, decimalFullWidth …
  }
}

const attr = (xml: string, tag: string): string | undefined => new RegExp(`<w:${tag}\\b[^>]*\\bw:val="([^"]*)"`).exec(xml)?.[1];

/**
 * The label of each paragraph (`<w:p>`) of `documentXml`, in document order: `'一、'`, `'（一）'`, …
 * for one numbered by Word (its own `w:numPr`, or its paragraph style's in `stylesXml`), `null`
 * for the others and for bullets. Counters run per list (`abstractNum`), a level restarts below
 * a higher one, and `w:startOverride` restarts a list.
 */
export function paragraphLabels(documentXml: string, numberingXml: string, stylesXml = ''): Array<string | null> {
  const abstract = new Map<string, Map<number, Level>>();
  for (const m of numberingXml.matchAll(/<w:abstractNum\b[^>]*w:abstractNumId="(\d+)"[^>]*>([\s\S]*?)<\/w:abstractNum>/g)) {
    const levels = new Map<number, Level>();
    for (const l of m[2]!.matchAll(/<w:lvl\b[^>]*w:ilvl="(\d+)"[^>]*>([\s\S]*?)<\/w:lvl>/g)) {
      levels.set(Number(l[1]), { start: Number(attr(l[2]!, 'start') ?? 1), format: attr(l[2]!, 'numFmt') ?? 'decimal', text: attr(l[2]!, 'lvlText') ?? '' });
    }
    abstract.set(m[1]!, levels);
  }
  const nums = new Map<string, { abstractId: string; overrides: Map<number, number> }>();
  for (const m of numberingXml.matchAll(/<w:num\b[^>]*w:numId="(\d+)"[^>]*>([\s\S]*?)<\/w:num>/g)) {
    const overrides = new Map<number, number>();
    for (const o of m[2]!.matchAll(/<w:lvlOverride\b[^>]*w:ilvl="(\d+)"[^>]*>([\s\S]*?)<\/w:lvlOverride>/g)) {
      const s = attr(o[2]!, 'startOverride');
      if (s !== undefined) overrides.set(Number(o[1]), Number(s));
    }
    nums.set(m[1]!, { abstractId: attr(m[2]!, 'abstractNumId') ?? '', overrides });
  }
  // Paragraph styles that number their paragraphs (`Heading 1` → 一、).
  const styleNumPr = new Map<string, string>();
  for (const m of stylesXml.matchAll(/<w:style\b[^>]*w:styleId="([^"]+)"[^>]*>([\s\S]*?)<\/w:style>/g)) {
    const numPr = /<w:numPr>([\s\S]*?)<\/w:numPr>/.exec(m[2]!)?.[1];
    if (numPr) styleNumPr.set(m[1]!, numPr);
  }

  const counters = new Map<string, number[]>();
  const begun = new Set<string>();
  const labels: Array<string | null> = [];
  for (const p of documentXml.matchAll(/<w:p(?:\s[^>]*)?\/>|<w:p(?:\s[^>]*)?>([\s\S]*?)<\/w:p>/g)) {
    const body = p[1] ?? '';
    const style = attr(/<w:pPr>[\s\S]*?<\/w:pPr>/.exec(body)?.[0] ?? '', 'pStyle');
    const own = /<w:numPr>([\s\S]*?)<\/w:numPr>/.exec(body)?.[1];
    const styled = style === undefined ? undefined : styleNumPr.get(style);
    const numId = (own && attr(own, 'numId')) ?? (styled && attr(styled, 'numId'));
    const ilvl = Number((own && attr(own, 'ilvl')) ?? (styled && attr(styled, 'ilvl')) ?? 0);
    const num = numId === undefined ? undefined : nums.get(numId);
    const levels = num && abstract.get(num.abstractId);
    const level = levels?.get(ilvl);
    if (!num || !levels || !level || level.format === 'bullet' || level.format === 'none') {
      labels.push(null);
      continue;
    }
    let c = counters.get(num.abstractId) ?? [];
    if (!begun.has(numId!) && num.overrides.size > 0) c = []; // a restarted list
    begun.add(numId!);
    const startOf = (i: number) => num.overrides.get(i) ?? levels.get(i)?.start ?? 1;
    c[ilvl] = c[ilvl] === undefined ? startOf(ilvl) : c[ilvl]! + 1;
    c.length = ilvl + 1; // deeper levels restart
    counters.set(num.abstractId, c);
    labels.push(
      level.text.replace(/%(\d)/g, (_, d: string) => {
        const i = Number(d) - 1;
        return formatNumber(c[i] ?? startOf(i), levels.get(i)?.format ?? 'decimal');
      }),
    );
  }
  return labels;
}
