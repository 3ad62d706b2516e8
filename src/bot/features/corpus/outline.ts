/**
 * Replies about the corpus: the outline of a document about to be added, the list of documents
 * and the check with every warning. The CLI prints the same replies as plain text, so chat and
 * command line show one picture.
 */
import type { CorpusReport, IngestPreview } from '../../../corpus/ingest.ts';
import { encodingLabel } from '../../../corpus/decode.ts';
import { tr } from '../../core/i18n.ts';
import type { Action, Block, Locale, Reply } from '../../core/reply.ts';

const FORMAT_NAMES: Record<string, string> = { pdf: 'PDF', docx: 'Word (.docx)', html: 'HTML', text: 'Text' };

/** Machine-readable outline, for `--json` and `Reply.data`. */
export function outlineData(p: IngestPreview) {
  return {
    source: p.source,
    file: p.file,
    format: p.format,
    encoding: p.encoding ?? null,
    docNo: p.document.docNo,
    title: p.document.title,
    issuer: p.document.issuer,
    date: p.document.date,
    clauses: p.clauses.length,
    firstPaths: p.firstPaths,
    warnings: p.warnings,
    replaces: p.replaces,
    sameText: p.sameText,
  };
}

/** The outline of a parsed document: what it will be cited as, before anything is stored. */
export function outlineReply(p: IngestPreview, locale: Locale, actions?: Action[]): Reply {
  const L = locale;
  const none = tr(L, '（无）', '(none)');
  const format = FORMAT_NAMES[p.format] ?? p.format;
  const blocks: Block[] = [
    { type: 'text', text: tr(L, `文件预览：${p.source}`, `Document preview: ${p.source}`), style: 'title' },
    {
      type: 'fields',
      fields: [
        { label: tr(L, '文号', 'Doc no.'), value: p.document.docNo ?? none },
        { label: tr(L, '标题', 'Title'), value: p.document.title },
        { label: tr(L, '发文机关', 'Issuer'), value: p.document.issuer ?? none },
        { label: tr(L, '日期', 'Date'), value: p.document.date ?? none },
        { label: tr(L, '条文数', 'Clauses'), value: String(p.clauses.length) },
        { label: tr(L, '格式', 'Format'), value: [format, p.encoding && p.encoding !== 'utf-8' ? encodingLabel(p.encoding) : ''].filter(Boolean).join(' · ') },
        { label: tr(L, '保存为', 'Stored as'), value: p.replaces.length > 0 && p.onConflict === 'refuse' ? storedAsNote(p, L).trim() : p.file + storedAsNote(p, L) },
      ],
    },
    {
      type: 'text',
      // Paths hold 、 themselves (一、, 二、（一）): listed with ；, as everywhere paths are listed.
      text: tr(L, `前 ${p.firstPaths.length} 条：`, `First ${p.firstPaths.length} clauses: `) + p.firstPaths.join(tr(L, '；', '; ')),
    },
  ];
  for (const w of p.warnings) blocks.push({ type: 'text', text: w, style: 'warning' });
  // The files with the same 文号 (those with the same text have their warning from the ingestion).
  const sameNo = p.replaces.filter((f) => !p.sameText.includes(f));
  if (sameNo.length > 0) {
    const has = { zh: `文件库中已有文号 ${p.document.docNo} 的文件：${sameNo.join('、')}。`, en: `The corpus already has ${p.document.docNo}: ${sameNo.join(', ')}.` };
    const what =
      p.onConflict === 'replace'
        ? { zh: '将用这份文件替换它（--replace），旧文件的内容不再保留。', en: 'This one replaces it (--replace); the old text is not kept.' }
        : p.onConflict === 'offer'
          ? { zh: '选择「替换旧文件」才会导入，旧文件将被替换；否则不导入。', en: 'Only "Replace" stores this one, replacing the old file; otherwise nothing is stored.' }
          : { zh: '选择「替换」（命令行加 --replace）才会导入，旧文件将被删除；否则不导入。', en: 'Only "Replace" (--replace on the command line) stores this one, removing the old file; otherwise nothing is stored.' };
    blocks.push({ type: 'text', style: 'warning', text: tr(L, has.zh + what.zh, `${has.en} ${what.en}`) });
  }
  return { blocks, ephemeral: true, actions, data: outlineData(p) };
}

/** What 保存为 means when the corpus has the document already: whether it replaces the old file, and which. */
function storedAsNote(p: IngestPreview, L: Locale): string {
  if (p.replaces.length === 0) return '';
  const inPlace = p.replaces.includes(p.file);
  const others = p.replaces.filter((f) => f !== p.file);
  const zh = [inPlace ? '覆盖同名的原文件' : '', others.length > 0 ? `替换 ${others.join('、')}` : ''].filter(Boolean).join('，');
  const en = [inPlace ? 'overwriting the stored file of that name' : '', others.length > 0 ? `replacing ${others.join(', ')}` : ''].filter(Boolean).join(', ');
  if (p.onConflict === 'replace') return tr(L, `（${zh}）`, ` (${en})`);
  if (p.onConflict === 'offer') return tr(L, `（选择「替换旧文件」时；${zh}）`, ` (if you choose "Replace": ${en})`);
  return tr(L, '（不导入：文件库中已有这份文件）', ' (not stored: the corpus has this document already)');
}

/** `corpus list`: one row per document. */
export function listReply(r: CorpusReport, locale: Locale): Reply {
  const L = locale;
  return {
    blocks: [
      {
        type: 'table',
        title: tr(L, `政策文件库（${r.documents.length} 份）`, `Policy documents (${r.documents.length})`),
        columns: [tr(L, '文号', 'Doc no.'), tr(L, '标题', 'Title'), tr(L, '日期', 'Date'), tr(L, '条文', 'Clauses'), tr(L, '文件', 'File')],
        rows: r.documents.map((d) => [d.docNo ?? '—', d.title, d.date ?? '—', String(d.clauses), d.file]),
      },
    ],
    ephemeral: true,
    data: { documents: r.documents.map(({ warnings: _w, ...d }) => d) },
  };
}

/** `corpus check`: every document with its warnings, then the files that did not load. */
export function checkReply(r: CorpusReport, locale: Locale): Reply {
  const L = locale;
  const list = listReply(r, L);
  const blocks: Block[] = [...list.blocks];
  for (const d of r.documents) for (const w of d.warnings) blocks.push({ type: 'text', text: w, style: 'warning' });
  for (const s of r.skipped) blocks.push({ type: 'text', text: s.message, style: 'warning' });
  if (r.warnings.length === 0) blocks.push({ type: 'text', text: tr(L, '没有发现问题。', 'No problems found.'), style: 'success' });
  return {
    blocks,
    ephemeral: true,
    data: { documents: r.documents, skipped: r.skipped, warnings: r.warnings },
  };
}
