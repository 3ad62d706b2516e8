/**
 * Modal submissions: the form's typed values go to the core, and the answer rides in the
 * acknowledgement — `response_action: errors` on the fields, `update` to a confirmation or result
 * view — within Slack's 3 s; a slow answer acknowledges with a loading view and updates it later.
 * A redelivered submission (same view, hash and values) gets the first answer, never a second write.
 */
import { createHash } from 'node:crypto';
import type { App as BoltApp } from '@slack/bolt';
import type { BotContext } from '../../bot/core/context.ts';
import { tr } from '../../bot/core/i18n.ts';
import type { InboundEvent } from '../../bot/core/inbound.ts';
import { TIMEOUT, within, type Pipeline } from '../../bot/core/pipeline.ts';
import type { Locale, Reply } from '../../bot/core/reply.ts';
import { WORDS } from '../../bot/core/words.ts';
import { homeTeamOf } from '../../security/slackPayloads.ts';
import type { Deliveries } from './deliveries.ts';
import { decodeMetadata, FIELD_BLOCK_PREFIX, FORM_CALLBACK_ID, INFO_CALLBACK_ID, renderFieldErrors, renderInfoView, renderLoadingView, reopenFormView, type ModalMetadata, type ModalView } from './modals.ts';
import { modalTitle, type Place, type Responder } from './replies.ts';

/** An acknowledgement body for a view submission (undefined closes the modal). */
export type ViewAck = { response_action: 'errors'; errors: Record<string, string> } | { response_action: 'update' | 'push'; view: ModalView } | undefined;

export interface SubmissionDeps {
  bolt: BoltApp;
  pipeline: Pipeline;
  deliveries: Deliveries<ViewAck>;
  responder: Responder;
  contextFor(team: string, user: string, name?: string): Promise<BotContext>;
  run(event: InboundEvent, ctx: BotContext): Promise<Reply>;
  later(work: () => Promise<void>): void;
  /** How long a submission may take before it is acknowledged with a loading view. */
  submitBudgetMs: number;
}

/** Registers the view_submission listeners (the form, and views with nothing to submit). */
export function listenForSubmissions(deps: SubmissionDeps): void {
  const { bolt, pipeline, deliveries, contextFor, run, later, submitBudgetMs } = deps;
  const client = bolt.client;
  const { formView, resultView, sideEffects } = deps.responder;

  bolt.view({ callback_id: FORM_CALLBACK_ID, type: 'view_submission' }, async ({ ack, body, view }) => {
    // The view version and what was typed: a corrected resubmission after field errors (same
    // view, same hash) is new work; the same values sent again are the same delivery.
    const typed = createHash('sha256').update(JSON.stringify(view.state.values)).digest('hex').slice(0, 16);
    const key = `view:${view.id}:${view.hash}:${typed}`;
    const first = deliveries.seen(key);
    if (first) {
      // The same answer as the first delivery; never a second submission.
      await ack(await first);
      return;
    }
    let settle!: (v: ViewAck) => void;
    deliveries.record(key, new Promise<ViewAck>((res) => (settle = res)));
    try {
      const team = homeTeamOf(body) ?? '';
      // One budget for the whole answer, locale lookup included, so the ack stays inside Slack's 3 s.
      const deadline = Date.now() + submitBudgetMs;
      const ctx = await within(contextFor(team, body.user.id, body.user.name), submitBudgetMs / 2).then((c) =>
        c === TIMEOUT ? pipeline.context({ userId: `slack:${team}:${body.user.id}`, surface: 'slack' }) : c,
      );
      const meta = decodeMetadata(view.private_metadata);
      const values: Record<string, string> = {};
      const fieldKeys: string[] = [];
      const labels: Record<string, string> = {};
      for (const b of (Array.isArray(view.blocks) ? view.blocks : []) as Array<{ type: string; block_id?: string; label?: { text: string } }>) {
        if (b.type === 'input' && b.block_id?.startsWith(FIELD_BLOCK_PREFIX) && b.label) labels[b.block_id.slice(FIELD_BLOCK_PREFIX.length)] = b.label.text;
      }
      for (const [blockId, elements] of Object.entries(view.state.values)) {
        if (!blockId.startsWith(FIELD_BLOCK_PREFIX)) continue;
        const key = blockId.slice(FIELD_BLOCK_PREFIX.length);
        fieldKeys.push(key);
        const el = Object.values(elements)[0] as { value?: string | null } | undefined;
        values[key] = el?.value ?? '';
      }
      const place: Place = { channel: meta.channel, viewId: view.id };
      const work = meta.form
        ? run({ kind: 'formSubmit', formId: meta.form, values }, ctx)
        : Promise.resolve(errorReply(ctx.locale));
      const r = await within(work, Math.max(0, deadline - Date.now()));
      if (r === TIMEOUT) {
        // Too slow to answer in the acknowledgement: show a loading view, update it when done.
        const loading: ViewAck = { response_action: 'update', view: renderLoadingView(ctx.locale) };
        settle(loading);
        await ack(loading);
        later(async () => {
          const done = await work;
          const next = done.fieldErrors && Object.keys(done.fieldErrors).length > 0
            ? reopenFormView(view as Parameters<typeof reopenFormView>[0], values, done.fieldErrors, labels, ctx.locale)
            : done.form
              ? formView(done, ctx, place)
              : resultView(done, ctx.locale);
          await client.views.update({ view_id: view.id, view: next });
          await sideEffects(done, ctx, place);
        });
        return;
      }
      const response = submissionAck(r, ctx, place, fieldKeys, meta);
      settle(response);
      await ack(response);
      later(() => sideEffects(r, ctx, place));
    } catch (err) {
      settle(undefined);
      throw err;
    }
  });

  const submissionAck = (r: Reply, ctx: BotContext, place: Place, fieldKeys: string[], meta: ModalMetadata): ViewAck => {
    if (r.fieldErrors && Object.keys(r.fieldErrors).length > 0) {
      return { response_action: 'errors', errors: renderFieldErrors(r.fieldErrors, fieldKeys) };
    }
    if (r.form) return { response_action: 'update', view: formView(r, ctx, place) };
    // Buttons (confirm a soft warning, edit) replace the form with a confirmation view.
    if (r.actions && r.actions.length > 0) return { response_action: 'update', view: renderInfoView(r, ctx.locale, modalTitle(ctx.locale), meta) };
    return { response_action: 'update', view: resultView(r, ctx.locale) };
  };

  // Result and confirmation views have no submit button; acknowledge anything that arrives anyway.
  bolt.view({ callback_id: INFO_CALLBACK_ID, type: 'view_submission' }, async ({ ack }) => {
    await ack();
  });
}

function errorReply(locale: Locale): Reply {
  return { blocks: [{ type: 'text', text: tr(locale, WORDS.formExpired.zh, WORDS.formExpired.en), style: 'error' }], ephemeral: true, isError: true };
}
