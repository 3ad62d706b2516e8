/**
 * The reporter's flow, platform-neutral: report submit · amend · none (show and history, which
 * only read, are in unitViews.ts). Coordinator views (missing, summary, compliance, export) are
 * in views.ts, administration (admin …, report backup) in admin.ts; reminders are the deadlines
 * feature's.
 *
 * Chat surfaces walk a reporter through form → validation → soft warnings (with a one-line
 * reason) → a confirmation card showing exactly what will be stored → the stored revision.
 * The CLI passes `--set key=value` pairs (Invocation.extra.set) and skips the form: values are
 * validated and stored at once, and soft warnings stop it unless `--confirm`.
 *
 * Drafts between steps live in memory: they are not acknowledged, so losing one on a restart
 * loses nothing the person was told was saved.
 *
 * ```ts
 * const bot = new Bot({ features: [createReportsFeature({ store, backupDir })], directory: store });
 * ```
 */
import { randomBytes } from 'node:crypto';
import type { ReportStore, ReportValues, Unit, Warning } from '../../../reports/index.ts';
import { lastDayBefore, deadline, defaultReportMonth, diffValues } from '../../../reports/index.ts';
import { commandRef } from '../../core/commandRef.ts';
import type { BotContext, BotFeature, Invocation } from '../../core/context.ts';
import { labelled, tr } from '../../core/i18n.ts';
import { WORDS } from '../../core/words.ts';
import type { Action, Block, Locale, Reply } from '../../core/reply.ts';
import { reply } from '../../core/reply.ts';
import { adminCommands } from './admin.ts';
import { coordinatorViews } from './views.ts';
import { reportHistory, reportShow } from './unitViews.ts';
import { failureReply, reportForm, STATUS_TEXT, t, valueFields } from '../../shared/format.ts';
import { reportIds, type FormKind, type PickSub } from '../../shared/reportIds.ts';

type Sub = PickSub;
type Kind = Exclude<Sub, 'show' | 'history'>;

interface Draft {
  userId: string;
  kind: FormKind;
  unit: string;
  month: string;
  /** What the person typed (to prefill the form when they choose 修改). */
  raw: Record<string, string>;
  values?: ReportValues;
  warnings: Warning[];
  /** Amendment reason, and the reason given for the soft warnings. */
  reason?: string;
  warningReason?: string;
  createdAt: number;
}

const DRAFT_TTL_MS = 6 * 3600_000;
const MAX_DRAFTS = 2000;

export interface ReportsFeatureDeps {
  store: ReportStore;
  /** The configured backup folder (settings.backupDir): the only place `/report backup` writes from chat. */
  backupDir: string;
}

/** Builds the reports feature on a store. See the module comment for the flows. */
export function createReportsFeature(deps: ReportsFeatureDeps): BotFeature {
  const { store } = deps;
  const def = store.definition;
  const drafts = new Map<string, Draft>();

  const unitNamed = (name: string) => store.roster.units.find((u) => u.name === name);

  function newDraft(d: Omit<Draft, 'createdAt'>): string {
    const now = Date.now();
    for (const [k, v] of drafts) if (now - v.createdAt > DRAFT_TTL_MS || drafts.size > MAX_DRAFTS) drafts.delete(k);
    const id = randomBytes(6).toString('base64url');
    drafts.set(id, { ...d, createdAt: now });
    return id;
  }

  function draftOf(id: string, ctx: BotContext): Draft | Reply {
    const d = drafts.get(id);
    if (d && d.userId !== ctx.user.id) {
      // Someone else's button (a shared channel, a forwarded card): say so; their draft stays theirs.
      return reply.error(ctx.locale, { zh: '这不是你的草稿，只有发起填报的人可以确认或修改。', en: 'This draft is not yours; only the person who started it can confirm or edit it.' }, { error: 'not_yours' });
    }
    if (!d) {
      return reply.error(ctx.locale, { zh: `这份草稿已失效（可能已提交或已过期），请重新发起 ${commandRef(ctx, 'report')}。`, en: `This draft has expired (or was already submitted); run ${commandRef(ctx, 'report')} again.` });
    }
    return d;
  }

  /** Which unit a reporter means: the option, their only unit, or a choice (one button per unit). */
  function chooseUnit(sub: Sub, inv: Invocation, ctx: BotContext): { unit: string } | Reply {
    const L = ctx.locale;
    const given = inv.options.unit;
    if (given !== undefined && String(given).trim() !== '') return { unit: String(given) };
    const roles = store.rolesOf(ctx.user.id);
    if (roles.units.length === 1) return { unit: roles.units[0]! };
    if (roles.units.length === 0) {
      // Written as this surface takes an option: --unit on the command line, unit=城区 typed in chat.
      const example = ctx.surface === 'cli' ? '--unit 城区' : 'unit=城区';
      return reply.error(L, { zh: `请用 unit 参数指定单位，如 ${example}。`, en: `Name the unit with the unit option, e.g. ${example}.` });
    }
    if (inv.extra?.set || ctx.surface === 'cli') {
      // No buttons on the command line: say which units there are.
      return reply.error(L, { zh: `你负责多个单位（${roles.units.join('、')}），请用 --unit 指定。`, en: `You report for several units (${roles.units.join(', ')}); name one with --unit.` }, { error: 'choose_unit', units: roles.units });
    }
    const month = inv.options.month !== undefined ? String(inv.options.month) : undefined;
    const actions: Action[] = roles.units.map((u) => ({ id: reportIds.pick({ sub, unit: u, month }), label: u, style: 'primary' }));
    return {
      blocks: [{ type: 'text', text: tr(L, '你负责多个单位，请选择这次报送的单位：', 'You report for several units; choose one:') }],
      actions,
      ephemeral: true,
      data: { choose: roles.units },
    };
  }

  const monthOf = (inv: Invocation) => (inv.options.month !== undefined && String(inv.options.month).trim() !== '' ? String(inv.options.month) : store.dueMonth());

  function storedReply(L: Locale, r: { revision: number; report: { unit: string; month: string; status: string; values: ReportValues } }, kind: Kind): Reply {
    const verb = kind === 'amend' ? tr(L, '已更正', 'Amended') : kind === 'none' ? tr(L, '已报告本月无招商活动', 'Recorded: no activity this month') : tr(L, '已提交', 'Submitted');
    const status = STATUS_TEXT[r.report.status as keyof typeof STATUS_TEXT];
    return {
      blocks: [
        { type: 'text', text: `${verb}：${r.report.unit} ${r.report.month}（${tr(L, `第 ${r.revision} 版`, `revision ${r.revision}`)}，${tr(L, status.zh, status.en)}）`, style: 'success' },
        { type: 'fields', fields: valueFields(def, r.report.values, L) },
      ],
      ephemeral: true,
      data: { ok: true, unit: r.report.unit, month: r.report.month, revision: r.revision, status: r.report.status, values: r.report.values },
    };
  }

  /** What an amendment changes, old → new (field labels, no keys). */
  function changesBlock(L: Locale, before: ReportValues, after: ReportValues): Block {
    const changes = diffValues(def, before, after);
    return {
      type: 'text',
      text: changes.length
        ? tr(L, '修改内容：', 'Changes: ') + changes.map((c) => `${L === 'en' ? c.label.en : c.label['zh-CN']} ${c.before || '—'} → ${c.after || '—'}`).join(tr(L, '；', '; '))
        : tr(L, '没有修改任何数值。', 'Nothing changed.'),
      style: 'warning',
    };
  }

  /** The confirmation card: exactly what will be stored, with 确认提交 / 修改. */
  function confirmCard(L: Locale, id: string, d: Draft): Reply {
    const blocks: Block[] = [
      { type: 'text', text: tr(L, `请确认 ${d.unit} ${d.month} 将保存以下内容：`, `Please confirm: this will be stored for ${d.unit} ${d.month}:`), style: 'title' },
      { type: 'fields', fields: valueFields(def, d.values!, L) },
    ];
    if (d.kind === 'amend') blocks.push(changesBlock(L, store.show(d.unit, d.month).values, d.values!));
    if (d.reason) blocks.push({ type: 'text', text: `${labelled(L, '更正原因', 'Reason')}${d.reason}`, style: 'muted' });
    if (d.warnings.length) {
      blocks.push({ type: 'text', text: d.warnings.map((w) => t(L, w.problem)).join('\n'), style: 'warning' });
      blocks.push({ type: 'text', text: `${labelled(L, '说明', 'Explanation')}${d.warningReason ?? ''}`, style: 'muted' });
    }
    return {
      blocks,
      actions: [
        { id: reportIds.confirm(id), label: tr(L, '确认提交', 'Confirm'), style: 'primary' },
        { id: reportIds.edit(id), label: tr(L, '修改', 'Edit'), style: 'secondary' },
      ],
      ephemeral: true,
      data: { draft: id, unit: d.unit, month: d.month, values: d.values, warnings: d.warnings.map((w) => w.problem.zh) },
    };
  }

  /** The reason form asked when soft warnings come up. */
  function warningStep(L: Locale, id: string, d: Draft): Reply {
    return {
      blocks: [
        { type: 'text', text: tr(L, '以下数据需要确认：', 'These figures need confirming:'), style: 'warning' },
        ...d.warnings.map((w): Block => ({ type: 'text', text: t(L, w.problem), style: 'warning' })),
        { type: 'text', text: tr(L, '如数据无误，请用一句话说明原因后继续；否则选择「修改」。', 'If the figures are right, give a one-line reason; otherwise choose Edit.') },
      ],
      form: {
        id: reportIds.why(id),
        title: tr(L, '确认原因', 'Explain'),
        fields: [{ key: 'reason', label: tr(L, '原因（一句话）', 'Reason (one line)'), kind: 'text', required: true, maxLength: 200 }],
        submitLabel: tr(L, '继续', 'Continue'),
      },
      actions: [
        { id: reportIds.explain(id), label: tr(L, '填写原因', 'Give a reason'), style: 'primary' },
        { id: reportIds.edit(id), label: tr(L, '修改', 'Edit'), style: 'secondary' },
      ],
      ephemeral: true,
      data: { draft: id, warnings: d.warnings.map((w) => ({ code: w.code, field: w.field, message: w.problem.zh })) },
    };
  }

  /** submit / amend / none / show for a chosen unit. */
  async function runReport(sub: Sub, inv: Invocation, ctx: BotContext): Promise<Reply> {
    const L = ctx.locale;
    const chosen = chooseUnit(sub, inv, ctx);
    if ('blocks' in chosen) return chosen;
    if (sub === 'history') return reportHistory(store, chosen.unit, ctx);
    // With no month named, submit opens the oldest open month not yet reported (none: one that has ended).
    const named = inv.options.month !== undefined && String(inv.options.month).trim() !== '';
    const month = !named && (sub === 'submit' || sub === 'none') ? defaultReportMonth(store, chosen.unit, { ended: sub === 'none' }) : monthOf(inv);
    if (sub === 'show') return reportShow(store, chosen.unit, month, ctx);
    const set = inv.extra?.set;
    const reason = inv.options.reason !== undefined ? String(inv.options.reason) : undefined;
    if (sub === 'none' || set) {
      if (sub === 'amend' && !reason?.trim()) {
        store.recordRefusal(ctx.user.id, 'report amend', 'reason_required');
        return reply.error(L, { zh: '更正必须用 --reason 说明原因。', en: 'An amendment needs --reason.' }, { error: 'reason_required' });
      }
      const r = store.write({ actor: ctx.user.id, unit: chosen.unit, month, kind: sub, raw: set, reason, acceptWarnings: inv.extra?.confirm === true });
      if (!r.ok) {
        if (r.code === 'warnings') {
          // The first line is all a terminal shows of a failure, so it says how to go on: the flag
          // on the command line, the button in chat.
          const how = ctx.surface === 'cli' || set
            ? { zh: `如数据无误，请加 --confirm 重新运行${sub === 'amend' ? '' : '（可用 --reason 说明原因）'}`, en: `If the figures are right, run it again with --confirm${sub === 'amend' ? '' : ' (and --reason to say why)'}` }
            : { zh: '如数据无误，请在表单中填写原因并按「确认提交」', en: 'If the figures are right, give a reason in the form and press Confirm' };
          return failureReply(L, { ...r, problem: { zh: `${r.problem.zh}。${how.zh}。`, en: `${r.problem.en}. ${how.en}.` } });
        }
        return failureReply(L, r);
      }
      return storedReply(L, r, sub);
    }
    const target = store.target(ctx.user.id, sub, chosen.unit, month);
    if (!target.ok) return failureReply(L, target);
    const initial = sub === 'amend' ? target.current?.values : undefined;
    const form = reportForm({ def, id: reportIds.form({ kind: sub, unit: target.unit.name, month: target.month }), unit: target.unit, month: target.month, L, initial, withReason: sub === 'amend' });
    const intro = sub === 'amend'
      ? tr(L, `更正 ${target.unit.name} ${target.month} 月报（当前第 ${target.current?.revisions ?? 0} 版），请填写更正原因。`, `Amend ${target.unit.name} ${target.month} (now revision ${target.current?.revisions ?? 0}); give a reason.`)
      : tr(L, `填报 ${target.unit.name} ${target.month} 月报（截止 ${lastDayBefore(deadline(target.month, store.dueDay))}）。本月无活动可用 ${commandRef(ctx, 'report', 'none')}。`, `Monthly report for ${target.unit.name} ${target.month} (due ${lastDayBefore(deadline(target.month, store.dueDay))}). No activity? Use ${commandRef(ctx, 'report', 'none')}.`);
    return { blocks: [{ type: 'text', text: intro }], form, ephemeral: true, data: { form: form.id, unit: target.unit.name, month: target.month } };
  }

  /** Form submitted: validate, then warnings (reason) or the confirmation card. */
  function onForm(id: string, values: Record<string, string>, ctx: BotContext): Reply {
    const L = ctx.locale;
    const target = reportIds.parseForm(id);
    const unit = target && unitNamed(target.unit);
    if (!target || !unit) return reply.error(L, WORDS.formExpired);
    const { kind, month } = target;
    const { reason, ...raw } = values;
    if (kind === 'amend' && !reason?.trim()) {
      return { ...reply.error(L, { zh: '更正必须填写原因。', en: 'An amendment needs a reason.' }), fieldErrors: { reason: tr(L, '请填写更正原因', 'Give a reason') } };
    }
    const p = store.prepare({ actor: ctx.user.id, unit: unit.name, month, kind, raw });
    if (!p.ok) {
      const r = failureReply(L, p);
      if (p.fieldErrors) {
        const draftId = newDraft({ userId: ctx.user.id, kind, unit: unit.name, month, raw: values, warnings: [], reason });
        r.actions = [{ id: reportIds.edit(draftId), label: tr(L, '重新填写', 'Fix the form'), style: 'primary' }];
      }
      return r;
    }
    const draftId = newDraft({ userId: ctx.user.id, kind, unit: unit.name, month, raw: values, values: p.values, warnings: p.warnings, reason });
    const d = drafts.get(draftId)!;
    return p.warnings.length > 0 ? warningStep(L, draftId, d) : confirmCard(L, draftId, d);
  }

  function onWhy(id: string, values: Record<string, string>, ctx: BotContext): Reply {
    const L = ctx.locale;
    const draftId = reportIds.draftOf(id);
    const d = draftOf(draftId, ctx);
    if ('blocks' in d) return d;
    const why = (values.reason ?? '').trim().split(/\r?\n/)[0]!.trim();
    if (!why) return { ...reply.error(L, { zh: '请用一句话说明原因。', en: 'Give a one-line reason.' }), fieldErrors: { reason: tr(L, '请填写原因', 'Required') } };
    d.warningReason = why;
    return confirmCard(L, draftId, d);
  }

  async function onAction(id: string, ctx: BotContext): Promise<Reply> {
    const L = ctx.locale;
    const parts = id.split(':');
    const verb = parts[1];
    if (verb === 'pick') {
      const picked = reportIds.parsePick(id);
      const unit = picked && unitNamed(picked.unit);
      if (!picked || !unit) return reply.error(L, WORDS.buttonExpired);
      return runReport(picked.sub, { command: 'report', subcommand: picked.sub, options: { unit: unit.name, ...(picked.month ? { month: picked.month } : {}) } }, ctx);
    }
    const draftId = reportIds.draftOf(id);
    const d = draftOf(draftId, ctx);
    if ('blocks' in d) return d;
    const unit = store.roster.units.find((u) => u.name === d.unit) as Unit;
    if (verb === 'edit') {
      const form = reportForm({ def, id: reportIds.form({ kind: d.kind, unit: d.unit, month: d.month }), unit, month: d.month, L, initial: { ...d.values, ...d.raw }, withReason: d.kind === 'amend' });
      drafts.delete(draftId);
      return { blocks: [{ type: 'text', text: tr(L, '请修改后重新提交。', 'Edit and submit again.') }], form, ephemeral: true };
    }
    if (verb === 'explain') return warningStep(L, draftId, d);
    if (verb === 'confirm') {
      if (!d.values) return reply.error(L, { zh: '草稿还没有通过校验，请选择「修改」。', en: 'The draft has not passed validation; choose Edit.' });
      if (d.warnings.length > 0 && !d.warningReason) return warningStep(L, draftId, d);
      const reason = [d.reason, d.warningReason].filter(Boolean).join('；') || undefined;
      const r = store.write({ actor: ctx.user.id, unit: d.unit, month: d.month, kind: d.kind, values: d.values, reason, acceptWarnings: true });
      if (!r.ok) return failureReply(L, r);
      drafts.delete(draftId);
      return storedReply(L, r, d.kind);
    }
    return reply.error(L, WORDS.buttonExpired);
  }

  return {
    commands: {
      'report.submit': (inv, ctx) => runReport('submit', inv, ctx),
      'report.amend': (inv, ctx) => runReport('amend', inv, ctx),
      'report.none': (inv, ctx) => runReport('none', inv, ctx),
      'report.show': (inv, ctx) => runReport('show', inv, ctx),
      'report.history': (inv, ctx) => runReport('history', inv, ctx),
      ...coordinatorViews(store),
      ...adminCommands(store, deps.backupDir),
    },
    actions: {
      'report:': onAction,
    },
    forms: {
      'report:why:': onWhy,
      'report:form:': onForm,
    },
  };
}

/** The monthly report form for a unit and month, derived from the definition (for surfaces that open it directly). */
export function reportFormFor(store: ReportStore, unit: string, month: string, locale: Locale = 'zh-CN') {
  const u = store.roster.units.find((x) => x.name === unit);
  if (!u) return undefined;
  return reportForm({ def: store.definition, id: reportIds.form({ kind: 'submit', unit: u.name, month }), unit: u, month, L: locale });
}

