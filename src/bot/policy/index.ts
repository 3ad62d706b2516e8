/**
 * The policy feature: /search, /ask (with follow-up questions), /help and /lang.
 *
 * `ask` sends a question that concerns a rule (节能审查, 环评, 专业镇认定, 季度任务…) to the
 * rule module and anything else to clause search, so one entry point answers both kinds.
 */
import { getDefaultSearch } from '../../search/index.ts';
import { answerQuestion, routeQuestion, type RuleAnswer } from '../../rules/index.ts';
import type { BotContext, BotFeature, Invocation, UserDirectory } from '../context.ts';
import type { FormRequest } from '../form.ts';
import { tr, pick } from '../i18n.ts';
import type { Locale, Reply } from '../reply.ts';
import { reply } from '../reply.ts';
import { FollowUps } from './followUps.ts';
import { helpReply } from './help.ts';
import { ruleReply } from './ruleReply.ts';
import { searchReply } from './searchReply.ts';

/** Starts loading the clause index in the background (the bot answers other commands meanwhile). */
export { preloadDefaultSearch } from '../../search/index.ts';

export interface PolicyFeatureOptions {
  now: () => Date;
  /** Roles (for /help) and locale preferences (for /lang). */
  directory: UserDirectory;
  /** Hits shown for a search (default 5). */
  defaultLimit?: number;
}

const FOLLOW_UP_ACTION = 'ask:followup';
const FOLLOW_UP_FORM = 'ask:answers';

export function createPolicyFeature(options: PolicyFeatureOptions): BotFeature & { followUps: FollowUps } {
  const followUps = new FollowUps();
  const defaultLimit = options.defaultLimit ?? 5;

  const search = (query: string, limit: number, locale: Locale): Reply => searchReply(query, getDefaultSearch().search(query, { limit }), locale);

  const answered = (a: RuleAnswer, ctx: BotContext): Reply => {
    followUps.remember(ctx.user.id, a, ctx.now);
    return ruleReply(a, ctx.locale, a.missing.length > 0 ? FOLLOW_UP_ACTION : undefined);
  };

  const ask = (inv: Invocation, ctx: BotContext): Reply => {
    const question = String(inv.options.question ?? '');
    const limit = typeof inv.options.limit === 'number' ? inv.options.limit : defaultLimit;
    const a = question.trim() ? answerQuestion(question, { now: ctx.now }) : null;
    if (a) return answered(a, ctx);
    followUps.forget(ctx.user.id);
    const r = search(question, limit, ctx.locale);
    const data = r.data as { hits: unknown[] };
    return { ...r, data: { kind: 'search', ...data } };
  };

  /** Re-evaluates the pending rule with new text; undefined when the text added no fact. */
  const continueRule = (text: string, ctx: BotContext): Reply | undefined => {
    const pending = followUps.get(ctx.user.id, ctx.now);
    if (!pending) return undefined;
    const a = answerQuestion(text, { ruleId: pending.ruleId, priorFacts: pending.facts, now: ctx.now });
    if (!a) return undefined;
    const added = Object.keys(a.facts).some((k) => !(k in pending.facts)) || a.problems.length > 0;
    return added ? answered(a, ctx) : undefined;
  };

  const followUpForm = (ctx: BotContext): Reply => {
    const pending = followUps.get(ctx.user.id, ctx.now);
    if (!pending) return reply.error(tr(ctx.locale, '没有待补充的问题，请重新提问。', 'Nothing to follow up; please ask again.'));
    const form: FormRequest = {
      id: FOLLOW_UP_FORM,
      title: tr(ctx.locale, '补充信息', 'More facts'),
      submitLabel: tr(ctx.locale, '重新判断', 'Re-evaluate'),
      fields: pending.missing.slice(0, 5).map((m) => ({
        key: m.fact,
        label: truncate(pick(ctx.locale, m.question), 45),
        kind: 'text' as const,
        required: false,
        maxLength: 100,
      })),
    };
    return { blocks: [], ephemeral: true, form };
  };

  const submitAnswers = (values: Record<string, string>, ctx: BotContext): Reply => {
    const pending = followUps.get(ctx.user.id, ctx.now);
    if (!pending) return reply.error(tr(ctx.locale, '这次问答已过期，请重新提问。', 'This conversation expired; please ask again.'));
    // Each answer is read together with its own question, so a bare "300万" is understood in context.
    const text = pending.missing
      .filter((m) => (values[m.fact] ?? '').trim() !== '')
      .map((m) => `${m.question.zh}${values[m.fact]!.trim()}`)
      .join('；');
    if (!text) return reply.error(tr(ctx.locale, '没有填写任何信息。', 'No answer was given.'));
    const a = answerQuestion(text, { ruleId: pending.ruleId, priorFacts: pending.facts, now: ctx.now });
    return a ? answered(a, ctx) : reply.error(tr(ctx.locale, '没能理解补充的信息。', 'Could not understand the answers.'));
  };

  return {
    followUps,
    commands: {
      search: (inv, ctx) => search(String(inv.options.query ?? ''), typeof inv.options.limit === 'number' ? inv.options.limit : defaultLimit, ctx.locale),
      ask,
      help: (_inv, ctx) => helpReply(ctx.locale, options.directory.rolesOf(ctx.user.id)),
      lang: (inv, ctx) => {
        const locale = String(inv.options.locale ?? '');
        if (locale !== 'zh-CN' && locale !== 'en') return reply.error(tr(ctx.locale, '语言只能是 zh-CN 或 en。', 'Language must be zh-CN or en.'));
        options.directory.setLocale(ctx.user.id, locale);
        return { blocks: [{ type: 'text', text: locale === 'en' ? 'Language set to English.' : '界面语言已设为中文。', style: 'success' }], ephemeral: true, data: { locale } };
      },
    },
    actions: { [FOLLOW_UP_ACTION]: (_id, ctx) => followUpForm(ctx) },
    forms: { [FOLLOW_UP_FORM]: (_id, values, ctx) => submitAnswers(values, ctx) },
    converse: (text, ctx) => {
      // A text that is itself a rule question starts over; anything else may answer the pending one.
      if (routeQuestion(text)) return undefined;
      return continueRule(text, ctx);
    },
  };
}

function truncate(s: string, max: number): string {
  const chars = [...s];
  return chars.length <= max ? s : chars.slice(0, max - 1).join('') + '…';
}
