/**
 * `template -o <blank.xlsx> [--profile …]`: the blank standard template (template.md): the three input sheets with their
 * headers, dropdowns, validations and input hints, the 县级指标 labels, and the 「填报说明」 sheet. The
 * workbook itself is built in src/hosts/exceljs/workbooks.ts, shared with the offline page's 「下载空白模板」.
 */
import { blankTemplateWorkbook } from '../hosts/exceljs/workbooks';
import { SHEET_GUIDE } from '../template/schema';
import type { Args } from './args';
import type { Io } from './io';
import { loadProfile } from './profile-file';
import { outputPath, saveWorkbook } from './write-file';

export async function templateCommand(args: Args, io: Io): Promise<number> {
  const out = outputPath(args, 'template');
  const profile = loadProfile(args.profile);
  const wb = blankTemplateWorkbook(profile);
  await saveWorkbook(wb, out);
  const sheets = wb.worksheets.map((w) => w.name);
  if (args.json) io.stdout(JSON.stringify({ command: 'template', output: out, sheets, profile: profile.id, profileName: profile.name }, null, 1) + '\n');
  else
    io.stdout(
      `已写出空白标准模板：${out}\n工作表：${sheets.join('、')}。请先阅读「${SHEET_GUIDE}」，再按表头填写。\n` +
        (profile.overrides.length ? `填写提示和说明按规则配置「${profile.name}」写出。\n` : ''),
    );
  return 0;
}
