/**
 * "The same text" (src/corpus/sameText.ts): a copy of a stored document is recognised whatever
 * its line breaks, encoding or format, and however its title and record of enactment were split
 * off — a regulation with every line break deleted runs its title, its record of enactment and its
 * 第一条 together, and the closing paragraph of an article onto its last item — while two
 * documents whose articles differ are never taken for one.
 */
import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CORPUS_DIR, loadCorpus, parseDocumentText, type ParsedDocument } from '../../src/corpus/index.ts';
import { prepareDocument, storeDocument } from '../../src/corpus/ingest.ts';
import { encodeGbk } from '../helpers/gbk.ts';
import { ROOT, runCli, tempDir } from '../helpers/run.ts';

const ROUND4 = join(ROOT, 'tests/eval/dev/round4/docs');
const NINGBO = 'ningbo-2021-work-safety-responsibility.txt';
const LIUHE = 'liuhe-key-industries-opinion.txt';
const ningbo = readFileSync(join(ROUND4, NINGBO), 'utf8');
const liuhe = readFileSync(join(ROUND4, LIUHE), 'utf8');

const flatten = (text: string) => text.replace(/\r?\n/g, '');
const asHtml = (text: string) =>
  `<!doctype html><html><head><meta charset="utf-8"><title>${text.split('\n')[0]}</title></head><body>\n` +
  text.split('\n').map((l) => `<p>${l.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>`).join('\n') +
  '\n</body></html>';

/** A corpus folder holding the five repo documents and the round-4 ones, as the tester had it. */
function corpus(): string {
  const dir = tempDir();
  for (const f of readdirSync(DEFAULT_CORPUS_DIR)) copyFileSync(join(DEFAULT_CORPUS_DIR, f), join(dir, f));
  for (const f of [NINGBO, LIUHE]) copyFileSync(join(ROUND4, f), join(dir, f));
  return dir;
}

async function sameTextOf(dir: string, filename: string, data: Uint8Array): Promise<string[]> {
  const r = await prepareDocument({ filename, data }, { dir });
  expect(r.ok).toBe(true);
  return r.ok ? r.preview.sameText : [];
}

const parse = (text: string, file = 'x.txt') => {
  const r = parseDocumentText(text, file);
  expect(r.ok).toBe(true);
  return r as ParsedDocument;
};

describe('a copy of a stored regulation without 文号', () => {
  const dir = corpus();

  it('with every line break deleted is the same text, and is refused', async () => {
    // The flat copy reads differently: title, record of enactment and 第一条 are one 序言, and the
    // paragraph closing 第五条 runs on from its last item.
    const flat = parse(flatten(ningbo));
    expect(flat.clauses.some((c) => c.path === '第一条')).toBe(false);
    const r = await prepareDocument({ filename: 'ningbo-flat.txt', data: Buffer.from(flatten(ningbo)) }, { dir });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.preview.document.docNo).toBeNull();
    expect(r.preview.sameText).toEqual([NINGBO]);
    const stored = storeDocument(r.preview, { dir });
    expect(stored.ok).toBe(false);
    expect(!stored.ok && stored.error.zh).toContain('内容相同');
    expect(readdirSync(dir)).not.toContain('ningbo-flat.txt');
  });

  it('with its lines joined by spaces, in GB18030, or as a web page is the same text', async () => {
    expect(await sameTextOf(dir, 'ningbo-spaced.txt', Buffer.from(ningbo.replace(/\s*\n\s*/g, ' ')))).toEqual([NINGBO]);
    expect(await sameTextOf(dir, 'ningbo-gb.txt', encodeGbk(ningbo))).toEqual([NINGBO]);
    expect(await sameTextOf(dir, 'ningbo.html', Buffer.from(asHtml(ningbo)))).toEqual([NINGBO]);
    expect(await sameTextOf(dir, 'liuhe-gb.txt', encodeGbk(liuhe))).toEqual([LIUHE]);
    expect(await sameTextOf(dir, 'liuhe.html', Buffer.from(asHtml(liuhe)))).toEqual([LIUHE]);
    expect(await sameTextOf(dir, 'liuhe-flat.txt', Buffer.from(flatten(liuhe)))).toEqual([LIUHE]);
  });

  it('under another title or record of enactment is still the same text: its articles are', async () => {
    const retitled = ningbo.replace('宁波市生产经营单位安全生产主体责任规定', '生产经营单位安全生产主体责任规定（2021）').replace('2021年3月26日 浙江省第十三届人民代表大会常务委员会第二十八次会议批准\n', '');
    expect(await sameTextOf(dir, 'ningbo-retitled.txt', Buffer.from(retitled))).toEqual([NINGBO]);
    expect(await sameTextOf(dir, 'ningbo-retitled-flat.txt', Buffer.from(flatten(retitled)))).toEqual([NINGBO]);
  });

  it('is skipped by the loader beside the original, naming both files', () => {
    const d = corpus();
    writeFileSync(join(d, 'ningbo-flat.txt'), flatten(ningbo));
    const c = loadCorpus({ dir: d, fresh: true });
    expect(c.documents.map((x) => x.file)).toContain(NINGBO);
    expect(c.documents.map((x) => x.file)).not.toContain('ningbo-flat.txt');
    expect(c.warnings.join('\n')).toContain(`已跳过 ningbo-flat.txt：内容与 ${NINGBO} 相同`);
  });

  it('corpus add --dry-run --json names the stored file in sameText and would not store it', () => {
    const src = join(tempDir(), 'ningbo-flat.txt');
    writeFileSync(src, flatten(ningbo));
    const r = runCli(['corpus', 'add', src, '--dry-run', '--json'], { env: { POLICY_DESK_CORPUS_DIR: dir } });
    const out = JSON.parse(r.stdout) as { sameText: string[]; wouldStore: boolean; refusal?: { zh: string } };
    expect(out.sameText).toEqual([NINGBO]);
    expect(out.wouldStore).toBe(false);
    expect(out.refusal?.zh).toContain('内容相同');
  });
});

describe('documents whose articles differ', () => {
  const dir = corpus();

  it('are never the same text: one word of one article, one article left out, one closing paragraph dropped', async () => {
    const oneWord = ningbo.replace('每月至少组织研究一次安全生产工作', '每季度至少组织研究一次安全生产工作');
    expect(oneWord).not.toBe(ningbo);
    const lines = ningbo.split('\n');
    const at = lines.findIndex((l) => l.startsWith('第三条'));
    const noArticle = [...lines.slice(0, at), ...lines.slice(at + 1)].join('\n');
    const closing = lines.findIndex((l) => l.startsWith('生产经营单位其他从业人员'));
    expect(closing).toBeGreaterThan(0);
    const noClosing = [...lines.slice(0, closing), ...lines.slice(closing + 1)].join('\n');
    for (const [name, text] of [['one-word', oneWord], ['no-article', noArticle], ['no-closing', noClosing]] as const) {
      expect(await sameTextOf(dir, `${name}.txt`, Buffer.from(text))).toEqual([]);
      expect(await sameTextOf(dir, `${name}-flat.txt`, Buffer.from(flatten(text)))).toEqual([]);
    }
  });

  it('a document whose first article is left out is not the same text, flat or not', async () => {
    const lines = ningbo.split('\n');
    const first = lines.findIndex((l) => l.startsWith('第一条'));
    const text = [...lines.slice(0, first), ...lines.slice(first + 1)].join('\n');
    expect(await sameTextOf(dir, 'no-first.txt', Buffer.from(text))).toEqual([]);
    expect(await sameTextOf(dir, 'no-first-flat.txt', Buffer.from(flatten(text)))).toEqual([]);
  });
});

describe('every document of the corpus and the development sets', () => {
  const sets = ['corpus', 'tests/eval/dev/docs', 'tests/eval/dev/round3/docs', 'tests/eval/dev/round4/docs'];
  const files = sets.flatMap((s) => readdirSync(join(ROOT, s)).filter((f) => f.endsWith('.txt')).map((f) => join(ROOT, s, f)));

  it('has a key of its own', () => {
    const keys = files.map((f) => parse(readFileSync(f, 'utf8')).contentKey);
    expect(new Set(keys).size).toBe(files.length);
  });

  it('has the same key with its line breaks deleted or turned into spaces (but the two-column briefing, whose flat copy keeps a 供稿 line)', () => {
    const differ: string[] = [];
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      const key = parse(text).contentKey;
      if (parse(flatten(text)).contentKey !== key || parse(text.replace(/\s*\n\s*/g, ' ')).contentKey !== key) differ.push(f.slice(ROOT.length + 1));
    }
    expect(differ).toEqual(['corpus/taiyuan-jinzhong-development-zones-briefing.txt']);
  });
});
