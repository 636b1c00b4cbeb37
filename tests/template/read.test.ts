/**
 * readTemplate on plain grids: the County it builds, the layout, and every cross-field and cross-sheet
 * check of template.md, each at its sheet and A1 cell.
 */
import { guardSeverities } from '../helpers/catalogue-guard';
import { readTemplate, type ReadResult } from '../../src/template/read';
import type { Issue } from '../../src/template/issues';
import { SCHOOL_COLUMNS, STAGE_COLUMNS } from '../../src/template/schema';
import { toCellGrids } from '../helpers/county-model';
import { evaluate } from '../../src/domain/evaluate';
import { NATIONAL } from '../../src/domain/profile';
import { TemplateBuilder, type RenderOptions } from '../helpers/template-builder';

const S1 = '0360000001';
const S2 = '0360000002';
const S3 = '0360000003';

function read(b: TemplateBuilder, o: RenderOptions = {}): Extract<ReadResult, { ok: true }> {
  const r = readTemplate(toCellGrids(b.grids(o)));
  guardSeverities(r.ok ? r.issues : [], r.ok ? null : r.fatal);
  if (!r.ok) throw new Error(`fatal: ${r.fatal.message}`);
  return r;
}

const brief = (issues: Issue[]) => issues.map((i) => `${i.severity} ${i.code} ${i.sheet}!${i.cell ?? ''} ${i.message}`);

describe('the County read from the base workbook', () => {
  const r = read(TemplateBuilder.base());

  it('has no issue', () => {
    expect(r.issues).toEqual([]);
  });

  it('gives every field of the columns, in their order, then bad and row (schools: row and bad after boarding)', () => {
    const stageFields = STAGE_COLUMNS.map((c) => c.field as string);
    expect(Object.keys(r.county.stageRows[0])).toEqual([...stageFields, 'bad', 'row']);
    const schoolFields = SCHOOL_COLUMNS.map((c) => c.field as string);
    const boarding = schoolFields.indexOf('boarding') + 1;
    expect(Object.keys(r.county.schools[0])).toEqual([...schoolFields.slice(0, boarding), 'row', 'bad', ...schoolFields.slice(boarding)]);
  });

  it('keeps codes as text with their leading zeros, in sheet order', () => {
    expect(r.county.schools.map((s) => s.code)).toEqual([S1, S2, S3]);
    expect(r.county.stageRows.map((s) => `${s.code}|${s.stage}`)).toEqual([`${S1}|小学`, `${S2}|初中`, `${S3}|小学`, `${S3}|初中`]);
  });

  it('reads enumerations, booleans and 0-based rows', () => {
    const s = r.county.schools[2];
    expect([s.name, s.type, s.ownership, s.locality, s.boarding, s.row]).toEqual(['河西九年一贯制学校', '九年一贯制学校', '公办', '镇区', false, 3]);
    expect(r.county.stageRows[3].row).toBe(4);
  });

  it('converts money from 万元 to 元', () => {
    const s = r.county.schools[2];
    expect(s.equipmentYuan).toBe(1825000);
    expect(s.publicBudgetYuan).toBe(800000);
    expect(s.trainingSpendYuan).toBe(50000);
  });

  it('reads blank optional numbers as null', () => {
    expect(r.county.schools[0].studentsJunior).toBeNull();
    expect(r.county.schools[0].fundedStudents).toBeNull();
  });

  it('lays out every column and the money scales', () => {
    expect(r.layout.schools.headerRow).toBe(0);
    expect(r.layout.schools.columns.code).toBe(0);
    expect(r.layout.schools.columns.fundedStudents).toBe(21);
    expect(r.layout.schools.scales).toEqual({ equipmentYuan: 10000, publicBudgetYuan: 10000, trainingSpendYuan: 10000 });
    expect(Object.keys(r.layout.stages.columns)).toHaveLength(17);
    expect(r.layout.county).toEqual({ sheet: '县级指标', headerRow: 0, columns: { label: 0, value: 1 }, scales: {} });
  });

  it('reads the county rows by key with their rows', () => {
    expect(r.county.hasCountySheet).toBe(true);
    expect(r.county.countyValues.countyName).toEqual({ value: '测试县', row: 1 });
    expect(r.county.countyValues.monitoringLevel3).toEqual({ value: true, row: 15 });
    expect(r.county.countyValues.monitoringGap).toEqual({ value: 0.12, row: 16 });
    expect(r.county.countyValues.recognition).toEqual({ value: 91.3, row: 17 });
  });
});

describe('checks within a school row', () => {
  it.each([
    ['其中室内体育用房面积 > 教学及辅助用房面积', { indoorSportsArea: 7000 }, 'error subarea-exceeds 学校基本信息!L2 「其中室内体育用房面积(㎡)」7000 大于「教学及辅助用房面积(㎡)」6000'],
    ['96㎡ music rooms > music rooms', { musicRooms96: 3 }, 'error subarea-exceeds 学校基本信息!Q2 「其中面积不小于96㎡的音乐专用教室数(间)」3 大于「音乐专用教室数(间)」2'],
    ['90㎡ art rooms > art rooms', { artRooms90: 3 }, 'error subarea-exceeds 学校基本信息!S2 「其中面积不小于90㎡的美术专用教室数(间)」3 大于「美术专用教室数(间)」2'],
    ['随迁子女 > students', { migrantStudents: 1001 }, 'error migrant-exceeds 学校基本信息!J2 「随迁子女在校生数(人)」1001 大于在校生总数 1000'],
    ['a 小学 with 0 小学生 (and no false 随迁子女 error against 0)', { studentsPrimary: 0 }, 'error students-required 学校基本信息!G2 小学应有小学在校生，但「小学在校生数(人)」为0'],
    ['a 小学 with 初中生', { studentsJunior: 20 }, 'error students-not-in-type 学校基本信息!H2 学校类型为小学，不应有初中在校生，但「初中在校生数(人)」为 20'],
    ['a blank required text', { name: null }, 'error required-blank 学校基本信息!B2 必填项「学校名称」为空'],
    ['a blank 办学性质', { ownership: null }, 'error required-blank 学校基本信息!D2 必填项「办学性质」为空'],
    ['a bad 城乡分类', { locality: '城镇' }, 'error bad-enum 学校基本信息!E2 「城乡分类」“城镇”不是可选值'],
    ['a bad 是否寄宿制学校', { boarding: '半寄宿' }, 'error bad-enum 学校基本信息!F2 「是否寄宿制学校」“半寄宿”不是可选值'],
  ])('%s', (_what, values, issue) => {
    const r = read(TemplateBuilder.base().setSchool(S1, values).setStage(S1, '小学', { zoned: 0 }));
    expect(brief(r.issues)).toEqual([issue]);
  });

  it('元 typed into the (万元) column, or 万元 into a (元) column: a warning naming the scale, the value still used', () => {
    // S1: 1 000 小学生, 教学仪器设备资产值 250 万元 (2 500 元 per student).
    expect(read(TemplateBuilder.base()).issues).toEqual([]);
    // 2 500 000 typed as 元 under (万元): 25 000 000 元 per student.
    const wan = read(TemplateBuilder.base().setSchool(S1, { equipment: 2_500_000 }));
    expect(brief(wan.issues)).toEqual([
      'warning money-scale-doubtful 学校基本信息!N2 按表头「教学仪器设备资产值(万元)」的万元计，生均教学仪器设备值为25000000元，是标准值的数十倍以上，可能把元填进了万元列',
    ]);
    expect(wan.county.schools[0].equipmentYuan).toBe(25_000_000_000);
    // 250 typed as 万元 under (元): 0.25 元 per student.
    const yuan = read(TemplateBuilder.base(), { schools: { headerText: { equipment: '教学仪器设备资产值(元)' } } });
    // (every school of the column: S2 240 万元 for 800, S3 for its 小学 and 初中 together)
    expect(brief(yuan.issues)).toEqual([
      'warning money-scale-doubtful 学校基本信息!N2 按表头「教学仪器设备资产值(元)」的元计，生均教学仪器设备值仅0.25元，可能把万元填进了元列',
      'warning money-scale-doubtful 学校基本信息!N3 按表头「教学仪器设备资产值(元)」的元计，生均教学仪器设备值仅0.3元，可能把万元填进了元列',
      'warning money-scale-doubtful 学校基本信息!N4 按表头「教学仪器设备资产值(元)」的元计，生均教学仪器设备值仅0.26元，可能把万元填进了元列',
    ]);
    expect(yuan.issues[0].fix).toBe('该列以元为单位，如 35.6 万元应填 356000；若整列填的都是万元，请把表头改为「教学仪器设备资产值(万元)」');
    // At the limits (100 000 and 2 元 per student) nothing is said.
    expect(read(TemplateBuilder.base().setSchool(S1, { equipment: 10_000 })).issues).toEqual([]);
    const atMin = TemplateBuilder.base().setSchool(S1, { equipment: 2000 }).setSchool(S2, { equipment: 2_000_000 }).setSchool(S3, { equipment: 2_000_000 });
    expect(read(atMin, { schools: { headerText: { equipment: '教学仪器设备资产值(元)' } } }).issues).toEqual([]);
  });

  it('a digit typed twice: more 专任教师 than pupils, or an area per pupil 50 times the standard, is a warning; the value is still used', () => {
    // S1: 1 000 小学生, 60 teachers (15 + … by degree), 6 000 ㎡ and 8 000 ㎡.
    const teachers = read(TemplateBuilder.base().setStage(S1, '小学', { teachers: 6000, bachelor: 5980 }));
    expect(brief(teachers.issues)).toEqual(['warning teachers-doubtful 分学段信息!E2 「专任教师数(人)」6000 多于该学段在校生数 1000，可能多打了位数或填错了行']);
    expect(teachers.county.stageRows[0].teachers).toBe(6000);
    // As many teachers as pupils: nothing said.
    expect(read(TemplateBuilder.base().setStage(S1, '小学', { teachers: 1000, bachelor: 980 })).issues).toEqual([]);
    const areas = read(TemplateBuilder.base().setSchool(S1, { teachingArea: 300_001, outdoorSportsArea: 800_000_000 }));
    expect(brief(areas.issues)).toEqual([
      'warning area-doubtful 学校基本信息!K2 按在校生 1000 人计，生均教学及辅助用房面积为 300㎡，远超标准值，可能多打了位数或填错了列',
      'warning area-doubtful 学校基本信息!M2 按在校生 1000 人计，生均室外运动场地面积为 800000㎡，远超标准值，可能多打了位数或填错了列',
    ]);
    expect(areas.issues[0].fix).toBe('请核对「教学及辅助用房面积(㎡)」；数值照读照用，补充方案也按它计算');
    expect(areas.county.schools[0].outdoorSportsArea).toBe(800_000_000);
    // At the limits (300 and 500 ㎡ per pupil) nothing is said.
    expect(read(TemplateBuilder.base().setSchool(S1, { teachingArea: 300_000, outdoorSportsArea: 500_000 })).issues).toEqual([]);
    // A village 教学点 of 4 pupils in an old 村小 building (325 and 525 ㎡ per pupil) with 5 teachers: plausible, nothing said.
    const village = TemplateBuilder.base();
    village.schools.push({ ...village.school(S1), code: '0360000004', name: '村教学点', type: '教学点', studentsPrimary: 4, migrantStudents: 0, teachingArea: 1300, indoorSportsArea: 0, outdoorSportsArea: 2100, equipment: 1, multimediaRooms: 1, fundedStudents: 100 });
    village.stages.push({
      ...village.stage(S1, '小学'), code: '0360000004', zoned: 4, classes: 1, teachers: 5, postgraduate: 0, bachelor: 5, associate: 0, highSchool: 0,
      backbone: 1, pe: 1, music: 0, fineArt: 0, certified: 5, trained: 5,
    });
    expect(brief(read(village).issues).filter((i) => /doubtful/.test(i))).toEqual([]);
  });

  it('最大班额 below the average class (在校生数 ÷ 班级数) is a warning at 最大班额; equal is fine', () => {
    // S1: 1 000 小学生 in 24 classes (41.7 on average), 最大班额 45.
    const r = read(TemplateBuilder.base().setStage(S1, '小学', { classes: 20, maxClassSize: 45 }).setSchool(S1, { studentsPrimary: 1000 }));
    expect(brief(r.issues)).toEqual(['warning max-class-below-average 分学段信息!D2 按小学在校生数1000人和班级数20计算，平均班额为50人，大于填报的最大班额45人']);
    expect(r.issues[0].fix).toBe('最大班额不能小于平均班额，请核对最大班额、班级数和在校生数（G5 按最大班额判断）');
    // The value is still used (G5 is judged on it).
    expect(r.county.stageRows[0].maxClassSize).toBe(45);
    expect(read(TemplateBuilder.base().setStage(S1, '小学', { classes: 20, maxClassSize: 50 })).issues).toEqual([]);
  });

  it('a money header without its unit is read as 万元 (the template\'s unit), with a warning at the header cell', () => {
    const r = read(TemplateBuilder.base(), { schools: { headerText: { equipment: '教学仪器设备资产值' } } });
    expect(brief(r.issues)).toEqual(['warning money-unit-missing 学校基本信息!N1 表头「教学仪器设备资产值」没有写单位，按模板的万元读取']);
    expect(r.issues[0].fix).toBe('请在表头注明单位：填的是万元写“教学仪器设备资产值(万元)”，填的是元写“教学仪器设备资产值(元)”');
    expect(r.county.schools[0].equipmentYuan).toBe(2_500_000);
    // With either unit nothing is said about it.
    expect(read(TemplateBuilder.base(), { schools: { headerText: { equipment: '教学仪器设备资产值（万元）' } } }).issues).toEqual([]);
  });

  it('a 完全中学 needs its 高中 count (to split the shared resources), 0 allowed', () => {
    const b = TemplateBuilder.base().setSchool(S2, { type: '完全中学' });
    expect(brief(read(b).issues)).toEqual(['error required-blank 学校基本信息!I3 完全中学须填写「高中在校生数(人)」（用于分摊共用的校舍和设备），当前为空']);
    expect(read(TemplateBuilder.base().setSchool(S2, { type: '完全中学', studentsSenior: 0 })).issues).toEqual([]);
  });

  it('a 特殊教育学校 needs no resource columns and no 学段 row; a 学段 row for it is ignored with a warning', () => {
    const b = TemplateBuilder.base();
    b.schools.push({ code: '0360000009', name: '县特殊教育学校', type: '特殊教育学校', ownership: '公办', locality: '城区' });
    expect(read(b).issues).toEqual([]);
    b.stages.push({ ...b.stage(S1, '小学'), code: '0360000009' });
    expect(brief(read(b).issues)).toEqual(['warning special-school-row 分学段信息!B6 县特殊教育学校是特殊教育学校，不参与资源配置计算，本行不计入']);
    expect(read(b).county.stageRows).toHaveLength(4);
    // Only its code, 学段 and 班级数 filled in (the review's case): the blanks of a row not read are not errors, a
    // value that cannot be read still is
    const partial = TemplateBuilder.base();
    partial.schools.push({ code: '0360000009', name: '县特殊教育学校', type: '特殊教育学校', ownership: '公办', locality: '城区' });
    partial.stages.push({ code: '0360000009', stage: '小学', classes: 5 });
    expect(brief(read(partial).issues)).toEqual(['warning special-school-row 分学段信息!B6 县特殊教育学校是特殊教育学校，不参与资源配置计算，本行不计入']);
    // its 学段 blank as well: still that one warning, at the 学段 cell
    partial.stages[partial.stages.length - 1].stage = null;
    expect(brief(read(partial).issues)).toEqual(['warning special-school-row 分学段信息!B6 县特殊教育学校是特殊教育学校，不参与资源配置计算，本行不计入']);
    partial.stages[partial.stages.length - 1].stage = '小学';
    partial.stages[partial.stages.length - 1].teachers = '十二';
    expect(brief(read(partial).issues).map((i) => i.split(' ').slice(0, 3).join(' '))).toEqual(['error not-a-number 分学段信息!E6', 'warning special-school-row 分学段信息!B6']);
  });

  it('a 特殊教育学校 may give its pupils by 学段 and its 随迁子女 (it is out of the computation): no error, no unit', () => {
    const b = TemplateBuilder.base();
    b.schools.push({ code: '0360000009', name: '县特殊教育学校', type: '特殊教育学校', ownership: '公办', locality: '城区', studentsPrimary: 80, studentsJunior: 40, migrantStudents: 10 });
    const r = read(b);
    expect(r.issues).toEqual([]);
    expect(evaluate(r.county, NATIONAL).units.map((u) => u.schoolCode)).not.toContain('0360000009');
    // 随迁子女 above its pupils is still an error.
    b.schools[b.schools.length - 1] = { ...b.schools[b.schools.length - 1], migrantStudents: 130 };
    expect(read(b).issues.map((i) => i.code)).toEqual(['migrant-exceeds']);
  });

  it('a blank resource column of an ordinary school is an error (missing data is not skipped)', () => {
    const b = TemplateBuilder.base().setSchool(S3, { multimediaRooms: null });
    const r = read(b);
    expect(brief(r.issues)).toEqual(['error required-blank 学校基本信息!O4 必填项「网络多媒体教室数(间)」为空']);
    expect(r.issues[0].fix).toBe('请填写全校合计数；确实没有请填0');
    expect(r.county.schools[2].bad.has('multimediaRooms')).toBe(true);
  });

  it('a 10-digit code stored as a number is accepted; a shorter one warns about lost leading zeros', () => {
    const b = TemplateBuilder.base().setSchool(S1, { code: 360000001 }).setStage(S1, '小学', { code: 360000001 });
    const r = read(b);
    expect(brief(r.issues)).toEqual([
      'warning code-as-number 学校基本信息!A2 「学校标识码」以数字形式存储（360000001），前导0可能已丢失',
      'warning code-as-number 分学段信息!A2 「学校标识码」以数字形式存储（360000001），前导0可能已丢失',
    ]);
    expect(r.county.schools[0].code).toBe('360000001');
  });
});

describe('checks within a 学段 row', () => {
  it.each([
    ['骨干 > 专任', { backbone: 61 }, 'error backbone-exceeds 分学段信息!J3 「县级及以上骨干教师数(人)」61 大于「专任教师数(人)」60'],
    ['持证 > 专任', { certified: 61 }, 'error certified-exceeds 分学段信息!O3 「持有教师资格证专任教师数(人)」61 大于「专任教师数(人)」60'],
    ['培训 > 专任', { trained: 61 }, 'error trained-exceeds 分学段信息!P3 「5年内完成360学时培训专任教师数(人)」61 大于「专任教师数(人)」60'],
    ['体育+音乐+美术+艺术 > 专任', { arts: 52 }, 'error arts-exceed 分学段信息!K3 体育、音乐、美术、艺术专任教师合计 61，大于「专任教师数(人)」60'],
    ['就近划片 > students', { zoned: 801 }, 'error zoned-exceeds 分学段信息!Q3 「就近划片入学学生数(人)」801 大于该学段在校生数 800'],
    ['0 classes', { classes: 0 }, 'error not-positive 分学段信息!C3 「班级数(个)」为0'],
    ['学历 not adding up', { bachelor: 49 }, 'error degree-sum-mismatch 分学段信息!E3 四类学历专任教师数之和为 59，与「专任教师数(人)」60 不一致'],
    ['a blank required count', { pe: null }, 'error required-blank 分学段信息!K3 必填项「体育专任教师数(人)」为空'],
    ['a bad 学段', { stage: '高中' }, 'error bad-enum 分学段信息!B3 「学段」“高中”不是可选值'],
  ])('%s', (_what, values, issue) => {
    const r = read(TemplateBuilder.base().setStage(S2, '初中', values));
    expect(brief(r.issues).filter((i) => !i.includes('missing-stage-row'))).toEqual([issue]);
  });

  it('a blank 艺术 column counts as 0 and is no error', () => {
    expect(read(TemplateBuilder.base().setStage(S2, '初中', { arts: null })).issues).toEqual([]);
  });

  it('a duplicate 学段 row is an error at its 学段 cell; the first row is kept', () => {
    const b = TemplateBuilder.base();
    b.stages.push({ ...b.stage(S2, '初中'), teachers: 1 });
    const r = read(b);
    expect(brief(r.issues)).toEqual(['error duplicate-stage-row 分学段信息!B6 城关初中的初中学段重复，与第3行相同']);
    expect(r.county.stageRows.filter((x) => x.code === S2).map((x) => x.teachers)).toEqual([60]);
  });
});

describe('the sheets as a whole', () => {
  it('the header row may be row 10 but not row 11', () => {
    const title = (n: number) => Array.from({ length: n }, (_, i) => [`标题第${i + 1}行`]);
    const ok = read(TemplateBuilder.base(), { schools: { title: title(9) } });
    expect(ok.layout.schools.headerRow).toBe(9);
    expect(ok.issues).toEqual([]);
    const r = readTemplate(toCellGrids(TemplateBuilder.base().grids({ schools: { title: title(10) } })));
    expect(r).toEqual({
      ok: false, issues: [],
      fatal: { code: 'missing-header-row', sheet: '学校基本信息', cell: 'A1', message: '工作表「学校基本信息」前10行中找不到表头「学校标识码」。请按标准模板填写表头' },
    });
  });

  it('a duplicated header is an error naming both columns; the first is read (issue 11: no longer a warning)', () => {
    const r = read(TemplateBuilder.base(), { schools: { extra: [{ header: '学校名称', value: '别名' }] } });
    expect(brief(r.issues)).toEqual(['error duplicate-column 学校基本信息!W1 表头「学校名称」出现在 B 列、W 列，无法确定哪一列是正确的数据；已读取 B 列，W 列未读取']);
    expect(r.county.schools[0].name).toBe('城关小学');
  });

  it('a school sheet without any school is an error', () => {
    const b = TemplateBuilder.base();
    b.schools = [];
    b.stages = [];
    expect(brief(read(b).issues)).toEqual(['error no-schools 学校基本信息!A2 「学校基本信息」中没有任何学校数据']);
  });

  it('an unknown county row warns; a repeated one warns and keeps the first', () => {
    const b = TemplateBuilder.base();
    b.county.push(['优质学校占比(%)', 60], ['社会认可度(%)', 50]);
    const r = read(b);
    expect(brief(r.issues)).toEqual([
      'warning unknown-county-row 县级指标!A33 未识别的指标「优质学校占比(%)」，已忽略',
      'warning duplicate-county-row 县级指标!A34 指标「社会认可度(%)」重复出现，已使用第18行',
    ]);
    expect(r.county.countyValues.recognition!.value).toBe(91.3);
  });

  it('a 「县级指标」 without its header is a warning with its own code (missing-header-row is fatal), the items not filled', () => {
    const grids = toCellGrids(TemplateBuilder.base().grids());
    const county = grids.find((g) => g.name === '县级指标')!;
    county.values[0] = ['项目', '值'];
    const r = readTemplate(grids);
    if (!r.ok) throw new Error(r.fatal.message);
    expect(r.issues).toEqual([
      {
        severity: 'warning', code: 'missing-county-header', sheet: '县级指标', cell: 'A1',
        message: '工作表「县级指标」前10行中找不到含「指标」和「数值」的表头行，县级指标均记为未填报', fix: '请按标准模板填写表头「指标」「数值」',
      },
    ]);
    expect(r.county.countyValues).toEqual({});
    expect(r.layout.county).toBeUndefined();
  });

  it('a county money row in 万元 is converted to 元', () => {
    const b = TemplateBuilder.base();
    b.county[2] = ['特殊教育学校生均公用经费(万元)', 0.65];
    expect(read(b).county.countyValues.specialEdFunding!.value).toBe(6500);
  });

  it('a percentage written as a fraction in a (%) row warns and is read as written', () => {
    const b = TemplateBuilder.base().setCounty('SR', 0.913);
    const r = read(b);
    expect(brief(r.issues)).toEqual(['warning percent-as-fraction 县级指标!B18 「社会认可度(%)」填写为 0.913，按 0.913% 读取；如果本意是 91.3%，请改写']);
    expect(r.county.countyValues.recognition!.value).toBe(0.913);
  });

  it('the percentage meant by a fraction is printed without float noise (0.923 → 92.3%, not 92.30000000000001%)', () => {
    const r = read(TemplateBuilder.base().setCounty('SR', 0.923).setCounty('Q1', 0.9567));
    expect(brief(r.issues)).toEqual([
      'warning percent-as-fraction 县级指标!B14 「初中三年巩固率(%)」填写为 0.9567，按 0.9567% 读取；如果本意是 95.67%，请改写',
      'warning percent-as-fraction 县级指标!B18 「社会认可度(%)」填写为 0.923，按 0.923% 读取；如果本意是 92.3%，请改写',
    ]);
    expect(r.county.countyValues.recognition!.value).toBe(0.923);
  });

  it('percentage formats scale by 100; an escaped or quoted % is a literal sign', () => {
    const b = TemplateBuilder.base();
    const at = (label: string) => b.county.findIndex(([l]) => l === label);
    b.county[at('初中三年巩固率(%)')][1] = { value: 0.96, numFmt: '0%' };
    b.county[at('残疾儿童少年入学率(%)')][1] = { value: 96.5, numFmt: '0.0\\%' };
    b.county[at('社会认可度(%)')][1] = { value: 91.3, numFmt: '0.0"%"' };
    const r = read(b);
    expect(r.issues).toEqual([]);
    expect(r.county.countyValues.retentionRate!.value).toBe(96);
    expect(r.county.countyValues.disabledEnrolment!.value).toBe(96.5);
    expect(r.county.countyValues.recognition!.value).toBe(91.3);
  });

  it('a percentage over 100 and a negative county number are errors', () => {
    const r = read(TemplateBuilder.base().setCounty('Q1', 102).setCounty('exchanged', -1));
    expect(brief(r.issues)).toEqual([
      'error negative-number 县级指标!B8 「交流轮岗教师数(人)」为负数 -1',
      'error percent-over-100 县级指标!B14 「初中三年巩固率(%)」为 102%，超过100%',
    ]);
  });
});
