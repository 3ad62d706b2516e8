/**
 * Shapes of the Slack interaction payloads Policy Desk handles, as zod schemas: a payload that
 * does not match is refused with one logged line instead of throwing inside a listener. Only the
 * fields we read are required; Slack's others pass through.
 *
 * The Slack adapter checks every payload before it reads it (src/adapters/slack/index.ts):
 * ```ts
 * const parsed = viewSubmissionSchema.safeParse(body);
 * if (!parsed.success) { logger.warn({ event: 'bad_payload', problem: payloadProblem(parsed.error) }); return ack(); }
 * ```
 */
import * as z from 'zod';

const id = z.string().min(1).max(255);

/** `user`: the person, with their home team (shared channels: differs from the payload's team). */
export const slackUserSchema = z.looseObject({ id, team_id: id.optional() });

/** One input's value as Slack sends it (plain text, number, select). */
const inputValue = z.looseObject({
  type: z.string(),
  value: z.string().nullable().optional(),
  selected_option: z.looseObject({ value: z.string() }).nullable().optional(),
});

export const viewSubmissionSchema = z.looseObject({
  type: z.literal('view_submission'),
  team: z.looseObject({ id }).nullable(),
  user: slackUserSchema,
  view: z.looseObject({
    id,
    callback_id: z.string().max(255),
    /** We put JSON here when opening the modal; it must decode to an object. */
    private_metadata: z
      .string()
      .max(3000)
      .transform((s, ctx) => {
        try {
          const v: unknown = s === '' ? {} : JSON.parse(s);
          if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
        } catch {
          // fall through
        }
        ctx.addIssue({ code: 'custom', message: 'private_metadata is not a JSON object' });
        return z.NEVER;
      }),
    state: z.looseObject({ values: z.record(z.string(), z.record(z.string(), inputValue)) }),
  }),
});

export type ViewSubmission = z.infer<typeof viewSubmissionSchema>;

/** A slash command (form-encoded; Bolt hands it over as an object of strings). */
export const slashCommandSchema = z.looseObject({
  team_id: id,
  user_id: id,
  user_name: z.string().max(255).optional(),
  channel_id: z.string().max(255).optional(),
  trigger_id: id,
  text: z.string().max(4000).optional(),
});

/** A button click (or another block element) in a message or a modal. */
export const blockActionsSchema = z.looseObject({
  type: z.literal('block_actions'),
  team: z.looseObject({ id }).nullable().optional(),
  user: slackUserSchema.extend({ name: z.string().max(255).optional() }),
  trigger_id: id,
  actions: z.array(z.looseObject({ action_id: z.string().min(1).max(255), type: z.string(), value: z.string().max(2000).optional() })).min(1),
  channel: z.looseObject({ id }).optional(),
  view: z.looseObject({ id }).optional(),
  response_url: z.string().optional(),
  container: z.looseObject({ is_ephemeral: z.boolean().optional() }).optional(),
});

/** The home team of the person who acted: `user.team_id` when present, else the payload's team. */
export function homeTeamOf(payload: { user: { team_id?: string }; team?: { id: string } | null }): string | undefined {
  return payload.user.team_id ?? payload.team?.id;
}

/** One line naming the first problem (for the log). */
export function payloadProblem(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.join('.') || '(payload)'}: ${issue.message}` : 'invalid payload';
}
