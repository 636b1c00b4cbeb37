/** The output file of `template` and `sample`: checked before anything is written, then written in one piece. */
import type ExcelJS from 'exceljs';
import { ArgsError, type Args } from './args';
import { outputTarget, writeAtomically } from './output';

/**
 * The output path of a file-writing command (-o), checked before anything is written: given and ending in
 * .xlsx (Chinese ArgsErrors), then writable as outputTarget checks it for every command (write-failed); exit 2.
 */
export function outputPath(args: Args, command: string): string {
  const example = `npm run --silent cli -- ${command} -o ${command === 'sample' ? '示例县.xlsx' : '空白模板.xlsx'}`;
  if (args.file !== undefined) throw new ArgsError(`${command} 不读取输入文件（多余的参数「${args.file}」）；请用 -o 指定要写出的文件，例如：${example}`);
  if (!args.out) throw new ArgsError(`${command} 需要用 -o 指定要写出的文件，例如：${example}`);
  const out = args.out;
  if (!/\.xlsx$/i.test(out)) throw new ArgsError(`输出文件「${out}」的扩展名不是 .xlsx；请写成以 .xlsx 结尾的文件名，例如：${example}`);
  // The folder, a folder given as the file, a read-only file: checked as for annotate and shenbao (write-failed).
  outputTarget(out);
  return out;
}

/** Writes the workbook to the path in one piece (see output.ts); a failure is a Chinese fatal (exit 2). */
export async function saveWorkbook(wb: ExcelJS.Workbook, path: string): Promise<void> {
  const target = outputTarget(path);
  const buffer = await wb.xlsx.writeBuffer();
  writeAtomically(target, new Uint8Array(buffer as ArrayBuffer), path);
}
