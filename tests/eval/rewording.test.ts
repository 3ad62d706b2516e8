/**
 * A question asked with words that only ask, greet or are typed differently finds its right clause at
 * the same place as the question itself. Every question of the corpus and development sets is
 * reworded each way below; the right clause's rank (or the refusal) must not move. These are the
 * rewordings that moved answers before (a greeting read as a subject no clause has, 請問 in a 文号
 * lookup, a question word after "Could you tell me", spaces between Chinese words and inside a path).
 */
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/index.ts';
import { createClauseSearch } from '../../src/search/index.ts';
import { DEV_DOCS_DIR, DEV_QUESTIONS_FILE, isCorrect, loadQuestions, type Question } from './harness.ts';
import * as OpenCC from 'opencc-js';

const toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' });
const wordSegmenter = new Intl.Segmenter('zh', { granularity: 'word' });
const isEnglish = (q: string) => /^[a-z]/i.test(q);
const lowerFirst = (q: string) => q[0]!.toLowerCase() + q.slice(1);

/** How a person may wrap or type the same question. */
const REWORDINGS: ReadonlyArray<[string, (q: string) => string]> = [
  ['without or with a question mark', (q) => (/[？?]$/.test(q) ? q.slice(0, -1) : isEnglish(q) ? `${q}?` : `${q}？`)],
  ['after a greeting and with thanks', (q) => (isEnglish(q) ? `Hi, ${q} Thanks!` : `你好，请教一下，${q}，谢谢`)],
  ['after 您好 / Hello', (q) => (isEnglish(q) ? `Hello, ${q}` : `您好，${q}`)],
  ['after words that only ask', (q) => (isEnglish(q) ? `Could you tell me ${lowerFirst(q)}` : `我想了解一下${q}`)],
  ['after 请问一下 / I would like to know', (q) => (isEnglish(q) ? `I would like to know: ${q}` : `请问一下，${q}`)],
  ['in traditional characters', (q) => toTraditional(q)],
  ['with full-width digits', (q) => q.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0))],
  ['with spaces between its words (二 、（ 五 ） 9 too)', (q) => (isEnglish(q) ? q : [...wordSegmenter.segment(q)].map((s) => s.segment).join(' '))],
  ['with a contraction spelled out', (q) => q.replace(/\bwhat's\b/gi, 'what is').replace(/\bdon't\b/gi, 'do not').replace(/\bcan't\b/gi, 'cannot')],
];

function checkSet(name: string, dir: string | undefined, file: string | undefined): void {
  const search = createClauseSearch(loadCorpus(dir ? { dir } : {}).clauses);
  const questions = loadQuestions(file).filter((q: Question) => q.phrases?.length || q.docNo);
  const rank = (q: Question, text: string) => {
    const hits = search.search(text, { limit: 10 }).hits;
    return hits.length === 0 ? 'refused' : hits.findIndex((h) => isCorrect(q, h)) + 1;
  };
  describe(`${name}: a reworded question finds its clause where the question does`, () => {
    for (const [how, reword] of REWORDINGS) {
      it(how, () => {
        const moved = questions.flatMap((q) => {
          const text = reword(q.q);
          if (text === q.q) return [];
          const [before, after] = [rank(q, q.q), rank(q, text)];
          return before === after ? [] : [`${q.q} → ${text}: ${before} → ${after}`];
        });
        expect(moved).toEqual([]);
      });
    }
  });
}

checkSet('corpus set', undefined, undefined);
checkSet('development set', DEV_DOCS_DIR, DEV_QUESTIONS_FILE);
