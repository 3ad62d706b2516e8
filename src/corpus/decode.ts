/**
 * Turning the bytes of a text file into a string, whatever encoding a Chinese office saved it in.
 *
 * Policy texts arrive as UTF-8, as GB18030/GBK (the default of Chinese Windows and of many
 * government web pages) or as UTF-16 (Notepad's "Unicode"). The decision, in order:
 * 1. a byte-order mark names the encoding (UTF-8, UTF-16 LE/BE);
 * 2. UTF-16 without a mark shows its ASCII characters (newlines, digits) as NUL bytes, all on
 *    the odd (LE) or all on the even (BE) offsets, and must then read as Chinese;
 * 3. bytes that are valid UTF-8 are UTF-8 (a GBK text is almost never valid UTF-8);
 * 4. otherwise GB18030 (a superset of GBK and GB2312), accepted only when it decodes without
 *    error and the result reads as Chinese text rather than mojibake.
 *
 * Decoding uses the WHATWG `TextDecoder` built into Node (full ICU ships GB18030 and UTF-16),
 * so there is no conversion table to install.
 *
 * ```ts
 * decodeText(readFileSync('gbk.txt')) // => { ok: true, text: '招商引资…', encoding: 'gb18030' }
 * ```
 */

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

export type DecodeResult =
  | { ok: true; text: string; encoding: TextEncodingName }
  | { ok: false; reason: 'binary' | 'undecodable' };

function strictDecode(bytes: Uint8Array, encoding: TextEncodingName): string | null {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return null;
  }
}

/** Share of NUL bytes at even and at odd offsets (UTF-16 text has one side full of them). */
function nulShares(bytes: Uint8Array): { even: number; odd: number } {
  const n = Math.min(bytes.length, 4096);
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i++) {
    if (bytes[i] !== 0) continue;
    if (i % 2 === 0) even++;
    else odd++;
  }
  const half = Math.max(1, n / 2);
  return { even: even / half, odd: odd / half };
}

/** True when a decoded string looks like text: few control characters, no replacement marks. */
export function looksLikeText(s: string): boolean {
  if (s.includes('\u0000') || s.includes('\uFFFD')) return false;
  const controls = s.match(/[\u0001-\u0008\u000E-\u001F]/g)?.length ?? 0;
  return controls <= s.length * 0.01;
}

/**
 * Mojibake guard for the GB18030 fallback: a real Chinese text is mostly common CJK ideographs,
 * ASCII and CJK punctuation; bytes of another encoding decoded as GB18030 scatter into rare
 * ideographs, Hangul, box drawing and private-use characters.
 */
function readsAsChinese(s: string): boolean {
  const chars = [...s.replace(/\s/g, '')];
  if (chars.length === 0) return true;
  const ok = chars.filter((c) => /[\u0020-\u007e\u3000-\u303f\u4e00-\u9fff\uff00-\uffef\u2010-\u2027\u00b7]/.test(c)).length;
  return ok / chars.length >= 0.9;
}

/** Decodes the bytes of a text file; see the module comment for how the encoding is chosen. */
export function decodeText(bytes: Uint8Array): DecodeResult {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    const t = strictDecode(bytes, 'utf-8');
    return t !== null && looksLikeText(t) ? { ok: true, text: t, encoding: 'utf-8' } : { ok: false, reason: 'undecodable' };
  }
  for (const [b0, b1, enc] of [[0xff, 0xfe, 'utf-16le'], [0xfe, 0xff, 'utf-16be']] as const) {
    if (bytes.length >= 2 && bytes[0] === b0 && bytes[1] === b1) {
      const t = strictDecode(bytes, enc);
      return t !== null && looksLikeText(t) ? { ok: true, text: t, encoding: enc } : { ok: false, reason: 'undecodable' };
    }
  }
  const even16 = bytes.length >= 4 && bytes.length % 2 === 0;
  if (even16) {
    // ASCII in UTF-16LE puts NUL at odd offsets (newlines, digits, spaces); few Chinese characters
    // have a zero byte (一 U+4E00 does), so the other side has far fewer.
    const { even, odd } = nulShares(bytes);
    const enc: TextEncodingName | null = odd > 3 * even ? 'utf-16le' : even > 3 * odd ? 'utf-16be' : null;
    const t = enc ? strictDecode(bytes, enc) : null;
    if (enc && t !== null && looksLikeText(t) && readsAsChinese(t)) return { ok: true, text: t, encoding: enc };
  }
  const utf8 = strictDecode(bytes, 'utf-8');
  if (utf8 !== null) return looksLikeText(utf8) ? { ok: true, text: utf8, encoding: 'utf-8' } : { ok: false, reason: 'binary' };
  if (bytes.includes(0)) return { ok: false, reason: 'binary' };
  const gb = strictDecode(bytes, 'gb18030');
  if (gb !== null && looksLikeText(gb) && readsAsChinese(gb)) return { ok: true, text: gb, encoding: 'gb18030' };
  // UTF-16 without a mark and without a single ASCII character (no newline even): Chinese only.
  if (even16) {
    for (const enc of ['utf-16le', 'utf-16be'] as const) {
      const t = strictDecode(bytes, enc);
      if (t !== null && looksLikeText(t) && readsAsChinese(t)) return { ok: true, text: t, encoding: enc };
    }
  }
  return { ok: false, reason: 'undecodable' };
}

/** Human name of an encoding for outlines and warnings. */
export function encodingLabel(e: TextEncodingName): string {
  return { 'utf-8': 'UTF-8', 'utf-16le': 'UTF-16 LE', 'utf-16be': 'UTF-16 BE', gb18030: 'GB18030/GBK' }[e];
}
