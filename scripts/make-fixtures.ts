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
import { DOC_NO, PARAGRAPHS, TABLE, TITLE } from '../tests/fixtures/ingest/rewardRule.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'tests', 'fixtures', 'ingest');

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
