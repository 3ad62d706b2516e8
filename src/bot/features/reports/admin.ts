/**
 * Coordinator administration: bind and unbind reporters, reopen, excuse and return a month, and
 * back the database up. Permission is the Bot's (the commands' audience); the store records who
 * did what in its audit log.
 */
import type { Failure, ReportStore } from '../../../reports/index.ts';
import { backupFileName, backupPathIn } from '../../../reports/backups.ts';
import type { CommandHandler, Invocation } from '../../core/context.ts';
import { tr } from '../../core/i18n.ts';
import type { DirectMessage } from '../../core/reply.ts';
import { reply } from '../../core/reply.ts';
import { failureReply, unitName } from '../../shared/format.ts';
import { reportIds } from '../../shared/reportIds.ts';

/**
 * `backupDir` is the configured backup folder (POLICY_DESK_BACKUP_DIR): chat backups land only
 * there, under a name the bot chooses or a bare name the coordinator typed (`backupPathIn`).
 * A path, `../x.db` or an absolute path is refused. The CLI writes to its operator's path itself
 * (src/cli/main.ts), never through this handler.
 */
export function adminCommands(store: ReportStore, backupDir: string): Record<string, CommandHandler> {
  const opt = (inv: Invocation, k: string) => (inv.options[k] !== undefined ? String(inv.options[k]) : '');

  const bindCmd = (op: 'bind' | 'unbind'): CommandHandler => (inv, ctx) => {
    const L = ctx.locale;
    // Adapters turn platform mentions into namespaced ids (discord:…, slack:T…:U…) before this.
    const user = opt(inv, 'user').trim();
    const r = op === 'bind' ? store.bind(ctx.user.id, user, opt(inv, 'unit')) : store.unbind(ctx.user.id, user, opt(inv, 'unit'));
    if (!r.ok) return failureReply(L, r);
    const text = op === 'bind'
      ? r.changed ? tr(L, `已绑定：${user} 为「${r.unit}」报送人。`, `Bound ${user} as a reporter for ${unitName(store, r.unit, L)}.`) : tr(L, `${user} 已经是「${r.unit}」报送人。`, `${user} already reports for ${unitName(store, r.unit, L)}.`)
      : r.changed ? tr(L, `已解绑：${user} 不再是「${r.unit}」报送人。`, `Unbound ${user} from ${r.unit}.`) : tr(L, `${user} 本来就不是「${r.unit}」报送人。`, `${user} was not a reporter for ${r.unit}.`);
    return { ...reply.text(text, { style: 'success' }), mentions: [user], data: { ok: true, user, unit: r.unit, changed: r.changed, reporters: store.reportersOf(r.unit) } };
  };

  const monthAdmin = (op: 'reopen' | 'excuse' | 'return'): CommandHandler => (inv, ctx) => {
    const L = ctx.locale;
    const reason = opt(inv, 'reason');
    if (op === 'return') {
      const r = store.returnReport(ctx.user.id, opt(inv, 'unit'), opt(inv, 'month'), reason);
      if (!r.ok) return failureReply(L, r);
      // `/report amend` stays bare: the recipient's own surface spells it (spellCommands, commandRef.ts).
      const dms: DirectMessage[] = r.reporters.map((u) => ({
        userId: u,
        reply: {
          blocks: [{ type: 'text', text: `${r.unit} ${r.month} 月报已被退回修改：${reason}\n请用 /report amend 更正。\nYour ${r.month} report was returned: ${reason}. Use /report amend to correct it.`, style: 'warning' }],
          actions: [{ id: reportIds.pick({ sub: 'amend', unit: r.unit, month: r.month }), label: '更正 Amend', style: 'primary' }],
          ephemeral: false,
        },
      }));
      return { ...reply.text(tr(L, `已退回 ${r.unit} ${r.month}，意见：${reason}（私信通知 ${r.reporters.length} 位报送人，未送达的会另行列出）`, `Returned ${r.unit} ${r.month}: ${reason} (a direct message goes to ${r.reporters.length} reporter${r.reporters.length === 1 ? '' : 's'}; any not delivered are listed separately)`), { style: 'success' }), directMessages: dms, mentions: r.reporters, data: { ...r, comment: reason } };
    }
    const r = op === 'excuse' ? store.excuse(ctx.user.id, opt(inv, 'unit'), opt(inv, 'month'), reason) : store.reopen(ctx.user.id, opt(inv, 'unit'), opt(inv, 'month'), reason);
    if (!r.ok) return failureReply(L, r);
    const text = op === 'excuse'
      ? tr(L, `已批准 ${r.unit} ${r.month} 免报${reason ? `（${reason}）` : ''}。`, `Excused ${unitName(store, r.unit, L)} for ${r.month}.`)
      : tr(L, `已重新开放 ${r.unit} ${r.month}，报送人可填报或更正至 ${'until' in r ? r.until : ''}。`, `Reopened ${r.unit} ${r.month} until ${'until' in r ? r.until : ''}.`);
    return { ...reply.text(text, { style: 'success' }), data: { ...r, reason } };
  };

  const backup: CommandHandler = async (inv, ctx) => {
    const L = ctx.locale;
    const name = opt(inv, 'file').trim();
    let target: string;
    // A non-coordinator is refused (and audited) by the store whatever they typed.
    if (!store.rolesOf(ctx.user.id).coordinator) return failureReply(L, await store.backup(ctx.user.id, backupPathIn(backupDir, backupFileName(store.now()))) as Failure);
    try {
      target = name ? backupPathIn(backupDir, name) : backupPathIn(backupDir, backupFileName(store.now()));
    } catch (err) {
      return reply.error(L, {
        zh: (err as Error).message,
        en: `Backups from chat go only into the backup folder: give a bare file name (letters, digits, . _ -), not a path: "${name}"`,
      }, { error: 'path_refused', file: name });
    }
    const r = await store.backup(ctx.user.id, target);
    if (!r.ok) return failureReply(L, r);
    return { ...reply.text(tr(L, `已备份到 ${r.file}（${r.pages} 页）。`, `Backed up to ${r.file} (${r.pages} pages).`), { style: 'success' }), data: { ok: true, file: r.file, pages: r.pages } };
  };

  return {
    'admin.bind': bindCmd('bind'),
    'admin.unbind': bindCmd('unbind'),
    'admin.reopen': monthAdmin('reopen'),
    'admin.excuse': monthAdmin('excuse'),
    'admin.return': monthAdmin('return'),
    'report.backup': backup,
  };
}
