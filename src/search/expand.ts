/**
 * Query expansion: turns what staff type into what the policy texts say, before tokenizing.
 *
 * The query string is read left to right, taking the **longest** glossary entry that starts at
 * each position, so `性能评价` is consumed whole (a protected word) and never read as `能评`. An
 * entry keeps the words typed and *adds* the texts' own wording (`能评` → `节能审查`); English
 * phrases are replaced by their Chinese terms (`energy review` → `节能审查`). The vocabulary lives in
 * `glossary.json` — one definition, read here and nowhere else.
 *
 * Also, in the plain stretches between glossary entries:
 * - traditional characters → simplified (opencc-js, loaded only when the query contains a
 *   character that OpenCC would change);
 * - full-width digits → ASCII (shared `normalizeChars`);
 * - Chinese numerals standing for a quantity → digits (`一千吨` → `1000吨`, `三百万度` → `300万度`);
 * - `度` after a number → `千瓦时` (`500万度` → `500万千瓦时`) in a question about electricity or with 万/亿;
 *   年度, 力度 and temperatures (室温十八度) are left alone.
 *
 * ```ts
 * expandQuery('能评豁免').additions        // => ['节能审查']
 * expandQuery('性能评价').additions        // => []
 * expandQuery('energy review').parts[0]   // => { kind: 'english', text: 'energy review', add: ['节能审查', '能评'] }
 * ```
 *
 * @module
 */
import { isGeneralWord } from './generalWords.ts';
import { MAX_WORD_CHARS } from './segment.ts';
import { scanNumbers, writeNumerals } from '../text/numerals.ts';
import glossary from './glossary.json' with { type: 'json' };
import querywords from './querywords.json' with { type: 'json' };
import englishQuestions from './englishquestions.json' with { type: 'json' };
import { foldText } from './tokenize.ts';
import { toSimplified } from '../text/simplify.ts';
import { standsAlone } from '../text/terms.ts';
import { toAmericanSpelling } from './englishSpelling.ts';

/** Re-exported: search was their first user, and its tests import them from here. */
export { hasTraditionalChars, toSimplified } from '../text/simplify.ts';

/** One piece of a read query: plain text, or a glossary entry with the wording it adds. */
export interface QueryPart {
  /**
   * `everyday`: colloquial wording any question may use (不给, 罚多少), with the official register
   * every policy text uses (不予, 罚款) — from the general `querywords.json`, not the glossary.
   * `register`: a colloquial word for a subject (商家, 离职, 房租), with the word policy texts use
   * for it (经营者, 解除劳动合同, 租金) — also from `querywords.json`; unlike `everyday` wording it is
   * a word of the question, satisfied by either.
   * `number`: a quantity typed in Chinese numerals (十五), read as digits (15) — the form the
   * question's cues and spans read — with the numerals as typed in `add`: the texts write either.
   * A count typed in digits (15天) is one too, with the numerals a law writes for it (十五).
   */
  kind: 'plain' | 'synonym' | 'english' | 'everyday' | 'register' | 'number';
  /** The text as typed (folded); for `english`, the English phrase. */
  text: string;
  /** Chinese wording added by the glossary (empty for plain text and protected words). */
  add: string[];
}

export interface ExpandedQuery {
  /** The folded, simplified query the parts were read from. */
  normalized: string;
  parts: QueryPart[];
  /** Every wording the glossary added, deduplicated, in order (shown to users as "also searched"). */
  additions: string[];
}

interface Entry {
  key: string;
  kind: 'synonym' | 'english' | 'everyday' | 'register';
  add: string[];
  /** An English question word that counts only as the question's first word (`when`, `who`). */
  start?: boolean;
}

// Longest-first lookup tables, built once from the glossary.
const cjkEntries = new Map<string, Entry[]>();
const latinEntries: Entry[] = [];
{
  const put = (e: Entry) => {
    const first = e.key[0]!;
    if (/[a-z0-9]/.test(first)) latinEntries.push(e);
    else {
      const list = cjkEntries.get(first) ?? [];
      // Later definitions of the same key extend earlier ones instead of shadowing them.
      const same = list.find((x) => x.key === e.key);
      if (same) same.add = [...new Set([...same.add, ...e.add])];
      else list.push(e);
      cjkEntries.set(first, list);
    }
  };
  for (const s of glossary.synonyms) for (const t of s.terms) put({ key: foldText(t), kind: 'synonym', add: s.add.filter((a) => a !== t) });
  for (const p of glossary.protect) put({ key: foldText(p), kind: 'synonym', add: [] });
  for (const e of querywords.everyday) for (const t of e.terms) put({ key: foldText(t), kind: 'everyday', add: e.add });
  for (const e of querywords.register) for (const t of e.terms) put({ key: foldText(t), kind: 'register', add: e.add.filter((a) => a !== t) });
  for (const e of glossary.english) for (const en of e.en) put({ key: en.toLowerCase(), kind: 'english', add: e.zh });
  // English question scaffolding (general, englishquestions.json): read like Chinese filler.
  for (const q of englishQuestions.questions) for (const en of q.en) put({ key: en, kind: 'everyday', add: ('add' in q && q.add) || [], ...('start' in q && q.start ? { start: true } : {}) });
  for (const en of englishQuestions.filler) put({ key: en, kind: 'everyday', add: [] });
  // How an English question asks what the texts answer in their own register (Can … → 可以 / 不得).
  for (const e of englishQuestions.everyday) for (const en of e.en) put({ key: en, kind: 'everyday', add: e.zh, ...('start' in e && e.start ? { start: true } : {}) });
  for (const list of cjkEntries.values()) list.sort((a, b) => b.key.length - a.key.length);
  latinEntries.sort((a, b) => b.key.length - a.key.length);
}

const QUANTITY_UNIT = /^\s*(吨|千瓦时|度|元|万元|亿元|万|亿|个|家|场|次|户|人|亩|年|月|条|项|批|名|位|平方米|千克|公斤|%|％)/;
/** Units of time and counting a law writes after numerals (十五日, 三十个工作日, 二十四小时), besides {@link QUANTITY_UNIT}. */
const COUNT_UNIT = /^\s*(天|日|小时|周|岁|倍|分钟|工作日|个工作日)/;

/**
 * Whole numbers typed in digits as counts (15天, 200元, 30个工作日), each with the numerals a law
 * writes for it (十五, 二百, 三十; see writeNumerals). Not a year (2024年), an article (第16条), a
 * decimal, a part of a Latin word or code (4A, 12315), nor a number whose numerals are one character
 * (10 → 十: too common a character to tell clauses apart, as a lone digit is).
 */
function typedCounts(s: string): Array<{ start: number; end: number; raw: string }> {
  const out: Array<{ start: number; end: number; raw: string }> = [];
  for (const m of s.matchAll(/\d+/g)) {
    const start = m.index!;
    const end = start + m[0].length;
    if (/[\d.a-z第]/.test(s[start - 1] ?? '') || /[.\da-z]/.test(s[end] ?? '')) continue;
    const after = s.slice(end);
    if (!QUANTITY_UNIT.test(after) && !COUNT_UNIT.test(after)) continue;
    const value = Number(m[0]);
    if (m[0].length === 4 && /^\s*年/.test(after) && value >= 1900 && value <= 2100) continue;
    const written = writeNumerals(value);
    if (written && [...written].length > 1) out.push({ start, end, raw: written });
  }
  return out;
}

/**
 * Whether the numeral at `start` (ending at `end`) begins a word of the general lexicon that runs on
 * past its unit into characters that are no unit (一次性, 一条龙): a word, not a count. Read
 * as 1次 + 性, the question keeps neither 一次性 nor its first bigram. A count followed by a second
 * unit (一个月, 一家人) is still a count.
 */
function startsWordPastUnit(s: string, start: number, end: number): boolean {
  const unit = QUANTITY_UNIT.exec(s.slice(end))![0];
  if (QUANTITY_UNIT.test(s.slice(end + unit.length))) return false;
  for (let k = end + unit.length + 1; k <= start + MAX_WORD_CHARS && k <= s.length; k++) {
    if (isGeneralWord(s.slice(start, k))) return true;
  }
  return false;
}

/**
 * What may follow a sum said without its unit (投资五千万以上, 三个亿的项目, 5000万就行): a bound word, a
 * particle, punctuation or the end. Anything else may be a unit or a measure word of another kind
 * (五百万人口, 三千万辆, 五千万美元), and the figure is left as written.
 */
const AFTER_BARE_SUM = /^\s*(?:$|[^\u4e00-\u9fffA-Za-z0-9%％.]|以上|以下|以内|之内|左右|上下|出头|的|了|吗|呢|啊|吧|呀|就|才|都|也|还|是|够|能|可以|要|该|怎么)/u;

/**
 * A sum people say with 万 or 亿 and no 元 — 五千万, 五百万, 5000万, 三个亿, 3个亿 — is written as the texts
 * write sums (5000万元, 500万元, 3亿元), as if the 元 had been typed; `null` when the number at `n` is
 * no such sum. A figure ending in 万 or 亿 is a sum only with a digit of its own (千万 and 上千万 are
 * words), and only where nothing of another unit follows ({@link AFTER_BARE_SUM}).
 */
function bareSum(s: string, n: { raw: string; value: number | null; start: number; end: number }): { text: string; end: number } | null {
  if (n.value === null || !/[\d一二两三四五六七八九]/.test(n.raw)) return null;
  // 三个亿, 3个亿 (spoken; quantity.ts reads 个亿 as 亿元 too), with or without its 元.
  const spoken = /[万亿]/.test(n.raw) ? null : /^\s*个\s*亿(元?)/u.exec(s.slice(n.end));
  if (spoken) {
    const end = n.end + spoken[0].length;
    return { text: `${n.value}亿${spoken[1] !== '' || AFTER_BARE_SUM.test(s.slice(end)) ? '元' : ''}`, end };
  }
  const scale = /([万亿])\s*$/u.exec(n.raw)?.[1];
  if (!scale || !AFTER_BARE_SUM.test(s.slice(n.end))) return null;
  const unit = scale === '亿' ? 1e8 : 1e4;
  return { text: `${Number((n.value / unit).toPrecision(12))}${scale}元`, end: n.end };
}

/**
 * Chinese numerals standing for quantities → digits; `度` after a number → `千瓦时`; a sum said with 万
 * or 亿 and no 元 → the sum in 元 ({@link bareSum}). `onNumeral` hears where numerals became digits
 * (their place in the result, and the numerals as typed).
 */
export function normalizeQuantities(
  s: string,
  keepAt: (i: number) => boolean = () => false,
  onNumeral?: (digits: { start: number; end: number }, raw: string) => void,
): string {
  let out = '';
  let last = 0;
  for (const n of scanNumbers(s)) {
    if (keepAt(n.start) || s[n.start - 1] === '第') continue; // 第三条 is an article, not a quantity
    if (n.start < last) continue;
    const sum = bareSum(s, n);
    if (sum) {
      out += s.slice(last, n.start) + sum.text;
      last = sum.end;
      continue;
    }
    if (n.value === null || !/[零〇一二两三四五六七八九十百千万亿点]/.test(n.raw)) continue;
    if (!/[零〇一二两三四五六七八九十百千点]/.test(n.raw)) continue; // 5万 stays as written
    if (!QUANTITY_UNIT.test(s.slice(n.end))) continue;
    if (startsWordPastUnit(s, n.start, n.end)) continue;
    let v = n.value;
    let suffix = '';
    // Keep the 万/亿 scale the texts use (`500 万千瓦时`, `2 亿元`) rather than a long integer.
    if (v >= 1e8 && Number.isInteger(v / 1e7) && !/^\s*亿/.test(s.slice(n.end))) { v /= 1e8; suffix = '亿'; }
    else if (v >= 1e4 && Number.isInteger(v / 1e3) && !/^\s*万/.test(s.slice(n.end))) { v /= 1e4; suffix = '万'; }
    out += s.slice(last, n.start);
    const digits = String(v) + suffix;
    onNumeral?.({ start: out.length, end: out.length + digits.length }, n.raw.trim());
    out += digits;
    last = n.start + n.raw.length;
  }
  out += s.slice(last);
  // 度 is a kilowatt-hour in a question about electricity (年用电500度, 300万度) and a degree of
  // temperature elsewhere (屋里只有十五度): without 电 in the question, only a 万 or 亿 of 度 is electricity.
  const electric = s.includes('电');
  return out.replace(/(\d+(?:\.\d+)?)\s*([万亿]?)\s*度(?!量)/g, (m, n: string, scale: string) => (electric || scale ? `${n}${scale}千瓦时` : m));
}

/**
 * Characters that make `X个` a count or a pointer (这个, 每个, 两个, 上个月), not a verb split by 个.
 */
const COUNTING_BEFORE_GE = /[这那哪每某各整几一二两三四五六七八九十百千万半多单上下真好些]/;

/**
 * A verb-object word said with 个 inside it (摆个摊, 办个证, 洗个澡) read as the word (摆摊, 办证):
 * spoken Chinese splits such words, and the split form is no word a clause contains. Only where the
 * joined pair is a word of general Chinese (generalWords.ts), 个 does not start a word with the next
 * character (个人, 个体: 对个人 stays) and the character before it does not count or point (这个, 两个).
 *
 * ```ts
 * joinSeparableWords('在景点里面摆个摊行不行') // => '在景点里面摆摊行不行'
 * joinSeparableWords('对个人有什么要求')       // => unchanged
 * ```
 */
export function joinSeparableWords(text: string): string {
  if (!text.includes('个')) return text;
  return text.replace(/([\u4e00-\u9fff])个([\u4e00-\u9fff])/g, (m, verb: string, object: string, at: number) => {
    if (COUNTING_BEFORE_GE.test(verb) || isGeneralWord(`个${object}`) || !isGeneralWord(verb + object)) return m;
    // The object starting a longer word (开个小公司: 小公司, 讲个笑话) is no object of the verb.
    const after = text.slice(at + 3);
    if (after !== '' && (isGeneralWord(object + after.slice(0, 1)) || isGeneralWord(object + after.slice(0, 2)))) return m;
    return verb + object;
  });
}

/**
 * Reads a query into plain parts and glossary parts (see the module doc). Never throws; a query of
 * any length is read in one left-to-right pass with a bounded look-ahead.
 */
export function expandQuery(query: string): ExpandedQuery {
  // Quantities first (a number may run into a glossary word: 一千吨标煤), but never inside a glossary
  // word of its own (三个一批, 一站式).
  const folded = joinSeparableWords(readEnglishWords(toSimplified(foldText(query))));
  const inGlossaryWord = new Uint8Array(folded.length);
  for (let i = 0; i < folded.length; i++) {
    const e = cjkEntries.get(folded[i]!)?.find((x) => folded.startsWith(x.key, i));
    if (e) inGlossaryWord.fill(1, i, i + e.key.length);
  }
  // Where Chinese numerals became digits: the texts may write either (十五年 in a law, 15年 in a notice).
  const numerals = new Map<number, { end: number; raw: string }>();
  // A one-character numeral (一次, 两个, 三年) is too common a character to tell clauses apart, as a lone digit is.
  const normalized = normalizeQuantities(folded, (at) => inGlossaryWord[at] === 1, (d, raw) => {
    if ([...raw].length > 1) numerals.set(d.start, { end: d.end, raw });
  });
  // And digits typed where a law writes numerals (15天 for 十五日): the same either-form number.
  for (const d of typedCounts(normalized)) if (!numerals.has(d.start)) numerals.set(d.start, d);
  const parts: QueryPart[] = [];
  let plain = '';
  const pushPlain = () => {
    if (plain.trim() !== '') parts.push({ kind: 'plain', text: plain, add: [] });
    plain = '';
  };
  let i = 0;
  while (i < normalized.length) {
    const ch = normalized[i]!;
    let hit: Entry | undefined;
    if (/[a-z0-9]/.test(ch) && !/[a-z0-9]/.test(normalized[i - 1] ?? '')) {
      const first = opensClause(normalized, i);
      hit = latinEntries.find((e) => normalized.startsWith(e.key, i) && !/[a-z0-9]/.test(normalized[i + e.key.length] ?? '') && (!e.start || first));
    } else {
      // A two-character abbreviation counts only where it stands as a word (not 能评 in 能评上).
      hit = cjkEntries.get(ch)?.find((e) => normalized.startsWith(e.key, i) && (e.key.length > 2 || standsAlone(normalized, i, e.key.length)));
    }
    const numeral = hit ? undefined : numerals.get(i);
    if (hit) {
      pushPlain();
      parts.push({ kind: hit.kind, text: hit.key, add: hit.add });
      i += hit.key.length;
    } else if (numeral) {
      pushPlain();
      parts.push({ kind: 'number', text: normalized.slice(i, numeral.end), add: [numeral.raw] });
      i = numeral.end;
    } else {
      plain += ch;
      i++;
    }
  }
  pushPlain();
  // A number's numerals are how it was typed, not wording the glossary added.
  const additions = [...new Set(parts.flatMap((p) => (p.kind === 'number' ? [] : p.add)))];
  return { normalized, parts, additions };
}

/** Where a sentence or clause ends: a cue that opens the question may open any of them ("Hi, where …", "Thanks. Can …"). */
const CLAUSE_BREAK = /[,.;:!?，。；：！？]/;

/** True when the English phrase `en` opens the question or one of its clauses in `text` (see {@link opensClause}). */
function opensAnyClause(text: string, en: string): boolean {
  for (let at = text.indexOf(en); at >= 0; at = text.indexOf(en, at + 1)) {
    const end = at + en.length;
    if (!/[a-z0-9]/.test(text[at - 1] ?? '') && !/[a-z0-9]/.test(text[end] ?? '') && opensClause(text, at)) return true;
  }
  return false;
}

/** English question scaffolding that may come before the question word (Could you tell me when …), longest first. */
const LEADING_FILLER = [...englishQuestions.filler].sort((a, b) => b.length - a.length);

/**
 * True when position `i` of `text` opens the question or one of its sentences or clauses (see
 * {@link CLAUSE_BREAK}), after any scaffolding that only asks (Could you tell me when …).
 */
function opensClause(text: string, i: number): boolean {
  let k = i - 1;
  while (k >= 0 && !CLAUSE_BREAK.test(text[k]!)) k--;
  let before = text.slice(k + 1, i).replace(/[^a-z0-9]+/g, ' ').trim();
  const opening = () => LEADING_FILLER.find((x) => before === x || before.startsWith(`${x} `));
  for (let f = opening(); f; f = opening()) before = before.slice(f.length).trim();
  return before === '';
}

const CONTRACTIONS: ReadonlyArray<[string, string]> = Object.entries(englishQuestions.contractions).sort((a, b) => b[0].length - a[0].length);
// Whole words (won't, what's) before endings (n't, 's, s'): a whole word is read as itself, not as its ending.
const asPattern = (k: string) => k.replace(/'/g, "['’]");
const isWholeWord = (k: string) => /^[a-z]{2,}/.test(k);
const CONTRACTION = new RegExp(
  `\\b(?:${CONTRACTIONS.filter(([k]) => isWholeWord(k)).map(([k]) => asPattern(k)).join('|')})(?![a-z])|(?<=[a-z])(?:${CONTRACTIONS.filter(([k]) => !isWholeWord(k)).map(([k]) => asPattern(k)).join('|')})(?![a-z])`,
  'g',
);

/**
 * English contractions read as their words before lookup (`won't` → `will not`, `doesn't` → `does
 * not`, `investors'` → `investors`), so no fragment (`won`, `t`) is looked up in the dictionary.
 */
export function expandContractions(text: string): string {
  if (!/[a-z]['’]|cannot/.test(text)) return text;
  return text.replace(CONTRACTION, (m) => {
    const key = m.replace(/’/g, "'");
    const whole = CONTRACTIONS.find(([k]) => k === key);
    return whole ? whole[1] : m;
  });
}

/** The English words of folded text as they are looked up: contractions expanded, in American spelling. */
function readEnglishWords(folded: string): string {
  return toAmericanSpelling(expandContractions(folded));
}

/** Most words a question may put between `which` and the rest of its cue (see {@link cuePattern}). */
const WHICH_GAP = 2;

/**
 * How a cue is found in the question's words: as typed, or for a cue opening with `which` with up to
 * {@link WHICH_GAP} words naming the kind in between (`which government department supervises`,
 * `which local authority`), as 哪个政府部门 still asks 哪个…部门. With 部门对…实施监督管理 read as a
 * body in charge (answertypes.json): round 7 +1 in the top 3, nothing else moved on the tuning sets.
 */
function cuePattern(en: string): RegExp {
  const words = en.split(' ');
  if (words[0] !== 'which' || words.length < 2) return new RegExp(` ${en} `);
  return new RegExp(` which(?: [a-z0-9]+){0,${WHICH_GAP}} ${words.slice(1).join(' ')} `);
}

/** The English question cues of `englishquestions.json`, longest first, with their Chinese cue. */
const ENGLISH_CUES = englishQuestions.questions
  .flatMap((q) => q.en.map((en) => ({ en, zh: q.zh, start: 'start' in q && q.start === true, pattern: cuePattern(en) })))
  .sort((a, b) => b.en.length - a.en.length);

/**
 * The Chinese question cue an English question asks with (`How long …` → `多久`, `When …` →
 * `什么时候`), or `''`: what the lookup-question reading (answer.ts) understands.
 */
export function englishQuestionCue(query: string): string {
  if (!/[a-z]/i.test(query)) return '';
  const read = readEnglishWords(foldText(query));
  const text = ` ${read.replace(/[^a-z0-9]+/g, ' ').trim()} `;
  for (const c of ENGLISH_CUES) {
    if (c.start ? opensAnyClause(read, c.en) : c.pattern.test(text)) return c.zh;
  }
  return '';
}
