/**
 * Makes the real Word and PDF files the ingestion tests add through the CLI:
 *   tests/fixtures/ingest/reward-rule.docx  (written with `docx`: paragraphs and a real Word table)
 *   tests/fixtures/ingest/reward-rule.pdf   (written with `pdfkit`, Chinese set in Noto Sans SC
 *                                            from the npm package @embedpdf/fonts-sc, embedded as
 *                                            a subset; lines wrap mid-sentence as in real PDFs)
 *
 * Run: `node bin/run.js scripts/make-fixtures.ts`. The generated files are committed (they are
 * small), so tests never need the writers or the 40 MB font; the script is kept so anyone can
 * regenerate or extend them. Everything it uses is installed by `npm install` (devDependencies).
 */
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AlignmentType, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import PDFDocument from 'pdfkit';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'tests', 'fixtures', 'ingest');

/** A municipal reward regulation: header, chapters, an article with items and a closing paragraph, an annex table. */
export const DOC_NO = '晋市监规〔2025〕2号';
export const TITLE = '晋城市市场监管领域违法行为举报奖励办法';
const PARAGRAPHS: string[] = [
  '晋城市市场监督管理局',
  DOC_NO,
  TITLE,
  '第一章 总则',
  '第一条 为了鼓励社会公众积极举报市场监管领域违法行为，维护公平竞争的市场秩序，根据《市场监管领域重大违法行为举报奖励暂行办法》等规定，结合本市实际，制定本办法。',
  '第二条 本办法适用于本市各级市场监督管理部门对举报人给予的奖励。举报人的身份信息和举报内容予以保密，未经举报人同意不得公开。',
  '第二章 奖励条件',
  '第三条 举报奖励应当同时符合下列条件：',
  '（一）有明确的被举报对象和具体违法事实；',
  '（二）举报内容事先未被市场监督管理部门掌握；',
  '（三）举报内容经查证属实并作出行政处罚决定。',
  '两人以上联名举报同一违法行为的，按同一举报奖励，奖金由举报人协商分配；协商不成的，平均分配。',
  '第四条 举报人应当自收到领奖通知之日起九十日内领取奖金，逾期未领取的，视为放弃。',
  '第三章 附则',
  '第五条 本办法自2025年3月1日起施行，有效期五年。',
  '附件',
  '举报奖励标准',
];
const TABLE: string[][] = [
  ['奖励等级', '罚没款金额', '奖励标准'],
  ['一级', '100万元以上', '按罚没款的2%奖励'],
  ['二级', '10万元以上不满100万元', '按罚没款的3%奖励'],
  ['三级', '不满10万元', '按罚没款的5%奖励'],
];

async function makeDocx(path: string): Promise<void> {
  const cell = (text: string) => new TableCell({ children: [new Paragraph({ children: [new TextRun(text)] })], width: { size: 3000, type: WidthType.DXA } });
  const doc = new Document({
    creator: 'Policy Desk test fixtures',
    title: TITLE,
    sections: [
      {
        children: [
          ...PARAGRAPHS.map(
            (p, i) => new Paragraph({ alignment: i <= 2 ? AlignmentType.CENTER : AlignmentType.LEFT, children: [new TextRun({ text: p, bold: i === 2 })] }),
          ),
          new Table({ rows: TABLE.map((r) => new TableRow({ children: r.map(cell) })) }),
        ],
      },
    ],
  });
  writeFileSync(path, await Packer.toBuffer(doc));
}

async function makePdf(path: string): Promise<void> {
  const require = createRequire(import.meta.url);
  // The package exports only its JS entry (dist/); the fonts sit beside it in fonts/.
  const font = join(dirname(require.resolve('@embedpdf/fonts-sc')), '..', 'fonts', 'NotoSansHans-Regular.otf');
  const doc = new PDFDocument({ size: 'A4', margin: 72, info: { Title: TITLE, Producer: 'Policy Desk test fixtures' } });
  const done = new Promise<void>((res, rej) => {
    const out = createWriteStream(path);
    out.on('finish', () => res());
    out.on('error', rej);
    doc.pipe(out);
  });
  doc.registerFont('cjk', font);
  doc.font('cjk').fontSize(12);
  for (const p of PARAGRAPHS) doc.text(p, { width: 300, paragraphGap: 6 }); // narrow: sentences wrap across lines
  doc.moveDown();
  const xs = [72, 180, 360];
  for (const row of TABLE) {
    const y = doc.y;
    row.forEach((c, i) => doc.text(c, xs[i]!, y, { lineBreak: false }));
    doc.x = 72;
    doc.y = y + 20;
  }
  doc.end();
  await done;
}

mkdirSync(OUT, { recursive: true });
await makeDocx(join(OUT, 'reward-rule.docx'));
await makePdf(join(OUT, 'reward-rule.pdf'));
console.log(`wrote ${join(OUT, 'reward-rule.docx')} and ${join(OUT, 'reward-rule.pdf')}`);
