/**
 * From repaired logical lines to citable clauses.
 *
 * A clause is a leaf of the section tree: a heading with text and no children, or the intro
 * text a heading has before its first child. Text before the first heading is the `序言`
 * (preamble). Annexes (`附件`) and labelled parts of a briefing (`【下一步工作计划】`, a part
 * title such as `晋中市开发区`) prefix the paths of the clauses inside them.
 *
 * Citation paths (`path`):
 * - plan style: top level keeps its `、`, lower levels are concatenated: `二、（五）9`, `三、（四）`,
 *   `二、（五）9（1）`; `（一）` always with full-width parentheses, arabic numbers without the dot;
 * - regulation style: article numbers are unique within a regulation, so the path is the
 *   article alone (`第五条`, `第五条（一）`); the chapter appears in `heading`, and a chapter's own
 *   intro text (rare) is cited as `第二章`. An article with lists in two of its paragraphs (款) cites
 *   each list's items by their paragraph, as the law does (`第二十一条第二款（一）`, `第二十一条第三款（一）`);
 *   items of an article's one list keep the shorter `第五条（一）`;
 * - annex: `附件 二、`, or `附件` for an unnumbered annex (a member list); numbered annexes
 *   `附件1 二、`;
 * - parts of a document without a 文号 header: `太原市开发区 一、`, `【下一步工作计划】（一）`.
 *
 * In a regulation, a paragraph after the last item of an article belongs to the article (its
 * closing paragraph), and the article's clause text is its opening and closing paragraphs. In plan
 * numbering the same holds for a paragraph that closes a list (`（一）` … its items 1–4, then a
 * paragraph governing them all) when it speaks of the items as a group or the list is laid out one
 * paragraph per item; otherwise a paragraph after an item is the item's own (see `closeItems`).
 * Table rows keep their cells apart (` | `).
 *
 * A path that would still repeat (a list restarting its numbering where no paragraph tells them
 * apart) says which occurrence it is: `二、（一）1（第二处）`.
 *
 * Responsibility notes (`〔责任单位：…〕`, `（责任单位：…）`, a `责任单位：…` line) are parsed into
 * `units`; a note at the very end of a clause is left out of its `text`, so quotes read cleanly.
 */
import type { Clause } from './schema.ts';
import type { LogicalLine } from './repair.ts';
import { intToChineseNumeral, type HeadingStyle } from './numbering.ts';

const RANK: Readonly<Record<HeadingStyle, number>> = {
  chapter: 0,
  article: 1,
  cn: 2,
  pcn: 3,
  arabic: 4,
  parabic: 5,
};

interface Node {
  style: HeadingStyle;
  label: string;
  display: string;
  clause: ClauseDraft | null;
  /** Headings right under this one so far (the items of its list). */
  items: number;
  /** One of those items went on to a second paragraph (a responsibility note aside). */
  itemWentOn: boolean;
  /** An article: its paragraphs (款) so far. A heading under an article: the paragraph its list is in. */
  paragraph: number;
}

interface ClauseDraft {
  path: string;
  heading: string;
  lines: string[];
  units: string[];
  /** For an item of an article: the article, the paragraph its list is in, and where in `path` the article's number ends. */
  inArticle?: { article: Node; paragraph: number; at: number };
}

export interface DocInfo {
  docId: string;
  docNo: string | null;
  title: string;
}

/**
 * Splits a 责任单位 list on `，`/`、`, but not inside parentheses (`各县（市、区）人民政府` is one unit).
 */
export function splitUnits(list: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of list) {
    if (ch === '（' || ch === '(') depth++;
    if ((ch === '）' || ch === ')') && depth > 0) depth--;
    if (depth === 0 && (ch === '，' || ch === '、' || ch === ',' || ch === '；' || ch === ';')) {
      if (cur.trim()) out.push(cur.trim());
      cur = '';
      continue;
    }
    cur += ch;
  }
  if (cur.trim()) out.push(cur.trim());
  return out.map((u) => u.replace(/[。.]$/, '')).filter((u) => u.length > 0);
}

// A note: 〔责任单位：…〕 or （责任单位：…） where the list may itself contain （市、区）.
const NOTE = /[〔（(]责任单位[：:]((?:[^〔〕（）()]|[（(][^（）()]*[）)])*)[〕）)]/g;

const NOTE_BODY = '[〔（(]责任单位[：:](?:[^〔〕（）()]|[（(][^（）()]*[）)])*[〕）)]';
/** A paragraph that ends with a responsibility note, or is one. */
const NOTE_AT_END = new RegExp(`${NOTE_BODY}[。；]?$`);
const NOTE_ONLY = new RegExp(`^${NOTE_BODY}[。；]?$`);
/** A paragraph that speaks of the items before it as a group. */
const GROUP_REFERENCE = /^(?:以上|上述|前述|前列|前款|前[一二三四五六七八九十\d]+[项款])/;
/** A paragraph that goes on from the sentence before it. */
const GOES_ON = /^其中/;

/** Extracts the units of every responsibility note in a text, in document order. */
export function extractUnitNotes(text: string): string[] {
  const units: string[] = [];
  for (const m of text.matchAll(NOTE)) units.push(...splitUnits(m[1]!));
  return units;
}

function pathOf(part: string | null, stack: Node[]): string {
  const regulation = stack.some((n) => n.style === 'article');
  const nodes = regulation ? stack.filter((n) => n.style !== 'chapter') : stack;
  const numbering = nodes.map((n) => n.label).join('');
  if (!part) return numbering;
  return numbering ? `${part} ${numbering}` : part;
}

function displayOf(line: LogicalLine): string {
  const h = line.heading!;
  if (h.style === 'article') return h.label;
  // A chapter printed without its number (法律责任) has no label.
  if (h.style === 'chapter') return h.rest ? (h.label ? `${h.label} ${h.rest}` : h.rest) : h.label;
  const rest = h.rest;
  const runIn = rest.match(/^([^。！？]{1,40}?)[。！？]/);
  const title = runIn ? runIn[1]! : rest;
  const sep = h.style === 'arabic' ? '.' : '';
  return `${h.label}${sep}${title}`;
}

/**
 * Builds the clauses of one document from its repaired logical lines.
 *
 * ```ts
 * parseClauses(repairBody(body), { docId, docNo, title }).map((c) => c.path)
 * // => ['序言', '一、', '二、（一）1', …]
 * ```
 */
export function parseClauses(lines: LogicalLine[], doc: DocInfo): Clause[] {
  const drafts: ClauseDraft[] = [];
  const stack: Node[] = [];
  let part: string | null = null;
  let partHeadings: string[] = [];
  let annexTitlePending = false;
  let partClause: ClauseDraft | null = null;
  const usedLabels = new Set<string>();

  const headingChain = () => [...partHeadings, ...stack.map((n) => n.display)].join(' > ');

  const newDraft = (path: string): ClauseDraft => {
    const d: ClauseDraft = { path, heading: headingChain(), lines: [], units: [] };
    drafts.push(d);
    return d;
  };

  const target = (): ClauseDraft => {
    const top = stack[stack.length - 1];
    if (top) {
      if (!top.clause) {
        top.clause = newDraft(pathOf(part, stack));
        const articleAt = stack.findIndex((n) => n.style === 'article');
        if (articleAt >= 0 && articleAt < stack.length - 1) {
          const article = stack[articleAt]!;
          top.clause.inArticle = { article, paragraph: stack[articleAt + 1]!.paragraph, at: pathOf(part, stack.slice(0, articleAt + 1)).length };
        }
      }
      return top.clause;
    }
    partClause ??= newDraft(part ?? '序言');
    return partClause;
  };

  const startPart = (name: string, headings: string[]) => {
    stack.length = 0;
    part = name;
    partHeadings = headings;
    partClause = null;
  };

  /**
   * A paragraph after an item that already has its text is either the closing paragraph of the
   * item's list — it belongs to the item's parent, which the list is part of — or the item's own
   * next paragraph:
   * - Items of an article (`（一）…；` … `（五）…。`) are one paragraph each, so it is the article's
   *   closing paragraph (`有前款第…项行为的，…`): cited as `第七条`, not `第七条（五）`.
   * - In plan numbering (`一、` `（一）` `1.`) an item often runs over several paragraphs, so it
   *   closes the list only after the list's last item (the next heading is above the item's level,
   *   or none follows), and only when it speaks of the items as a group (`以上…`, `上述…`, `前款…`)
   *   or the list is laid out as an article's is — two or more items, each one paragraph so far —
   *   and it neither goes on from the item (`其中…`) nor carries a responsibility note (the item's).
   *   A paragraph closing `（一）`'s items 1–4 is cited as `二、（一）`, not `二、（一）4`.
   */
  const closeItems = (line: LogicalLine, at: number) => {
    if (line.kind !== 'text') return;
    const top = stack[stack.length - 1];
    if (!top || !top.clause || top.clause.lines.length === 0) return;
    const articleAt = stack.findIndex((n) => n.style === 'article');
    if (articleAt >= 0) {
      if (top.style !== 'article') stack.length = articleAt + 1;
      return;
    }
    const parent = stack[stack.length - 2];
    if (!parent) return;
    if (closesList(line.text, top, parent, at)) stack.pop();
    else if (!NOTE_ONLY.test(line.text)) parent.itemWentOn = true;
  };

  const closesList = (text: string, item: Node, parent: Node, at: number): boolean => {
    if (NOTE_AT_END.test(text) || !listEndsAfter(at, item)) return false;
    if (GROUP_REFERENCE.test(text)) return true;
    return parent.items >= 2 && !parent.itemWentOn && !GOES_ON.test(text);
  };

  /** Whether the paragraphs from `at` on are followed by no further item of `item`'s list (nor one below it). */
  const listEndsAfter = (at: number, item: Node): boolean => {
    let j = at + 1;
    while (j < lines.length && lines[j]!.kind !== 'heading' && lines[j]!.kind !== 'title' && lines[j]!.kind !== 'label') j++;
    const next = lines[j];
    return !next || next.kind !== 'heading' || RANK[next.heading!.style] < RANK[item.style];
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const next = lines[i + 1];
    switch (line.kind) {
      case 'heading': {
        annexTitlePending = false;
        const h = line.heading!;
        while (stack.length > 0 && RANK[stack[stack.length - 1]!.style] >= RANK[h.style]) stack.pop();
        const node: Node = { style: h.style, label: h.label, display: displayOf(line), clause: null, items: 0, itemWentOn: false, paragraph: 0 };
        if (stack.length > 0) stack[stack.length - 1]!.items++;
        // A list sits in the article's paragraph that introduces it (the first, when the article
        // line is only its number).
        const article = stack.find((n) => n.style === 'article');
        if (article) node.paragraph = Math.max(article.paragraph, 1);
        else if (h.style === 'article' && h.rest) node.paragraph = 1;
        stack.push(node);
        // Run-in headings (`9.简化审批流程。市直相关部门…`) and articles carry their text on the
        // heading line; a heading-only line (`（五）创优市场环境`) does not.
        if (h.rest && (h.style === 'article' || /[。！？；]/.test(h.rest))) target().lines.push(h.rest);
        break;
      }
      case 'title': {
        if (/^附件\s*\d*$/.test(line.text)) {
          startPart(line.text.replace(/\s+/g, ''), [line.text]);
          annexTitlePending = true;
        } else if (annexTitlePending) {
          partHeadings = [...partHeadings, line.text];
        } else if (part === null && doc.title.endsWith(line.text)) {
          // The document's own title again after its cover letter (印发…的通知): the measures
          // themselves start here, cited as 第一条, not as a part named after the title.
          stack.length = 0;
        } else {
          startPart(line.text, [line.text]);
        }
        break;
      }
      case 'label': {
        annexTitlePending = false;
        // A stray label: nothing follows it before the next label/title, or it repeats a label
        // that already named a part (two-column layouts scatter their section headings).
        if (!next || next.kind === 'label' || next.kind === 'title' || usedLabels.has(line.text) && next.kind !== 'text') break;
        const prev = lines[i - 1];
        const name = prev && prev.kind === 'title' && part === prev.text ? `${prev.text} ${line.text}` : line.text;
        const headings = prev && prev.kind === 'title' && part === prev.text ? [...partHeadings, line.text] : [line.text];
        usedLabels.add(line.text);
        startPart(name, headings);
        break;
      }
      case 'units': {
        const units = splitUnits(line.text.replace(/^责任单位[：:]/, ''));
        const t = target();
        for (const u of units) if (!t.units.includes(u)) t.units.push(u);
        break;
      }
      case 'text':
      case 'roster':
      case 'row':
        annexTitlePending = false;
        closeItems(line, i);
        if (line.kind === 'text' && stack[stack.length - 1]?.style === 'article') stack[stack.length - 1]!.paragraph++;
        target().lines.push(line.text);
        break;
    }
  }

  const kept: Array<{ d: ClauseDraft; text: string; units: string[] }> = [];
  for (const d of drafts) {
    let text = d.lines.join('\n').trim();
    const units = [...d.units];
    for (const u of extractUnitNotes(text)) if (!units.includes(u)) units.push(u);
    // Leave a trailing note out of the text; the units carry it.
    text = text.replace(/\s*[〔（(]责任单位[：:](?:[^〔〕（）()]|[（(][^（）()]*[）)])*[〕）)]$/, '').trim();
    if (text) kept.push({ d, text, units });
  }
  // The paragraphs of each article that hold items: two or more, and each item is cited by its paragraph.
  const listParagraphs = new Map<Node, Set<number>>();
  for (const { d } of kept) {
    if (!d.inArticle) continue;
    const set = listParagraphs.get(d.inArticle.article) ?? listParagraphs.set(d.inArticle.article, new Set()).get(d.inArticle.article)!;
    set.add(d.inArticle.paragraph);
  }
  const seen = new Map<string, number>();
  const clauses: Clause[] = [];
  for (const { d, text, units } of kept) {
    let path = d.path;
    const a = d.inArticle;
    if (a && listParagraphs.get(a.article)!.size > 1) path = `${path.slice(0, a.at)}第${intToChineseNumeral(a.paragraph)}款${path.slice(a.at)}`;
    const n = (seen.get(path) ?? 0) + 1;
    seen.set(path, n);
    if (n > 1) path = `${path}（第${intToChineseNumeral(n)}处）`;
    clauses.push({ docId: doc.docId, docNo: doc.docNo, title: doc.title, path, heading: d.heading, text, units });
  }
  return clauses;
}
