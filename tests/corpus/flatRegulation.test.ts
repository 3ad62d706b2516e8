/**
 * A regulation with chapters whose line breaks were all deleted (a web page copied as one line):
 * its covering notice ends at the signature date even without （此件公开发布）, and each 第N章 and
 * 第N条 that is next in sequence starts a line again, so it parses into the same articles as the
 * original — not 第一条 in a 序言 and 第四条 onwards inside 第三条.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocumentText, type Clause } from '../../src/corpus/index.ts';

const ROOT = join(import.meta.dirname, '../..');
const parse = (text: string) => {
  const r = parseDocumentText(text, 'rule.txt');
  if (!r.ok) throw new Error(r.warnings.join('\n'));
  return r;
};
const articles = (clauses: Clause[]) => clauses.filter((c) => /^第.+条$/.test(c.path)).map((c) => [c.path, c.heading, c.text]);

describe('a regulation with chapters, flattened', () => {
  const original = parse(readFileSync(join(ROOT, 'tests/fixtures/ingest/chapters-rule.txt'), 'utf8'));
  const flat = parse(readFileSync(join(ROOT, 'tests/fixtures/ingest/chapters-rule.txt'), 'utf8').replace(/\n/g, ''));

  it('has the original\'s 文号, title, issuer and date', () => {
    expect(flat.document).toEqual(original.document);
  });

  it('has the original\'s eleven articles under their chapters, 第一条 first', () => {
    expect(articles(original.clauses)).toHaveLength(11);
    expect(articles(flat.clauses).map(([path, heading]) => [path, heading])).toEqual(articles(original.clauses).map(([path, heading]) => [path, heading]));
    expect(flat.clauses[0]).toMatchObject({ path: '第一条', heading: '第一章 总则 > 第一条' });
    expect(flat.clauses.find((c) => c.path === '第三条')!.text).toBe('市人力资源和社会保障局负责本办法的组织实施，市财政局负责补贴资金的保障和监督。');
  });

  it('leaves a citation of the next article in its sentence', () => {
    const r = parse('晋城市测试办法第一条　为规范管理，制定本办法。第二条　违反本办法第三条规定的，责令改正。第三条　申请人应当如实申报。');
    expect(r.clauses.map((c) => [c.path, c.text])).toEqual([
      ['第一条', '为规范管理，制定本办法。'],
      ['第二条', '违反本办法第三条规定的，责令改正。'],
      ['第三条', '申请人应当如实申报。'],
    ]);
  });
});

describe('the dev set\'s regulations with every line break deleted', () => {
  it.each(['shanghai-foreign-investment', 'migrant-worker-wage-payment', 'government-information-disclosure'])('%s keeps its articles', (name) => {
    const file = ['tests/eval/dev/docs', 'tests/eval/dev/round3/docs'].map((d) => join(ROOT, d, `${name}.txt`)).find((f) => {
      try {
        return readFileSync(f).length > 0;
      } catch {
        return false;
      }
    })!;
    const text = readFileSync(file, 'utf8');
    const paths = (r: ReturnType<typeof parse>) => r.clauses.map((c) => c.path);
    expect(paths(parse(text.replace(/\r?\n/g, '')))).toEqual(paths(parse(text)));
  });
});
