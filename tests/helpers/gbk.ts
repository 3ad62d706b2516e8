/**
 * GBK (two-byte GB18030) bytes for a text, for tests of documents that arrive in China's legacy
 * encoding. Node's TextDecoder only decodes, so its table is inverted here, once per process.
 */
let table: Map<string, number[]> | undefined;

function gbkTable(): Map<string, number[]> {
  if (table) return table;
  const decoder = new TextDecoder('gb18030');
  table = new Map<string, number[]>();
  for (let b1 = 0x81; b1 <= 0xfe; b1++) {
    for (let b2 = 0x40; b2 <= 0xfe; b2++) {
      if (b2 === 0x7f) continue;
      const ch = decoder.decode(new Uint8Array([b1, b2]));
      if (ch.length === 1 && ch !== '\uFFFD' && !table.has(ch)) table.set(ch, [b1, b2]);
    }
  }
  return table;
}

/** The text as GBK bytes; throws on a character GBK has no two-byte code for. */
export function encodeGbk(text: string): Buffer {
  const codes = gbkTable();
  const out: number[] = [];
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) out.push(ch.charCodeAt(0));
    else {
      const bytes = codes.get(ch);
      if (!bytes) throw new Error(`no GB18030 two-byte code for ${ch}`);
      out.push(...bytes);
    }
  }
  return Buffer.from(out);
}
