/**
 * Character-level normalization shared by corpus repair and search queries.
 *
 * Both sides of a lookup must see the same characters, so every layer that compares Chinese
 * text (corpus parsing, the search tokenizer, the rule module) runs its input through
 * {@link normalizeChars} first.
 *
 * Choices, and why:
 * - We do NOT apply NFKC to the whole string: NFKC would turn full-width Chinese punctuation
 *   （ ） ， ： ； into ASCII, which is the opposite of what Chinese text wants. NFKC is applied
 *   only to the blocks where it is exactly right: Kangxi radicals (U+2F00–U+2FDF, e.g. ⼯ → 工)
 *   and CJK compatibility ideographs (U+F900–U+FAFF).
 * - CJK Radicals Supplement (U+2E80–U+2EFF) has no NFKC mapping; PDF extractors emit these
 *   look-alikes too (⻓ → 长, ⻔ → 门 …), so a small table maps the ones that stand for a
 *   real simplified ideograph.
 * - Full-width ASCII letters and digits become half-width (２０２４ → 2024) so numbers parse
 *   and match; full-width ＋ and ％ too (the corpus mixes 承诺制＋标准地 and 承诺制+标准地).
 *   Other full-width punctuation is left alone.
 * - Ideographic space, no-break space and the other Unicode spaces become a plain space;
 *   zero-width characters and the BOM are removed; control characters other than \n and \t
 *   are removed (\r included, so CRLF becomes LF).
 *
 * @module
 */

/** CJK Radicals Supplement look-alikes → the unified ideograph they stand for. */
export const RADICAL_SUPPLEMENT_MAP: Readonly<Record<string, string>> = {
  '⺁': '厂', '⺇': '几', '⺊': '卜', '⺌': '小', '⺎': '兀', '⺏': '尢', '⺐': '尢', '⺒': '巳',
  '⺓': '幺', '⺛': '无', '⺝': '月', '⺟': '母', '⺠': '民', '⺡': '水', '⺢': '水', '⺣': '火',
  '⺤': '爪', '⺥': '爪', '⺦': '丬', '⺧': '牛', '⺨': '犬', '⺩': '王', '⺪': '疋', '⺫': '目',
  '⺬': '示', '⺭': '示', '⺮': '竹', '⺯': '糸', '⺰': '纟', '⺲': '罒', '⺳': '网', '⺴': '网',
  '⺵': '网', '⺶': '羊', '⺷': '羊', '⺹': '老', '⺺': '聿', '⺻': '聿', '⺼': '肉', '⺽': '臼',
  '⺾': '艹', '⺿': '艹', '⻀': '艹', '⻁': '虎', '⻂': '衣', '⻃': '襾', '⻄': '西', '⻅': '见',
  '⻆': '角', '⻇': '角', '⻈': '讠', '⻉': '贝', '⻊': '足', '⻋': '车', '⻌': '辶', '⻍': '辶',
  '⻎': '辶', '⻏': '阝', '⻐': '钅', '⻑': '長', '⻒': '镸', '⻓': '长', '⻔': '门', '⻕': '阜',
  '⻖': '阝', '⻗': '雨', '⻘': '青', '⻙': '韦', '⻚': '页', '⻛': '风', '⻜': '飞', '⻝': '食',
  '⻞': '食', '⻟': '食', '⻠': '饣', '⻡': '首', '⻢': '马', '⻣': '骨', '⻤': '鬼', '⻥': '鱼',
  '⻦': '鸟', '⻧': '卤', '⻨': '麦', '⻩': '黄', '⻪': '黾', '⻫': '斉', '⻬': '齐', '⻭': '歯',
  '⻮': '齿', '⻯': '竜', '⻰': '龙', '⻱': '龜', '⻲': '亀', '⻳': '龟',
};

const KANGXI_OR_COMPAT = /[\u2F00-\u2FDF\uF900-\uFAFF]/g;
const RADICAL_SUPPLEMENT = /[\u2E80-\u2EFF]/g;
const FULLWIDTH_ALNUM = /[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A\uFF0B\uFF05]/g;
const SPACES = /[\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]/g;
const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF]/g;
// C0 and C1 controls and DEL, except \t (09) and \n (0A).
const CONTROLS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;

/**
 * The characters {@link normalizeChars} changes, as the inside of one character class (from the same
 * classes it uses), so a caller can tell in one scan that a text needs no normalizing.
 */
export const CHARS_NORMALIZED_CLASS = [CONTROLS, ZERO_WIDTH, KANGXI_OR_COMPAT, RADICAL_SUPPLEMENT, FULLWIDTH_ALNUM, SPACES]
  .map((re) => re.source.slice(1, -1))
  .join('');

/**
 * Normalizes characters without touching words: radical look-alikes → ideographs, full-width
 * letters/digits → half-width, exotic spaces → space, control characters removed.
 *
 * ```ts
 * normalizeChars('⼯作⽅案 ２０２４年') // => '工作方案 2024年'
 * ```
 */
export function normalizeChars(s: string): string {
  return s
    .replace(CONTROLS, '')
    .replace(ZERO_WIDTH, '')
    .replace(KANGXI_OR_COMPAT, (c) => c.normalize('NFKC'))
    .replace(RADICAL_SUPPLEMENT, (c) => RADICAL_SUPPLEMENT_MAP[c] ?? c)
    .replace(FULLWIDTH_ALNUM, toHalfWidth)
    .replace(SPACES, ' ');
}

const toHalfWidth = (c: string) => String.fromCharCode(c.charCodeAt(0) - 0xfee0);

/**
 * Only the full-width step of {@link normalizeChars}: full-width letters, digits, ＋ and ％ become
 * half-width and nothing else changes. For readers of numbers that must not lose other characters.
 *
 * ```ts
 * foldFullWidth('２０２４年第１季度') // => '2024年第1季度'
 * ```
 */
export function foldFullWidth(s: string): string {
  return s.replace(FULLWIDTH_ALNUM, toHalfWidth);
}

/** A CJK unified ideograph (basic block + extension A). */
export const CJK_CHAR = '[\\u3400-\\u4DBF\\u4E00-\\u9FFF]';
/** Full-width / CJK punctuation that can sit next to Chinese text. */
export const CJK_PUNCT = '[\\u3000-\\u303F\\uFF01-\\uFF0F\\uFF1A-\\uFF20\\uFF3B-\\uFF40\\uFF5B-\\uFF65\\u2018-\\u201F\\u2026\\u2014\\u00B7]';

const CJK_OR_PUNCT = `(?:${CJK_CHAR}|${CJK_PUNCT})`;

/** True when the string contains at least one CJK ideograph. */
export function hasCjk(s: string): boolean {
  return CJK_TEST.test(s);
}
const CJK_TEST = new RegExp(CJK_CHAR);

/**
 * Canonicalises half-width punctuation that sits in Chinese text to its full-width form, so a
 * document typeset with `,` `:` `;` `( )` reads like the others (`，` `：` `；` `（ ）`).
 *
 * Only punctuation touching a CJK character (or CJK punctuation) on either side is changed,
 * so `1:1`, `7×24`, `(a, b)` and English text are left alone. A `(…)` pair is converted when
 * its content or the character before it is Chinese (`县(市、区)`, `(一)`). A `.` between two
 * Chinese characters is a stray full stop and becomes `。`; `.` next to digits is a decimal
 * point or list number and stays.
 *
 * ```ts
 * canonicalizeCjkPunctuation('(一)突出重点,围绕行业:') // => '（一）突出重点，围绕行业：'
 * ```
 */
export function canonicalizeCjkPunctuation(s: string): string {
  // Parenthesised runs: (一) (市、区) (园区) — content without nested parens.
  return s
    .replace(PAREN_RUN, (m, inner: string, offset: number, whole: string) => {
      const before = whole.slice(Math.max(0, offset - 1), offset);
      const after = whole.slice(offset + m.length, offset + m.length + 1);
      if (hasCjk(inner) || CJK_ONE.test(before) || CJK_ONE.test(after)) return `（${inner.trim()}）`;
      return m;
    })
    .replace(COMMA_NEAR_CJK, '，')
    .replace(SEMICOLON_NEAR_CJK, '；')
    .replace(COLON_NEAR_CJK, '：')
    .replace(STOP_BETWEEN_CJK, '。');
}

const CJK_ONE = new RegExp(CJK_CHAR);
const PAREN_RUN = /\(([^()\n]{1,40})\)/g;
const near = (p: string) => new RegExp(`(?<=${CJK_OR_PUNCT}\\s*)${p}|${p}(?=\\s*${CJK_OR_PUNCT})`, 'g');
const COMMA_NEAR_CJK = near(',');
const SEMICOLON_NEAR_CJK = near(';');
// A colon between digits (1:1, 10:30) is a ratio or a time, never Chinese punctuation.
const COLON_NEAR_CJK = new RegExp(`(?<!\\d):(?=\\s*${CJK_OR_PUNCT})|(?<=${CJK_OR_PUNCT}\\s*):(?!\\d)`, 'g');
const STOP_BETWEEN_CJK = new RegExp(`(?<=${CJK_CHAR})\\.(?=${CJK_CHAR})`, 'g');
