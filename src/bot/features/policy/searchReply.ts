/**
 * Renders clause-search outcomes as Replies. Citation first (文号 + 条款路径), then the verbatim
 * clause with the matched terms highlighted, then the responsible units — the same order on
 * every surface.
 */
import { MAX_QUERY_CHARS, type Hit, type SearchOutcome } from '../../../search/index.ts';
import { tr } from '../../core/i18n.ts';
import type { Block, Locale, Reply } from '../../core/reply.ts';

/** JSON shape of a hit for `--json` (design.md contract; extra keys welcome). */
export function hitJson(h: Hit) {
  return { docNo: h.docNo, title: h.title, path: h.path, text: h.text, score: Number(h.score.toFixed(3)), units: h.units, snippet: h.snippet, docId: h.docId, ...(h.answer ? { answer: h.answer } : {}) };
}

export function citationBlock(h: Hit): Block {
  return { type: 'citation', docNo: h.docNo, title: h.title, path: h.path, quote: h.text, snippet: h.snippet, units: h.units };
}

/** The query as the header shows it: only the part that was searched, cut with … (a pasted page is not echoed). */
export function shownQuery(query: string): string {
  // Cut as the search cuts it (the first MAX_QUERY_CHARS code points), then tidied for one line.
  const chars = [...query];
  const searched = chars.slice(0, MAX_QUERY_CHARS).join('').trim().replace(/\s+/g, ' ');
  return chars.length > MAX_QUERY_CHARS ? `${searched}…` : searched;
}

export function searchReply(query: string, outcome: SearchOutcome, locale: Locale): Reply {
  const data = { query, hits: outcome.hits.map(hitJson), status: outcome.status, ...(outcome.message ? { message: outcome.message } : {}) };
  if (outcome.status === 'invalid_query') {
    return { blocks: [{ type: 'text', text: tr(locale, outcome.message?.zh ?? '查询无效。', outcome.message?.en ?? 'Invalid query.'), style: 'error' }], ephemeral: true, isError: true, data };
  }
  if (outcome.hits.length === 0) {
    const blocks: Block[] = [
      { type: 'text', text: tr(locale, outcome.message?.zh ?? `没有找到与「${shownQuery(query)}」相关的条文。`, outcome.message?.en ?? `No clause matches "${shownQuery(query)}".`), style: 'warning' },
    ];
    if (outcome.suggestions && outcome.suggestions.length > 0) {
      blocks.push({ type: 'text', text: tr(locale, `可以试试：${outcome.suggestions.join('、')}`, `Try: ${outcome.suggestions.join(', ')}`), style: 'muted' });
    }
    return { blocks, ephemeral: true, data };
  }
  const shown = shownQuery(query);
  const blocks: Block[] = [
    { type: 'text', text: tr(locale, `条文检索：${shown}（${outcome.hits.length} 条）`, `Clause search: ${shown} (${outcome.hits.length})`), style: 'title' },
  ];
  if (outcome.message) blocks.push({ type: 'text', text: tr(locale, outcome.message.zh, outcome.message.en), style: 'muted' });
  // A lookup question (谁 / 多久 / 多少 …): the answering span first, the verbatim clause beneath it.
  const answer = outcome.hits[0]?.answer;
  if (answer) blocks.push({ type: 'text', text: tr(locale, `答：${answer}`, `Answer: ${answer}`) });
  for (const h of outcome.hits) blocks.push(citationBlock(h));
  return { blocks, ephemeral: true, data };
}
