/**
 * Showing one Reply on Slack: where the answer goes (`respond` on the response_url, a modal
 * updated in place, or the DM), a form opened as a modal while the trigger_id is fresh (a loading
 * modal first when the bot is slow), and what a Reply asks besides being shown — file uploads,
 * DMs to other people, and the report of those that could not be delivered.
 */
import type { RespondFn, webApi } from '@slack/bolt';
import type { BotContext } from '../../bot/core/context.ts';
import { TIMEOUT, within, type Pipeline } from '../../bot/core/pipeline.ts';
import type { Locale, Reply } from '../../bot/core/reply.ts';
import { PRODUCT_NAME } from '../../bot/core/words.ts';
import { fit, LIMITS } from './blockKit.ts';
import { dmChannel as openDm, messagePayload, parseSlackUserId } from './messenger.ts';
import { renderFormView, renderInfoView, renderLoadingView, type ModalMetadata, type ModalView } from './modals.ts';

/** Where an answer goes: the response_url of a message or command, and the channel it came from. */
export interface Place {
  respond?: RespondFn;
  channel?: string;
  /** The source message is ephemeral, so a personal answer may replace it (buttons disappear). */
  replaceable?: boolean;
  /** The modal the interaction came from, answered with views.update. */
  viewId?: string;
  triggerId?: string;
}

export function modalTitle(locale: Locale): string {
  void locale; // one name in every language, as the console and the manifest show it
  return PRODUCT_NAME;
}

/** What shows a Reply, for the listeners. */
export interface Responder {
  /** Runs the bot's answer to a command or a button and shows it (a form as a modal). */
  answer(work: Promise<Reply>, ctx: BotContext, place: Place): Promise<void>;
  /** Shows a reply without a form where the interaction came from. */
  tell(ctx: BotContext, place: Place, r: Reply): Promise<void>;
  /** Uploads, DMs to others, and the report of failed DMs. */
  sideEffects(r: Reply, ctx: BotContext, place: Place): Promise<void>;
  resultView(r: Reply, locale: Locale, meta?: ModalMetadata): ModalView;
  formView(r: Reply, ctx: BotContext, place: Place): ModalView;
}

export function createResponder(client: webApi.WebClient, pipeline: Pipeline, modalBudgetMs: number): Responder {
  const dmChannel = (user: string): Promise<string> => openDm(client, user);

  /** Uploads, DMs to others, and the report of failed DMs: everything a Reply asks besides showing it. */
  const sideEffects = async (r: Reply, ctx: BotContext, place: Place): Promise<void> => {
    const me = parseSlackUserId(ctx.user.id)!;
    for (const a of r.attachments ?? []) {
      // A personal file (an export) goes to the person's DM; a public one to the channel it was asked in.
      const channel = !r.ephemeral && place.channel ? place.channel : await dmChannel(me.user);
      await client.filesUploadV2({
        channel_id: channel,
        file: a.data,
        filename: a.filename,
        title: a.filename,
        ...(a.description ? { initial_comment: fit(a.description, LIMITS.sectionText) } : {}),
      });
    }
    const report = await pipeline.deliver(r, ctx);
    // Reported as a message (respond or DM), so a result shown in a modal stays visible.
    if (report) await tell(ctx, { ...place, viewId: undefined }, report);
  };

  /** Shows a reply without a form where the interaction came from. */
  const tell = async (ctx: BotContext, place: Place, r: Reply): Promise<void> => {
    const message = messagePayload(r, ctx.locale);
    if (place.viewId) {
      await client.views.update({ view_id: place.viewId, view: resultView(r, ctx.locale) });
    } else if (place.respond) {
      await place.respond({
        response_type: r.ephemeral ? 'ephemeral' : 'in_channel',
        replace_original: Boolean(place.replaceable && r.ephemeral),
        ...message,
      });
    } else {
      const me = parseSlackUserId(ctx.user.id)!;
      await client.chat.postMessage({ channel: await dmChannel(me.user), ...message });
    }
  };

  const resultView = (r: Reply, locale: Locale, meta: ModalMetadata = {}): ModalView => ({
    ...renderInfoView(r, locale, modalTitle(locale), meta),
    // Closing a result closes the whole modal, not back to the form underneath.
    clear_on_close: true,
  });

  const formView = (r: Reply, ctx: BotContext, place: Place): ModalView =>
    renderFormView(r.form!, r.blocks.length > 0 || (r.actions?.length ?? 0) > 0 ? r : undefined, ctx.locale, { channel: place.channel });

  /**
   * Runs the bot for a command or a button and shows the answer. A form opens as a modal while
   * the trigger_id is fresh; if the bot has not answered within the budget, a loading modal
   * holds the trigger and is updated when the answer arrives.
   */
  const answer = async (work: Promise<Reply>, ctx: BotContext, place: Place): Promise<void> => {
    const early = place.triggerId && !place.viewId ? await within(work, modalBudgetMs) : await work;
    let r: Reply;
    if (early === TIMEOUT) {
      const loading = await client.views.open({ trigger_id: place.triggerId!, view: renderLoadingView(ctx.locale) });
      r = await work;
      const viewId = loading.view?.id;
      if (!viewId) throw new Error('views.open returned no view id');
      await client.views.update({ view_id: viewId, view: r.form ? formView(r, ctx, place) : resultView(r, ctx.locale) });
    } else {
      r = early;
      if (r.form && place.viewId) {
        await client.views.update({ view_id: place.viewId, view: formView(r, ctx, place) });
      } else if (r.form) {
        await client.views.open({ trigger_id: place.triggerId!, view: formView(r, ctx, place) });
      } else {
        await tell(ctx, place, r);
      }
    }
    await sideEffects(r, ctx, place);
  };

  return { answer, tell, sideEffects, resultView, formView };
}
