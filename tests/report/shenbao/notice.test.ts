/** What the offline page says after 「下载申报表」 (src/report/shenbao/notice.ts), against the report's own counts. */
import { NATIONAL } from '../../../src/domain/profile';
import { analyse, type Analysis } from '../../../src/report/build';
import { shenbaoDownloadNotice } from '../../../src/report/shenbao/notice';
import { sampleCountyGrids } from '../../../src/sample/county';
import { toCellGrids } from '../../helpers/county-model';
import { TemplateBuilder } from '../../helpers/template-builder';

function analysed(grids: Parameters<typeof analyse>[0]): Analysis {
  const r = analyse(grids, NATIONAL);
  if (!r.ok) throw new Error(r.fatal.message);
  return r.analysis;
}

it('nothing to say for the sample county: no error, and it fills every input the tables need', () => {
  expect(shenbaoDownloadNotice(analysed(sampleCountyGrids()).report)).toBeNull();
});

it('a workbook of template 2017-v1 (the base county): no error, the tables’ 6 warnings (5 blanks, 1 defaulted 举办者类型) counted', () => {
  const a = analysed(toCellGrids(TemplateBuilder.base().grids()));
  const codes = a.report.issues.map((i) => i.code);
  expect([a.report.summary.errors, codes.filter((c) => c === 'shenbao-blanks').length, codes.filter((c) => c === 'owner-type-defaulted').length]).toEqual([0, 5, 1]);
  expect(shenbaoDownloadNotice(a.report)).toBe('已下载申报表。申报表有 6 条警告（空白或按规则处理的单元格），见「问题」视图。');
});

it('a workbook with an error (text in 在校生数): says the tables may be blank or wrong there, and counts their warnings', () => {
  const b = TemplateBuilder.base().setSchool('0360000001', { studentsPrimary: '一千' });
  const a = analysed(toCellGrids(b.grids()));
  expect(a.report.summary.errors).toBe(1);
  expect(shenbaoDownloadNotice(a.report)).toBe(
    '已下载申报表。工作簿有 1 个错误，申报表中相关数值可能为空或不可靠，请先点「一键校验」查看并改正后再下载；申报表有 8 条警告（空白或按规则处理的单元格），见「问题」视图。',
  );
});

it('a user\'s own 「表Ⅲ」 in the workbook: its shenbao-sheet-exists is not a remark about the downloaded tables (a new workbook)', () => {
  const grids = toCellGrids(TemplateBuilder.base().grids());
  grids.push({ name: '表Ⅲ', values: [['我自己的表Ⅲ']] });
  const a = analysed(grids);
  expect(a.report.issues.filter((i) => i.code === 'shenbao-sheet-exists')).toHaveLength(1);
  expect(shenbaoDownloadNotice(a.report)).toBe('已下载申报表。申报表有 6 条警告（空白或按规则处理的单元格），见「问题」视图。');
});
