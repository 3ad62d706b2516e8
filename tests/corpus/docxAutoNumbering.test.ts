/**
 * A .docx whose headings are numbered by Word (automatic numbering, `w:numPr`), so the numbers
 * are in word/numbering.xml, not in the text: `corpus add` restores them (一、 （一） 1. …) from
 * each level's format and text — set on the paragraph or by its paragraph style — and the plan
 * parses into its numbered clauses. Where they cannot be restored, the outline warns, naming the file.
 */
import { AlignmentType, Document, LevelFormat, Packer, Paragraph, Textbox } from 'docx';
import { describe, expect, it } from 'vitest';
import { extractDocument } from '../../src/corpus/extract.ts';
import { prepareDocument } from '../../src/corpus/ingest.ts';
import { chineseCounting } from '../../src/corpus/docxNumbering.ts';
import { tempDir } from '../helpers/run.ts';

async function numberedPlan(): Promise<Uint8Array> {
  const level = (n: 0 | 1 | 2) => ({ reference: 'plan', level: n });
  const doc = new Document({
    numbering: {
      config: [
        {
          reference: 'plan',
          levels: [
            { level: 0, format: LevelFormat.CHINESE_COUNTING, text: '%1、', alignment: AlignmentType.LEFT },
            { level: 1, format: LevelFormat.CHINESE_COUNTING, text: '（%2）', alignment: AlignmentType.LEFT },
            { level: 2, format: LevelFormat.DECIMAL, text: '%3.', alignment: AlignmentType.LEFT },
          ],
        },
      ],
    },
    sections: [
      {
        children: [
          new Paragraph('晋城市物流园区建设扶持办法'),
          new Paragraph('晋市商发〔2025〕50号'),
          new Paragraph({ text: '扶持对象', numbering: level(0) }),
          new Paragraph({ text: '占地面积200亩以上的物流园区。', numbering: level(1) }),
          new Paragraph({ text: '年货物吞吐量100万吨以上的物流园区。', numbering: level(1) }),
          new Paragraph({ text: '扶持标准', numbering: level(0) }),
          new Paragraph({ text: '建设补助', numbering: level(1) }),
          new Paragraph({ text: '新建物流园区按固定资产投资的5%给予补助，最高300万元。', numbering: level(2) }),
          new Paragraph({ text: '改扩建物流园区按新增投资的3%给予补助。', numbering: level(2) }),
          new Paragraph({ text: '运营补贴', numbering: level(1) }),
          new Paragraph({ text: '物流园区每年冷链仓储补贴20万元。', numbering: level(2) }),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

describe('Word automatic numbering', () => {
  it('counts in Chinese as Word does', () => {
    expect([1, 10, 11, 20, 21, 99, 105, 110].map(chineseCounting)).toEqual(['一', '十', '十一', '二十', '二十一', '九十九', '一百零五', '一百一十']);
  });

  it('is restored in the extracted text, each level in its own format, deeper levels restarting', async () => {
    const r = await extractDocument('扶持办法.docx', await numberedPlan());
    if (!r.ok) throw new Error(r.error.en);
    expect(r.text.split('\n').filter(Boolean).slice(2)).toEqual([
      '一、扶持对象',
      '（一）占地面积200亩以上的物流园区。',
      '（二）年货物吞吐量100万吨以上的物流园区。',
      '二、扶持标准',
      '（一）建设补助',
      '1.新建物流园区按固定资产投资的5%给予补助，最高300万元。',
      '2.改扩建物流园区按新增投资的3%给予补助。',
      '（二）运营补贴',
      '1.物流园区每年冷链仓储补贴20万元。',
    ]);
    expect(r.notes.join('\n')).toContain('Word automatic numbering restored (9 paragraphs)');
  });

  it('gives the plan its numbered clauses', async () => {
    const r = await prepareDocument({ filename: '扶持办法.docx', data: await numberedPlan() }, { dir: tempDir() });
    if (!r.ok) throw new Error(r.error.en);
    expect(r.preview.clauses.map((c) => c.path)).toEqual(['一、（一）', '一、（二）', '二、（一）1', '二、（一）2', '二、（二）1']);
  });

  it('is restored where a paragraph style numbers the headings', async () => {
    const doc = new Document({
      numbering: { config: [{ reference: 'heads', levels: [{ level: 0, format: LevelFormat.CHINESE_COUNTING, text: '%1、', alignment: AlignmentType.LEFT }] }] },
      styles: { paragraphStyles: [{ id: 'CnHeading', name: 'CN Heading', basedOn: 'Normal', paragraph: { numbering: { reference: 'heads', level: 0 } } as never }] },
      sections: [{ children: [new Paragraph('晋城市测试方案'), new Paragraph({ text: '总体要求', style: 'CnHeading' }), new Paragraph('按月报送。'), new Paragraph({ text: '保障措施', style: 'CnHeading' }), new Paragraph('加强领导。')] }],
    });
    const r = await extractDocument('方案.docx', new Uint8Array(await Packer.toBuffer(doc)));
    expect(r.ok && r.text.split('\n').filter(Boolean)).toEqual(['晋城市测试方案', '一、总体要求', '按月报送。', '二、保障措施', '加强领导。']);
  });

  it('that cannot be restored (a text box shifts the paragraphs) is a warning naming the file', async () => {
    const doc = new Document({
      numbering: { config: [{ reference: 'heads', levels: [{ level: 0, format: LevelFormat.CHINESE_COUNTING, text: '%1、', alignment: AlignmentType.LEFT }] }] },
      sections: [
        {
          children: [
            new Paragraph('晋城市测试方案'),
            new Textbox({ alignment: 'left', style: { width: '200pt', height: 'auto' }, children: [new Paragraph('框内说明')] } as never),
            new Paragraph({ text: '总体要求', numbering: { reference: 'heads', level: 0 } }),
            new Paragraph('按月报送。'),
          ],
        },
      ],
    });
    const r = await prepareDocument({ filename: '方案.docx', data: new Uint8Array(await Packer.toBuffer(doc)) }, { dir: tempDir() });
    expect(r.ok && r.preview.warnings.join('\n')).toContain('方案.docx: 1 paragraphs use Word automatic numbering, which could not be restored');
  });
});
