/**
 * Writing an output file (-o) of annotate, template and sample: checked first (the folder exists, not a
 * folder, not read-only; a symlink is followed so that its target is written and the link stays), then
 * written in one piece. Every refusal is a Chinese sentence without error codes or temporary names.
 */
import { accessSync, constants, existsSync, lstatSync, realpathSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { ReadFailure } from '../hosts/xlsx/read';

/**
 * The file to write for `-o`: a symlink is followed (its target is written, the link stays); refused, in
 * Chinese, when the folder does not exist, the path is a folder, the existing file is read-only, or the link
 * points nowhere.
 */
export function outputTarget(out: string): string {
  const abs = resolve(out);
  const dir = dirname(abs);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new ReadFailure({ code: 'write-failed', message: `输出文件夹「${dirname(out)}」不存在，请先创建它，或换一个已有的文件夹` });
  try {
    accessSync(dir, constants.W_OK);
  } catch {
    throw new ReadFailure({ code: 'write-failed', message: `没有在文件夹「${dirname(out)}」中写文件的权限，请换一个自己能写的文件夹（例如“文档”或桌面）` });
  }
  let target = abs;
  let link: ReturnType<typeof lstatSync> | null = null;
  try {
    link = lstatSync(abs);
  } catch {
    link = null;
  }
  if (link?.isSymbolicLink()) {
    try {
      target = realpathSync(abs);
    } catch {
      throw new ReadFailure({ code: 'write-failed', message: `输出文件「${out}」是一个快捷方式（链接），但它指向的文件不存在；请换一个输出文件名` });
    }
  }
  if (!existsSync(target)) return target;
  const st = statSync(target);
  if (st.isDirectory()) throw new ReadFailure({ code: 'write-failed', message: `「${out}」是一个文件夹，不是文件；请写出文件名，例如：核验结果.xlsx` });
  let writable = (st.mode & 0o222) !== 0;
  try {
    accessSync(target, constants.W_OK);
  } catch {
    writable = false;
  }
  if (!writable) throw new ReadFailure({ code: 'write-failed', message: `输出文件「${out}」是只读文件，不会替换它。请换一个文件名，或先取消该文件的只读属性` });
  return target;
}

/** Writes the bytes in one piece (a temporary file renamed over the target); failures are Chinese. */
export function writeAtomically(target: string, bytes: Uint8Array, shown: string): void {
  const tmp = join(dirname(target), `.${basename(target)}.${process.pid}.tmp`);
  try {
    writeFileSync(tmp, bytes);
    renameSync(tmp, target);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? '';
    const why =
      code === 'EBUSY' || code === 'EPERM' || code === 'EACCES'
        ? '文件被占用或没有写入权限（如已在 Excel 或 WPS 中打开，请先关闭）'
        : code === 'ENOSPC'
          ? '磁盘空间不足'
          : code === 'ENOENT' || code === 'EROFS'
            ? '这个文件夹里不能创建文件，请换一个文件夹'
            : '写入失败';
    throw new ReadFailure({ code: 'write-failed', message: `无法写出「${shown}」：${why}` });
  } finally {
    try {
      if (existsSync(tmp)) unlinkSync(tmp);
    } catch {
      // nothing left to do
    }
  }
}

