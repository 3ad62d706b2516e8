/**
 * The clause model: the unit everything in Policy Desk cites.
 *
 * A clause is the smallest numbered piece of a policy document (`二、（五）9`, `第三条`, an annex
 * section) with its text repaired from PDF extraction damage. Every quote the bot shows must be a
 * substring of some clause's `text`, so `text` is the verbatim wording, never a paraphrase.
 *
 * Types are derived from these zod schemas so they are written once. The schemas are built on
 * first use: only a document parsed afresh is validated, and a start that reads every parse from
 * the cache never needs them.
 */
import * as z from 'zod';

function buildSchemas() {
  const clause = z.object({
    /** Stable id of the source document: its file name without `.txt`. */
    docId: z.string().min(1),
    /** 文号 such as `晋市政办〔2024〕32号`; `null` when the document has none (e.g. a briefing). */
    docNo: z.string().nullable(),
    /** Title of the document (the plan's own title, not the covering notice). */
    title: z.string().min(1),
    /** Human citation of the clause inside its document, e.g. `二、（五）9` or `附件 二、`. */
    path: z.string().min(1),
    /** Headings from the top down to this clause, joined with ` > ` (e.g. `二、重点任务 > （五）创优市场环境 > 9.简化审批流程`). */
    heading: z.string(),
    /** The clause's verbatim text, extraction damage repaired. */
    text: z.string().min(1),
    /** Responsible units (责任单位) named for this clause, in the order the document lists them. */
    units: z.array(z.string()),
  });

  const policyDocument = z.object({
    docId: z.string().min(1),
    docNo: z.string().nullable(),
    title: z.string().min(1),
    issuer: z.string().nullable(),
    /** Issue date as YYYY-MM-DD when the header states it. */
    date: z.string().nullable(),
    /** File name inside corpus/. */
    file: z.string(),
  });
  return { clause, policyDocument };
}

let schemasMemo: ReturnType<typeof buildSchemas> | undefined;
/** The clause and document schemas, built on first use. */
export const corpusSchemas = (): ReturnType<typeof buildSchemas> => (schemasMemo ??= buildSchemas());

export type Clause = z.infer<ReturnType<typeof buildSchemas>['clause']>;
export type PolicyDocument = z.infer<ReturnType<typeof buildSchemas>['policyDocument']>;
