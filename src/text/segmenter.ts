/**
 * The one ICU word segmenter for Chinese (`Intl.Segmenter('zh', { granularity: 'word' })`), made on
 * first use: V8 builds its table of ICU locales for the first Intl object of a process (~90 million
 * instructions, ~20 ms on the bench machine), which a command that reads no Chinese text (`help`,
 * the report commands) never needs.
 *
 * @module
 */
let memo: Intl.Segmenter | undefined;

/** The shared Chinese word segmenter. */
export function wordSegmenter(): Intl.Segmenter {
  return (memo ??= new Intl.Segmenter('zh', { granularity: 'word' }));
}
