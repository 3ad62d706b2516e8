/**
 * Terms in a large share of a big corpus (项目 in most clauses) are not used to retrieve candidates,
 * only checked on them (rank.ts, COMMON_TERM_SHARE). The check reads the postings: a candidate holds
 * the common term exactly when one of its indexed fields does, from an index built in memory or
 * loaded from disk alike.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Clause } from '../../src/corpus/index.ts';
import { COMMON_TERM_MIN_DF, createClauseSearch } from '../../src/search/index.ts';

const root = mkdtempSync(join(tmpdir(), 'pd-common-terms-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const clause = (i: number, text: string, title = '晋城市合成测试方案'): Clause => ({
  docId: `doc-${Math.floor(i / 50)}`,
  docNo: `晋合成〔2026〕${Math.floor(i / 50) + 1}号`,
  title,
  path: `第${i + 1}条`,
  heading: '',
  text,
  units: [],
});

// 项目 is in 1,400 of 1,500 clauses: far above COMMON_TERM_MIN_DF, so it is checked, not retrieved.
function corpus(titleOf103: string): Clause[] {
  const out = Array.from({ length: 1500 }, (_, i) => clause(i, i % 15 === 14 ? `推进园区道路绿化工作第${i}段。` : `推进重点项目建设第${i}批。`));
  out[100] = clause(100, '新建项目应当进行节能审查，审查意见作为开工依据。');
  out[101] = clause(101, '节能审查由发展改革部门负责。');
  out[102] = clause(102, '节能审查意见有效期为两年，逾期未开工的应当重新报送审查材料并说明理由。', titleOf103);
  return out;
}
const clauses = corpus('晋城市项目管理办法'); // 第103条 holds 项目 in its document title only
const QUERY = '项目节能审查';

describe('a common term checked on the candidates', () => {
  it('is common enough in this corpus to be checked rather than retrieved', () => {
    expect(clauses.filter((c) => c.text.includes('项目')).length).toBeGreaterThan(COMMON_TERM_MIN_DF);
  });

  const inMemory = createClauseSearch(clauses).search(QUERY, { limit: 5 });

  it('credits a clause holding it in its text: highlighted, and first among clauses alike otherwise', () => {
    expect(inMemory.status).toBe('ok');
    expect(inMemory.hits[0]!.path).toBe('第101条');
    expect(inMemory.hits[0]!.snippet).toContain('【项目】');
  });

  it('credits a clause holding it in another indexed field (the title) too', () => {
    const without = createClauseSearch(corpus('晋城市管理办法')).search(QUERY, { limit: 5 });
    const scoreOf103 = (o: typeof inMemory) => o.hits.find((h) => h.path === '第103条')!.score;
    expect(scoreOf103(inMemory)).toBeGreaterThan(scoreOf103(without));
  });

  it('gives the same hits from an index loaded from disk', () => {
    const cacheDir = join(root, 'index');
    createClauseSearch(clauses, { cacheDir }); // the first build writes the shards
    const loaded = createClauseSearch(clauses, { cacheDir });
    expect(loaded.loadedFromCache).toBe(true);
    expect(loaded.search(QUERY, { limit: 5 })).toEqual(inMemory);
  });
});
