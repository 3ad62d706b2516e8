/**
 * `npx policy-desk corpus add|check|list` through the real CLI, on a real PDF and a real Word file
 * with Chinese text (made by scripts/make-fixtures.ts), a GBK web page, and the corpus warnings
 * every command prints on stderr.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CORPUS_DIR, findClause, loadCorpus } from '../../src/corpus/index.ts';
import { htmlToPlainText } from '../../src/corpus/extract.ts';
import { encodeGbk } from '../helpers/gbk.ts';
import { cleanEnv, ROOT, tempDir, type RunResult } from '../helpers/run.ts';

/** The real entry points, spawned without blocking the test worker (each takes seconds here). */
function run(entry: 'policy-desk' | 'start', args: string[], opts: { env?: Record<string, string>; input?: string } = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin', entry === 'start' ? 'start.js' : 'policy-desk.cjs'), ...args], { cwd: ROOT, env: cleanEnv(opts.env) });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
    child.stdin.end(opts.input ?? '');
  });
}
const runCli = (args: string[], opts: { env?: Record<string, string> } = {}) => run('policy-desk', args, opts);
const runStart = (input: string, env: Record<string, string>) => run('start', [], { env, input });

const FIXTURES = join(ROOT, 'tests', 'fixtures', 'ingest');
const DOC_NO = '晋市监规〔2025〕2号';

function corpusWithSeeds(): string {
  const dir = tempDir();
  for (const f of readdirSync(DEFAULT_CORPUS_DIR)) copyFileSync(join(DEFAULT_CORPUS_DIR, f), join(dir, f));
  return dir;
}

describe.each(['pdf', 'docx'])('corpus add on a real .%s with Chinese text', (ext) => {
  const dir = corpusWithSeeds();
  const env = { POLICY_DESK_CORPUS_DIR: dir };
  let r: RunResult;
  beforeAll(async () => {
    r = await runCli(['corpus', 'add', join(FIXTURES, `reward-rule.${ext}`)], { env });
  });

  it('shows the outline: 文号, title, clause count and the first citation paths, then stores it', async () => {
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`文号：${DOC_NO}`);
    expect(r.stdout).toContain('标题：晋城市市场监管领域违法行为举报奖励办法');
    expect(r.stdout).toContain('条文数：9');
    expect(r.stdout).toContain('第一条；第二条；第三条；第三条（一）');
    expect(r.stdout).toContain('已保存 stored: reward-rule.txt');
  });

  it('stores text that parses into the articles, with the closing paragraph under its article and the table cells apart', async () => {
    const { clauses, warnings } = loadCorpus({ dir, fresh: true });
    expect(warnings).toEqual([]);
    // Lines the PDF broke mid-sentence are joined again.
    expect(findClause(clauses, DOC_NO, '第一条')!.text).toContain('维护公平竞争的市场秩序');
    expect(findClause(clauses, DOC_NO, '第三条')!.text).toContain('两人以上联名举报同一违法行为的，按同一举报奖励，奖金由举报人协商分配');
    expect(findClause(clauses, DOC_NO, '第三条（三）')!.text).toBe('举报内容经查证属实并作出行政处罚决定。');
    const annex = clauses.find((c) => c.docNo === DOC_NO && c.path.startsWith('附件'))!;
    expect(annex.text).toContain('二级 | 10万元以上不满100万元 | 按罚没款的3%奖励');
  });

  it('makes the new document searchable by the next command', async () => {
    const s = await runCli(['search', '举报人的身份信息', '--json', '--limit', '1'], { env });
    expect(s.status).toBe(0);
    expect(JSON.parse(s.stdout).hits[0]).toMatchObject({ docNo: DOC_NO, path: '第二条' });
  });

  it('refuses a second copy with the same 文号, and replaces it with --replace', async () => {
    // A dry run says ahead that the real add would be refused.
    const dry = await runCli(['corpus', 'add', join(FIXTURES, `reward-rule.${ext}`), '--dry-run', '--json'], { env });
    expect(dry.status).toBe(0);
    expect(JSON.parse(dry.stdout)).toMatchObject({ stored: false, wouldStore: false, refusal: { zh: expect.stringContaining('--replace') } });
    expect((await runCli(['corpus', 'add', join(FIXTURES, `reward-rule.${ext}`), '--dry-run'], { env })).stdout).toContain('去掉 --dry-run 时将被拒绝');
    expect(JSON.parse((await runCli(['corpus', 'add', join(FIXTURES, `reward-rule.${ext}`), '--dry-run', '--replace', '--json'], { env })).stdout)).toMatchObject({ wouldStore: true });
    const again = await runCli(['corpus', 'add', join(FIXTURES, `reward-rule.${ext}`)], { env });
    expect(again.status).toBe(1);
    expect(again.stderr).toContain(DOC_NO);
    expect(again.stderr).toContain('--replace');
    expect(readdirSync(dir).filter((f) => f.startsWith('reward-rule'))).toEqual(['reward-rule.txt']);

    const replaced = await runCli(['corpus', 'add', join(FIXTURES, `reward-rule.${ext}`), '--replace', '--json'], { env });
    expect(replaced.status).toBe(0);
    expect(JSON.parse(replaced.stdout)).toMatchObject({ stored: true, docNo: DOC_NO, clauses: 9 });
    const { documents } = loadCorpus({ dir, fresh: true });
    expect(documents.filter((d) => d.docNo === DOC_NO)).toHaveLength(1);
  });
});

describe('corpus add on other inputs', () => {
  it('reads a GBK web page, taking 文号 and title from the options', async () => {
    const dir = corpusWithSeeds();
    const html = `<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"><title>通知</title></head>
      <body><nav>首页 > 政策</nav><p>第一条 开发区管委会负责项目服务。</p><p>第二条 项目审批时限为十个工作日。</p></body></html>`;
    const file = join(tempDir(), 'kaifaqu.html');
    writeFileSync(file, encodeGbk(html));
    const r = await runCli(['corpus', 'add', file, '--doc-no', '晋开管发[2025]5 号', '--title', '开发区项目服务规定', '--json'], {
      env: { POLICY_DESK_CORPUS_DIR: dir },
    });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ docNo: '晋开管发〔2025〕5号', title: '开发区项目服务规定', clauses: 2, encoding: 'gb18030', stored: true });
    const { clauses } = loadCorpus({ dir, fresh: true });
    expect(findClause(clauses, '晋开管发〔2025〕5号', '第二条')!.text).toBe('项目审批时限为十个工作日。');
    expect(JSON.parse(readFileSync(join(dir, 'metadata.json'), 'utf8'))['kaifaqu.txt']).toEqual({ docNo: '晋开管发〔2025〕5号', title: '开发区项目服务规定' });
  });

  it('leaves out the frame a government site puts around the document (footer, breadcrumbs, menus)', async () => {
    const page = `<html><body><div class="breadcrumb">首页 &gt; 政策文件</div><ul id="menu"><li>机构设置</li></ul>
      <h1>某市企业服务办法</h1><div class="content"><p>第一条 为优化营商环境，制定本办法。</p><p>第二条 本办法自2025年3月1日起施行。</p></div>
      <div class="footer">版权所有 某市人民政府 网站标识码 1405000001</div><footer>联系我们</footer></body></html>`;
    const text = await htmlToPlainText(page);
    expect(text).toBe('某市企业服务办法\n\n第一条 为优化营商环境，制定本办法。\n第二条 本办法自2025年3月1日起施行。');
  });

  it('refuses files it cannot read with a one-line reason and stores nothing', async () => {
    const dir = tempDir();
    const xlsx = join(tempDir(), 'table.xlsx');
    writeFileSync(xlsx, 'PK\u0003\u0004');
    const bad = await runCli(['corpus', 'add', xlsx], { env: { POLICY_DESK_CORPUS_DIR: dir } });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('.xlsx');
    const missing = await runCli(['corpus', 'add', join(dir, 'nope.pdf')], { env: { POLICY_DESK_CORPUS_DIR: dir } });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('nope.pdf');
    const fakePdf = join(tempDir(), 'scan.pdf');
    writeFileSync(fakePdf, 'not a pdf at all');
    const notPdf = await runCli(['corpus', 'add', fakePdf], { env: { POLICY_DESK_CORPUS_DIR: dir } });
    expect(notPdf.status).toBe(1);
    expect(notPdf.stderr).toContain('scan.pdf');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('makes a corpus folder named in the settings but not made yet, and says so plainly when it cannot write there', async () => {
    const fresh = join(tempDir(), 'new-corpus');
    const made = await runCli(['corpus', 'add', join(FIXTURES, 'reward-rule.pdf')], { env: { POLICY_DESK_CORPUS_DIR: fresh } });
    expect(made.status).toBe(0);
    expect(readdirSync(fresh)).toContain('reward-rule.txt');
    // Under a file there can be no folder: a one-line reason naming the folder, no stack trace.
    const file = join(tempDir(), 'a-file');
    writeFileSync(file, '');
    const blocked = await runCli(['corpus', 'add', join(FIXTURES, 'reward-rule.pdf')], { env: { POLICY_DESK_CORPUS_DIR: join(file, 'corpus') } });
    expect(blocked.status).toBe(1);
    expect(blocked.stderr).toContain('无法写入语料目录');
    expect(blocked.stderr).not.toMatch(/\n\s+at /);
    // PDF.js's own console warnings are no message for the coordinator.
    const broken = join(tempDir(), 'broken.pdf');
    writeFileSync(broken, '%PDF-1.4\n%broken\n');
    const unreadable = await runCli(['corpus', 'add', broken], { env: { POLICY_DESK_CORPUS_DIR: fresh } });
    expect(unreadable.status).toBe(1);
    expect(unreadable.stderr).toContain('broken.pdf');
    expect(unreadable.stderr).not.toContain('Warning:');
  });

  it('splits a document without line breaks into sentence-sized clauses and warns on stderr', async () => {
    const dir = tempDir();
    const file = join(tempDir(), 'flat.txt');
    writeFileSync(file, '园区应当为企业提供全程代办服务，并建立定期走访制度。'.repeat(60));
    const r = await runCli(['corpus', 'add', file, '--json'], { env: { POLICY_DESK_CORPUS_DIR: dir } });
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('flat.txt');
    const out = JSON.parse(r.stdout);
    expect(out.clauses).toBeGreaterThan(2);
    expect(out.firstPaths[0]).toBe('序言 第1段');
  });
});

describe('corpus add of a file it cannot read, and its --json failures', () => {
  const dir = tempDir();
  const env = { POLICY_DESK_CORPUS_DIR: dir };

  it('says, in Chinese then English, that a file is missing or is a folder — on stderr, and as JSON with --json', async () => {
    const missing = join(dir, 'nonexistent.txt');
    const folder = tempDir();
    const [a, b, aj, bj] = await Promise.all([
      runCli(['corpus', 'add', missing], { env }),
      runCli(['corpus', 'add', folder], { env }),
      runCli(['corpus', 'add', missing, '--json'], { env }),
      runCli(['corpus', 'add', folder, '--json'], { env }),
    ]);
    expect(a.status).toBe(2);
    expect(a.stderr.trim()).toBe(`policy-desk: 找不到文件：${missing} / file not found: ${missing}`);
    expect(b.status).toBe(2);
    expect(b.stderr).toContain(`${folder} 是文件夹，不是文件`);
    expect(b.stderr).toContain(`${folder} is a folder, not a file`);
    expect(aj.status).toBe(2);
    expect(JSON.parse(aj.stdout)).toEqual({ stored: false, error: `找不到文件：${missing} / file not found: ${missing}`, message: { zh: `找不到文件：${missing}`, en: `file not found: ${missing}` } });
    expect(bj.status).toBe(2);
    expect(JSON.parse(bj.stdout)).toMatchObject({ stored: false, message: { zh: expect.stringContaining('是文件夹，不是文件') } });
  });

  it('gives a refusal in both languages in --json (`error` as "zh / en", as every command fails), keeping the outline fields', async () => {
    const empty = join(tempDir(), 'empty.txt');
    writeFileSync(empty, '');
    const e = await runCli(['corpus', 'add', empty, '--json'], { env });
    expect(e.status).toBe(1);
    expect(JSON.parse(e.stdout)).toEqual({ stored: false, error: 'empty.txt 是空文件。 / empty.txt is empty.', message: { zh: 'empty.txt 是空文件。', en: 'empty.txt is empty.' } });
    expect(e.stderr).toContain('empty.txt 是空文件。 / empty.txt is empty.');

    const seeded = { POLICY_DESK_CORPUS_DIR: corpusWithSeeds() };
    const copy = join(tempDir(), 'same-number.txt');
    copyFileSync(join(DEFAULT_CORPUS_DIR, 'chengqu-2024-36-specialty-towns.txt'), copy);
    const dup = await runCli(['corpus', 'add', copy, '--json'], { env: seeded });
    expect(dup.status).toBe(1);
    const out = JSON.parse(dup.stdout);
    expect(out).toMatchObject({ stored: false, docNo: '城政办发〔2024〕36号', replaces: ['chengqu-2024-36-specialty-towns.txt'] });
    expect(out.error).toContain('The corpus already has 城政办发〔2024〕36号');
    expect(out.message.zh).toContain('语料中已有文号 城政办发〔2024〕36号');
    expect(out.error).toBe(`${out.message.zh} / ${out.message.en}`);
  });

  it('rejects an empty --doc-no, and shows both numbers when --doc-no contradicts the text', async () => {
    const file = join(tempDir(), 'notice.txt');
    writeFileSync(file, '晋市政办〔2025〕9号\n\n测试方案\n\n一、总体要求。\n二、主要任务。\n');
    const [empty, other] = await Promise.all([
      runCli(['corpus', 'add', file, '--doc-no', '', '--dry-run', '--json'], { env }),
      runCli(['corpus', 'add', file, '--doc-no', '晋市政办〔2025〕19号', '--dry-run', '--json'], { env }),
    ]);
    expect(empty.status).not.toBe(0);
    expect(JSON.parse(empty.stdout).message).toEqual({
      zh: '给定的文号是空的。文件没有文号时请不要给出文号（去掉 --doc-no）。',
      en: 'The document number given is empty. Leave it out (no --doc-no) when the document has none.',
    });
    expect(other.status).toBe(0);
    const preview = JSON.parse(other.stdout);
    expect(preview.docNo).toBe('晋市政办〔2025〕19号');
    expect(preview.warnings).toHaveLength(1);
    expect(preview.warnings[0]).toMatch(/晋市政办〔2025〕19号.*晋市政办〔2025〕9号/);
    expect(other.stderr).toContain('晋市政办〔2025〕9号');
  });
});

describe('corpus add of a text already in the corpus without a 文号', () => {
  const BRIEF = 'taiyuan-jinzhong-development-zones-briefing.txt';

  it('refuses a copy and the very same file, as for a duplicate 文号, and --replace replaces it in place keeping its metadata', async () => {
    const dir = corpusWithSeeds();
    const env = { POLICY_DESK_CORPUS_DIR: dir };
    const copy = join(tempDir(), 'briefing-copy.txt');
    copyFileSync(join(DEFAULT_CORPUS_DIR, BRIEF), copy);
    const [again, other] = await Promise.all([runCli(['corpus', 'add', join(dir, BRIEF)], { env }), runCli(['corpus', 'add', copy, '--json'], { env })]);
    for (const r of [again, other]) {
      expect(r.status).toBe(1);
      expect(r.stderr).toContain(`语料中已有内容相同的文件（${BRIEF}）`);
      expect(r.stderr).toContain('--replace');
    }
    expect(JSON.parse(other.stdout)).toMatchObject({ stored: false, sameText: [BRIEF] });
    expect(readdirSync(dir).filter((f) => f.startsWith('taiyuan') || f.startsWith('briefing'))).toEqual([BRIEF]);

    const replaced = await runCli(['corpus', 'add', join(dir, BRIEF), '--replace', '--json'], { env });
    expect(replaced.status).toBe(0);
    expect(JSON.parse(replaced.stdout)).toMatchObject({ stored: true, file: BRIEF, removed: [] });
    const { documents, warnings } = loadCorpus({ dir, fresh: true });
    expect(warnings).toEqual([]);
    expect(documents.find((d) => d.file === BRIEF)!.title).toBe('太原市、晋中市开发区招商引资工作情况简报');
  });
});

describe('corpus warnings', () => {
  const dir = corpusWithSeeds();
  writeFileSync(join(dir, 'empty.txt'), '');
  writeFileSync(join(dir, 'metadata.json'), JSON.stringify({ 'chengqu-2024-36-specialty-towns.txt': { date: '2024-13-01' } }));
  const env = { POLICY_DESK_CORPUS_DIR: dir };

  it('corpus check lists every document with 文号, title, date and clause count, and every warning', async () => {
    const r = await runCli(['corpus', 'check'], { env });
    // Warnings make the check fail, so a script running it notices.
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('晋市政办〔2024〕32号');
    expect(r.stdout).toContain('2024-11-04');
    expect(r.stdout).toMatch(/城政办发〔2024〕36号\s+晋城市城区全力推进专业镇高质量发展实施方案\s+2024-12-09\s+27/);
    expect(r.stdout).toContain('empty.txt');
    expect(r.stdout).toContain('chengqu-2024-36-specialty-towns.txt');
    const checked = await runCli(['corpus', 'check', '--json'], { env });
    expect(checked.status).toBe(1);
    const json = JSON.parse(checked.stdout);
    expect(json.documents).toHaveLength(5);
    expect(json.skipped.map((s: { file: string }) => s.file).sort()).toEqual(['empty.txt', 'metadata.json']);
  });

  it('corpus check passes (exit 0) on a corpus without warnings; corpus list is 0 either way', async () => {
    const clean = await runCli(['corpus', 'check'], { env: { POLICY_DESK_CORPUS_DIR: corpusWithSeeds() } });
    expect(clean.stderr).toBe('');
    expect(clean.status).toBe(0);
    expect(clean.stdout).toContain('没有发现问题');
    expect((await runCli(['corpus', 'list'], { env })).status).toBe(0);
  });

  it('corpus list and check take the global --db and --as like every command; their --json failures carry no `stored`', async () => {
    const listed = await runCli(['corpus', 'list', '--db', '/tmp/other.db', '--as', 'console:x', '--json'], { env: { POLICY_DESK_CORPUS_DIR: corpusWithSeeds() } });
    expect(listed.status).toBe(0);
    expect(JSON.parse(listed.stdout).documents).toHaveLength(5);
    const refused = await runCli(['corpus', 'list', '--frob', '--json']);
    expect(refused.status).toBe(2);
    expect(JSON.parse(refused.stdout)).not.toHaveProperty('stored');
    expect(JSON.parse((await runCli(['corpus', 'add', '--frob', '--json'])).stdout)).toMatchObject({ stored: false });
  });

  it('are printed on stderr by every command, naming the file', async () => {
    const commands = [['search', '节能审查', '--json'], ['corpus', 'list'], ['report', 'missing', '--month', '2025-03', '--as', 'console:x']];
    const results = await Promise.all(commands.map((args) => runCli(args, { env })));
    results.forEach((r, i) => {
      expect(r.stderr, commands[i]!.join(' ')).toContain('empty.txt');
      expect(r.stderr, commands[i]!.join(' ')).toContain('metadata.json');
    });
  });

  it('are printed at start-up', async () => {
    const r = await runStart('/help\n', env);
    expect(r.stderr).toContain('empty.txt');
    expect(r.stderr).toContain('chengqu-2024-36-specialty-towns.txt');
  });
});


describe('/corpus add in the console (npm start without chat tokens)', () => {
  it('takes a local path, shows the outline, stores the document on 1 (确认导入), and /corpus list shows it', async () => {
    const dir = corpusWithSeeds();
    const input = [`/corpus add ${join(FIXTURES, 'reward-rule.docx')}`, '1', '/corpus list', ''].join('\n');
    const r = await runStart(input, {
      POLICY_DESK_CORPUS_DIR: dir,
      POLICY_DESK_CONSOLE_USER: 'console:zhang',
      POLICY_DESK_COORDINATORS: 'console:zhang',
      POLICY_DESK_SCHEDULER: 'off',
    });
    expect(r.stdout).toContain(`文号：${DOC_NO}`);
    expect(r.stdout).toContain('1. 确认导入');
    expect(r.stdout).toContain('已导入 晋市监规〔2025〕2号（9 条）');
    expect(r.stdout).toMatch(/晋市监规〔2025〕2号\s+晋城市市场监管领域违法行为举报奖励办法\s+—\s+9\s+reward-rule\.txt/);
    expect(readdirSync(dir)).toContain('reward-rule.txt');
  });
});
