/**
 * `npx policy-desk doctor`: what an office IT person runs first. Checks the settings, the config
 * files, the database (schema version, integrity, WAL size), the corpus, the holiday table's
 * coverage of the coming year, the backup folder, and each configured platform's credentials
 * with one harmless API call. Prints one line per check in Chinese (with English), and for each
 * problem how to fix it; with `json`, the same findings as one object in both languages
 * ({@link doctorJson}). Exit 0 when nothing is wrong (warnings allowed), 1 otherwise.
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
import type { Localized } from '../text/locale.ts';

export type Severity = 'ok' | 'warn' | 'fail';

/** What is checked, by a stable name (the `name` of a check in `doctor --json`). */
export type CheckName = 'settings' | 'report-definition' | 'roster' | 'holidays' | 'database' | 'corpus' | 'backups' | 'discord' | 'slack' | 'dingtalk' | 'platforms';

/** Each check's name for people: 设置, 数据库, 语料, … */
export const CHECK_AREAS: Record<CheckName, Localized> = {
  settings: { zh: '设置', en: 'Settings' },
  'report-definition': { zh: '报表定义', en: 'Report definition' },
  roster: { zh: '单位名册', en: 'Unit roster' },
  holidays: { zh: '节假日表', en: 'Holiday table' },
  database: { zh: '数据库', en: 'Database' },
  corpus: { zh: '语料', en: 'Corpus' },
  backups: { zh: '备份', en: 'Backups' },
  discord: { zh: 'Discord', en: 'Discord' },
  slack: { zh: 'Slack', en: 'Slack' },
  dingtalk: { zh: '钉钉', en: 'DingTalk' },
  platforms: { zh: '平台', en: 'Platforms' },
};

export interface Finding {
  severity: Severity;
  name: CheckName;
  /** What was checked, for people: {@link CHECK_AREAS}. */
  area: Localized;
  /** What was found. */
  message: Localized;
  /** How to fix it, when something is wrong. */
  fix?: Localized;
}

export interface DoctorOptions {
  /** The environment to read settings from (default process.env). */
  env?: Record<string, string | undefined>;
  /** Already-read settings (skips reading `env`). */
  settings?: Settings;
  out?: NodeJS.WritableStream;
  /** Print the findings as one JSON object ({@link doctorJson}) instead of the text report. */
  json?: boolean;
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

const finding = (severity: Severity, name: CheckName, message: Localized, fix?: Localized): Finding => ({ severity, name, area: CHECK_AREAS[name], message, ...(fix ? { fix } : {}) });
const ok = (name: CheckName, message: Localized): Finding => finding('ok', name, message);
const warn = (name: CheckName, message: Localized, fix?: Localized): Finding => finding('warn', name, message, fix);
const bad = (name: CheckName, message: Localized, fix: Localized): Finding => finding('fail', name, message, fix);
/** A message worded once for both languages: a file's own error text (in English), a name. */
const same = (text: string): Localized => ({ zh: text, en: text });

function checkConfig(o: DoctorOptions, settings: Settings): Finding[] {
  const out: Finding[] = [];
  const files: Array<[CheckName, () => unknown, string]> = [
    ['report-definition', () => loadDefinition(o.definitionFile ?? DEFINITION_FILE), o.definitionFile ?? DEFINITION_FILE],
    ['roster', () => loadRoster(o.rosterFile ?? ROSTER_FILE), o.rosterFile ?? ROSTER_FILE],
    ['holidays', () => loadWorkCalendar(settings.deadlines.holidaysPath), settings.deadlines.holidaysPath],
  ];
  for (const [name, load, file] of files) {
    try {
      load();
      out.push(ok(name, { zh: `${file} 正常`, en: `${file} is fine` }));
    } catch (err) {
      out.push(
        bad(name, same((err as Error).message.split('\n').join(' ')), {
          zh: `按提示修改 ${file}（行号、条目名见上）；可对照 git 中的原文件：git diff ${file}`,
          en: `Fix ${file} as the message says (line and entry above); compare with the original in git: git diff ${file}`,
        }),
      );
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
  const fix = (y: number): Localized => ({
    zh: `按国务院办公厅《关于${y}年部分节假日安排的通知》在 ${settings.deadlines.holidaysPath} 中添加 "${y}" 一节（复制上一年的格式）`,
    en: `Add a "${y}" section to ${settings.deadlines.holidaysPath} from the State Council General Office's notice on the ${y} public holidays (copy the previous year's layout)`,
  });
  if (!calendar.covers(year)) {
    return [bad('holidays', { zh: `节假日表没有 ${year} 年：提醒和催报会把法定假日当作工作日 (no ${year} holidays)`, en: `The holiday table has no ${year}: reminders and chasers will treat public holidays as working days` }, fix(year))];
  }
  // Reminders for January go out in late December, so the next year is needed by then.
  if (!calendar.covers(year + 1) && daysLeft <= 30) {
    return [warn('holidays', { zh: `节假日表还没有 ${year + 1} 年 (no ${year + 1} holidays yet)`, en: `The holiday table has no ${year + 1} yet` }, fix(year + 1))];
  }
  const next = calendar.covers(year + 1);
  return [ok('holidays', { zh: `覆盖 ${year} 年${next ? `和 ${year + 1} 年` : ''}`, en: `Covers ${year}${next ? ` and ${year + 1}` : ''}` })];
}

function checkDatabase(settings: Settings): Finding[] {
  const file = settings.dbPath;
  if (!existsSync(file)) {
    let dir = dirname(file);
    while (!existsSync(dir) && dirname(dir) !== dir) dir = dirname(dir);
    try {
      accessSync(dir, constants.W_OK);
      return [ok('database', { zh: `${file} 尚未创建，首次使用时自动创建`, en: `${file} does not exist yet; it is created on first use` })];
    } catch {
      return [
        bad(
          'database',
          { zh: `${file} 不存在，且目录 ${dir} 不可写 (cannot create the database)`, en: `${file} does not exist and the folder ${dir} is not writable, so the database cannot be created` },
          { zh: `给运行账户 ${dir} 的写权限，或把 POLICY_DESK_DB 指向可写的位置`, en: `Give the service account write permission on ${dir}, or point POLICY_DESK_DB at a writable place` },
        ),
      ];
    }
  }
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const version = db.pragma('user_version', { simple: true }) as number;
    const out: Finding[] = [];
    if (version > MIGRATIONS.length) {
      out.push(
        bad(
          'database',
          { zh: `${file} 结构版本 ${version} 高于本程序认识的 ${MIGRATIONS.length}（由更新版本创建）`, en: `${file} has schema version ${version}, newer than the ${MIGRATIONS.length} this program knows (made by a newer version)` },
          { zh: '升级 Policy Desk 到创建该数据库的版本，或用 report restore 恢复旧备份', en: 'Upgrade Policy Desk to the version that made the database, or restore an older backup with report restore' },
        ),
      );
    } else if (version < MIGRATIONS.length) {
      out.push(ok('database', { zh: `${file} 结构版本 ${version}，下次启动时升级到 ${MIGRATIONS.length}`, en: `${file} has schema version ${version}; the next start upgrades it to ${MIGRATIONS.length}` }));
    }
    const integrity = db.pragma('integrity_check', { simple: true }) as string;
    if (integrity !== 'ok') {
      out.push(
        bad(
          'database',
          { zh: `${file} 完整性检查失败：${integrity}`, en: `${file} failed the integrity check: ${integrity}` },
          { zh: `停止机器人，用 report restore 从 ${settings.backupDir} 恢复最近的备份`, en: `Stop the bot and restore the latest backup from ${settings.backupDir} with report restore` },
        ),
      );
    }
    try {
      accessSync(file, constants.W_OK);
    } catch {
      out.push(warn('database', { zh: `${file} 只读：可以查看，不能填报`, en: `${file} is read-only: reports can be viewed, not submitted` }, { zh: `给运行账户 ${file} 及其目录的写权限`, en: `Give the service account write permission on ${file} and its folder` }));
    }
    const wal = `${file}-wal`;
    const walSize = existsSync(wal) ? statSync(wal).size : 0;
    if (walSize > WAL_WARN_BYTES) {
      const mb = (walSize / 1048576).toFixed(0);
      out.push(
        warn(
          'database',
          { zh: `WAL 文件 ${wal} 已有 ${mb} MB`, en: `The WAL file ${wal} has grown to ${mb} MB` },
          { zh: '重启机器人让 SQLite 做检查点；确认没有别的程序长期打开该数据库', en: 'Restart the bot so SQLite checkpoints; make sure no other program keeps the database open' },
        ),
      );
    }
    if (!out.some((f) => f.severity !== 'ok')) {
      const kb = (walSize / 1024).toFixed(0);
      out.push(ok('database', { zh: `${file} 结构版本 ${version}，完整性正常，WAL ${kb} KB`, en: `${file}: schema version ${version}, integrity ok, WAL ${kb} KB` }));
    }
    return out;
  } catch (err) {
    const why = (err as Error).message;
    return [
      bad(
        'database',
        { zh: `${file} 无法打开：${why}`, en: `${file} cannot be opened: ${why}` },
        { zh: '确认 POLICY_DESK_DB 指向 Policy Desk 的数据库文件；损坏时用 report restore 恢复备份', en: "Check that POLICY_DESK_DB names Policy Desk's database file; if it is damaged, restore a backup with report restore" },
      ),
    ];
  } finally {
    db?.close();
  }
}

function checkCorpus(o: DoctorOptions): Finding[] {
  const dir = o.corpusDir ?? DEFAULT_CORPUS_DIR;
  try {
    const corpus = loadCorpus({ dir });
    const fixFile: Localized = { zh: '修正或移除该文件，然后运行 npx policy-desk corpus check', en: 'Fix or remove the file, then run npx policy-desk corpus check' };
    const out: Finding[] = corpus.warnings.map((w) => warn('corpus', same(w), fixFile));
    if (corpus.documents.length === 0) {
      out.push(
        bad(
          'corpus',
          { zh: `${dir} 中没有可用的政策文件`, en: `${dir} holds no usable policy document` },
          { zh: '把政策文本（.txt 等）放进 corpus/，或用 npx policy-desk corpus add <文件>', en: 'Put the policy texts (.txt and others) in corpus/, or use npx policy-desk corpus add <file>' },
        ),
      );
    } else if (out.length === 0) {
      out.push(ok('corpus', { zh: `${corpus.documents.length} 份文件，${corpus.clauses.length} 条条文`, en: `${corpus.documents.length} documents, ${corpus.clauses.length} clauses` }));
    }
    return out;
  } catch (err) {
    const why = (err as Error).message;
    return [bad('corpus', { zh: `${dir}：${why}`, en: `${dir}: ${why}` }, { zh: '检查 corpus/ 文件夹是否存在且可读', en: 'Check that the corpus/ folder exists and is readable' })];
  }
}

function checkBackups(settings: Settings): Finding[] {
  const dir = settings.backupDir;
  let base = dir;
  while (!existsSync(base) && dirname(base) !== base) base = dirname(base);
  try {
    accessSync(base, constants.W_OK);
  } catch {
    return [
      bad(
        'backups',
        { zh: `备份文件夹 ${dir} 不可写`, en: `The backup folder ${dir} is not writable` },
        { zh: `给运行账户 ${base} 的写权限，或修改 POLICY_DESK_BACKUP_DIR`, en: `Give the service account write permission on ${base}, or change POLICY_DESK_BACKUP_DIR` },
      ),
    ];
  }
  const daily = join(dir, 'daily');
  const newest = existsSync(daily) ? readdirSync(daily).filter((f) => f.endsWith('.db')).map((f) => statSync(join(daily, f)).mtimeMs).sort().at(-1) : undefined;
  if (settings.backupAt && newest !== undefined && Date.now() - newest > BACKUP_STALE_MS) {
    const day = new Date(newest).toISOString().slice(0, 10);
    return [
      warn(
        'backups',
        { zh: `最近一次每日备份是 ${day}`, en: `The latest daily backup is from ${day}` },
        { zh: '确认机器人（npm start）在运行；每日备份只在它运行时进行', en: 'Make sure the bot (npm start) is running; daily backups happen only while it runs' },
      ),
    ];
  }
  return [
    ok('backups', {
      zh: `${dir}${settings.backupAt ? `，每日 ${settings.backupAt} 自动备份` : '（每日备份已关闭）'}`,
      en: `${dir}${settings.backupAt ? `, backed up daily at ${settings.backupAt}` : ' (daily backups are off)'}`,
    }),
  ];
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
  const unreachable = (name: CheckName, url: string, error: string) =>
    bad(
      name,
      { zh: `无法连接 ${url}（${error}）`, en: `Cannot reach ${url} (${error})` },
      { zh: '检查服务器的网络、代理和防火墙；测试或代理环境下检查 *_API_URL 设置', en: "Check the server's network, proxy and firewall; in a test or proxy setup, check the *_API_URL settings" },
    );
  if (settings.discord) {
    const base = (settings.discord.apiUrl ?? 'https://discord.com/api').replace(/\/$/, '');
    const url = `${base}/v10/users/@me`;
    const r = await call(url, { headers: { Authorization: `Bot ${settings.discord.token}` } }, timeoutMs);
    if ('error' in r) out.push(unreachable('discord', url, r.error));
    else if (r.status === 401) {
      out.push(
        bad(
          'discord',
          { zh: 'DISCORD_TOKEN 被拒绝（401）', en: 'DISCORD_TOKEN was rejected (401)' },
          { zh: '在 Discord 开发者后台 Bot 页面重置令牌，填入 .env 的 DISCORD_TOKEN', en: "Reset the token on the Bot page of the Discord developer portal and put it in .env's DISCORD_TOKEN" },
        ),
      );
    } else if (r.status >= 400) {
      out.push(bad('discord', { zh: `Discord 返回 ${r.status}`, en: `Discord answered ${r.status}` }, { zh: '稍后再试；持续失败请检查 DISCORD_API_URL', en: 'Try again later; if it keeps failing, check DISCORD_API_URL' }));
    } else {
      const who = String(r.body.username ?? r.body.id ?? '');
      out.push(ok('discord', { zh: `令牌有效（${who}）`, en: `The token is valid (${who})` }));
    }
  }
  if (settings.slack) {
    const base = settings.slack.apiUrl ?? 'https://slack.com/api/';
    const url = `${base.endsWith('/') ? base : `${base}/`}auth.test`;
    const r = await call(url, { method: 'POST', headers: { Authorization: `Bearer ${settings.slack.botToken}` } }, timeoutMs);
    if ('error' in r) out.push(unreachable('slack', url, r.error));
    else if (r.body.ok !== true) {
      const why = String(r.body.error ?? r.status);
      out.push(
        bad(
          'slack',
          { zh: `SLACK_BOT_TOKEN 被拒绝（${why}）`, en: `SLACK_BOT_TOKEN was rejected (${why})` },
          {
            zh: '在 Slack 应用后台 OAuth & Permissions 重新安装应用，把 Bot User OAuth Token（xoxb-…）填入 SLACK_BOT_TOKEN',
            en: "Reinstall the app under OAuth & Permissions in the Slack app settings and put the Bot User OAuth Token (xoxb-…) in SLACK_BOT_TOKEN",
          },
        ),
      );
    } else {
      const team = String(r.body.team ?? r.body.team_id ?? '');
      out.push(ok('slack', { zh: `令牌有效（团队 ${team}）`, en: `The token is valid (team ${team})` }));
    }
  }
  const dtId = env.DINGTALK_CLIENT_ID?.trim();
  const dtSecret = env.DINGTALK_CLIENT_SECRET?.trim();
  if (dtId && dtSecret) {
    const base = (env.DINGTALK_API_URL?.trim() || 'https://api.dingtalk.com').replace(/\/$/, '');
    const url = `${base}/v1.0/oauth2/accessToken`;
    const r = await call(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ appKey: dtId, appSecret: dtSecret }) }, timeoutMs);
    if ('error' in r) out.push(unreachable('dingtalk', url, r.error));
    else if (r.status >= 400 || typeof r.body.accessToken !== 'string') {
      const why = String(r.body.code ?? r.status);
      out.push(
        bad(
          'dingtalk',
          { zh: `DINGTALK_CLIENT_ID / DINGTALK_CLIENT_SECRET 被拒绝（${why}）`, en: `DINGTALK_CLIENT_ID / DINGTALK_CLIENT_SECRET were rejected (${why})` },
          { zh: '在钉钉开放平台应用凭证页核对 AppKey 和 AppSecret', en: "Check the AppKey and AppSecret on the app's credentials page of the DingTalk open platform" },
        ),
      );
    } else out.push(ok('dingtalk', { zh: '应用凭证有效', en: 'The app credentials are valid' }));
  }
  if (out.length === 0) out.push(ok('platforms', { zh: '未配置聊天平台：npm start 打开控制台对话 (console setup)', en: 'No chat platform is configured: npm start opens the console chat' }));
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
      return [
        bad('settings', same((err as Error).message), {
          zh: '按提示修改 .env 中的这一项（说明见 .env.example）；留空即用默认值',
          en: 'Fix this setting in .env as the message says (see .env.example); left empty it takes the default',
        }),
      ];
    }
  }
  return [
    ok('settings', { zh: '所有设置格式正确', en: 'Every setting is well-formed' }),
    ...checkConfig(o, settings),
    ...checkHolidays(settings),
    ...checkDatabase(settings),
    ...checkCorpus(o),
    ...checkBackups(settings),
    ...(await checkPlatforms(settings, env, o.timeoutMs ?? 5000)),
  ];
}

const MARK: Record<Severity, string> = { ok: '✔', warn: '⚠', fail: '✖' };

/**
 * `doctor --json`: the findings the text report prints, as one object. `ok` is false when any
 * check failed (warnings allowed, as the exit status says).
 */
export function doctorJson(findings: readonly Finding[]) {
  const failures = findings.filter((f) => f.severity === 'fail').length;
  return {
    ok: failures === 0,
    failures,
    warnings: findings.filter((f) => f.severity === 'warn').length,
    checks: findings.map((f) => ({ name: f.name, area: f.area, ok: f.severity !== 'fail', level: f.severity, message: f.message, ...(f.fix && f.severity !== 'ok' ? { fix: f.fix } : {}) })),
  };
}

/** Prints the findings (text, or JSON with `json`); returns the exit status (1 when any check failed). */
export async function runDoctor(o: DoctorOptions = {}): Promise<number> {
  const out = o.out ?? process.stdout;
  const findings = await diagnose(o);
  const failures = findings.filter((f) => f.severity === 'fail').length;
  if (o.json) {
    out.write(JSON.stringify(doctorJson(findings)) + '\n');
    return failures === 0 ? 0 : 1;
  }
  out.write('Policy Desk 体检 (doctor)\n');
  for (const f of findings) {
    out.write(`${MARK[f.severity]} ${f.area.zh}：${f.message.zh}\n`);
    if (f.fix && f.severity !== 'ok') out.write(`    解决办法：${f.fix.zh}\n`);
  }
  const warnings = findings.filter((f) => f.severity === 'warn').length;
  out.write(failures === 0 ? `全部正常${warnings ? `（${warnings} 条提醒）` : ''} — all clear\n` : `发现 ${failures} 个问题，请按上面的办法处理 — ${failures} problem(s) found\n`);
  return failures === 0 ? 0 : 1;
}
