/** The part of the `stopword` package (MIT) the search reads: its English list. The package ships no types. */
declare module 'stopword' {
  /** English stop words, lowercased (about a hundred function words: their, they, very …). */
  export const eng: readonly string[];
}
