/**
 * marksOf: one mark per input cell, most severe level first, notes joined; the inputs behind every missed
 * indicator and failing item marked 'fail'; nothing on a compliant school. Workbooks are written to disk and
 * read back as the command line reads them; the cells are located independently of the template layout code.
 */
import ExcelJS from 'exceljs';
import { join } from 'node:path';
import { gridsOf, loadWorkbook } from '../../src/hosts/exceljs/read';
import { builtInProfile, NATIONAL, type ResolvedProfile } from '../../src/domain/profile';
import { analyse, type Analysis } from '../../src/report/build';
import { marksOf, countMarks } from '../../src/report/marks';
import type { Mark } from '../../src/report/model';
import { TemplateBuilder, tempDir, type RenderOptions } from '../helpers/template-builder';
import { toCellGrids } from '../helpers/county-model';

const MESSY = join(__dirname, '..', 'fixtures', 'conformance', '04-county-messy.xlsx');
const tmp = tempDir();
afterAll(() => tmp.cleanup());

async function analysisOf(path: string, profile: ResolvedProfile = NATIONAL): Promise<Analysis> {
  const r = analyse(gridsOf(await loadWorkbook(path)), profile);
  if (!r.ok) throw new Error(r.fatal.message);
  return r.analysis;
}

let n = 0;
async function analysisOfBuilder(b: TemplateBuilder, o: RenderOptions = {}, profile?: ResolvedProfile): Promise<Analysis> {
  const path = await b.write(tmp.file(`m${n++}.xlsx`), o);
  return analysisOf(path, profile);
}

const norm = (v: unknown) => String(v ?? '').replace(/\s+/g, '').replace(/（/g, '(').replace(/）/g, ')');

/**
 * Finds a cell by reading the sheet directly: the header row is the one holding 学校标识码, the column the
 * first header starting with `header`, the row the one with that code (and 学段).
 */
async function findCell(path: string, sheet: string, header: string, code: string, stage?: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const ws = wb.getWorksheet(sheet)!;
  let headerRow = 0;
  for (let r = 1; r <= 10 && !headerRow; r++) ws.getRow(r).eachCell((c) => (norm(c.value) === '学校标识码' ? (headerRow = r) : 0));
  const cols: Record<string, number> = {};
  ws.getRow(headerRow).eachCell((c, col) => (cols[norm(c.value)] = col));
  const colOf = (h: string) => Object.entries(cols).find(([t]) => t.startsWith(norm(h)))![1];
  const col = colOf(header);
  for (let r = headerRow + 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    if (String(row.getCell(colOf('学校标识码')).value) !== code) continue;
    if (stage && row.getCell(colOf('学段')).value !== stage) continue;
    return row.getCell(col).address;
  }
  throw new Error(`no row ${code} ${stage ?? ''}`);
}

const markAt = (marks: Mark[], sheet: string, address: string) => marks.find((m) => m.sheet === sheet && m.address === address);

describe('04-county-messy (title rows, shuffled columns, 元 header, formulas)', () => {
  let marks: Mark[];
  let analysis: Analysis;
  beforeAll(async () => {
    analysis = await analysisOf(MESSY);
    marks = marksOf(analysis);
  });

  it('marks the 县级及以上骨干教师数 cell of 九年一贯制1号 小学 for R2 0.69 < 1', async () => {
    const at = await findCell(MESSY, '分学段信息', '县级及以上骨干教师数', '0600007000', '小学');
    expect(markAt(marks, '分学段信息', at)).toEqual({
      sheet: '分学段信息',
      address: at,
      level: 'fail',
      note: '九年一贯制1号 小学部：R2 每百名学生拥有县级以上骨干教师数 0.69人，低于标准 1人（未达到85%）',
    });
  });

  it('marks 教学及辅助用房面积, 教学仪器设备资产值 and 网络多媒体教室数 of 初中6号 for R4, R6 and R7', async () => {
    const r4 = markAt(marks, '学校基本信息', await findCell(MESSY, '学校基本信息', '教学及辅助用房面积', '0600007005'));
    expect(r4?.level).toBe('fail');
    expect(r4?.note).toBe('初中6号 初中部：R4 生均教学及辅助用房面积 4.37㎡，低于标准 5.8㎡（未达到85%）');
    const r6 = markAt(marks, '学校基本信息', await findCell(MESSY, '学校基本信息', '教学仪器设备资产值', '0600007005'));
    expect(r6?.note).toBe('初中6号 初中部：R6 生均教学仪器设备值 1362.50元，低于标准 2500元（未达到85%）');
    const r7 = markAt(marks, '学校基本信息', await findCell(MESSY, '学校基本信息', '网络多媒体教室数', '0600007005'));
    expect(r7?.note).toBe('初中6号 初中部：R7 每百名学生拥有网络多媒体教室数 1.60间，低于标准 2.4间（未达到85%）');
    // R5 = (室外 + 室内) ÷ P: both inputs are marked; R4 = (教学及辅助用房 − 室内) ÷ P: 室内 is behind R4 too.
    const outdoor = markAt(marks, '学校基本信息', await findCell(MESSY, '学校基本信息', '室外运动场地面积', '0600007005'));
    expect(outdoor?.note).toBe('初中6号 初中部：R5 生均体育运动场馆面积 7.72㎡，低于标准 10.2㎡（未达到85%）');
    const indoor = markAt(marks, '学校基本信息', await findCell(MESSY, '学校基本信息', '其中室内体育用房面积', '0600007005'));
    expect(indoor?.note.split('\n')).toEqual([
      '初中6号 初中部：R4 生均教学及辅助用房面积 4.37㎡，低于标准 5.8㎡（未达到85%）',
      '初中6号 初中部：R5 生均体育运动场馆面积 7.72㎡，低于标准 10.2㎡（未达到85%）',
    ]);
  });

  it('joins the notes of both parts of a 九年一贯制 school on its shared cell, with the share used', async () => {
    const at = await findCell(MESSY, '学校基本信息', '网络多媒体教室数', '0600007000');
    expect(markAt(marks, '学校基本信息', at)?.note).toBe(
      '九年一贯制1号 小学部：R7 每百名学生拥有网络多媒体教室数 1.90间，低于标准 2.3间（未达到85%）；该值按全校合计的 34.2% 分摊到小学部计算\n' +
        '九年一贯制1号 初中部：R7 每百名学生拥有网络多媒体教室数 2.09间，低于标准 2.4间（已达到标准的85%）；该值按全校合计的 65.8% 分摊到初中部计算',
    );
  });

  it('marks the cells behind failing items (G5 最大班额 of 小学9号)', async () => {
    const at = await findCell(MESSY, '分学段信息', '最大班额', '0600007008', '小学');
    expect(markAt(marks, '分学段信息', at)).toEqual({
      sheet: '分学段信息', address: at, level: 'fail',
      note: '小学9号 小学：G5 班额未达标。要求：小学、初中所有班级学生数分别不超过45人、50人。',
    });
  });

  it('marks a failing county item in 县级指标 (G7 特殊教育学校生均公用经费 5800 < 6000)', () => {
    const m = markAt(marks, '县级指标', 'B4');
    expect(m?.level).toBe('fail');
    expect(m?.note).toBe('县级指标：G7 特殊教育学校生均公用经费未达标。要求：特殊教育学校生均公用经费不低于6000元。');
  });

  it('gives exactly one mark per cell, only on the input sheets, in sheet, row, column order', () => {
    const keys = marks.map((m) => `${m.sheet}!${m.address}`);
    expect(new Set(keys).size).toBe(marks.length);
    expect(new Set(marks.map((m) => m.sheet))).toEqual(new Set(['学校基本信息', '分学段信息', '县级指标']));
    const order = ['学校基本信息', '分学段信息', '县级指标'];
    const pos = (m: Mark) => {
      const x = /^([A-Z]+)(\d+)$/.exec(m.address)!;
      return [order.indexOf(m.sheet), Number(x[2]), x[1].length, x[1]] as const;
    };
    for (let i = 1; i < marks.length; i++) {
      const [a, b] = [pos(marks[i - 1]), pos(marks[i])];
      const cmp = a[0] - b[0] || a[1] - b[1] || a[2] - b[2] || (a[3] < b[3] ? -1 : a[3] > b[3] ? 1 : 0);
      expect(cmp).toBeLessThan(0);
    }
    // 222 = 215 before P10 + the 室内体育用房 cell of the 7 schools that fail R4 but not R5.
    expect(countMarks(marks)).toEqual({ error: 0, fail: 222, warning: 0 });
  });

  it('never marks an R input of a unit that reaches all seven values, nor any cell of an excluded school', async () => {
    // 初中15号 and 小学19号 reach 7/7 (their item failures may still mark item inputs).
    for (const name of ['初中15号', '小学19号', '十二年一贯制40号']) expect(marks.some((m) => m.note.includes(`${name} `) && / R\d /.test(m.note))).toBe(false);
    // 特殊教育2号 (row of code 0600007001) is outside R1–R7 and the CVs and has no failing item.
    const codeCell = await findCell(MESSY, '学校基本信息', '学校标识码', '0600007001');
    const row = codeCell.replace(/^[A-Z]+/, '');
    expect(marks.filter((m) => m.sheet === '学校基本信息' && m.address.replace(/^[A-Z]+/, '') === row)).toEqual([]);
  });
});

describe('small workbooks', () => {
  it('a mark on a cell under a merged area goes to the area’s top-left cell (the one Excel shows), naming the cell', () => {
    // the review's case: a school name merged over its 学校类型 (B3:C3), which is then blank
    const b = TemplateBuilder.base();
    const grids = toCellGrids(b.grids());
    const type = b.schoolCell('0360000002', 'type');
    const name = b.schoolCell('0360000002', 'name');
    expect([name, type]).toEqual(['B3', 'C3']);
    grids[0].values[2][2] = null;
    grids[0].merges = [{ top: 2, left: 1, bottom: 2, right: 2 }];
    const r = analyse(grids, NATIONAL);
    if (!r.ok) throw new Error(r.fatal.message);
    expect(r.analysis.report.issues.filter((i) => i.severity === 'error').map((i) => `${i.code} ${i.sheet}!${i.cell}`)).toEqual(['required-blank 学校基本信息!C3']);
    const marks = marksOf(r.analysis).filter((m) => m.sheet === '学校基本信息');
    expect(marks.map((m) => [m.address, m.level])).toEqual([['B3', 'error']]);
    expect(marks[0].note).toMatch(/^C3（位于合并单元格 B3:C3 中，Excel 只显示 B3）：错误：/);
  });

  it('「县级指标」: a number merged over three rows is one error at the merge, its rows 无法评估 rather than 未填报', () => {
    const grids = toCellGrids(TemplateBuilder.base().grids());
    const county = grids[2];
    county.values[7][1] = null;
    county.values[8][1] = null;
    county.merges = [{ top: 6, left: 1, bottom: 8, right: 1 }];
    const r = analyse(grids, NATIONAL);
    if (!r.ok) throw new Error(r.fatal.message);
    expect(r.analysis.report.issues.filter((i) => i.sheet === '县级指标').map((i) => `${i.code} ${i.cell}`)).toEqual(['merged-number B7']);
    expect(r.analysis.report.items.filter((i) => i.id === 'G11').map((i) => [i.passes, i.message.slice(0, 4)])).toEqual([[null, '无法评估']]);
    expect(marksOf(r.analysis).filter((m) => m.sheet === '县级指标').map((m) => [m.address, m.level])).toEqual([['B7', 'error']]);
  });

  it('gives no mark at all to a fully compliant county', async () => {
    expect(marksOf(await analysisOfBuilder(TemplateBuilder.base()))).toEqual([]);
  });

  it('marks only the failing school: 4.4996㎡ is below 4.5, and its note shows 4.4996 (never "4.50 below 4.5")', async () => {
    // (4 999.6 − 500 室内体育用房) / 1 000 = 4.4996
    const b = TemplateBuilder.base().setSchool('0360000001', { teachingArea: 4999.6 });
    const marks = marksOf(await analysisOfBuilder(b));
    const note = '城关小学 小学部：R4 生均教学及辅助用房面积 4.4996㎡，低于标准 4.5㎡（已达到标准的85%）';
    expect(marks).toEqual([
      { sheet: '学校基本信息', address: b.schoolCell('0360000001', 'teachingArea'), level: 'fail', note },
      { sheet: '学校基本信息', address: b.schoolCell('0360000001', 'indoorSportsArea'), level: 'fail', note },
    ]);
  });

  it('marks the input sheets under the names they have: a 「学校 基本信息 」 with spaces is marked as 学校基本信息 is', async () => {
    const b = TemplateBuilder.base().setSchool('0360000001', { teachingArea: 4999.6 });
    const canonical = marksOf(await analysisOfBuilder(b));
    const renamed = marksOf(await analysisOfBuilder(b, { sheetNames: { schools: '学校 基本信息 ' } }));
    expect(renamed).toEqual(canonical.map((m) => ({ ...m, sheet: '学校 基本信息 ' })));
    expect(renamed).toHaveLength(2);
  });

  it('marks every input of R1 (the 学历 cut of the profile) and R3', async () => {
    const b = TemplateBuilder.base().setStage('0360000001', '小学', { bachelor: 20, associate: 15, highSchool: 23, pe: 2, music: 2, fineArt: 2 });
    const marks = marksOf(await analysisOfBuilder(b));
    const at = (k: Parameters<TemplateBuilder['stageCell']>[2]) => b.stageCell('0360000001', '小学', k);
    expect(marks.map((m) => m.address)).toEqual([at('postgraduate'), at('bachelor'), at('associate'), at('pe'), at('music'), at('fineArt'), at('arts')]);
    expect(marks[0].note).toBe('城关小学 小学部：R1 每百名学生拥有高于规定学历教师数 3.70人，低于标准 4.2人（已达到标准的85%）');
    expect(marks[3].note).toBe('城关小学 小学部：R3 每百名学生拥有体育、艺术（美术、音乐）专任教师数 0.60人，低于标准 0.9人（未达到85%）');
    // With 本科 as the 小学 cut, R1 = (2 + 20) / 1000 × 100 = 2.2 and the 专科 column is no longer behind it.
    const bachelor = marksOf(await analysisOfBuilder(b, {}, builtInProfile('primary-bachelor')));
    expect(bachelor.some((m) => m.address === at('associate'))).toBe(false);
    expect(bachelor.find((m) => m.address === at('postgraduate'))?.note).toBe(
      '城关小学 小学部：R1 每百名学生拥有高于规定学历教师数 2.20人，低于标准 4.2人（未达到85%）',
    );
  });

  it('lets the most severe level win and joins all reasons: fail over warning, error over warning', async () => {
    const b = TemplateBuilder.base()
      .setSchool('0360000001', { teachingArea: '3500' }) // text number (warning) and R4 (3500 − 500)/1000 = 3.00 < 4.5 (fail)
      .setSchool('0360000002', { multimediaRooms: ' -3 ' }); // text number (warning) and negative (error)
    const marks = marksOf(await analysisOfBuilder(b));
    const r4 = markAt(marks, '学校基本信息', b.schoolCell('0360000001', 'teachingArea'))!;
    expect(r4.level).toBe('fail');
    expect(r4.note.split('\n')).toEqual([
      '城关小学 小学部：R4 生均教学及辅助用房面积 3.00㎡，低于标准 4.5㎡（未达到85%）',
      '警告：「教学及辅助用房面积(㎡)」是以文本形式存储的数字“3500”，已按数字 3500 读取。建议将单元格转换为数字（选中后点“转换为数字”），以免其他公式漏算。',
    ]);
    const neg = markAt(marks, '学校基本信息', b.schoolCell('0360000002', 'multimediaRooms'))!;
    expect(neg.level).toBe('error');
    // One cell, one message (issue 11 point 16): a rejected text number gets the error only.
    expect(neg.note.split('\n')).toEqual(['错误：「网络多媒体教室数(间)」为负数 -3。请填写大于或等于0的数。']);
    // The error makes R7 of 城关初中 uncomputable: no 'fail' note is invented for it.
    expect(neg.note).not.toContain('R7');
  });

  it('error over warning: an accepted text number that breaks a cross-check', async () => {
    const b = TemplateBuilder.base().setStage('0360000002', '初中', { backbone: '70' }); // text number (warning), 70 > 60 teachers (error)
    const marks = marksOf(await analysisOfBuilder(b));
    const m = markAt(marks, '分学段信息', b.stageCell('0360000002', '初中', 'backbone'))!;
    expect(m.level).toBe('error');
    // One cell, one message (issue 11 point 16): the cross-check error, without the text-number warning.
    expect(m.note.split('\n')).toEqual(['错误：「县级及以上骨干教师数(人)」70 大于「专任教师数(人)」60。骨干教师是专任教师的一部分，请核对。']);
  });

  it('marks a failing county value and the blank optional input that leaves an item 未填报 (warning)', async () => {
    const b = TemplateBuilder.base().setCounty('SR', 80).setStage('0360000002', '初中', { maxClassSize: null });
    const marks = marksOf(await analysisOfBuilder(b));
    expect(marks).toEqual([
      {
        sheet: '分学段信息', address: b.stageCell('0360000002', '初中', 'maxClassSize'), level: 'warning',
        note: '警告：「最大班额(人)」为空，G5 未填报，该项无法评估。督导评估需要此项数据，请填写此单元格。',
      },
      { sheet: '县级指标', address: b.countyCell('SR'), level: 'fail', note: '县级指标：SR 社会认可度未达标。要求：社会认可度达到85%以上。' },
    ]);
  });

  it('uses the sheet names as found in the workbook (spaces around the name)', async () => {
    const o: RenderOptions = { sheetNames: { schools: ' 学校基本信息 ' } };
    const b = TemplateBuilder.base().setSchool('0360000002', { equipment: 100 });
    const marks = marksOf(await analysisOfBuilder(b, o));
    expect(marks.map((m) => [m.sheet, m.address, m.level])).toEqual([[' 学校基本信息 ', b.schoolCell('0360000002', 'equipment', o), 'fail']]);
    expect(marks[0].note).toBe('城关初中 初中部：R6 生均教学仪器设备值 1250.00元，低于标准 2500元（未达到85%）');
  });
});
