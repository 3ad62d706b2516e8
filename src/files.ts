/**
 * Paths an operator types (database, export, backup) checked before any file call, so a bad path
 * gives one clear line naming it instead of a stack trace or a hang. Node's recursive `mkdirSync`
 * spins forever at full CPU under some `/proc/…` paths, so pseudo-filesystems are refused before
 * it is called; a folder given where a file belongs, a file given where a folder belongs and an
 * unwritable folder are named as such.
 */
import { accessSync, constants, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** Both languages of a path problem (the shape of text/locale.ts's Localized; files.ts imports nothing of ours). */
type Localized = { zh: string; en: string };

/** A path problem, worded for the person who typed the path; `message` is the Chinese of `problem`. */
export class PathError extends Error {
  constructor(
    readonly path: string,
    readonly problem: Localized,
  ) {
    super(problem.zh);
  }
}

/** The English of the names callers give a file (`what`); another name reads as "file". */
const WHAT_EN: Record<string, string> = { 数据库: 'database', 导出文件: 'export file', 备份文件: 'backup file', 语料缓存: 'corpus cache', 检索索引: 'search index' };
const whatEn = (what: string): string => WHAT_EN[what] ?? 'file';

/** Kernel pseudo-filesystems: nothing of ours belongs there, and mkdir under them can hang. */
const PSEUDO_FS = /^\/(proc|sys)(\/|$)/;

/** The nearest folder on the way up from `dir` that exists. */
function existingAncestor(dir: string): string {
  let a = dir;
  while (!existsSync(a)) {
    const up = dirname(a);
    if (up === a) break;
    a = up;
  }
  return a;
}

/**
 * Makes sure `file`'s folder exists and is writable, creating it when needed. `what` names the
 * file in messages (数据库, 导出文件, 备份文件). Throws PathError.
 */
export function ensureParentDir(file: string, what: string): void {
  const target = resolve(file);
  const dir = dirname(target);
  if (PSEUDO_FS.test(target)) throw new PathError(target, { zh: `${what}路径 ${target} 位于系统虚拟目录（/proc、/sys），请换一个普通目录。`, en: `The ${whatEn(what)} path ${target} is in a kernel pseudo-filesystem (/proc, /sys); choose an ordinary folder.` });
  if (existsSync(target) && statSync(target).isDirectory()) throw new PathError(target, { zh: `${what}路径 ${target} 是一个文件夹，请给出文件名。`, en: `The ${whatEn(what)} path ${target} is a folder; give a file name.` });
  const ancestor = existingAncestor(dir);
  if (!statSync(ancestor).isDirectory()) throw new PathError(target, { zh: `${what}路径 ${target} 无效：${ancestor} 是文件而不是文件夹。`, en: `The ${whatEn(what)} path ${target} is not valid: ${ancestor} is a file, not a folder.` });
  try {
    accessSync(ancestor, constants.W_OK);
  } catch {
    if (ancestor === dir && existsSync(target)) return; // an existing file may still be writable (or only readable)
    throw new PathError(target, { zh: `${what}路径 ${target} 不可写：没有写入 ${ancestor} 的权限。`, en: `The ${whatEn(what)} path ${target} is not writable: no permission to write in ${ancestor}.` });
  }
  if (ancestor !== dir) {
    try {
      mkdirSync(dir, { recursive: true });
    } catch (err) {
      const why = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
      throw new PathError(target, { zh: `无法创建${what}所在文件夹 ${dir}：${why}`, en: `Cannot create the folder ${dir} for the ${whatEn(what)}: ${why}` });
    }
  }
}

/** Writes a whole file an operator named, or throws PathError naming the path and the reason. */
export function writeFileChecked(file: string, data: Buffer | string, what: string): string {
  const target = resolve(file);
  ensureParentDir(target, what);
  try {
    writeFileSync(target, data);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why: Localized =
      code === 'ENOSPC'
        ? { zh: '磁盘已满（no space left）', en: 'no space left on the disk' }
        : code === 'EACCES' || code === 'EPERM'
          ? { zh: '没有写权限', en: 'no permission to write' }
          : code === 'EISDIR'
            ? { zh: '这是一个文件夹', en: 'it is a folder' }
            : { zh: code ?? (err as Error).message, en: code ?? (err as Error).message };
    throw new PathError(target, { zh: `无法写入${what} ${target}：${why.zh}`, en: `Cannot write the ${whatEn(what)} ${target}: ${why.en}` });
  }
  return target;
}
