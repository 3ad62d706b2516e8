/**
 * Renders clause-search outcomes as Replies. Citation first (文号 + 条款路径), then the verbatim
 * clause with the matched terms highlighted, then the responsible units — the same order on
 * every surface.
 */
import { MAX_QUERY_CHARS, OTHER_DOCUMENT_ANSWER_SCORE, type Hit, type SearchOutcome } from '../../../search/index.ts';
import { tr } from '../../core/i18n.ts';
import { reply, type Block, type Locale, type Reply } from '../../core/reply.ts';

/** JSON shape of a hit for `--json` (design.md contract; extra keys welcome). */
export function hitJson(h: Hit) {
  return {
    docNo: h.docNo,
    title: h.title,
    path: h.path,
    text: h.text,
    score: Number(h.score.toFixed(3)),
    units: h.units,
    snippet: h.snippet,
    docId: h.docId,
    ...(h.answer ? { answer: h.answer } : {}),
    ...(h.leadIn ? { leadIn: h.leadIn } : {}),
  };
}

export function citationBlock(h: Hit): Block {
  return { type: 'citation', docNo: h.docNo, title: h.title, path: h.path, quote: h.text, snippet: h.snippet, units: h.units };
}

/**
 * The sentence introducing the list a hit is an item of, where the hit's answer was taken from it:
 * quoted verbatim with its own path (第三十条 above 第三十条（一）), so the answer line's source is shown.
 */
export function leadInBlock(h: Hit): Block | null {
  if (!h.leadIn) return null;
  return { type: 'citation', docNo: h.docNo, title: h.title, path: h.leadIn.path, quote: h.leadIn.text };
}

/** The query as the header shows it: only the part that was searched, cut with … (a pasted page is not echoed). */
export function shownQuery(query: string): string {
  // Cut as the search cuts it (the first MAX_QUERY_CHARS code points), then tidied for one line.
  const chars = [...query];
  const searched = chars.slice(0, MAX_QUERY_CHARS).join('').trim().replace(/\s+/g, ' ');
  return chars.length > MAX_QUERY_CHARS ? `${searched}…` : searched;
}

/**
 * Relative score (of the first hit's) at which another document's answer is shown beside the first:
 * a near tie, not a runner-up. The search gives another document's hit a span only from this score
 * (search/rank.ts, where it is measured).
 */
export const CLOSE_ANSWER_SCORE = OTHER_DOCUMENT_ANSWER_SCORE;

export function searchReply(query: string, outcome: SearchOutcome, locale: Locale): Reply {
  const data = {
    query,
    hits: outcome.hits.map(hitJson),
    status: outcome.status,
    ...(outcome.message ? { message: outcome.message } : {}),
    // What 可以试试 offers, as README promises for --json.
    ...(outcome.hits.length === 0 && outcome.suggestions && outcome.suggestions.length > 0 ? { suggestions: outcome.suggestions } : {}),
  };
  if (outcome.status === 'invalid_query') {
    return reply.error(locale, { zh: outcome.message?.zh ?? '查询无效。', en: outcome.message?.en ?? 'Invalid query.' }, data);
  }
  if (outcome.hits.length === 0) {
    const blocks: Block[] = [
      { type: 'text', text: tr(locale, outcome.message?.zh ?? `没有找到与「${shownQuery(query)}」相关的条文。`, outcome.message?.en ?? `No clause matches "${shownQuery(query)}".`), style: 'warning' },
    ];
    if (outcome.suggestions && outcome.suggestions.length > 0) {
      // Paths hold 、 themselves (一、, 二、（一）1): joined with 、 they would read 一、、二、（一）1.
      blocks.push({ type: 'text', text: tr(locale, `可以试试：${outcome.suggestions.join('；')}`, `Try: ${outcome.suggestions.join('; ')}`), style: 'muted' });
    }
    return { blocks, ephemeral: true, data };
  }
  const shown = shownQuery(query);
  const blocks: Block[] = [
    { type: 'text', text: tr(locale, `条文检索：${shown}（${outcome.hits.length} 条）`, `Clause search: ${shown} (${outcome.hits.length})`), style: 'title' },
  ];
  if (outcome.message) blocks.push({ type: 'text', text: tr(locale, outcome.message.zh, outcome.message.en), style: 'muted' });
  // A lookup question (谁 / 多久 / 多少 …): the answering span first, the verbatim clause beneath it.
  // When another document answers differently and matches nearly as well (谁是组长: 4号's and 36号's
  // leading groups), each answer names its document: one alone would be a confident half-answer.
  const [first, ...rest] = outcome.hits;
  if (first?.answer) {
    const others = rest.slice(0, 2).filter((h) => h.answer && h.docId !== first.docId && h.answer !== first.answer && h.score >= CLOSE_ANSWER_SCORE);
    if (others.length === 0) blocks.push({ type: 'text', text: tr(locale, `答：${first.answer}`, `Answer: ${first.answer}`) });
    else {
      const line = (h: Hit) => `${h.answer}（${h.docNo ?? h.title}）`;
      const lineEn = (h: Hit) => `${h.answer} (${h.docNo ?? h.title})`;
      blocks.push({ type: 'text', text: tr(locale, `答：${[first, ...others].map(line).join('；')}`, `Answer: ${[first, ...others].map(lineEn).join('; ')}`) });
      blocks.push({ type: 'text', text: tr(locale, '不同文件的说法不同，请按所问的文件取用。', 'The documents say different things; take the one you are asking about.'), style: 'muted' });
    }
  }
  // A lead-in the answer was taken from stands above its item, once: the next item of the same list needs
  // no copy, and nor does the list sentence when the search also lists it as a hit (right after the item).
  const quoted = new Set<string>();
  for (const h of outcome.hits) {
    const lead = leadInBlock(h);
    const key = h.leadIn ? `${h.docId}\u0000${h.leadIn.path}` : '';
    if (lead && !quoted.has(key)) {
      quoted.add(key);
      blocks.push(lead);
    }
    const own = `${h.docId}\u0000${h.path}`;
    if (quoted.has(own)) continue;
    quoted.add(own);
    blocks.push(citationBlock(h));
  }
  return { blocks, ephemeral: true, data };
}
