/** The reader on a file in node: the path's bytes through readXlsx with node's zlib. */
import { readFile, stat } from 'node:fs/promises';
import type { CellGrid } from '../../template/grid';
import { nodeInflateChunks } from './node-zlib';
import { readXlsx, ReadFailure } from './read';

/**
 * Every worksheet of the .xlsx file at `path` as a CellGrid. A missing file or a folder is the fatal
 * file-not-found (as the exceljs loader said it); anything else that is not a workbook is readXlsx's.
 */
export async function readXlsxFile(path: string): Promise<CellGrid[]> {
  const st = await stat(path).catch(() => null);
  if (!st) throw new ReadFailure({ code: 'file-not-found', message: `找不到文件「${path}」，请检查路径` });
  if (st.isDirectory()) throw new ReadFailure({ code: 'file-not-found', message: `「${path}」是文件夹，不是 .xlsx 文件` });
  const buf = await readFile(path).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'EACCES' || e.code === 'EPERM')
      throw new ReadFailure({ code: 'io-error', message: `没有读取文件「${path}」的权限：请让管理员开放读取权限，或把它复制到自己的文件夹后再试` });
    if (e.code === 'EBUSY') throw new ReadFailure({ code: 'io-error', message: `文件「${path}」被其他程序占用，暂时不能读取：请关闭占用它的程序后再试` });
    throw e;
  });
  return readXlsx(new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength), nodeInflateChunks, path);
}

/** Every worksheet of .xlsx bytes as a CellGrid (`shownPath` names the file in messages). */
export async function gridsOfBytes(bytes: Uint8Array, shownPath?: string): Promise<CellGrid[]> {
  return readXlsx(bytes, nodeInflateChunks, shownPath ?? '该文件');
}
