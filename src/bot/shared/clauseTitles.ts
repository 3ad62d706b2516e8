/** Document titles by 文号, from the parsed corpus, so rule citations can show the title too. */
import { loadCorpus } from '../../corpus/index.ts';

let titles: Map<string, string> | undefined;

export function corpusClauseTitle(docNo: string | null): string {
  if (!docNo) return '';
  titles ??= new Map(loadCorpus().documents.filter((d) => d.docNo).map((d) => [d.docNo!, d.title]));
  return titles.get(docNo) ?? '';
}
