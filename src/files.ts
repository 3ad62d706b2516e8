/**
 * Paths an operator types (database, export, backup) checked before any file call, so a bad path
 * gives one clear line naming it instead of a stack trace or a hang. Node's recursive `mkdirSync`
 * spins forever at full CPU under some `/proc/…` paths, so pseudo-filesystems are refused before
 * it is called; a folder given where a file belongs, a file given where a folder belongs and an
 * unwritable folder are named as such.
 */
import { accessSync, constants, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** A path problem, worded for the person who typed the path. */
export class PathError extends Error {
  constructor(readonly path: string, message: string) {
    super(message);
  }
}

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
  if (PSEUDO_FS.test(target)) throw new PathError(target, `${what}路径 ${target} 位于系统虚拟目录（/proc、/sys），请换一个普通目录。`);
  if (existsSync(target) && statSync(target).isDirectory()) throw new PathError(target, `${what}路径 ${target} 是一个文件夹，请给出文件名。`);
  const ancestor = existingAncestor(dir);
  if (!statSync(ancestor).isDirectory()) throw new PathError(target, `${what}路径 ${target} 无效：${ancestor} 是文件而不是文件夹。`);
  try {
    accessSync(ancestor, constants.W_OK);
  } catch {
    if (ancestor === dir && existsSync(target)) return; // an existing file may still be writable (or only readable)
    throw new PathError(target, `${what}路径 ${target} 不可写：没有写入 ${ancestor} 的权限。`);
  }
  if (ancestor !== dir) {
    try {
      mkdirSync(dir, { recursive: true });
    } catch (err) {
      throw new PathError(target, `无法创建${what}所在文件夹 ${dir}：${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
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
    const why = code === 'ENOSPC' ? '磁盘已满（no space left）' : code === 'EACCES' || code === 'EPERM' ? '没有写权限' : code === 'EISDIR' ? '这是一个文件夹' : (code ?? (err as Error).message);
    throw new PathError(target, `无法写入${what} ${target}：${why}`);
  }
  return target;
}
