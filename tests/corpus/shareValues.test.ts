/**
 * Repeated values of a loaded corpus are held once (src/corpus/shareValues.ts): what a clause says
 * is unchanged, and clauses with the same responsible units share one frozen list. (Whether two
 * equal strings are one copy cannot be observed from JavaScript; `npm run bench` measures it.)
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_CORPUS_DIR, loadCorpus, shareRepeatedValues, type Clause } from '../../src/corpus/index.ts';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const clause = (path: string, units: string[]): Clause => ({
  docId: 'd',
  docNo: '晋市政办〔2024〕32号',
  title: '方案',
  path,
  heading: '一、总体要求',
  text: `${path}的条文。`,
  units,
});

describe('sharing repeated values of loaded clauses', () => {
  it('leaves every value as it was', () => {
    const clauses = [clause('一、', ['市商务局', '市发改委']), clause('二、', []), clause('三、', ['市商务局', '市发改委'])];
    const before = structuredClone(clauses);
    expect(shareRepeatedValues(clauses)).toEqual(before);
  });

  it('gives clauses with the same units one list, and clauses without units one empty list', () => {
    const [a, b, c, d] = shareRepeatedValues([
      clause('一、', ['市商务局', '市发改委']),
      clause('二、', []),
      clause('三、', ['市商务局', '市发改委']),
      clause('四、', []),
    ]);
    expect(c!.units).toBe(a!.units);
    expect(d!.units).toBe(b!.units);
    // Order is part of a unit list (the document's order of 牵头 and 配合 units).
    const [e, f] = shareRepeatedValues([clause('一、', ['甲', '乙']), clause('二、', ['乙', '甲'])]);
    expect(f!.units).not.toBe(e!.units);
  });

  it('freezes the shared lists, so no clause can change another clause’s units', () => {
    const [a] = shareRepeatedValues([clause('一、', ['市商务局']), clause('二、', ['市商务局'])]);
    expect(() => a!.units.push('市财政局')).toThrow(TypeError);
  });

  it('is applied by the loader, to clauses read back from the parse cache as to parsed ones', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pd-share-corpus-'));
    const cacheDir = mkdtempSync(join(tmpdir(), 'pd-share-cache-'));
    dirs.push(dir, cacheDir);
    copyFileSync(join(DEFAULT_CORPUS_DIR, 'jincheng-2024-32-consumer-goods-investment.txt'), join(dir, 'a.txt'));
    loadCorpus({ dir, cacheDir, fresh: true });
    const { clauses } = loadCorpus({ dir, cacheDir, fresh: true });
    const withUnits = clauses.filter((c) => c.units.length > 0);
    const byKey = new Map<string, string[]>();
    let shared = 0;
    for (const c of withUnits) {
      const key = c.units.join('\n');
      const first = byKey.get(key);
      if (first) {
        expect(c.units).toBe(first);
        shared++;
      } else byKey.set(key, c.units);
    }
    expect(shared).toBeGreaterThan(0);
    expect(Object.isFrozen(withUnits[0]!.units)).toBe(true);
  });
});
