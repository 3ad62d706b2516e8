/**
 * `npx policy-desk doctor`: what an office IT person runs first. Checks the settings, the config
 * files, the database (schema version, integrity, WAL size), the corpus, the holiday table's
 * coverage of the coming year, the backup folder, and each configured platform's credentials
 * with one harmless API call. Prints one line per check in Chinese (with English), and for each
 * problem how to fix it. Exit 0 when nothing is wrong (warnings allowed), 1 otherwise.
 *
 * Platforms are called with plain `fetch` against the configured API base URLs
 * (DISCORD_API_URL, SLACK_API_URL, DINGTALK_API_URL), so a fake server on loopback can stand in.
 */
import { accessSync, constants, existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { loadCorpus, DEFAULT_CORPUS_DIR } from '../corpus/index.ts';
import { DEFINITION_FILE, MIGRATIONS, ROSTER_FILE, loadDefinition, loadRoster, loadWorkCalendar } from '../reports/index.ts';
import { clock, readSettings, type Settings } from '../settings.ts';

export type Severity = 'ok' | 'warn' | 'fail';

export interface Finding {
  severity: Severity;
  /** What was checked: 设置, 数据库, 语料, … */
  area: string;
  /** What was found (Chinese first, English after). */
  message: string;
  /** How to fix it, when something is wrong. */
  fix?: string;
}

export interface DoctorOptions {
  /** The environment to read settings from (default process.env). */
  env?: Record<string, string | undefined>;
  /** Already-read settings (skips reading `env`). */
  settings?: Settings;
  out?: NodeJS.WritableStream;
  definitionFile?: string;
  rosterFile?: string;
  corpusDir?: string;
  /** Per platform call (default 5 s). */
  timeoutMs?: number;
}

/** A WAL file larger than this means checkpoints are not keeping up (a reader held open?). */
const WAL_WARN_BYTES = 64 * 1024 * 1024;
/** A daily backup older than this (while the bot is meant to run them) is worth a warning. */
const BACKUP_STALE_MS = 3 * 86_400_000;

const ok = (area: string, message: string): Finding => ({ severity: 'ok', area, message });
const warn = (area: string, message: string, fix?: string): Finding => ({ severity: 'warn', area, message, fix });
const bad = (area: string, message: string, fix: string): Finding => ({ severity: 'fail', area, message, fix });

function checkConfig(o: DoctorOptions, settings: Settings): Finding[] {
  const out: Finding[] = [];
  const files: Array<[string, () => unknown, string]> = [
    ['报表定义', () => loadDefinition(o.definitionFile ?? DEFINITION_FILE), o.definitionFile ?? DEFINITION_FILE],
    ['单位名册', () => loadRoster(o.rosterFile ?? ROSTER_FILE), o.rosterFile ?? ROSTER_FILE],
    ['节假日表', () => loadWorkCalendar(settings.deadlines.holidaysPath), settings.deadlines.holidaysPath],
  ];
  for (const [area, load, file] of files) {
    try {
      load();
      out.push(ok(area, `${file} 正常`));
    } catch (err) {
      out.push(bad(area, (err as Error).message.split('\n').join(' '), `按提示修改 ${file}（行号、条目名见上）；可对照 git 中的原文件：git diff ${file}`));
    }
  }
  return out;
}

function checkHolidays(settings: Settings): Finding[] {
  let calendar;
  try {
    calendar = loadWorkCalendar(settings.deadlines.holidaysPath);
  } catch {
    return []; // already reported with the config files
  }
  const now = clock(settings)();
  const china = new Date(now.getTime() + 8 * 3600_000);
  const year = china.getUTCFullYear();
  const daysLeft = (Date.UTC(year + 1, 0, 1) - china.getTime()) / 86_400_000;
  const fix = (y: number) => `按国务院办公厅《关于${y}年部分节假日安排的通知》在 ${settings.deadlines.holidaysPath} 中添加 "${y}" 一节（复制上一年的格式）`;
  if (!calendar.covers(year)) return [bad('节假日表', `节假日表没有 ${year} 年：提醒和催报会把法定假日当作工作日 (no ${year} holidays)`, fix(year))];
  // Reminders for January go out in late December, so the next year is needed by then.
  if (!calendar.covers(year + 1) && daysLeft <= 30) {
    return [warn('节假日表', `节假日表还没有 ${year + 1} 年 (no ${year + 1} holidays yet)`, fix(year + 1))];
  }
  return [ok('节假日表', `覆盖 ${year} 年${calendar.covers(year + 1) ? `和 ${year + 1} 年` : ''}`)];
}

function checkDatabase(settings: Settings): Finding[] {
  const file = settings.dbPath;
  if (!existsSync(file)) {
    let dir = dirname(file);
    while (!existsSync(dir) && dirname(dir) !== dir) dir = dirname(dir);
    try {
      accessSync(dir, constants.W_OK);
      return [ok('数据库', `${file} 尚未创建，首次使用时自动创建`)];
    } catch {
      return [bad('数据库', `${file} 不存在，且目录 ${dir} 不可写 (cannot create the database)`, `给运行账户 ${dir} 的写权限，或把 POLICY_DESK_DB 指向可写的位置`)];
    }
  }
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const version = db.pragma('user_version', { simple: true }) as number;
    const out: Finding[] = [];
    if (version > MIGRATIONS.length) {
      out.push(bad('数据库', `${file} 结构版本 ${version} 高于本程序认识的 ${MIGRATIONS.length}（由更新版本创建）`, '升级 Policy Desk 到创建该数据库的版本，或用 report restore 恢复旧备份'));
    } else if (version < MIGRATIONS.length) {
      out.push(ok('数据库', `${file} 结构版本 ${version}，下次启动时升级到 ${MIGRATIONS.length}`));
    }
    const integrity = db.pragma('integrity_check', { simple: true }) as string;
    if (integrity !== 'ok') out.push(bad('数据库', `${file} 完整性检查失败：${integrity}`, '停止机器人，用 report restore 从 data/backups 恢复最近的备份'));
    try {
      accessSync(file, constants.W_OK);
    } catch {
      out.push(warn('数据库', `${file} 只读：可以查看，不能填报`, `给运行账户 ${file} 及其目录的写权限`));
    }
    const wal = `${file}-wal`;
    const walSize = existsSync(wal) ? statSync(wal).size : 0;
    if (walSize > WAL_WARN_BYTES) out.push(warn('数据库', `WAL 文件 ${wal} 已有 ${(walSize / 1048576).toFixed(0)} MB`, '重启机器人让 SQLite 做检查点；确认没有别的程序长期打开该数据库'));
    if (!out.some((f) => f.severity !== 'ok')) out.push(ok('数据库', `${file} 结构版本 ${version}，完整性正常，WAL ${(walSize / 1024).toFixed(0)} KB`));
    return out;
  } catch (err) {
    return [bad('数据库', `${file} 无法打开：${(err as Error).message}`, '确认 POLICY_DESK_DB 指向 Policy Desk 的数据库文件；损坏时用 report restore 恢复备份')];
  } finally {
    db?.close();
  }
}

function checkCorpus(o: DoctorOptions): Finding[] {
  const dir = o.corpusDir ?? DEFAULT_CORPUS_DIR;
  try {
    const corpus = loadCorpus({ dir });
    const out: Finding[] = corpus.warnings.map((w) => warn('语料', w, `修正或移除该文件，然后运行 npx policy-desk corpus check`));
    if (corpus.documents.length === 0) out.push(bad('语料', `${dir} 中没有可用的政策文件`, '把政策文本（.txt 等）放进 corpus/，或用 npx policy-desk corpus add <文件>'));
    else if (out.length === 0) out.push(ok('语料', `${corpus.documents.length} 份文件，${corpus.clauses.length} 条条文`));
    return out;
  } catch (err) {
    return [bad('语料', `${dir}：${(err as Error).message}`, '检查 corpus/ 文件夹是否存在且可读')];
  }
}

function checkBackups(settings: Settings): Finding[] {
  const dir = settings.backupDir;
  let base = dir;
  while (!existsSync(base) && dirname(base) !== base) base = dirname(base);
  try {
    accessSync(base, constants.W_OK);
  } catch {
    return [bad('备份', `备份文件夹 ${dir} 不可写`, `给运行账户 ${base} 的写权限，或修改 POLICY_DESK_BACKUP_DIR`)];
  }
  const daily = join(dir, 'daily');
  const newest = existsSync(daily) ? readdirSync(daily).filter((f) => f.endsWith('.db')).map((f) => statSync(join(daily, f)).mtimeMs).sort().at(-1) : undefined;
  if (settings.backupAt && newest !== undefined && Date.now() - newest > BACKUP_STALE_MS) {
    return [warn('备份', `最近一次每日备份是 ${new Date(newest).toISOString().slice(0, 10)}`, '确认机器人（npm start）在运行；每日备份只在它运行时进行')];
  }
  return [ok('备份', `${dir}${settings.backupAt ? `，每日 ${settings.backupAt} 自动备份` : '（每日备份已关闭）'}`)];
}

async function call(url: string, init: RequestInit, timeoutMs: number): Promise<{ status: number; body: Record<string, unknown> } | { error: string }> {
  try {
    const res = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
    return { status: res.status, body };
  } catch (err) {
    const e = err as Error & { cause?: { code?: string } };
    return { error: e.cause?.code ?? e.name ?? e.message };
  }
}

async function checkPlatforms(settings: Settings, env: Record<string, string | undefined>, timeoutMs: number): Promise<Finding[]> {
  const out: Finding[] = [];
  const unreachable = (area: string, url: string, error: string) =>
    bad(area, `无法连接 ${url}（${error}）`, '检查服务器的网络、代理和防火墙；测试或代理环境下检查 *_API_URL 设置');
  if (settings.discord) {
    const base = (settings.discord.apiUrl ?? 'https://discord.com/api').replace(/\/$/, '');
    const url = `${base}/v10/users/@me`;
    const r = await call(url, { headers: { Authorization: `Bot ${settings.discord.token}` } }, timeoutMs);
    if ('error' in r) out.push(unreachable('Discord', url, r.error));
    else if (r.status === 401) out.push(bad('Discord', 'DISCORD_TOKEN 被拒绝（401）', '在 Discord 开发者后台 Bot 页面重置令牌，填入 .env 的 DISCORD_TOKEN'));
    else if (r.status >= 400) out.push(bad('Discord', `Discord 返回 ${r.status}`, '稍后再试；持续失败请检查 DISCORD_API_URL'));
    else out.push(ok('Discord', `令牌有效（${String(r.body.username ?? r.body.id ?? '')}）`));
  }
  if (settings.slack) {
    const base = settings.slack.apiUrl ?? 'https://slack.com/api/';
    const url = `${base.endsWith('/') ? base : `${base}/`}auth.test`;
    const r = await call(url, { method: 'POST', headers: { Authorization: `Bearer ${settings.slack.botToken}` } }, timeoutMs);
    if ('error' in r) out.push(unreachable('Slack', url, r.error));
    else if (r.body.ok !== true) out.push(bad('Slack', `SLACK_BOT_TOKEN 被拒绝（${String(r.body.error ?? r.status)}）`, '在 Slack 应用后台 OAuth & Permissions 重新安装应用，把 Bot User OAuth Token（xoxb-…）填入 SLACK_BOT_TOKEN'));
    else out.push(ok('Slack', `令牌有效（团队 ${String(r.body.team ?? r.body.team_id ?? '')}）`));
  }
  const dtId = env.DINGTALK_CLIENT_ID?.trim();
  const dtSecret = env.DINGTALK_CLIENT_SECRET?.trim();
  if (dtId && dtSecret) {
    const base = (env.DINGTALK_API_URL?.trim() || 'https://api.dingtalk.com').replace(/\/$/, '');
    const url = `${base}/v1.0/oauth2/accessToken`;
    const r = await call(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ appKey: dtId, appSecret: dtSecret }) }, timeoutMs);
    if ('error' in r) out.push(unreachable('钉钉', url, r.error));
    else if (r.status >= 400 || typeof r.body.accessToken !== 'string') out.push(bad('钉钉', `DINGTALK_CLIENT_ID / DINGTALK_CLIENT_SECRET 被拒绝（${String(r.body.code ?? r.status)}）`, '在钉钉开放平台应用凭证页核对 AppKey 和 AppSecret'));
    else out.push(ok('钉钉', '应用凭证有效'));
  }
  if (out.length === 0) out.push(ok('平台', '未配置聊天平台：npm start 打开控制台对话 (console setup)'));
  return out;
}

/** Runs every check and returns the findings (settings first; nothing else runs without them). */
export async function diagnose(o: DoctorOptions = {}): Promise<Finding[]> {
  const env = o.env ?? process.env;
  let settings = o.settings;
  if (!settings) {
    try {
      settings = readSettings(env);
    } catch (err) {
      return [bad('设置', (err as Error).message, '按提示修改 .env 中的这一项（说明见 .env.example）；留空即用默认值')];
    }
  }
  return [
    ok('设置', '所有设置格式正确'),
    ...checkConfig(o, settings),
    ...checkHolidays(settings),
    ...checkDatabase(settings),
    ...checkCorpus(o),
    ...checkBackups(settings),
    ...(await checkPlatforms(settings, env, o.timeoutMs ?? 5000)),
  ];
}

const MARK: Record<Severity, string> = { ok: '✔', warn: '⚠', fail: '✖' };

/** Prints the findings; returns the exit status (1 when any check failed). */
export async function runDoctor(o: DoctorOptions = {}): Promise<number> {
  const out = o.out ?? process.stdout;
  const findings = await diagnose(o);
  out.write('Policy Desk 体检 (doctor)\n');
  for (const f of findings) {
    out.write(`${MARK[f.severity]} ${f.area}：${f.message}\n`);
    if (f.fix && f.severity !== 'ok') out.write(`    解决办法：${f.fix}\n`);
  }
  const failures = findings.filter((f) => f.severity === 'fail').length;
  const warnings = findings.filter((f) => f.severity === 'warn').length;
  out.write(failures === 0 ? `全部正常${warnings ? `（${warnings} 条提醒）` : ''} — all clear\n` : `发现 ${failures} 个问题，请按上面的办法处理 — ${failures} problem(s) found\n`);
  return failures === 0 ? 0 : 1;
}
