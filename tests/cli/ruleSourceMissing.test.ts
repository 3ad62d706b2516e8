/**
 * A rule verdict whose cited document is not in the loaded corpus (removed from the folder) still
 * stands — the rule keeps its thresholds and citation in code — but says plainly, beside the
 * verdict, that the source text is not in the corpus; with the document present it says nothing.
 */
import { copyFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CORPUS_DIR } from '../../src/corpus/index.ts';
import { runCli, tempDir } from '../helpers/run.ts';

const QUESTION = '年综合能源消费量800吨标准煤，年电力消费量300万千瓦时，需要节能审查吗';
const CITED = 'jincheng-2024-32-consumer-goods-investment.txt';

function corpus(without?: string): string {
  const dir = tempDir();
  for (const f of readdirSync(DEFAULT_CORPUS_DIR)) if (f !== without) copyFileSync(join(DEFAULT_CORPUS_DIR, f), join(dir, f));
  return dir;
}
const env = (dir: string) => ({ POLICY_DESK_CORPUS_DIR: dir, POLICY_DESK_SEARCH_INDEX: 'off' });

describe('ask, when the document a rule cites is not in the corpus', () => {
  it('keeps the verdict and says beside it that the source is not in the corpus', () => {
    const r = runCli(['ask', QUESTION], { env: env(corpus(CITED)) });
    expect(r.status).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toContain('不再单独进行节能审查');
    expect(lines[1]).toContain('晋市政办〔2024〕32号 不在当前语料中');
    expect(r.stdout).toContain('▸ 晋市政办〔2024〕32号 二、（五）9（不在语料中）');
    expect(r.stdout).not.toContain('9（）');
  });

  it('lists the missing 文号 in --json, next to the unchanged outcome', () => {
    const out = JSON.parse(runCli(['ask', QUESTION, '--json'], { env: env(corpus(CITED)) }).stdout);
    expect(out.outcome).toBe('exempt');
    expect(out.notInCorpus).toEqual(['晋市政办〔2024〕32号']);
  });

  it('says nothing of the kind when the document is there, and shows its title', () => {
    const r = runCli(['ask', QUESTION], { env: env(corpus()) });
    expect(r.stdout).not.toContain('不在');
    expect(r.stdout).toContain('二、（五）9（晋城市进一步加大招商引资力度推动消费品工业集聚发展工作方案）');
    expect(JSON.parse(runCli(['ask', QUESTION, '--json'], { env: env(corpus()) }).stdout).notInCorpus).toBeUndefined();
  });
});
