/**
 * `shenbao <workbook.xlsx> -o <out.xlsx>`: only the official 申报表 tables, in a new workbook, for counties that
 * keep the official file separate (shenbao.md §12). Exit status as validate: 0 no errors, 1 errors, 2 unreadable.
 */
import { shenbaoWorkbookBytes } from '../hosts/xlsx/annotate-bytes';
import { readXlsxFile } from '../hosts/xlsx/node-read';
import { analyse } from '../report/build';
import { shenbaoTableIssues } from '../report/shenbao/notice';
import { OFFICIAL_SHEETS } from '../template/schema';
import { ArgsError, type Args } from './args';
import type { Io } from './io';
import { outputTarget, writeAtomically } from './output';
import { loadProfile } from './profile-file';
import { ReadFailure } from '../hosts/xlsx/read';
import { sameFile } from './annotate';

export async function shenbaoCommand(args: Args, io: Io): Promise<number> {
  if (!args.file) throw new ArgsError('shenbao 需要一个工作簿文件路径');
  if (!args.out) throw new ArgsError('shenbao 需要用 -o 指定输出文件，例如：shenbao 工作簿.xlsx -o 申报表.xlsx');
  if (!/\.xlsx$/i.test(args.out)) throw new ArgsError(`输出文件「${args.out}」应以 .xlsx 结尾`);
  if (sameFile(args.file, args.out))
    throw new ReadFailure({ code: 'output-is-input', message: `输出文件「${args.out}」就是输入文件本身。shenbao 写出一个新的工作簿，请用 -o 指定另一个文件名` });
  const profile = loadProfile(args.profile);
  // A new file: every official table is written, whatever sheets the input has (their names clash with nothing).
  const result = analyse(await readXlsxFile(args.file), profile, { newWorkbook: true });
  if (!result.ok) throw new ReadFailure(result.fatal);
  const target = outputTarget(args.out);
  // The same bytes as the offline page's 「下载申报表」 (one function for both).
  const { bytes, sheets } = shenbaoWorkbookBytes(result.analysis);
  writeAtomically(target, bytes, args.out);
  const { report } = result.analysis;
  const s = report.summary;
  const warnings = shenbaoTableIssues(report);
  // The 申报表 carry no rule line (shenbao.md): the output names the rules the tables were computed under.
  if (args.json) io.stdout(JSON.stringify({ output: args.out, sheets, profile: report.profile, profileName: report.profileName, summary: s, issues: warnings }, null, 1) + '\n');
  else
    io.stdout(
      [
        `已写入「${args.out}」`,
        `规则：${report.profileName}`,
        `申报表：${sheets.map((n) => `「${n}」`).join('')}`,
        // A warning at an input cell (a blank 举办者类型) says where; those of the tables name their cells themselves.
        ...warnings.map((w) => `警告：${w.cell && !(OFFICIAL_SHEETS as readonly string[]).includes(w.sheet) ? `${w.sheet}!${w.cell} ` : ''}${w.message}`),
        `错误 ${s.errors} 个，警告 ${s.warnings} 个${s.errors ? '；有错误时申报表中相关数值可能为空或不可靠，请先用 validate 查看并改正' : ''}`,
      ].join('\n') + '\n',
    );
  return s.errors > 0 ? 1 : 0;
}

