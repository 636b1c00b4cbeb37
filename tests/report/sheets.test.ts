/**
 * summarySheets: 「核验_学校达标」 (表Ⅱ), 「核验_校际均衡」 (表Ⅲ) and 「核验_问题清单」 as grids, from workbooks written
 * to disk and read back. Values stay unrounded (the format rounds); verdict cells carry pass/fail styles.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gridsOf, loadWorkbook } from '../../src/hosts/exceljs/read';
import { NATIONAL } from '../../src/domain/profile';
import { analyse, type Analysis } from '../../src/report/build';
import type { SheetCell, SheetGrid } from '../../src/report/model';
import { gridMatrix, sheetRef, summarySheets } from '../../src/report/sheets';
import { TemplateBuilder, tempDir, type RenderOptions } from '../helpers/template-builder';

const MESSY = join(__dirname, '..', 'fixtures', 'conformance', '04-county-messy.xlsx');
const tmp = tempDir();
afterAll(() => tmp.cleanup());

async function analysisOf(path: string): Promise<Analysis> {
  const r = analyse(gridsOf(await loadWorkbook(path)), NATIONAL);
  if (!r.ok) throw new Error(r.fatal.message);
  return r.analysis;
}
let n = 0;
const analysisOfBuilder = async (b: TemplateBuilder, o: RenderOptions = {}) => analysisOf(await b.write(tmp.file(`s${n++}.xlsx`), o));

const values = (row: SheetCell[]) => row.map((c) => c.value);
const styles = (row: SheetCell[]) => row.map((c) => c.style);
const rowOf = (g: SheetGrid, ...first: (string | number)[]) => {
  const r = g.rows.find((row) => first.every((v, i) => row[i]?.value === v));
  if (!r) throw new Error(`no row ${first.join(' ')} in ${g.name}`);
  return r;
};

describe('04-county-messy', () => {
  let a: Analysis;
  let units: SheetGrid;
  let balance: SheetGrid;
  let issues: SheetGrid;
  beforeAll(async () => {
    a = await analysisOf(MESSY);
    [units, balance, issues] = summarySheets(a);
  });

  it('names the three sheets as template.md does, with a title, an information line and a frozen header', () => {
    expect([units, balance, issues].map((g) => [g.name, g.frozenRows])).toEqual([
      ['核验_学校达标', 3],
      ['核验_校际均衡', 3],
      ['核验_问题清单', 3],
    ]);
    expect(units.rows[0]).toEqual([{ value: '核验 义务教育学校资源配置达标情况', style: 'title' }]);
    expect(units.rows[1][0].value).toBe(
      '核验用工作表，不是申报表，请勿粘贴到申报表；申报表见「表Ⅰ」至「表Ⅵ」。区县：测试县7\u3000统计年度：2025\u3000规则：国家标准（教督〔2017〕6号）\u3000达标学校（学段）：10/52\u3000达标规则：至少6项达到标准值，且每项不低于标准值的85%',
    );
    expect(balance.rows[0][0].value).toBe('核验 县域义务教育学校校际均衡情况');
    expect(balance.rows[1][0].value).toBe('核验用工作表，不是申报表，请勿粘贴到申报表；申报表见「表Ⅰ」至「表Ⅵ」。区县：测试县7\u3000统计年度：2025\u3000规则：国家标准（教督〔2017〕6号）\u3000差异系数达标：4/14\u3000资源配置结论：未达标');
  });

  it('表Ⅱ: the header, then one row per unit in the order of the report, values unrounded with format 0.00', () => {
    expect(values(units.rows[2])).toEqual([
      // the official columns each working column matches (shenbao.md §12); R2 in the form's words 「县级及以上」
      '学校标识码', '学校名称（表Ⅱ-2 L2）', '学段', '在校生数(人)（表Ⅱ-2 L4）',
      'R1 每百名学生拥有高于规定学历教师数(人)（表Ⅱ-2 L7，表Ⅲ L1）\n小学≥4.2，初中≥5.3',
      'R2 每百名学生拥有县级及以上骨干教师数(人)（表Ⅱ-2 L8，表Ⅲ L2）\n小学≥1，初中≥1',
      'R3 每百名学生拥有体育、艺术（美术、音乐）专任教师数(人)（表Ⅱ-2 L9，表Ⅲ L3）\n小学≥0.9，初中≥0.9',
      'R4 生均教学及辅助用房面积(㎡)（表Ⅱ-2 L10，表Ⅲ L4）\n小学≥4.5，初中≥5.8',
      'R5 生均体育运动场馆面积(㎡)（表Ⅱ-2 L11，表Ⅲ L5）\n小学≥7.5，初中≥10.2',
      'R6 生均教学仪器设备值(元)（表Ⅱ-2 L12，表Ⅲ L6）\n小学≥2000，初中≥2500',
      'R7 每百名学生拥有网络多媒体教室数(间)（表Ⅱ-2 L13，表Ⅲ L7）\n小学≥2.3，初中≥2.4',
      '达标项数', '是否达标（表Ⅱ-2 L14）', '备注',
    ]);
    expect(units.rows[2].every((c) => c.style === 'header')).toBe(true);
    expect(units.widths).toHaveLength(14);
    const unitRows = units.rows.slice(3, 3 + 52);
    expect(unitRows.map((r) => `${r[0].value}|${r[2].value}`)).toEqual(a.report.units.map((u) => `${u.schoolCode}|${u.stage}`));

    const row = unitRows[0];
    const u = a.report.units[0];
    expect(values(row).slice(0, 4)).toEqual(['0600007000', '九年一贯制1号', '小学', 144]);
    expect(row.slice(4, 11).map((c) => c.value)).toEqual(['R1', 'R2', 'R3', 'R4', 'R5', 'R6', 'R7'].map((id) => u.indicators[id as 'R1'].value));
    expect(row[5].value).toBeCloseTo(0.6944444444, 9); // R2 = 1 / 144 × 100, not rounded to 0.69
    expect(row.slice(4, 11).map((c) => c.format)).toEqual(Array(7).fill('0.00'));
    expect(styles(row).slice(4, 11)).toEqual(['none', 'fail', 'none', 'none', 'none', 'none', 'fail']);
    expect(values(row).slice(11)).toEqual([
      5,
      '未达标',
      [
        '达标：R1,R3,R4,R5,R6；低于85%：R2,R7',
        '达到标准值需增加（面积、设备、教室按全校）：县级及以上骨干教师1人，网络多媒体教室2间',
      ].join('\n'),
    ]);
    expect(styles(row).slice(12, 13)).toEqual(['fail']);

    const passing = unitRows[1];
    // A passing unit still says what its one missed value needs.
    expect(values(passing).slice(11)).toEqual([6, '达标', '达标：R1,R2,R3,R4,R5,R6；达到85%：R7\n达到标准值需增加（面积、设备、教室按全校）：网络多媒体教室2间']);
    expect(passing[12].style).toBe('pass');
    expect(unitRows.filter((r) => r[12].value === '达标')).toHaveLength(10);
  });

  it('表Ⅱ: then the excluded schools with their reason (全校 when the whole school is out)', () => {
    const at = units.rows.findIndex((r) => r[0]?.value === '不参与资源配置指标和差异系数计算的学校');
    expect(at).toBe(3 + 52 + 1);
    expect(units.rows[at - 1]).toEqual([]);
    expect(units.rows.slice(at + 1).map(values)).toEqual([
      ['学校标识码', '学校名称', '学段', '原因'],
      ['0600007001', '特殊教育2号', '全校', '特殊教育学校不参与资源配置指标和差异系数计算'],
      ['0600007013', '特殊教育14号', '全校', '特殊教育学校不参与资源配置指标和差异系数计算'],
      ['0600007019', '特殊教育20号', '全校', '特殊教育学校不参与资源配置指标和差异系数计算'],
      ['0600007025', '小学教学点26号', '小学', '教学点在校生不足50人'],
      ['0600007028', '小学教学点29号', '小学', '教学点在校生不足50人'],
      ['0600007037', '特殊教育38号', '全校', '特殊教育学校不参与资源配置指标和差异系数计算'],
    ]);
  });

  it('表Ⅲ: per 学段 and indicator the pooled mean (0.00), the CV and its limit (0.000) and the verdict', () => {
    expect(values(balance.rows[2])).toEqual(['学段', '指标', '县均值', '差异系数', '差异系数上限', '是否达标', '说明']);
    const all = balance.rows.slice(3, 19);
    expect(all.map((r) => `${r[0].value} ${String(r[1].value).slice(0, 2)}`)).toEqual(
      ['小学', '初中'].flatMap((s) => [...['R1', 'R2', 'R3', 'R4', 'R5', 'R6', 'R7'].map((id) => `${s} ${id}`), `${s} 综合`]),
    );
    const rows = [...all.slice(0, 7), ...all.slice(8, 15)];
    const r2 = rows[1];
    const b = a.report.balance['小学']!.indicators.R2;
    expect(r2.map((c) => [c.value, c.format, c.style])).toEqual([
      ['小学', undefined, 'none'],
      ['R2 每百名学生拥有县级及以上骨干教师数(人)（表Ⅱ-2 L8，表Ⅲ L2）', undefined, 'none'],
      [b.mean, '0.00', 'none'],
      [b.cv, '0.000', 'fail'],
      // The limit with the CV's 3 decimals: a province's 0.475 must not read 0.48 next to a CV of 0.476.
      [0.5, '0.000', 'none'],
      ['未达标', undefined, 'fail'],
      [null, undefined, 'none'],
    ]);
    expect(b.cv).toBeCloseTo(0.6386262, 6);
    expect(rows[0][6].value).toBe('26个学校（学段），在校生27320人');
    expect(rows[7][6].value).toBe('26个学校（学段），在校生27686人');
    expect(rows.filter((r) => r[5].value === '达标').map((r) => `${r[0].value}${String(r[1].value).slice(0, 2)}`)).toEqual(['小学R1', '小学R4', '小学R7', '初中R5']);
    expect(rows[7][4].value).toBe(0.45);    // the longest 指标 label (with its L-codes) fits on one line of column B (a CJK character counts 2)
    const wide = (x: string) => [...x].reduce((n, ch) => n + (/[\u2e80-\ua4cf\uff00-\uff60]/.test(ch) ? 2 : 1), 0);
    expect(Math.max(...all.map((r) => wide(String(r[1].value))))).toBeLessThanOrEqual(balance.widths[1] - 1);
  });

  it('表Ⅲ: after each 学段 its 综合 (表Ⅲ L8): the mean of the 7 unrounded CVs of the conformance set, for information, never a verdict', () => {
    const expected = JSON.parse(readFileSync(MESSY.replace(/\.xlsx$/, '.expected.json'), 'utf8')).balance;
    const sentence = '参考值：本学段7项指标差异系数的算术平均值，不是达标条件；2017年办法要求每项差异系数分别不超过0.50（小学）、0.45（初中）';
    for (const [row, stage] of [[10, '小学'], [18, '初中']] as const) {
      const cvs = Object.values(expected[stage].indicators as Record<string, { cv: number }>).map((i) => i.cv);
      expect(cvs).toHaveLength(7);
      const r = balance.rows[row];
      expect(r.map((c) => [c.value, c.format, c.style]).filter((_, k) => k !== 3)).toEqual([
        [stage, undefined, 'none'],
        ['综合（表Ⅲ L8）：7项差异系数的平均值', undefined, 'none'],
        ['—', undefined, 'none'],
        ['—', undefined, 'none'],
        ['不作判断', undefined, 'none'],
        [sentence, undefined, 'none'],
      ]);
      expect([r[3].format, r[3].style]).toEqual(['0.000', 'none']);
      expect(r[3].value).toBeCloseTo(cvs.reduce((s, x) => s + x, 0) / 7, 12);
    }
    expect([balance.rows[10][3].value, balance.rows[18][3].value].map((x) => Number((x as number).toFixed(4)))).toEqual([0.5546, 0.545]);
  });

  it('表Ⅲ: then every G, Q and SR item with 达标 / 未达标 and its message', () => {
    const at = balance.rows.findIndex((r) => r[0]?.value === '政府保障程度、教育质量、社会认可度');
    expect(at).toBe(20);
    expect(values(balance.rows[at + 1])).toEqual(['编号', '项目', '类别', '评估方式', '条款', '结果', '说明']);
    const items = balance.rows.slice(at + 2);
    expect(items.map((r) => r[0].value)).toEqual(a.report.items.map((i) => i.id));
    // G1–G15, Q1–Q9, SR and V1–V6 (未填报: the fixture has no 一票否决 rows).
    expect(items).toHaveLength(31);
    // each item names where its verdict is in the 申报表: 表Ⅳ-n (G), 表Ⅴ-n (Q), 表Ⅵ (SR), 「一票否决」 n (V)
    expect(values(rowOf(balance, 'V1')).slice(0, 3)).toEqual(['V1', '存在以考试方式招生（一票否决1）', '一票否决']);
    expect(['G1', 'G15', 'Q1', 'Q9', 'SR', 'V6'].map((id) => String(values(rowOf(balance, id))[1]).replace(/^.*（/, '（'))).toEqual(['（表Ⅳ-1）', '（表Ⅳ-15）', '（表Ⅴ-1）', '（表Ⅴ-9）', '（表Ⅵ）', '（一票否决6）']);
    const g7 = rowOf(balance, 'G7');
    expect(values(g7)).toEqual([
      'G7', '特殊教育学校生均公用经费（表Ⅳ-7）', '政府保障程度', '按数据计算', '政府保障程度(7)', '未达标', a.report.items.find((i) => i.id === 'G7')!.message,
    ]);
    expect(g7[5].style).toBe('fail');
    const g1 = rowOf(balance, 'G1');
    expect(values(g1).slice(3, 6)).toEqual(['县级填报“是/否”', '政府保障程度(1)', '达标']);
    expect(g1[5].style).toBe('pass');
    // The independently computed verdicts of the conformance set: G14, G15, SR pass; G4, Q9 fail.
    for (const [id, verdict] of [['G14', '达标'], ['G15', '达标'], ['SR', '达标'], ['G4', '未达标'], ['Q9', '未达标']]) expect(rowOf(balance, id)[5].value).toBe(verdict);
    expect(values(rowOf(balance, 'Q9')).slice(3, 5)).toEqual(['按数据计算', '教育质量(9)']);
  });

  it('问题清单 lists only the 申报表 warnings of this first-template workbook', () => {
    expect(values(issues.rows[2])).toEqual(['严重程度', '工作表', '单元格', '规则代码', '说明', '建议']);
    expect(issues.rows.slice(3).map((r) => [r[0].value, r[1].value, r[2].value, r[3].value])).toEqual([
      ['警告', '县级指标', '—', 'item-not-filled'],
      ['警告', '表Ⅰ', 'A9', 'shenbao-blanks'],
      ['警告', '表Ⅱ-2', 'G7', 'shenbao-rounded-to-threshold'],
      ['警告', '学校基本信息', '—', 'owner-type-defaulted'],
      ['警告', '表Ⅱ-2', 'E4', 'shenbao-blanks'],
      ['警告', '表Ⅳ', 'B7', 'shenbao-blanks'],
      ['警告', '表Ⅴ', 'B4', 'shenbao-blanks'],
      ['警告', '表Ⅵ', 'B6', 'shenbao-blanks'],
    ]);
    // The grouped item-not-filled stands for the absent 一票否决 rows V1–V6.
    expect(issues.rows[3][4].value).toBe('县级指标缺少一票否决6项（存在以考试方式招生等），V1至V6未填报');
  });
});

describe('small workbooks', () => {
  it('问题清单: every error and warning, errors first, the cell linked to its sheet', async () => {
    const b = TemplateBuilder.base().setSchool('0360000001', { teachingArea: -5, musicRooms: '3' });
    const o: RenderOptions = { omit: ['county'] };
    const [, , issues] = summarySheets(await analysisOfBuilder(b, o));
    const k = b.schoolCell('0360000001', 'teachingArea');
    const p = b.schoolCell('0360000001', 'musicRooms');
    expect(issues.rows.slice(3, 6)).toEqual([
      [
        { value: '错误', style: 'fail' },
        { value: '学校基本信息', style: 'none' },
        { value: k, style: 'none', link: `'学校基本信息'!${k}` },
        { value: 'negative-number', style: 'none' },
        { value: '「教学及辅助用房面积(㎡)」为负数 -5', style: 'none' },
        { value: '请填写大于或等于0的数', style: 'none' },
      ],
      [
        { value: '警告', style: 'none' },
        { value: '学校基本信息', style: 'none' },
        { value: p, style: 'none', link: `'学校基本信息'!${p}` },
        { value: 'text-number', style: 'none' },
        { value: '「音乐专用教室数(间)」是以文本形式存储的数字“3”，已按数字 3 读取', style: 'none' },
        { value: '建议将单元格转换为数字（选中后点“转换为数字”），以免其他公式漏算', style: 'none' },
      ],
      [
        { value: '警告', style: 'none' },
        { value: '县级指标', style: 'none' },
        { value: '—', style: 'none' },
        { value: 'missing-county-sheet', style: 'none' },
        { value: '工作簿没有「县级指标」工作表，政府保障程度、教育质量和社会认可度中依赖县级数据的项目均记为未填报', style: 'none' },
        { value: '如需评估这些项目，请按标准模板增加「县级指标」工作表', style: 'none' },
      ],
    ]);
    // Without a 县级指标 sheet the one missing-county-sheet warning stands for every county row: no flood of
    // item-not-filled rows. Then the 申报表's warnings of a first-template workbook (one shenbao-blanks per
    // official sheet with open cells, and 举办者类型 defaulted).
    expect(issues.rows.slice(6).map((r) => [r[0].value, r[1].value, r[2].value, r[3].value])).toEqual([
      ['警告', '表Ⅰ', 'A9', 'shenbao-blanks'],
      ['警告', '表Ⅱ-1', 'F4', 'shenbao-blanks'], // R4 of 城关小学 unknown (negative area)
      ['警告', '学校基本信息', '—', 'owner-type-defaulted'],
      ['警告', '表Ⅱ-2', 'E4', 'shenbao-blanks'],
      ['警告', '表Ⅲ', 'F4', 'shenbao-blanks'],
      ['警告', '表Ⅳ', 'B9', 'shenbao-blanks'],
      ['警告', '表Ⅴ', 'B4', 'shenbao-blanks'],
      ['警告', '表Ⅵ', 'B6', 'shenbao-blanks'],
    ]);
    expect(issues.rows[1][0].value).toBe(
      `核验用工作表，不是申报表，请勿粘贴到申报表；申报表见「表Ⅰ」至「表Ⅵ」。区县：（未填）\u3000统计年度：（未填）\u3000规则：国家标准（教督〔2017〕6号）\u3000错误 1 个，警告 10 个（点击单元格地址可跳转到该单元格）`,
    );
  });

  it('表Ⅱ: a unit with an uncomputable value shows —, 无法判断 and what could not be computed', async () => {
    const b = TemplateBuilder.base().setSchool('0360000001', { teachingArea: -5 });
    const [units, balance] = summarySheets(await analysisOfBuilder(b));
    const row = rowOf(units, '0360000001');
    expect(row[7]).toEqual({ value: '—', style: 'none' });
    expect(values(row).slice(11)).toEqual(['—', '无法判断', '达标：R1,R2,R3,R5,R6,R7；无法计算：R4（相关数据有错误，请先改正）']);
    const r4 = rowOf(balance, '小学', 'R4 生均教学及辅助用房面积(㎡)（表Ⅱ-2 L10，表Ⅲ L4）');
    expect(values(r4)).toEqual(['小学', 'R4 生均教学及辅助用房面积(㎡)（表Ⅱ-2 L10，表Ⅲ L4）', '—', '—', 0.5, '无法判断', '有学校（学段）的数据有错误，未计算差异系数']);
  });

  it('表Ⅱ: a unit that fails only on the count of values says so', async () => {
    // 城关小学: R4 (4 500 − 500)/1 000 = 4.0 and R7 2.2 are under the standard but above 85% of it: 5 of 7,
    // no value under the floor.
    const b = TemplateBuilder.base().setSchool('0360000001', { teachingArea: 4500, multimediaRooms: 22 });
    const [units] = summarySheets(await analysisOfBuilder(b));
    expect(values(rowOf(units, '0360000001')).slice(11)).toEqual([
      5,
      '未达标',
      [
        '达标：R1,R2,R3,R5,R6；达到85%：R4,R7；达标项少于6项',
        '达到标准值需增加（面积、设备、教室按全校）：教学及辅助用房500㎡，网络多媒体教室1间',
      ].join('\n'),
    ]);
  });

  it('表Ⅲ: a county mean of 0 leaves the CV undefined, never 0', async () => {
    const b = TemplateBuilder.base();
    for (const [code, stage] of [['0360000002', '初中'], ['0360000003', '初中']]) b.setStage(code, stage, { backbone: 0 });
    const [, balance] = summarySheets(await analysisOfBuilder(b));
    expect(values(rowOf(balance, '初中', 'R2 每百名学生拥有县级及以上骨干教师数(人)（表Ⅱ-2 L8，表Ⅲ L2）'))).toEqual([
      '初中', 'R2 每百名学生拥有县级及以上骨干教师数(人)（表Ⅱ-2 L8，表Ⅲ L2）', 0, '—', 0.45, '无法判断', '县均值为0，差异系数无定义',
    ]);
    // so 初中's 综合 is not computed either
    expect(values(rowOf(balance, '初中', '综合（表Ⅲ L8）：7项差异系数的平均值'))).toEqual([
      '初中', '综合（表Ⅲ L8）：7项差异系数的平均值', '—', '—', '—', '不作判断', '有差异系数未能计算，综合值未计算',
    ]);
  });

  it('表Ⅲ: an item whose inputs are blank is 未填报, not 达标', async () => {
    const b = TemplateBuilder.base().setCounty('SR', undefined);
    const [, balance] = summarySheets(await analysisOfBuilder(b));
    const sr = rowOf(balance, 'SR');
    expect(values(sr).slice(0, 6)).toEqual(['SR', '社会认可度（表Ⅵ）', '社会认可度', '按数据计算', '社会认可度', '未填报']);
    expect(sr[5].style).toBe('none');
  });
});

describe('helpers', () => {
  it('sheetRef quotes the sheet name and doubles an apostrophe in it', () => {
    expect(sheetRef('学校基本信息', 'K12')).toBe("'学校基本信息'!K12");
    expect(sheetRef("O'Brien 表", 'A1')).toBe("'O''Brien 表'!A1");
  });

  it('gridMatrix gives rectangular values, formats and styles, and the links', () => {
    const g: SheetGrid = {
      name: 'x', widths: [5, 5, 5], frozenRows: 1,
      rows: [[{ value: 'T', style: 'title' }], [{ value: 1.5, format: '0.00', style: 'none' }, { value: 'K2', link: "'a'!K2" }], []],
    };
    expect(gridMatrix(g)).toEqual({
      values: [['T', '', ''], [1.5, 'K2', ''], ['', '', '']],
      formats: [['General', 'General', 'General'], ['0.00', 'General', 'General'], ['General', 'General', 'General']],
      styles: [['title', null, null], ['none', 'none', null], [null, null, null]],
      links: [{ row: 1, col: 1, target: "'a'!K2", text: 'K2' }],
      columns: 3,
    });
  });
});
