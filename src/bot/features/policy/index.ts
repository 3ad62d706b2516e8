/**
 * The policy feature: /search, /ask (with follow-up questions), /help and /lang.
 *
 * `ask` sends a question that concerns a rule (节能审查, 环评, 专业镇认定, 季度任务…) to the
 * rule module and anything else to clause search, so one entry point answers both kinds.
 */
import { getDefaultSearch, type ClauseSearch } from '../../../search/index.ts';
import { answerQuestion, bareFigureAnswer, extractFacts, readYesNo, routeQuestion, WHEN_FACTS, type FactKey, type RuleAnswer } from '../../../rules/index.ts';
import { commandRef, hearsReplies } from '../../core/commandRef.ts';
import { isCancel } from '../../core/words.ts';
import type { BotContext, BotFeature, Invocation, UserDirectory } from '../../core/context.ts';
import type { FormRequest } from '../../core/form.ts';
import { readLocaleName, tr, pick } from '../../core/i18n.ts';
import { closestCommand, commandHelpBlocks, usageBlocks } from '../../core/commandHelp.ts';
import { findCommandSpecByAlias } from '../../core/commandSpec.ts';
import type { Locale, Reply } from '../../core/reply.ts';
import { reply } from '../../core/reply.ts';
import { FollowUps, type PendingRule } from './followUps.ts';
import { helpReply } from './help.ts';
import { ruleReply } from './ruleReply.ts';
import { searchReply } from './searchReply.ts';
import { endsWithThanks, withoutCourtesy } from '../../../text/courtesy.ts';

export interface PolicyFeatureOptions {
  now: () => Date;
  /** Roles (for /help) and locale preferences (for /lang). */
  directory: UserDirectory;
  /** Hits shown for a search (default 5). */
  defaultLimit?: number;
  /** The index to search, asked for on every request (a live index swaps it); default the process-wide one. */
  search?: () => ClauseSearch;
}

const FOLLOW_UP_ACTION = 'ask:followup';
const FOLLOW_UP_FORM = 'ask:answers';

export function createPolicyFeature(options: PolicyFeatureOptions): BotFeature & { followUps: FollowUps } {
  const followUps = new FollowUps();
  const defaultLimit = options.defaultLimit ?? 5;

  const index = options.search ?? getDefaultSearch;
  const search = (query: string, limit: number, locale: Locale): Reply => searchReply(query, index().search(query, { limit }), locale);

  /** Titles of the documents the live index holds, by 文号: a rule citing a removed document says so. */
  const loadedTitle = (docNo: string): string | undefined => index().clauses.find((c) => c.docNo === docNo)?.title;

  /**
   * A question that names its own source document (按阳城县招商考核办法…, 阳政办发〔2025〕8号规定…)
   * other than the ones the rule rests on, or a 文号 no document has, asks what that document says:
   * the rule knows only its own sources, so the clauses answer it, never the rule's verdict.
   */
  const namesOtherSource = (question: string, a: RuleAnswer): boolean => {
    const named = index().documentsNamedIn(question);
    if (named.unknownDocNo) return true;
    const sources = new Set(a.citations.map((c) => c.docNo));
    return named.docs.length > 0 && !named.docs.some((d) => sources.has(d));
  };

  /**
   * A rule answered from city or provincial documents, asked about a place that has a document of
   * its own on the matter (泽州县工业项目准入管理办法 beside the city's energy-review threshold): the
   * local clause is shown after the verdict, so a stricter local rule is not hidden behind it. The
   * clause must be what search itself finds first for the question, in a document other than the
   * rule's sources whose title names the place.
   */
  const withLocalDocument = (r: Reply, question: string, a: RuleAnswer, locale: Locale): Reply => {
    const places = a.facts.places ?? [];
    if (places.length === 0) return r;
    const sources = new Set(a.citations.map((c) => c.docNo));
    const [hit] = index().search(question, { limit: 1 }).hits;
    if (!hit || sources.has(hit.docNo ?? '')) return r;
    const place = places.find((p) => hit.title.includes(p));
    if (!place) return r;
    const doc = hit.docNo ?? hit.title;
    return {
      ...r,
      blocks: [
        ...r.blocks,
        {
          type: 'text',
          style: 'warning',
          text: tr(locale, `另见：${place}有本地文件 ${doc} 也涉及此事，规定可能与上面的判断不同，请一并核对：`, `See also: ${place} has a local document, ${doc}, on this matter; it may differ from the verdict above, so check it too:`),
        },
        { type: 'citation', docNo: hit.docNo, title: hit.title, path: hit.path, quote: hit.text },
      ],
      data: { ...(r.data as object), localDocument: { docNo: hit.docNo, title: hit.title, path: hit.path } },
    };
  };

  const answered = (a: RuleAnswer, ctx: BotContext): Reply => {
    followUps.remember(ctx.user.id, a, ctx.now);
    const oneShot = ctx.surface === 'cli';
    return ruleReply(a, ctx.locale, a.missing.length > 0 ? FOLLOW_UP_ACTION : undefined, { hearsReplies: hearsReplies(ctx), ask: commandRef(ctx, 'ask'), oneShot }, loadedTitle, ctx.now);
  };

  const ask = (inv: Invocation, ctx: BotContext): Reply => {
    const question = String(inv.options.question ?? '');
    const limit = typeof inv.options.limit === 'number' ? inv.options.limit : defaultLimit;
    // 您好 / 谢谢 / 好的 alone asks nothing: a greeting back and how to ask, not an error.
    if (question.trim() && withoutCourtesy(question) === '') return greeting(ctx, endsWithThanks(question));
    // 取消 with nothing under way (a follow-up or a form would have taken it): nothing to cancel, no search.
    if (isCancel(question)) {
      return { blocks: [{ type: 'text', text: tr(ctx.locale, '当前没有进行中的追问或填报，无需取消。有新问题直接问即可。', 'Nothing is under way to cancel. Ask a new question any time.'), style: 'muted' }], ephemeral: true, data: { kind: 'nothing-to-cancel' } };
    }
    const a = question.trim() ? answerQuestion(question, { now: ctx.now }) : null;
    if (a && !namesOtherSource(question, a)) return withLocalDocument(answered(a, ctx), question, a, ctx.locale);
    followUps.forget(ctx.user.id);
    const r = search(question, limit, ctx.locale);
    const data = r.data as { hits: unknown[] };
    return { ...r, data: { kind: 'search', ...data } };
  };

  /** Re-evaluates the pending rule with new text; undefined when the text added no fact. */
  const continueRule = (text: string, ctx: BotContext): Reply | undefined => {
    const pending = followUps.get(ctx.user.id, ctx.now);
    if (!pending) return undefined;
    const a = answerQuestion(text, { ruleId: pending.ruleId, priorFacts: pending.facts, priorMonths: pending.monthly, now: ctx.now, expecting: pending.missing.map((m) => m.fact) });
    if (!a) return undefined;
    const f = (x: object, k: string) => JSON.stringify((x as Record<string, unknown>)[k]);
    const added = Object.keys(a.facts).some((k) => f(a.facts, k) !== f(pending.facts, k)) || a.problems.length > 0;
    return added ? answered(a, ctx) : undefined;
  };

  const followUpForm = (ctx: BotContext): Reply => {
    const pending = followUps.get(ctx.user.id, ctx.now);
    if (!pending || pending.missing.length === 0) return reply.error(ctx.locale, { zh: '没有待补充的问题，请重新提问。', en: 'Nothing to follow up; please ask again.' });
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
    if (!pending) return reply.error(ctx.locale, { zh: '这次问答已过期，请重新提问。', en: 'This conversation expired; please ask again.' });
    // Each answer is read together with its own question, so a bare "300万" is understood in context.
    const text = pending.missing
      .filter((m) => (values[m.fact] ?? '').trim() !== '')
      // A bare figure (300万) in a field is that field's fact in its unit; anything else is read after its question.
      .map((m) => bareFigureAnswer(m.fact as FactKey, values[m.fact]!) ?? `${m.question.zh}${values[m.fact]!.trim()}`)
      .join('；');
    if (!text) return reply.error(ctx.locale, { zh: '没有填写任何信息。', en: 'No answer was given.' });
    const a = answerQuestion(text, { ruleId: pending.ruleId, priorFacts: pending.facts, priorMonths: pending.monthly, now: ctx.now });
    return a ? answered(a, ctx) : reply.error(ctx.locale, { zh: '没能理解补充的信息。', en: 'Could not understand the answers.' });
  };

  return {
    followUps,
    commands: {
      search: (inv, ctx) => search(String(inv.options.query ?? ''), typeof inv.options.limit === 'number' ? inv.options.limit : defaultLimit, ctx.locale),
      ask,
      help: (inv, ctx) => {
        const asked = String(inv.options.command ?? '').trim().replace(/^[/／]/, '').replace(ctx.style?.commandPrefix?.replace(/^\//, '') ?? '', '');
        if (!asked) return helpReply(ctx.locale, options.directory.rolesOf(ctx.user.id), ctx.style?.commandPrefix);
        const [first, second] = asked.split(/\s+/);
        const spec = findCommandSpecByAlias(first!) ?? closestCommand(first!);
        if (!spec) return reply.error(ctx.locale, { zh: `没有「${asked}」这个命令，输入 ${commandRef(ctx, 'help')} 查看全部命令。`, en: `There is no command "${asked}". Type ${commandRef(ctx, 'help')} for the list.` });
        // /help admin bind: that subcommand alone, under its group's title.
        const sub = second ? spec.subcommands?.find((s) => s.name === second.toLowerCase() || s.nameZh === second) : undefined;
        if (sub) return { blocks: [commandHelpBlocks(spec, ctx)[0]!, ...usageBlocks(spec, sub.name, ctx)], ephemeral: true, data: { command: spec.name, subcommand: sub.name } };
        return { blocks: commandHelpBlocks(spec, ctx), ephemeral: true, data: { command: spec.name } };
      },
      lang: (inv, ctx) => {
        const locale = readLocaleName(String(inv.options.locale ?? ''));
        if (!locale) return reply.error(ctx.locale, { zh: '不认识这种语言。可用：zh-CN（中文、zh）或 en（English、英文）。', en: 'Unknown language. Use zh-CN (中文, zh) or en (English).' });
        options.directory.setLocale(ctx.user.id, locale);
        return { blocks: [{ type: 'text', text: locale === 'en' ? 'Language set to English.' : '界面语言已设为中文。', style: 'success' }], ephemeral: true, data: { locale } };
      },
    },
    actions: { [FOLLOW_UP_ACTION]: (_id, ctx) => followUpForm(ctx) },
    forms: { [FOLLOW_UP_FORM]: (_id, values, ctx) => submitAnswers(values, ctx) },
    converse: (text, ctx) => {
      const pending = followUps.get(ctx.user.id, ctx.now);
      if (!pending) return undefined;
      // A bare figure (300万) answers the one figure-question open: read as that fact, in its unit.
      const figures = pending.missing.filter((m) => bareFigureAnswer(m.fact as FactKey, '1') !== undefined);
      const bare = figures.length === 1 ? bareFigureAnswer(figures[0]!.fact as FactKey, text) : undefined;
      if (bare) return continueRule(bare, ctx);
      if (isCancel(text)) {
        followUps.forget(ctx.user.id);
        return { blocks: [{ type: 'text', text: tr(ctx.locale, '好的，已结束这次追问。有新问题直接问即可。', 'OK, this follow-up is closed. Ask a new question any time.'), style: 'muted' }], ephemeral: true, data: { kind: 'followup-cancelled' } };
      }
      // A text that is itself a rule question starts over.
      if (routeQuestion(text)) return undefined;
      // A text that carries none of the pending rule's facts is not an answer: a question that
      // finds clauses is a new search (ask forgets the follow-up); anything else (好的谢谢, ok)
      // is acknowledged without asking the same follow-up again.
      if (!carriesFactsOf(pending, text, ctx.now)) {
        // After a verdict nothing is awaited: the text is a new question (or thanks, which ask greets).
        if (pending.missing.length === 0) {
          followUps.forget(ctx.user.id);
          return undefined;
        }
        if (index().search(text, { limit: 1 }).hits.length > 0) return undefined;
        return acknowledge(ctx);
      }
      return continueRule(text, ctx);
    },
  };
}

/** A figure in the text (digits or Chinese numerals): what makes a problem an answer that could not be read (300多万), not a question (最高奖多少万元). */
const FIGURE = /[0-9０-９零〇一二两三四五六七八九十百千壹贰叁肆伍陆柒捌玖拾佰仟]/;

/** True when `text` states at least one fact the pending rule reads (a figure, a yes/no, or a figure it could not read). */
function carriesFactsOf(pending: PendingRule, text: string, now: Date): boolean {
  const { facts, problems } = extractFacts(pending.ruleId, text, undefined, { now });
  const asked = new Set(pending.missing.map((m) => m.fact));
  // A bare yes / no answers a question only while one is asked.
  // Where or when alone (泽州县的专业镇有哪些) states no fact of the pending rule, unless it asked for that.
  return (Object.keys(facts) as FactKey[]).some((k) => !WHEN_FACTS.has(k) || asked.has(k)) || (problems.length > 0 && FIGURE.test(text)) || (asked.size > 0 && readYesNo(text) !== undefined);
}

/** The reply to a message that is only a greeting, thanks or an acknowledgement. */
function greeting(ctx: BotContext, thanked: boolean): Reply {
  const text = tr(
    ctx.locale,
    `${thanked ? '不客气！有问题直接输入即可' : '您好！直接输入问题即可'}，例如「专业镇的认定标准是什么」「年综合能源消费量800吨标准煤，需要节能审查吗」；输入 ${commandRef(ctx, 'help')} 查看全部命令。`,
    `${thanked ? "You're welcome! Ask" : 'Hello! Just type'} a question any time, e.g. "What are the criteria for a specialty town?"; type ${commandRef(ctx, 'help')} for all commands.`,
  );
  return { blocks: [{ type: 'text', text, style: 'muted' }], ephemeral: true, data: { kind: 'greeting' } };
}

/** A remark that neither answers nor asks: say the follow-up is still open and how to leave it, once, briefly. */
function acknowledge(ctx: BotContext): Reply {
  const text = hearsReplies(ctx)
    ? tr(ctx.locale, '好的。这次追问仍然有效：可以直接补充信息，或回复「取消」结束。', 'OK. The follow-up is still open: reply with the missing facts, or "cancel" to end it.')
    : tr(ctx.locale, `好的。这次追问仍然有效：可以用 ${commandRef(ctx, 'ask')} 补充信息，或 ${commandRef(ctx, 'ask')} 取消 结束。`, `OK. The follow-up is still open: answer with ${commandRef(ctx, 'ask')}, or ${commandRef(ctx, 'ask')} cancel to end it.`);
  return { blocks: [{ type: 'text', text, style: 'muted' }], ephemeral: true, data: { kind: 'followup-open' } };
}

function truncate(s: string, max: number): string {
  const chars = [...s];
  return chars.length <= max ? s : chars.slice(0, max - 1).join('') + '…';
}
