/**
 * Each reading rule of template.md, with a workbook written by exceljs and read back through the
 * command line in-process (validate --json).
 */
import { inputOnly } from '../helpers/input-issues';
import { cliJson } from '../helpers/run-cli';
import { SCHOOL_HEADERS, STAGE_HEADERS, tempDir, TemplateBuilder, writeGrids, type RenderOptions, type SchoolKey, type StageKey } from '../helpers/template-builder';

const S1 = '0360000001';
const S2 = '0360000002';
const S3 = '0360000003';

const tmp = tempDir();
afterAll(() => tmp.cleanup());
let n = 0;

async function validate(b: TemplateBuilder, o: RenderOptions = {}) {
  const file = await b.write(tmp.file(`wb${++n}.xlsx`), o);
  return cliJson('validate', file);
}

/** What the engine computed, without the issues: must be the same however the workbook is laid out. */
// Cell addresses move with the rows above the header: units and items are compared without them (V1–V6 give theirs).
const results = (json: any) => ({
  units: json.units.map(({ cell: _c, ...u }: any) => u),
  excluded: json.excluded,
  balance: json.balance,
  items: json.items.map(({ cells: _c, ...i }: any) => i),
});
const issues = (json: any) => inputOnly(json.issues).map((i: any) => `${i.severity} ${i.code} ${i.sheet}!${i.cell ?? ''}`);

let reference: any;
beforeAll(async () => {
  reference = (await validate(TemplateBuilder.base())).json;
  expect(reference.summary.errors).toBe(0);
});

describe('title rows above the header', () => {
  it('three title rows: the header is found in row 4 and cells are addressed from there', async () => {
    const o: RenderOptions = { schools: { title: [['某县义务教育学校基本信息表'], ['填报单位：某县教育局', null, '2025年'], []] } };
    const b = TemplateBuilder.base().setSchool(S2, { teachingArea: -1 });
    const { code, json } = await validate(b, o);
    expect(code).toBe(1);
    expect(b.schoolCell(S2, 'teachingArea', o)).toBe('K6');
    expect(issues(json)).toEqual(['error negative-number 学校基本信息!K6']);
    expect(json.units[0].cell).toBe('学校基本信息!A5');
  });

  it('the header in row 10 is found and the results are unchanged', async () => {
    const title = Array.from({ length: 9 }, (_, i) => [`说明${i + 1}`]);
    const { code, json } = await validate(TemplateBuilder.base(), { schools: { title }, stages: { title }, county: { title } });
    expect(code).toBe(0);
    expect(inputOnly(json.issues)).toEqual([]);
    expect(results(json)).toEqual(results(reference));
  });

  it('the header in row 11 is not looked for: exit 2 with the sheet named', async () => {
    const title = Array.from({ length: 10 }, (_, i) => [`说明${i + 1}`]);
    const { code, json, stderr } = await validate(TemplateBuilder.base(), { stages: { title } });
    expect(code).toBe(2);
    expect(json).toEqual({
      fatal: { code: 'missing-header-row', sheet: '分学段信息', cell: 'A1', message: '工作表「分学段信息」前10行中找不到含「学校标识码」和「学段」的表头行。请按标准模板填写表头' },
    });
    expect(stderr).toBe('错误：工作表「分学段信息」前10行中找不到含「学校标识码」和「学段」的表头行。请按标准模板填写表头（分学段信息!A1）\n');
  });
});

describe('columns in any order', () => {
  const schoolOrder = (Object.keys(SCHOOL_HEADERS) as SchoolKey[]).reverse();
  const stageOrder = (Object.keys(STAGE_HEADERS) as StageKey[]).reverse();
  const o: RenderOptions = { schools: { order: schoolOrder }, stages: { order: stageOrder } };

  it('reversed columns give the same results', async () => {
    const { code, json } = await validate(TemplateBuilder.base(), o);
    expect(code).toBe(0);
    expect(inputOnly(json.issues)).toEqual([]);
    expect(results(json)).toEqual(results(reference));
  });

  it('a problem is reported at the moved column', async () => {
    const b = TemplateBuilder.base().setStage(S3, '初中', { backbone: 26 });
    expect(b.stageCell(S3, '初中', 'backbone', o)).toBe('H5');
    const { json } = await validate(b, o);
    expect(issues(json)).toEqual(['error backbone-exceeds 分学段信息!H5']);
  });
});

describe('header variants', () => {
  it('spaces, line breaks, full-width brackets and m² / m2 / 平方米 are read as the canonical headers', async () => {
    const o: RenderOptions = {
      schools: {
        headerText: {
          code: ' 学校 标识码 ',
          name: '学校\n名称',
          studentsPrimary: '小学在校生数（人）',
          studentsJunior: '初中在校\r\n生数 (人)',
          teachingArea: '教学及辅助用房面积(m²)',
          indoorSportsArea: '其中室内体育用房面积（m2）',
          outdoorSportsArea: '室外运动场地面积（平方米）',
          musicRooms96: '其中面积不小于96平方米的音乐专用教室数(间)',
          artRooms90: '其中面积不小于90m²的美术专用教室数（间）',
        },
      },
      stages: { headerText: { stage: '学\u3000段', teachers: '专任教师数\n(人)', trained: '5年内完成360学时培训专任教师数 （人）' } },
    };
    const { code, json } = await validate(TemplateBuilder.base(), o);
    expect(code).toBe(0);
    expect(inputOnly(json.issues)).toEqual([]);
    expect(results(json)).toEqual(results(reference));
  });

  it('a header with another unit is not the column: a required one missing is fatal, with a hint', async () => {
    const { code, json } = await validate(TemplateBuilder.base(), { schools: { headerText: { teachingArea: '教学及辅助用房面积(亩)' } } });
    expect(code).toBe(2);
    expect(json.fatal).toEqual({
      code: 'missing-column', sheet: '学校基本信息', cell: 'A1',
      message: '工作表「学校基本信息」缺少必填列「教学及辅助用房面积(㎡)」；K1 的表头「教学及辅助用房面积(亩)」与之相近，请核对单位写法。请按标准模板补上该列后重试',
    });
  });
});

describe('a count header written without its unit', () => {
  it('小学在校生数 for 小学在校生数(人): read as that column, with one warning at the header cell', async () => {
    const { code, json } = await validate(TemplateBuilder.base(), { schools: { headerText: { studentsPrimary: '小学在校生数' } } });
    expect(code).toBe(0);
    expect(inputOnly(json.issues)).toEqual([
      { severity: 'warning', code: 'header-without-unit', sheet: '学校基本信息', cell: 'G1', message: '表头「小学在校生数」没有写单位，已按「小学在校生数(人)」读取', fix: '请把表头改为「小学在校生数(人)」' },
    ]);
    expect(results(json)).toEqual(results(reference));
  });

  it('a required one (专任教师数, 班级数) too, instead of stopping', async () => {
    const { code, json } = await validate(TemplateBuilder.base(), { stages: { headerText: { teachers: '专任 教师数', classes: '班级数' } } });
    expect(code).toBe(0);
    expect(issues(json)).toEqual(['warning header-without-unit 分学段信息!C1', 'warning header-without-unit 分学段信息!E1']);
    expect(results(json)).toEqual(results(reference));
  });

  it('an optional count header with another unit (小学在校生数(万人)) is not read: the warning names it, at its cell', async () => {
    const b = TemplateBuilder.base();
    const { code, json } = await validate(b, { schools: { headerText: { studentsPrimary: '小学在校生数(万人)' } } });
    expect(code).toBe(1);
    expect(issues(json)).toEqual(['error students-required 学校基本信息!A2', 'error students-required 学校基本信息!A4', 'warning missing-optional-column 学校基本信息!G1']);
    expect(inputOnly(json.issues)[2]).toEqual({
      severity: 'warning', code: 'missing-optional-column', sheet: '学校基本信息', cell: 'G1',
      message: '未找到可选列「小学在校生数(人)」，依赖它的项目将记为未填报；G1 的表头「小学在校生数(万人)」与之相近，请核对单位写法',
      fix: '如该列就是「小学在校生数(人)」，请把表头改为「小学在校生数(人)」',
    });
  });

  it('an area header without its unit is not read as ㎡: a required one missing is fatal, with the hint', async () => {
    const { code, json } = await validate(TemplateBuilder.base(), { schools: { headerText: { teachingArea: '教学及辅助用房面积' } } });
    expect(code).toBe(2);
    expect(json.fatal.message).toBe('工作表「学校基本信息」缺少必填列「教学及辅助用房面积(㎡)」；K1 的表头「教学及辅助用房面积」与之相近，请核对单位写法。请按标准模板补上该列后重试');
  });
});

describe('万元 vs 元 from the header', () => {
  it('(元), （元） and (万元) columns are scaled by their header', async () => {
    const b = TemplateBuilder.base()
      .setSchool(S1, { equipment: 2500000, publicBudget: 1000000, trainingSpend: 60000 })
      .setSchool(S2, { equipment: 2400000, publicBudget: 1000000, trainingSpend: 60000 })
      .setSchool(S3, { equipment: 1825000, publicBudget: 800000, trainingSpend: 50000 });
    const o: RenderOptions = { schools: { headerText: { equipment: '教学仪器设备资产值(元)', publicBudget: '年度公用经费预算（元）', trainingSpend: '教师培训经费 (元)' } } };
    const { code, json } = await validate(b, o);
    expect(code).toBe(0);
    expect(inputOnly(json.issues)).toEqual([]);
    expect(results(json)).toEqual(results(reference));
  });

  it('the same numbers under (元) are 10 000 times smaller', async () => {
    const { json } = await validate(TemplateBuilder.base(), { schools: { headerText: { equipment: '教学仪器设备资产值(元)' } } });
    expect(json.units.map((u: any) => u.indicators.R6.value)).toEqual(reference.units.map((u: any) => u.indicators.R6.value / 10000));
  });
});

describe('numbers stored as text', () => {
  it('are read, with a warning at each cell, and exit 0', async () => {
    const b = TemplateBuilder.base().setSchool(S1, { studentsPrimary: ' 1000 ', equipment: '250' }).setStage(S2, '初中', { teachers: '60' });
    const { code, json } = await validate(b);
    expect(code).toBe(0);
    expect(inputOnly(json.issues)).toEqual([
      {
        severity: 'warning', code: 'text-number', sheet: '学校基本信息', cell: 'G2',
        message: '「小学在校生数(人)」是以文本形式存储的数字“1000”，已按数字 1000 读取', fix: '建议将单元格转换为数字（选中后点“转换为数字”），以免其他公式漏算',
      },
      {
        severity: 'warning', code: 'text-number', sheet: '学校基本信息', cell: 'N2',
        message: '「教学仪器设备资产值(万元)」是以文本形式存储的数字“250”，已按数字 250 读取', fix: '建议将单元格转换为数字（选中后点“转换为数字”），以免其他公式漏算',
      },
      {
        severity: 'warning', code: 'text-number', sheet: '分学段信息', cell: 'E3',
        message: '「专任教师数(人)」是以文本形式存储的数字“60”，已按数字 60 读取', fix: '建议将单元格转换为数字（选中后点“转换为数字”），以免其他公式漏算',
      },
    ]);
    expect(results(json)).toEqual(results(reference));
  });
});

describe('formula cells', () => {
  it('are read by their cached value', async () => {
    const b = TemplateBuilder.base()
      .setSchool(S1, { studentsPrimary: { formula: '500*2', result: 1000 }, equipment: { formula: 'SUM(200,50)', result: 250 } })
      .setStage(S3, '小学', { teachers: { formula: 'F4+G4+H4+I4', result: 28 } });
    b.county[b.county.findIndex(([l]) => l === '社会认可度(%)')][1] = { formula: '913/10', result: 91.3 };
    const { code, json } = await validate(b);
    expect(code).toBe(0);
    expect(inputOnly(json.issues)).toEqual([]);
    expect(results(json)).toEqual(results(reference));
  });

  it('a formula whose cached value is an error is an error at its cell', async () => {
    const b = TemplateBuilder.base().setSchool(S2, { teachingArea: { formula: '1/0', result: '#DIV/0!' } });
    const file = tmp.file('formula-error.xlsx');
    await b.write(file);
    const { code, json } = await cliJson('validate', file);
    expect(code).toBe(1);
    expect(issues(json)).toEqual(['error formula-error 学校基本信息!K3']);
  });
});

describe('formulas saved without their calculated value', () => {
  const FIX = '请在 Excel 或 WPS 中打开文件，重新计算（F9）后保存，再核验';

  it('in text, code and enumeration columns (学校名称, 学校类型, 学段, 是否寄宿制学校, 区县名称, a 是/否 row) are formula-no-value errors, not their formula text', async () => {
    const b = TemplateBuilder.base()
      .setSchool(S1, { name: { formula: '"城关"&"小学"' }, boarding: { formula: 'IF(1,"否","是")' } })
      .setSchool(S2, { type: { formula: 'IF(1,"初中","小学")' } })
      .setStage(S3, '初中', { stage: { formula: 'B4' } })
      .setCounty('countyName', { formula: 'Sheet2!A1' })
      .setCounty('G1', { formula: 'IF(1,"是","否")' });
    const { code, json } = await validate(b);
    expect(code).toBe(1);
    const at = (cell: string) => inputOnly(json.issues).find((i: any) => `${i.sheet}!${i.cell}` === cell);
    expect(issues(json)).toEqual([
      'error formula-no-value 学校基本信息!B2',
      'error formula-no-value 学校基本信息!F2',
      'error formula-no-value 学校基本信息!C3',
      'error formula-no-value 分学段信息!B5',
      'error missing-stage-row 学校基本信息!A4',
      'error formula-no-value 县级指标!B2',
      'error formula-no-value 县级指标!B19',
    ]);
    expect(at('学校基本信息!B2')).toMatchObject({ message: '「学校名称」是公式“="城关"&"小学"”，但文件中没有它的计算结果', fix: FIX });
    expect(at('学校基本信息!C3')).toMatchObject({ message: '「学校类型」是公式“=IF(1,"初中","小学")”，但文件中没有它的计算结果', fix: FIX });
    expect(at('分学段信息!B5')).toMatchObject({ message: '「学段」是公式“=B4”，但文件中没有它的计算结果', fix: FIX });
    expect(at('县级指标!B2')).toMatchObject({ message: '「区县名称」是公式“=Sheet2!A1”，但文件中没有它的计算结果', fix: FIX });
    expect(json.units[0].schoolName).toBe('');
  });

  it('in the 学校标识码 column: an error at its cell; the row is not read under the formula text', async () => {
    const b = TemplateBuilder.base().setSchool(S2, { code: { formula: '"0360000002"' } });
    const { code, json } = await validate(b);
    expect(code).toBe(1);
    expect(inputOnly(json.issues)[0]).toEqual({
      severity: 'error', code: 'formula-no-value', sheet: '学校基本信息', cell: 'A3',
      message: '「学校标识码」是公式“="0360000002"”，但文件中没有它的计算结果', fix: FIX,
    });
    expect(issues(json)).toEqual(['error formula-no-value 学校基本信息!A3', 'error unknown-code 分学段信息!A3']);
    expect(json.units.map((u: any) => u.schoolCode)).not.toContain('="0360000002"');
  });
});

describe('percentage-formatted cells in (%) rows', () => {
  it('0.972 shown as 97.2% is read as 97.2, without the fraction warning', async () => {
    const b = TemplateBuilder.base();
    const at = (label: string) => b.county.findIndex(([l]) => l === label);
    b.county[at('初中三年巩固率(%)')][1] = { value: 0.972, numFmt: '0.0%' };
    b.county[at('残疾儿童少年入学率(%)')][1] = { value: 0.955, numFmt: '0.00%' };
    b.county[at('社会认可度(%)')][1] = { value: 0.913, numFmt: '0.0%' };
    const { code, json } = await validate(b);
    expect(code).toBe(0);
    expect(inputOnly(json.issues)).toEqual([]);
    const msg = (id: string) => json.items.find((i: any) => i.id === id).message;
    expect(msg('Q1')).toBe('达标：全县初中三年巩固率达到95%以上。97.2%');
    expect(msg('SR')).toBe('达标：社会认可度达到85%以上。91.3%');
    expect(json.items.find((i: any) => i.id === 'Q2').passes).toBe(true);
  });

  it('0.84 shown as 84% fails 社会认可度 ≥ 85', async () => {
    const b = TemplateBuilder.base();
    b.county[b.county.findIndex(([l]) => l === '社会认可度(%)')][1] = { value: 0.84, numFmt: '0%' };
    const { json } = await validate(b);
    expect(json.items.find((i: any) => i.id === 'SR').passes).toBe(false);
  });

  it('a quoted "%" in the format (0"%", showing 96 as 96%) is not a percentage format: 96 stays 96', async () => {
    const b = TemplateBuilder.base();
    b.county[b.county.findIndex(([l]) => l === '初中三年巩固率(%)')][1] = { value: 96, numFmt: '0"%"' };
    const { code, json } = await validate(b);
    expect(code).toBe(0);
    expect(inputOnly(json.issues)).toEqual([]);
    expect(json.items.find((i: any) => i.id === 'Q1').message).toBe('达标：全县初中三年巩固率达到95%以上。96%');
  });

  it('a ratio row (校际差异率) formatted as a percentage keeps its ratio', async () => {
    const b = TemplateBuilder.base();
    b.county[b.county.findIndex(([l]) => l === '质量监测校际差异率')][1] = { value: 0.16, numFmt: '0%' };
    const { json } = await validate(b);
    expect(json.items.find((i: any) => i.id === 'Q9').message).toBe('未达标：相关科目学生学业水平达到Ⅲ级以上，且校际差异率低于0.15。校际差异率0.16（应低于0.15）');
  });
});

describe('school codes stored as numbers', () => {
  const asNumbers = (b: TemplateBuilder, numFmt: string | null) => {
    for (const s of b.schools) s.code = numFmt === null ? Number(s.code) : { value: Number(s.code), numFmt };
    return b;
  };

  it('shown through 0000000000 (the cell shows 0360000001): read as that text, matching the text codes of 分学段信息, without a warning', async () => {
    const { code, json } = await validate(asNumbers(TemplateBuilder.base(), '0000000000'));
    expect(code).toBe(0);
    expect(inputOnly(json.issues)).toEqual([]);
    expect(results(json)).toEqual(results(reference));
    expect(json.units.map((u: any) => u.schoolCode)).toEqual([S1, S2, S3, S3]);
  });

  it.each(['"0"#########', '\\0#########', '0#########'])('shown through %s, a literal or padding 0: the same', async (numFmt) => {
    const { code, json } = await validate(asNumbers(TemplateBuilder.base(), numFmt));
    expect(code).toBe(0);
    expect(inputOnly(json.issues)).toEqual([]);
    expect(results(json)).toEqual(results(reference));
  });

  it('in both sheets, each shown through 0000000000: the same', async () => {
    const b = asNumbers(TemplateBuilder.base(), '0000000000');
    for (const r of b.stages) r.code = { value: Number(r.code), numFmt: '0000000000' };
    const { code, json } = await validate(b);
    expect(code).toBe(0);
    expect(inputOnly(json.issues)).toEqual([]);
  });

  it('a format that shows 9 digits (000000000) still warns that the leading zero may be lost, with what the cell shows', async () => {
    const b = TemplateBuilder.base();
    b.school(S1).code = { value: 360000001, numFmt: '000000000' };
    b.stage(S1, '小学').code = 360000001;
    const { code, json } = await validate(b);
    expect(code).toBe(0);
    expect(inputOnly(json.issues).map((i: any) => `${i.code} ${i.sheet}!${i.cell} ${i.message}`)).toEqual([
      'code-as-number 学校基本信息!A2 「学校标识码」以数字形式存储（360000001），前导0可能已丢失',
      'code-as-number 分学段信息!A2 「学校标识码」以数字形式存储（360000001），前导0可能已丢失',
    ]);
  });

  it('a format not rendered here (#,##0) is read as the plain number, as without a format', async () => {
    const b = TemplateBuilder.base();
    b.school(S1).code = { value: 360000001, numFmt: '#,##0' };
    const { code, json } = await validate(b);
    expect(code).toBe(1);
    expect(issues(json)).toEqual(['error unknown-code 分学段信息!A2', 'error missing-stage-row 学校基本信息!A2', 'warning code-as-number 学校基本信息!A2']);
  });
});

describe('enumeration aliases', () => {
  it('九年一贯制, 十二年一贯制, 教学点 and 特教学校 are accepted', async () => {
    const b = TemplateBuilder.base().setSchool(S3, { type: '九年 一贯制' });
    b.schools.push(
      { ...b.school(S1), code: '0360000004', name: '村教学点', type: '教学点', studentsPrimary: 30, migrantStudents: 0, fundedStudents: 100 },
      { code: '0360000005', name: '县特教学校', type: '特教学校', ownership: '公办', locality: '城区' },
    );
    // A 教学点 of 30 pupils in 2 classes, with 3 teachers (S1's 60 would be more teachers than pupils: teachers-doubtful).
    b.stages.push({
      ...b.stage(S1, '小学'), code: '0360000004', zoned: 30, classes: 2, teachers: 3, postgraduate: 0, bachelor: 3, associate: 0, highSchool: 0,
      backbone: 1, pe: 1, music: 0, fineArt: 0, certified: 3, trained: 3,
    });
    const { code, json } = await validate(b);
    expect(code).toBe(0);
    expect(inputOnly(json.issues)).toEqual([]);
    expect(json.units.filter((u: any) => u.schoolCode === S3).map((u: any) => u.stage)).toEqual(['小学', '初中']);
    expect(json.excluded).toEqual([
      { schoolCode: '0360000004', schoolName: '村教学点', stage: '小学', reason: '教学点在校生不足50人' },
      { schoolCode: '0360000005', schoolName: '县特教学校', reason: '特殊教育学校不参与资源配置指标和差异系数计算' },
    ]);
  });

  it('十二年一贯制 gives a 小学 and a 初中 unit', async () => {
    const b = TemplateBuilder.base().setSchool(S3, { type: '十二年一贯制', studentsSenior: 0 });
    const { code, json } = await validate(b);
    expect(code).toBe(0);
    expect(results(json).units).toEqual(results(reference).units);
  });
});

describe('footer rows', () => {
  it.each(['合计', '小计', '总计', '注：本表由学校填写', '说明'])('a row starting with %s is ignored with a warning', async (word) => {
    const { code, json } = await validate(TemplateBuilder.base(), { schools: { trailer: [[word, null, null, null, null, null, 1400, 1100]] } });
    expect(code).toBe(0);
    expect(inputOnly(json.issues)).toEqual([
      { severity: 'warning', code: 'footer-row', sheet: '学校基本信息', cell: 'A5', message: '第5行是合计、注或说明行，已忽略，不参与计算', fix: '如该行实为学校数据，请填写学校标识码' },
    ]);
    expect(results(json)).toEqual(results(reference));
  });

  it.each([
    ['全县合计 in the code column', ['全县合计', null, null, null, null, null, 1400, 1100]],
    ['城区小计 in the name column', [null, '城区小计', null, null, null, null, 1000]],
    ['乡村学校合计（1所） with a bracket', ['乡村学校合计（1所）', null, null, null, null, null, 400]],
    ['合　计 with a full-width space', ['合\u3000计', null, null, null, null, null, 1400]],
    ['填报说明：教学点由中心校代报', ['填报说明：教学点由中心校代报']],
  ])('a row saying %s is a footer: ignored with a warning', async (_, row) => {
    const { code, json } = await validate(TemplateBuilder.base(), { schools: { trailer: [row] } });
    expect(code).toBe(0);
    expect(issues(json)).toEqual(['warning footer-row 学校基本信息!A5']);
    expect(results(json)).toEqual(results(reference));
  });

  it('a school with its code is never a footer, whatever its name says (the name column first: 注坪小学)', async () => {
    const order: SchoolKey[] = ['name', ...(Object.keys(SCHOOL_HEADERS) as SchoolKey[]).filter((k) => k !== 'name')];
    const b = TemplateBuilder.base().setSchool(S1, { name: '注坪小学' });
    const { code, json } = await validate(b, { schools: { order } });
    expect(code).toBe(0);
    expect(inputOnly(json.issues)).toEqual([]);
    expect(json.units.map((u: any) => `${u.schoolCode} ${u.schoolName}`)).toEqual([`${S1} 注坪小学`, `${S2} 城关初中`, `${S3} 河西九年一贯制学校`, `${S3} 河西九年一贯制学校`]);
  });

  it('a school row without its code whose name only holds 合计 inside (综合计算机实验学校) is no footer: missing-code', async () => {
    const b = TemplateBuilder.base();
    b.schools.push({ ...b.school(S1), code: null, name: '综合计算机实验学校' });
    const { code, json } = await validate(b);
    expect(code).toBe(1);
    expect(issues(json)).toEqual(['error missing-code 学校基本信息!A5']);
  });

  it('a footer in the 分学段信息 sheet, with blank first cells, is a footer too', async () => {
    const { code, json } = await validate(TemplateBuilder.base(), { stages: { trailer: [[null, '合计', 57, null, 173]] } });
    expect(code).toBe(0);
    expect(issues(json)).toEqual(['warning footer-row 分学段信息!A6']);
  });
});

describe('a row without 学校标识码', () => {
  it('is an error at its code cell, never dropped silently', async () => {
    const b = TemplateBuilder.base();
    b.schools.push({ ...b.school(S1), code: null, name: '无码小学' });
    const { code, json } = await validate(b);
    expect(code).toBe(1);
    expect(inputOnly(json.issues)).toEqual([
      { severity: 'error', code: 'missing-code', sheet: '学校基本信息', cell: 'A5', message: '第5行有数据但「学校标识码」为空，无法归属到学校', fix: '请填写「学校标识码」，或删除该行' },
    ]);
  });

  it('in 分学段信息 too, at the moved code column', async () => {
    const b = TemplateBuilder.base();
    b.stage(S2, '初中').code = null;
    const o: RenderOptions = { stages: { order: ['stage', ...(Object.keys(STAGE_HEADERS) as StageKey[]).filter((k) => k !== 'stage')] } };
    const { code, json } = await validate(b, o);
    expect(code).toBe(1);
    expect(issues(json)).toEqual(['error missing-code 分学段信息!B3', 'error missing-stage-row 学校基本信息!A3']);
  });
});

describe('empty rows', () => {
  it('between data rows are skipped, with the cells of later rows still right', async () => {
    const o: RenderOptions = { schools: { insertBefore: { 1: [[], [], []] } }, stages: { insertBefore: { 2: [[null, null]] } } };
    const b = TemplateBuilder.base().setSchool(S3, { outdoorSportsArea: 'abc' });
    expect(b.schoolCell(S3, 'outdoorSportsArea', o)).toBe('M7');
    const { code, json } = await validate(b, o);
    expect(code).toBe(1);
    expect(issues(json)).toEqual(['error not-a-number 学校基本信息!M7']);
    const clean = await validate(TemplateBuilder.base(), o);
    expect(clean.code).toBe(0);
    expect(inputOnly(clean.json.issues)).toEqual([]);
    expect(results(clean.json)).toEqual(results(reference));
  });
});

describe('extra columns and sheets', () => {
  it('are ignored', async () => {
    const o: RenderOptions = {
      schools: { extra: [{ header: '校长姓名', value: '张三' }, { header: '联系电话', value: 13800000000 }] },
      stages: { extra: [{ header: '备注', value: '已核对' }] },
      extraSheets: [
        { name: '填报说明', rows: [['请按说明填写'], ['学校标识码', '学段']] },
        { name: 'Sheet3', rows: [[1, 2, 3]] },
      ],
    };
    const { code, json } = await validate(TemplateBuilder.base(), o);
    expect(code).toBe(0);
    expect(inputOnly(json.issues)).toEqual([]);
    expect(results(json)).toEqual(results(reference));
  });

  it('sheet names are matched after trimming spaces', async () => {
    const { code, json } = await validate(TemplateBuilder.base(), { sheetNames: { schools: ' 学校基本信息 ', stages: '分学段信息 ' } });
    expect(code).toBe(0);
    expect(inputOnly(json.issues)).toEqual([]);
    expect(json.units[0].cell).toBe(' 学校基本信息 !A2');
  });
});

describe('rows with content only in unknown extra columns', () => {
  const W = Object.keys(SCHOOL_HEADERS).length; // the first column after the known ones (W)
  const V = Object.keys(STAGE_HEADERS).length; // (R in 分学段信息)
  const at = (col: number, value: unknown) => Object.assign(new Array(col).fill(null), { [col]: value }) as any[];

  it('a 序号 column numbered past the last school: those rows are empty, with one warning naming the first cell', async () => {
    const o: RenderOptions = { schools: { extra: [{ header: '序号', value: 1 }], trailer: [4, 5, 6, 7].map((n) => at(W, n)) } };
    const { code, json } = await validate(TemplateBuilder.base(), o);
    expect(code).toBe(0);
    expect(inputOnly(json.issues)).toEqual([
      {
        severity: 'warning', code: 'extra-columns-only', sheet: '学校基本信息', cell: 'W5',
        message: '第5行至第8行中有4行只在未识别的列中有内容（如「序号」列W5的“4”），已按空行跳过',
        fix: '未识别的列不参与核验；如这些行实为学校数据，请填在标准表头的列中，否则可删除这些内容',
      },
    ]);
    expect(results(json)).toEqual(results(reference));
  });

  it('a helper formula dragged down showing 0 in 分学段信息, one row: the same, said of that row', async () => {
    const o: RenderOptions = { stages: { extra: [{ header: '校验', value: { formula: 'E2-F2-G2-H2-I2', result: 0 } }], trailer: [at(V, { formula: 'E7-F7-G7-H7-I7', result: 0 })] } };
    const { code, json } = await validate(TemplateBuilder.base(), o);
    expect(code).toBe(0);
    expect(inputOnly(json.issues).map((i: any) => `${i.code} ${i.sheet}!${i.cell} ${i.message}`)).toEqual([
      'extra-columns-only 分学段信息!R6 第6行只在未识别的列中有内容（「校验」列R6的“0”），已按空行跳过',
    ]);
    expect(results(json)).toEqual(results(reference));
  });

  it('a row with content in a template column too is still a row without its code (missing-code)', async () => {
    const row = at(W, 5);
    row[1] = '新建小学';
    const { code, json } = await validate(TemplateBuilder.base(), { schools: { extra: [{ header: '序号', value: 1 }], trailer: [row] } });
    expect(code).toBe(1);
    expect(issues(json)).toEqual(['error missing-code 学校基本信息!A5']);
  });
});

describe('hidden rows', () => {
  it('are read like any other row', async () => {
    const { code, json } = await validate(TemplateBuilder.base(), { schools: { hidden: [1] }, stages: { hidden: [1, 3] } });
    expect(code).toBe(0);
    expect(inputOnly(json.issues)).toEqual([]);
    expect(results(json)).toEqual(results(reference));
  });

  it('a hidden row with an error is reported', async () => {
    const b = TemplateBuilder.base().setSchool(S2, { multimediaRooms: 2.5 });
    const { code, json } = await validate(b, { schools: { hidden: [1] } });
    expect(code).toBe(1);
    expect(issues(json)).toEqual(['error not-whole-number 学校基本信息!O3']);
  });
});

describe('the workbook helper', () => {
  it('writes what it is given (guard for the tests above)', async () => {
    const file = tmp.file('raw.xlsx');
    await writeGrids([{ name: 'x', rows: [['a', 1]] }], file);
    const r = await cliJson('validate', file);
    expect(r.code).toBe(2);
    expect(r.json.fatal.code).toBe('missing-sheet');
  });
});
