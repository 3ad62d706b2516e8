/**
 * Abbreviation expansion respects word boundaries: 能评 in 能评上区级专业镇 (can be rated) is not
 * 能评 (energy review). Cases are data in abbreviations.yaml.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { expandQuery } from '../../src/search/expand.ts';
import { routeQuestion } from '../../src/rules/index.ts';
import { standsAlone } from '../../src/text/terms.ts';

interface Case { term: string; adds: string; standalone: string[]; embedded: string[] }
const CASES: Case[] = parse(readFileSync(new URL('./abbreviations.yaml', import.meta.url), 'utf8'));

describe('abbreviations are read only where they stand as words', () => {
  for (const c of CASES) {
    for (const s of c.standalone) {
      it(`「${s}」: ${c.term} is meant, so ${c.adds} is searched too`, () => {
        expect(expandQuery(s).additions).toContain(c.adds);
      });
    }
    for (const s of c.embedded) {
      it(`「${s}」: ${c.term} is inside ordinary words, so nothing is added for it`, () => {
        const at = s.indexOf(c.term);
        expect(at).toBeGreaterThanOrEqual(0);
        expect(standsAlone(s, at, c.term.length)).toBe(false);
        expect(expandQuery(s).additions).not.toContain(c.adds);
      });
    }
  }

  it('a specialty-town question that contains 能评上 goes to the specialty-town rule, not energy review', () => {
    expect(routeQuestion('轻工类专业镇年产值0.4亿元，主导产品是地理标志产品，能评上区级专业镇吗')).toBe('specialty-town');
    expect(routeQuestion('这个项目要做能评吗')).toBe('energy-review');
    expect(routeQuestion('生态循环评价体系怎么建')).toBeNull();
    expect(routeQuestion('项目需要环评吗')).toBe('eia');
  });
});
