/**
 * The monthly-report flows, platform-neutral: report (submit · amend · none · show · backup),
 * missing, summary, compliance, export, admin and remind.
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
 * const bot = new Bot({ features: [createReportsFeature({ store, deadlines })], directory: store });
 * ```
 */
import { randomBytes } from 'node:crypto';
import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname, resolve, basename, extname } from 'node:path';
import type { Period, ReportStore, ReportValues, Unit, Warning } from '../../reports/index.ts';
import { buildSummary, exportCsv, exportXlsx, formatChinaTime, parseMonth, parseQuarter, periodLabel, quarterOf, revisionsCsv, lastDayBefore, deadline, defaultReportMonth, diffValues, unitHistory } from '../../reports/index.ts';
import type { BotContext, BotFeature, CommandHandler, Invocation } from '../context.ts';
import { tr } from '../i18n.ts';
import type { Action, Block, DirectMessage, Locale, Reply } from '../reply.ts';
import { reply } from '../reply.ts';
import { complianceReply, targetBlocks } from './compliance.ts';
import { reminderReply } from '../deadlines/messages.ts';
import { scheduleStatus, type DeadlineSetup } from '../deadlines/status.ts';
import { failureReply, fieldLabel, reportForm, STATUS_TEXT, t, valueFields, valueText } from './format.ts';

type Kind = 'submit' | 'amend' | 'none';
type Sub = Kind | 'show' | 'history';

interface Draft {
  userId: string;
  kind: Kind;
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
  /** The working-day calendar and reminder policy, for `/remind status`. */
  deadlines: DeadlineSetup;
}

/** Builds the reports feature on a store. See the module comment for the flows. */
export function createReportsFeature(deps: ReportsFeatureDeps): BotFeature {
  const { store, deadlines } = deps;
  const def = store.definition;
  const drafts = new Map<string, Draft>();

  const unitIndex = (name: string) => store.roster.units.findIndex((u) => u.name === name);
  const unitAt = (i: string) => store.roster.units[Number(i)];

  function newDraft(d: Omit<Draft, 'createdAt'>): string {
    const now = Date.now();
    for (const [k, v] of drafts) if (now - v.createdAt > DRAFT_TTL_MS || drafts.size > MAX_DRAFTS) drafts.delete(k);
    const id = randomBytes(6).toString('base64url');
    drafts.set(id, { ...d, createdAt: now });
    return id;
  }

  function draftOf(id: string, ctx: BotContext): Draft | Reply {
    const d = drafts.get(id);
    if (!d || d.userId !== ctx.user.id) {
      return reply.error(tr(ctx.locale, '这份草稿已失效（可能已提交或已过期），请重新发起 /report。', 'This draft has expired (or was already submitted); run /report again.'));
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
      return reply.error(tr(L, '请用 unit 参数指定单位，如 unit:城区。', 'Name the unit with the unit option, e.g. unit:城区.'));
    }
    if (inv.extra?.set || ctx.surface === 'cli') {
      // No buttons on the command line: say which units there are.
      return reply.error(tr(L, `你负责多个单位（${roles.units.join('、')}），请用 --unit 指定。`, `You report for several units (${roles.units.join(', ')}); name one with --unit.`), { error: 'choose_unit', units: roles.units });
    }
    const month = inv.options.month !== undefined ? String(inv.options.month) : '-';
    const actions: Action[] = roles.units.map((u) => ({ id: `report:pick:${sub}:${unitIndex(u)}:${month}`, label: u, style: 'primary' }));
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
    if (d.reason) blocks.push({ type: 'text', text: `${tr(L, '更正原因', 'Reason')}：${d.reason}`, style: 'muted' });
    if (d.warnings.length) {
      blocks.push({ type: 'text', text: d.warnings.map((w) => t(L, w.problem)).join('\n'), style: 'warning' });
      blocks.push({ type: 'text', text: `${tr(L, '说明', 'Explanation')}：${d.warningReason ?? ''}`, style: 'muted' });
    }
    return {
      blocks,
      actions: [
        { id: `report:confirm:${id}`, label: tr(L, '确认提交', 'Confirm'), style: 'primary' },
        { id: `report:edit:${id}`, label: tr(L, '修改', 'Edit'), style: 'secondary' },
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
        id: `report:why:${id}`,
        title: tr(L, '确认原因', 'Explain'),
        fields: [{ key: 'reason', label: tr(L, '原因（一句话）', 'Reason (one line)'), kind: 'text', required: true, maxLength: 200 }],
        submitLabel: tr(L, '继续', 'Continue'),
      },
      actions: [
        { id: `report:explain:${id}`, label: tr(L, '填写原因', 'Give a reason'), style: 'primary' },
        { id: `report:edit:${id}`, label: tr(L, '修改', 'Edit'), style: 'secondary' },
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
    if (sub === 'history') return history(chosen.unit, ctx);
    // With no month named, submit opens the oldest open month not yet reported (none: one that has ended).
    const named = inv.options.month !== undefined && String(inv.options.month).trim() !== '';
    const month = !named && (sub === 'submit' || sub === 'none') ? defaultReportMonth(store, chosen.unit, { ended: sub === 'none' }) : monthOf(inv);
    if (sub === 'show') return show(chosen.unit, month, ctx);
    const set = inv.extra?.set;
    const reason = inv.options.reason !== undefined ? String(inv.options.reason) : undefined;
    if (sub === 'none' || set) {
      if (sub === 'amend' && !reason?.trim()) {
        store.recordRefusal(ctx.user.id, 'report amend', 'reason_required');
        return reply.error(tr(L, '更正必须用 --reason 说明原因。', 'An amendment needs --reason.'), { error: 'reason_required' });
      }
      const r = store.write({ actor: ctx.user.id, unit: chosen.unit, month, kind: sub, raw: set, reason, acceptWarnings: inv.extra?.confirm === true });
      if (!r.ok) {
        if (r.code === 'warnings') {
          const f = failureReply(L, r);
          f.blocks.push({ type: 'text', text: tr(L, '确认无误请加 --confirm（并用 --reason 说明原因）重新提交。', 'If correct, run again with --confirm (and --reason).'), style: 'muted' });
          return f;
        }
        return failureReply(L, r);
      }
      return storedReply(L, r, sub);
    }
    const target = store.target(ctx.user.id, sub, chosen.unit, month);
    if (!target.ok) return failureReply(L, target);
    const initial = sub === 'amend' ? target.current?.values : undefined;
    const form = reportForm({ def, id: `report:form:${sub}:${unitIndex(target.unit.name)}:${target.month}`, unit: target.unit, month: target.month, L, initial, withReason: sub === 'amend' });
    const intro = sub === 'amend'
      ? tr(L, `更正 ${target.unit.name} ${target.month} 月报（当前第 ${target.current?.revisions ?? 0} 版），请填写更正原因。`, `Amend ${target.unit.name} ${target.month} (now revision ${target.current?.revisions ?? 0}); give a reason.`)
      : tr(L, `填报 ${target.unit.name} ${target.month} 月报（截止 ${lastDayBefore(deadline(target.month, store.dueDay))}）。本月无活动可用 /report none。`, `Monthly report for ${target.unit.name} ${target.month} (due ${lastDayBefore(deadline(target.month, store.dueDay))}). No activity? Use /report none.`);
    return { blocks: [{ type: 'text', text: intro }], form, ephemeral: true, data: { form: form.id, unit: target.unit.name, month: target.month } };
  }

  /** /report history: the unit's months with status, revision count and last change (China time). */
  function history(unitText: string, ctx: BotContext): Reply {
    const L = ctx.locale;
    const r = store.showFor(ctx.user.id, unitText, store.currentMonth());
    if (!r.ok) return failureReply(L, r);
    const lines = unitHistory(store, r.report.unit);
    const state = (h: (typeof lines)[number]) => {
      const st = STATUS_TEXT[h.status];
      const extra = h.returned ? tr(L, '，退回待改', ', returned') : h.noActivity ? tr(L, '，无活动', ', no activity') : '';
      return tr(L, st.zh, st.en) + extra;
    };
    return {
      blocks: [
        { type: 'text', text: tr(L, `${r.report.unit} 月报历史`, `${r.report.unit}: report history`), style: 'title' },
        {
          type: 'table',
          columns: [tr(L, '月份', 'Month'), tr(L, '状态', 'Status'), tr(L, '版本数', 'Revisions'), tr(L, '最后修改', 'Last change')],
          rows: lines.map((h) => [h.month, state(h), String(h.revisions), h.lastChange ? `${h.lastChange} ${h.lastChangeBy ?? ''}`.trim() : '—']),
        },
      ],
      ephemeral: true,
      data: { unit: r.report.unit, months: lines },
    };
  }

  function show(unitText: string, monthText: string, ctx: BotContext): Reply {
    const L = ctx.locale;
    const r = store.showFor(ctx.user.id, unitText, monthText);
    if (!r.ok) return failureReply(L, r);
    const v = r.report;
    const st = STATUS_TEXT[v.status];
    const blocks: Block[] = [
      { type: 'text', text: `${v.unit} ${v.month}：${tr(L, st.zh, st.en)}${v.revisions ? tr(L, `，第 ${v.revisions} 版`, `, revision ${v.revisions}`) : ''}`, style: 'title' },
    ];
    if (v.revisions > 0) blocks.push({ type: 'fields', fields: valueFields(def, v.values, L) });
    blocks.push({ type: 'text', text: tr(L, `截止 ${v.deadline}，锁定 ${v.lockDay}${v.locked ? '（已锁定）' : ''}`, `Due ${v.deadline}, locks ${v.lockDay}${v.locked ? ' (locked)' : ''}`), style: 'muted' });
    if (v.returned) blocks.push({ type: 'text', text: tr(L, `已被退回修改：${v.returned.comment}`, `Returned for correction: ${v.returned.comment}`), style: 'warning' });
    if (v.excused) blocks.push({ type: 'text', text: tr(L, `已批准免报：${v.excused.reason}`, `Excused: ${v.excused.reason}`), style: 'muted' });
    if (r.history.length > 0) {
      const KIND = { submit: tr(L, '填报', 'submit'), amend: tr(L, '更正', 'amend'), none: tr(L, '无活动', 'none') };
      blocks.push({
        type: 'table',
        title: tr(L, '修订记录', 'Revisions'),
        columns: [tr(L, '版本', 'Rev'), tr(L, '类型', 'Kind'), tr(L, '提交人', 'By'), tr(L, '时间', 'At'), tr(L, '原因', 'Reason')],
        rows: r.history.map((h) => [String(h.number), KIND[h.kind], h.userId, formatChinaTime(h.at), h.reason ?? '']),
      });
    }
    const actions: Action[] = [];
    if (v.revisions === 0 && v.status !== 'excused') actions.push({ id: `report:pick:submit:${unitIndex(v.unit)}:${v.month}`, label: tr(L, '填报', 'Submit'), style: 'primary' });
    else if (v.revisions > 0) actions.push({ id: `report:pick:amend:${unitIndex(v.unit)}:${v.month}`, label: tr(L, '更正', 'Amend') });
    return {
      blocks,
      actions,
      ephemeral: true,
      data: {
        unit: v.unit, month: v.month, status: v.status, values: v.values, revisions: v.revisions, noActivity: v.noActivity,
        returned: v.returned, excused: v.excused, deadline: v.deadline, lockDay: v.lockDay,
        history: r.history.map((h) => ({ number: h.number, kind: h.kind, userId: h.userId, at: h.at, reason: h.reason, values: h.values })),
      },
    };
  }

  /** Form submitted: validate, then warnings (reason) or the confirmation card. */
  function onForm(id: string, values: Record<string, string>, ctx: BotContext): Reply {
    const L = ctx.locale;
    const [, , kind, idx, month] = id.split(':');
    const unit = unitAt(idx ?? '');
    if (!unit || (kind !== 'submit' && kind !== 'amend') || !month) return reply.error(tr(L, '这个表单已失效，请重新发起 /report。', 'This form has expired; run /report again.'));
    const { reason, ...raw } = values;
    if (kind === 'amend' && !reason?.trim()) {
      return { ...reply.error(tr(L, '更正必须填写原因。', 'An amendment needs a reason.')), fieldErrors: { reason: tr(L, '请填写更正原因', 'Give a reason') } };
    }
    const p = store.prepare({ actor: ctx.user.id, unit: unit.name, month, kind, raw });
    if (!p.ok) {
      const r = failureReply(L, p);
      if (p.fieldErrors) {
        const draftId = newDraft({ userId: ctx.user.id, kind, unit: unit.name, month, raw: values, warnings: [], reason });
        r.actions = [{ id: `report:edit:${draftId}`, label: tr(L, '重新填写', 'Fix the form'), style: 'primary' }];
      }
      return r;
    }
    const draftId = newDraft({ userId: ctx.user.id, kind, unit: unit.name, month, raw: values, values: p.values, warnings: p.warnings, reason });
    const d = drafts.get(draftId)!;
    return p.warnings.length > 0 ? warningStep(L, draftId, d) : confirmCard(L, draftId, d);
  }

  function onWhy(id: string, values: Record<string, string>, ctx: BotContext): Reply {
    const L = ctx.locale;
    const draftId = id.split(':')[2] ?? '';
    const d = draftOf(draftId, ctx);
    if ('blocks' in d) return d;
    const why = (values.reason ?? '').trim().split(/\r?\n/)[0]!.trim();
    if (!why) return { ...reply.error(tr(L, '请用一句话说明原因。', 'Give a one-line reason.')), fieldErrors: { reason: tr(L, '请填写原因', 'Required') } };
    d.warningReason = why;
    return confirmCard(L, draftId, d);
  }

  async function onAction(id: string, ctx: BotContext): Promise<Reply> {
    const L = ctx.locale;
    const parts = id.split(':');
    const verb = parts[1];
    if (verb === 'pick') {
      const [, , sub, idx, month] = parts;
      const unit = unitAt(idx ?? '');
      if (!unit || !['submit', 'amend', 'none', 'show', 'history'].includes(sub ?? '')) return reply.error(tr(L, '这个按钮已失效。', 'This button has expired.'));
      return runReport(sub as Sub, { command: 'report', subcommand: sub, options: { unit: unit.name, ...(month && month !== '-' ? { month } : {}) } }, ctx);
    }
    const draftId = parts[2] ?? '';
    const d = draftOf(draftId, ctx);
    if ('blocks' in d) return d;
    const unit = store.roster.units.find((u) => u.name === d.unit) as Unit;
    if (verb === 'edit') {
      const form = reportForm({ def, id: `report:form:${d.kind}:${unitIndex(d.unit)}:${d.month}`, unit, month: d.month, L, initial: { ...d.values, ...d.raw }, withReason: d.kind === 'amend' });
      drafts.delete(draftId);
      return { blocks: [{ type: 'text', text: tr(L, '请修改后重新提交。', 'Edit and submit again.') }], form, ephemeral: true };
    }
    if (verb === 'explain') return warningStep(L, draftId, d);
    if (verb === 'confirm') {
      if (!d.values) return reply.error(tr(L, '草稿还没有通过校验，请选择「修改」。', 'The draft has not passed validation; choose Edit.'));
      if (d.warnings.length > 0 && !d.warningReason) return warningStep(L, draftId, d);
      const reason = [d.reason, d.warningReason].filter(Boolean).join('；') || undefined;
      const r = store.write({ actor: ctx.user.id, unit: d.unit, month: d.month, kind: d.kind, values: d.values, reason, acceptWarnings: true });
      if (!r.ok) return failureReply(L, r);
      drafts.delete(draftId);
      return storedReply(L, r, d.kind);
    }
    return reply.error(tr(L, '这个按钮已失效。', 'This button has expired.'));
  }

  // ── Coordinator commands ──────────────────────────────────────────────────────────────

  function monthOrError(inv: Invocation, ctx: BotContext, option = 'month'): { month: string } | Reply {
    const raw = inv.options[option];
    if (raw === undefined || String(raw).trim() === '') return { month: store.lastMonth() };
    const m = parseMonth(String(raw), store.now());
    if (!m.ok) return reply.error(t(ctx.locale, m.problem), { error: 'bad_month' });
    return { month: m.month };
  }

  const missing: CommandHandler = (inv, ctx) => {
    const L = ctx.locale;
    const m = monthOrError(inv, ctx);
    if ('blocks' in m) return m;
    const r = store.missing(m.month);
    const mentions = [...new Set(r.missing.flatMap((x) => x.reporters))];
    const blocks: Block[] = [
      { type: 'text', text: tr(L, `${r.month} 月报报送情况（截止 ${r.deadline}）`, `${r.month} reports (due ${r.deadline})`), style: 'title' },
      { type: 'fields', fields: [
        { label: tr(L, '应报', 'Expected'), value: String(r.expected) },
        { label: tr(L, '报送率', 'Completeness'), value: `${r.completeness}%` },
        { label: tr(L, '按时率', 'On time'), value: `${r.onTimeRate}%` },
      ] },
    ];
    const who = (reporters: string[]) => (reporters.length ? reporters.join(' ') : tr(L, '（未绑定报送人）', '(no reporter bound)'));
    blocks.push({
      type: 'text',
      text: r.missing.length
        ? `${r.overdue ? tr(L, '未报', 'Missing') : tr(L, '尚未报送', 'Not yet reported')}：\n${r.missing.map((x) => `• ${x.unit} ${who(x.reporters)}`).join('\n')}`
        : tr(L, '全部单位已报送或免报。', 'Every unit has reported or is excused.'),
      style: r.missing.length && r.overdue ? 'warning' : 'normal',
    });
    if (r.late.length) blocks.push({ type: 'text', text: `${tr(L, '迟报', 'Late')}：${r.late.map((x) => `${x.unit}（${x.submittedAt.slice(0, 10)}）`).join('、')}` });
    if (r.returned.length) blocks.push({ type: 'text', text: `${tr(L, '退回待改', 'Returned for correction')}${tr(L, '：', ': ')}${r.returned.map((x) => `${x.unit}${x.comment ? tr(L, `（${x.comment}）`, ` (${x.comment})`) : ''}`).join(tr(L, '、', ', '))}`, style: 'warning' });
    if (r.excused.length) blocks.push({ type: 'text', text: `${tr(L, '免报', 'Excused')}：${r.excused.map((x) => `${x.unit}${x.reason ? `（${x.reason}）` : ''}`).join('、')}`, style: 'muted' });
    const actions: Action[] = r.missing.length ? [{ id: `report:remind:${r.month}`, label: tr(L, '提醒未报单位', 'Remind them'), style: 'primary' }] : [];
    return { blocks, actions, mentions, ephemeral: true, data: r };
  };

  const summary: CommandHandler = (inv, ctx) => {
    const L = ctx.locale;
    const m = monthOrError(inv, ctx);
    if ('blocks' in m) return m;
    const s = buildSummary(store, m.month);
    const fields = s.fields;
    const short = (f: (typeof fields)[number]) => (L === 'en' ? (f.short?.en ?? f.label.en) : (f.short?.['zh-CN'] ?? f.label['zh-CN']));
    const fmt = (f: (typeof fields)[number], v: number | string | undefined) => valueText({ ...f, unit: undefined }, v, L);
    const rows = s.rows.map((r) => [r.unit, ...fields.map((f) => (r.values ? fmt(f, r.values[f.key]) : tr(L, STATUS_TEXT[r.status].zh, STATUS_TEXT[r.status].en)))]);
    rows.push([tr(L, '合计', 'Total'), ...fields.map((f) => fmt(f, s.total[f.key]))]);
    rows.push([tr(L, '本年累计', 'Year to date'), ...fields.map((f) => fmt(f, s.ytd[f.key]))]);
    if (s.lastYear) {
      rows.push([tr(L, '去年同期', 'Same month last year'), ...fields.map((f) => fmt(f, s.lastYear![f.key]))]);
      rows.push([tr(L, '同比', 'YoY'), ...fields.map((f) => { const y = s.yoy![f.key]; return y === null || y === undefined ? '—' : `${y > 0 ? '+' : ''}${y}%`; })]);
    }
    const blocks: Block[] = [
      { type: 'text', text: tr(L, `${s.month} 招商引资月报汇总（已报 ${s.reported}/${s.expected}）`, `${s.month} summary (${s.reported}/${s.expected} reported)`), style: 'title' },
      { type: 'table', columns: [tr(L, '单位', 'Unit'), ...fields.map((f) => `${short(f)}${f.type === 'decimal' ? tr(L, '(亿元)', '') : ''}`)], rows },
    ];
    const targets = targetBlocks(store, s.month, L);
    blocks.push(...targets.blocks);
    return {
      blocks,
      ephemeral: true,
      data: {
        month: s.month,
        units: s.rows.map((r) => ({ unit: r.unit, kind: r.kind, status: r.status, values: r.values })),
        total: s.total, ytd: s.ytd, lastYear: s.lastYear ?? null, lastYearYtd: s.lastYearYtd ?? null, yoy: s.yoy ?? null,
        reported: s.reported, expected: s.expected, targets: targets.data,
      },
    };
  };

  const exportCmd: CommandHandler = async (inv, ctx) => {
    const L = ctx.locale;
    const rawPeriod = String(inv.options.quarter ?? inv.options.year ?? inv.options.month ?? inv.options.period ?? '').trim();
    let period: Period;
    const quarter = parseQuarter(rawPeriod);
    if (rawPeriod === '') period = { kind: 'month', month: store.lastMonth() };
    else if (inv.options.quarter !== undefined || quarter.ok) {
      if (!quarter.ok) return reply.error(t(L, quarter.problem), { error: 'bad_period' });
      if (quarter.quarter > quarterOf(store.currentMonth())) return reply.error(tr(L, `${quarter.quarter} 还没有开始。`, `${quarter.quarter} has not started yet.`), { error: 'bad_period' });
      period = { kind: 'quarter', quarter: quarter.quarter };
    }
    else if (/^\d{4}\s*年?$/.test(rawPeriod.normalize('NFKC'))) {
      const year = Number(rawPeriod.normalize('NFKC').slice(0, 4));
      if (year < 2000 || String(year) > store.currentMonth().slice(0, 4)) return reply.error(tr(L, `年份不对：「${rawPeriod}」`, `Bad year: "${rawPeriod}"`), { error: 'bad_period' });
      period = { kind: 'year', year };
    } else {
      const m = parseMonth(rawPeriod, store.now());
      if (!m.ok) return reply.error(t(L, m.problem), { error: 'bad_period' });
      period = { kind: 'month', month: m.month };
    }
    const format = String(inv.options.format ?? (inv.extra?.out && extname(inv.extra.out).toLowerCase() === '.csv' ? 'csv' : 'xlsx')).toLowerCase();
    if (format !== 'xlsx' && format !== 'csv') return reply.error(tr(L, `格式只能是 xlsx 或 csv，收到「${format}」`, `Format must be xlsx or csv, got "${format}"`), { error: 'bad_format' });
    const label = periodLabel(period);
    const main = format === 'xlsx'
      ? { filename: `月报-${label}.xlsx`, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', data: await exportXlsx(store, period) }
      : { filename: `月报-${label}.csv`, contentType: 'text/csv; charset=utf-8', data: exportCsv(store, period) };
    const history = { filename: `月报-${label}-修订记录.csv`, contentType: 'text/csv; charset=utf-8', data: revisionsCsv(store, period) };
    // The workbook carries the revision history as a sheet; a CSV export gets it as a second CSV.
    const separateHistory = format === 'csv';
    const written: string[] = [];
    if (inv.extra?.out) {
      const out = resolve(inv.extra.out);
      mkdirSync(dirname(out), { recursive: true });
      writeFileSync(out, main.data);
      written.push(out);
      if (separateHistory) {
        const hist = resolve(dirname(out), `${basename(out, extname(out))}-修订记录.csv`);
        writeFileSync(hist, history.data);
        history.filename = basename(hist);
        written.push(hist);
      }
    }
    // With --out both files are already where the person asked; attaching the history too would
    // make the CLI drop a second copy in the working directory.
    return {
      blocks: [{ type: 'text', text: tr(L, `已导出 ${label} 月报（${format.toUpperCase()}）及修订记录。`, `Exported ${label} (${format.toUpperCase()}) with the revision history.`), style: 'success' }],
      attachments: written.length || !separateHistory ? [main] : [main, history],
      ephemeral: true,
      data: { period: label, format, files: written.length ? written : separateHistory ? [main.filename, history.filename] : [main.filename] },
    };
  };

  // ── admin ─────────────────────────────────────────────────────────────────────────────

  const opt = (inv: Invocation, k: string) => (inv.options[k] !== undefined ? String(inv.options[k]) : '');
  /** Mentions arrive as <@123> on Discord and <@U123> on Slack; the CLI passes full ids. */
  const userIdOf = (raw: string, ctx: BotContext) => {
    const m = /^<@!?([^>|]+)(?:\|[^>]*)?>$/.exec(raw.trim());
    if (!m) return raw.trim();
    const id = m[1]!;
    if (ctx.surface === 'discord') return `discord:${id}`;
    if (ctx.surface === 'slack') return `slack:${ctx.user.id.split(':')[1] ?? ''}:${id}`;
    return id;
  };

  const bindCmd = (op: 'bind' | 'unbind'): CommandHandler => (inv, ctx) => {
    const L = ctx.locale;
    const user = userIdOf(opt(inv, 'user'), ctx);
    const r = op === 'bind' ? store.bind(ctx.user.id, user, opt(inv, 'unit')) : store.unbind(ctx.user.id, user, opt(inv, 'unit'));
    if (!r.ok) return failureReply(L, r);
    const text = op === 'bind'
      ? r.changed ? tr(L, `已绑定：${user} 为「${r.unit}」报送人。`, `Bound ${user} as a reporter for ${r.unit}.`) : tr(L, `${user} 已经是「${r.unit}」报送人。`, `${user} already reports for ${r.unit}.`)
      : r.changed ? tr(L, `已解绑：${user} 不再是「${r.unit}」报送人。`, `Unbound ${user} from ${r.unit}.`) : tr(L, `${user} 本来就不是「${r.unit}」报送人。`, `${user} was not a reporter for ${r.unit}.`);
    return { ...reply.text(text, { style: 'success' }), mentions: [user], data: { ok: true, user, unit: r.unit, changed: r.changed, reporters: store.reportersOf(r.unit) } };
  };

  const monthAdmin = (op: 'reopen' | 'excuse' | 'return'): CommandHandler => (inv, ctx) => {
    const L = ctx.locale;
    const reason = opt(inv, 'reason');
    if (op === 'return') {
      const r = store.returnReport(ctx.user.id, opt(inv, 'unit'), opt(inv, 'month'), reason);
      if (!r.ok) return failureReply(L, r);
      const dms: DirectMessage[] = r.reporters.map((u) => ({
        userId: u,
        reply: {
          blocks: [{ type: 'text', text: `${r.unit} ${r.month} 月报已被退回修改：${reason}\n请用 /report amend 更正。\nYour ${r.month} report was returned: ${reason}`, style: 'warning' }],
          actions: [{ id: `report:pick:amend:${unitIndex(r.unit)}:${r.month}`, label: '更正 Amend', style: 'primary' }],
          ephemeral: false,
        },
      }));
      return { ...reply.text(tr(L, `已退回 ${r.unit} ${r.month}，意见：${reason}（已通知 ${r.reporters.length} 位报送人）`, `Returned ${r.unit} ${r.month}: ${reason} (notified ${r.reporters.length})`), { style: 'success' }), directMessages: dms, mentions: r.reporters, data: { ...r, comment: reason } };
    }
    const r = op === 'excuse' ? store.excuse(ctx.user.id, opt(inv, 'unit'), opt(inv, 'month'), reason) : store.reopen(ctx.user.id, opt(inv, 'unit'), opt(inv, 'month'), reason);
    if (!r.ok) return failureReply(L, r);
    const text = op === 'excuse'
      ? tr(L, `已批准 ${r.unit} ${r.month} 免报${reason ? `（${reason}）` : ''}。`, `Excused ${r.unit} for ${r.month}.`)
      : tr(L, `已重新开放 ${r.unit} ${r.month}，报送人可填报或更正至 ${'until' in r ? r.until : ''}。`, `Reopened ${r.unit} ${r.month} until ${'until' in r ? r.until : ''}.`);
    return { ...reply.text(text, { style: 'success' }), data: { ...r, reason } };
  };

  // ── remind ────────────────────────────────────────────────────────────────────────────

  const remindStatus: CommandHandler = (_inv, ctx) => {
    const status = scheduleStatus(store, deadlines, ctx.locale);
    return { blocks: status.blocks, ephemeral: true, data: status.data };
  };

  function remindFor(month: string, ctx: BotContext): Reply {
    const L = ctx.locale;
    const r = store.missing(month);
    const dms: DirectMessage[] = [];
    for (const x of r.missing) {
      for (const u of x.reporters) {
        const stage = r.overdue ? 'after' : 'manual';
        dms.push({ userId: u, reply: reminderReply(store, { unit: x.unit, month, dueDay: r.deadline, stage }, store.getLocale(u) ?? L) });
      }
    }
    const unbound = r.missing.filter((x) => x.reporters.length === 0).map((x) => x.unit);
    const blocks: Block[] = [
      { type: 'text', text: r.missing.length ? tr(L, `已向 ${dms.length} 位报送人发送 ${month} 月报提醒（${r.missing.map((x) => x.unit).join('、')}）。`, `Sent ${dms.length} reminders for ${month}.`) : tr(L, `${month} 所有单位都已报送，无需提醒。`, `Everyone has reported for ${month}.`), style: 'success' },
    ];
    if (unbound.length) blocks.push({ type: 'text', text: tr(L, `以下单位没有绑定报送人，无法提醒：${unbound.join('、')}`, `No reporter bound, not reminded: ${unbound.join(', ')}`), style: 'warning' });
    return { blocks, directMessages: dms, mentions: dms.map((d) => d.userId), ephemeral: true, data: { month, reminded: dms.map((d) => d.userId), units: r.missing.map((x) => x.unit), unbound } };
  }

  const remindSend: CommandHandler = (inv, ctx) => {
    const m = monthOrError(inv, ctx);
    if ('blocks' in m) return m;
    return remindFor(m.month, ctx);
  };

  const backup: CommandHandler = async (inv, ctx) => {
    const L = ctx.locale;
    const file = opt(inv, 'file').trim();
    if (!file) return reply.error(tr(L, '请给出备份文件路径。', 'Give a backup file path.'));
    const r = await store.backup(ctx.user.id, resolve(file));
    if (!r.ok) return failureReply(L, r);
    return { ...reply.text(tr(L, `已备份到 ${r.file}（${r.pages} 页）。`, `Backed up to ${r.file} (${r.pages} pages).`), { style: 'success' }), data: { ok: true, file: r.file, pages: r.pages } };
  };

  const remindAction = (id: string, ctx: BotContext): Reply => {
    if (!store.isCoordinator(ctx.user.id)) {
      store.recordRefusal(ctx.user.id, 'remind send', 'not a coordinator');
      return reply.error(tr(ctx.locale, '「提醒」仅限协调员使用。', 'Reminders are for coordinators only.'));
    }
    const month = id.split(':')[2] ?? store.dueMonth();
    return remindFor(month, ctx);
  };

  return {
    commands: {
      'report.submit': (inv, ctx) => runReport('submit', inv, ctx),
      'report.amend': (inv, ctx) => runReport('amend', inv, ctx),
      'report.none': (inv, ctx) => runReport('none', inv, ctx),
      'report.show': (inv, ctx) => runReport('show', inv, ctx),
      'report.history': (inv, ctx) => runReport('history', inv, ctx),
      'report.backup': backup,
      missing,
      summary,
      compliance: (inv, ctx) => complianceReply(store, inv, ctx),
      export: exportCmd,
      'admin.bind': bindCmd('bind'),
      'admin.unbind': bindCmd('unbind'),
      'admin.reopen': monthAdmin('reopen'),
      'admin.excuse': monthAdmin('excuse'),
      'admin.return': monthAdmin('return'),
      'remind.status': remindStatus,
      'remind.send': remindSend,
    },
    actions: {
      'report:remind:': remindAction,
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
  return reportForm({ def: store.definition, id: `report:form:submit:${store.roster.units.indexOf(u)}:${month}`, unit: u, month, L: locale });
}

