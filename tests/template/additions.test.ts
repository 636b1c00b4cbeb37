/**
 * The inputs of template 2017-v2 (template-additions.md §1–§3, §6): 举办者类型, 年级数, 超过标准班额的班级数,
 * the 51 new 「县级指标」 rows and the 简要结论 column, each check at its sheet and cell. A workbook without
 * them (the base county) gets none of these issues.
 */
import { guardSeverities } from '../helpers/catalogue-guard';
import { readTemplate, type ReadResult } from '../../src/template/read';
import { NATIONAL_READ_SETTINGS, readSettingsOf, type ReadSettings } from '../../src/template/checks/additions';
import { NATIONAL, resolveProfile } from '../../src/domain/profile';
import { evaluate } from '../../src/domain/evaluate';
import type { Issue } from '../../src/template/issues';
import { COUNTY_ROWS, COUNTY_ROWS_V2 } from '../../src/template/schema';
import { toCellGrids } from '../helpers/county-model';
import { TemplateBuilder, type SheetGrid, type XCell } from '../helpers/template-builder';

const S1 = '0360000001';

/** Appends a column to a sheet (header row 1): values by 0-based data index, blank elsewhere. */
function addColumn(grids: SheetGrid[], sheet: string, header: string, values: Record<number, XCell>): SheetGrid[] {
  return grids.map((g) => {
    if (g.name !== sheet) return g;
    const width = Math.max(...g.rows.map((r) => r.length));
    const rows = g.rows.map((r, i) => {
      const row = [...r];
      while (row.length < width) row.push(null);
      row.push(i === 0 ? header : (values[i - 1] ?? null));
      return row;
    });
    return { ...g, rows };
  });
}

function read(grids: SheetGrid[], settings?: ReadSettings): Extract<ReadResult, { ok: true }> {
  const r = readTemplate(toCellGrids(grids), settings);
  guardSeverities(r.ok ? r.issues : [], r.ok ? null : r.fatal);
  if (!r.ok) throw new Error(`fatal: ${r.fatal.message}`);
  return r;
}

const brief = (issues: Issue[]) => issues.map((i) => `${i.severity} ${i.code} ${i.sheet}!${i.cell ?? ''} ${i.message}`);

/** The base county with extra 「县级指标」 rows [label, value] (and column E 简要结论 when given). */
function withCounty(rows: [string, XCell][], conclusions: Record<string, string> = {}, b = TemplateBuilder.base()): SheetGrid[] {
  b.county.push(...rows);
  let grids = b.grids();
  if (Object.keys(conclusions).length) {
    const county = grids.find((g) => g.name === '县级指标')!;
    const byRow: Record<number, XCell> = {};
    county.rows.forEach((r, i) => {
      if (i > 0 && typeof r[0] === 'string' && r[0] in conclusions) byRow[i - 1] = conclusions[r[0]];
    });
    // The columns up to D stay as they are (or empty); E is 简要结论.
    const fill = ['指标', '数值', '对应评估项', '填写要求'];
    for (let c = county.rows[0].length; c < 4; c++) grids = addColumn(grids, '县级指标', fill[c], {});
    grids = addColumn(grids, '县级指标', '简要结论', byRow);
  }
  return grids;
}

describe('template 2017-v1 (the base county) gets no new issue', () => {
  it('reads with no issue and no 2017-v2 value', () => {
    const r = read(TemplateBuilder.base().grids());
    expect(r.issues).toEqual([]);
    expect(r.county.schools.map((s) => s.ownerType)).toEqual([null, null, null]);
    expect(r.county.stageRows.map((s) => [s.grades, s.oversizeClasses])).toEqual([[null, null], [null, null], [null, null], [null, null]]);
  });

  it('has 76 county rows: the 25 of v1 and the 51 of v2', () => {
    expect(COUNTY_ROWS).toHaveLength(76);
    expect(COUNTY_ROWS_V2).toHaveLength(51);
    expect(COUNTY_ROWS[25].label).toBe('人口总数(万人)');
    expect(COUNTY_ROWS[75].label).toBe('规范治理校外培训机构及减轻中小学课外负担不力');
  });
});

describe('举办者类型', () => {
  const grids = (values: Record<number, XCell>, ownership: Record<number, string> = {}) => {
    const b = TemplateBuilder.base();
    for (const [i, o] of Object.entries(ownership)) b.schools[Number(i)].ownership = o;
    return addColumn(b.grids(), '学校基本信息', '举办者类型', values);
  };

  it('reads the dropdown text, the bare number (as number or text, no warning) and the name alone', () => {
    const r = read(grids({ 0: '7 县级教育部门', 1: 5, 2: '县级 教育部门' }));
    expect(r.issues).toEqual([]);
    expect(r.county.schools.map((s) => s.ownerType)).toEqual([7, 5, 7]);
    expect(read(grids({ 0: '9' })).county.schools[0].ownerType).toBe(9);
  });

  it('a value outside the list is bad-enum at its cell', () => {
    const r = read(grids({ 0: '县属' }));
    expect(brief(r.issues)).toEqual(['error bad-enum 学校基本信息!W2 「举办者类型」“县属”不是可选的举办者类型']);
    expect(r.issues[0].fix).toBe('请从下拉列表选择1至10的代码，如“7 县级教育部门”');
  });

  it('10 with 公办, or 1–9 with 民办, is owner-type-mismatch', () => {
    const r = read(grids({ 0: '10 民办', 1: 7 }, { 1: '民办' }));
    expect(brief(r.issues)).toEqual([
      'error owner-type-mismatch 学校基本信息!W2 举办者类型为“10 民办”，但办学性质为“公办”',
      'error owner-type-mismatch 学校基本信息!W3 举办者类型为“7 县级教育部门”，但办学性质为“民办”',
    ]);
    expect(r.issues[0].fix).toBe('民办学校的举办者类型填10，公办学校填1至9；请核对这两列');
    expect(r.county.schools[0].ownerType).toBeNull();
  });
});

describe('年级数 and 超过标准班额的班级数 (分学段信息)', () => {
  // Stage rows: 0 S1 小学 (24 classes, max 45), 1 S2 初中 (16, 50), 2 S3 小学 (10, 42), 3 S3 初中 (7, 46).
  const stages = (col: string, values: Record<number, XCell>, b = TemplateBuilder.base()) => addColumn(b.grids(), '分学段信息', col, values);

  it('reads both as whole numbers', () => {
    const r = read(addColumn(stages('年级数(个)', { 0: 6, 1: 3, 2: 6, 3: 3 }), '分学段信息', '超过标准班额的班级数(个)', { 0: 0, 1: 0, 2: 0, 3: 0 }));
    expect(r.issues).toEqual([]);
    expect(r.county.stageRows.map((s) => [s.grades, s.oversizeClasses])).toEqual([[6, 0], [3, 0], [6, 0], [3, 0]]);
  });

  it('年级数 outside 1–6 (小学) or 1–4 (初中), or a school total above 9, is grades-out-of-range', () => {
    const r = read(stages('年级数(个)', { 0: 7, 1: 5, 2: 6, 3: 4 }));
    expect(brief(r.issues)).toEqual([
      'error grades-out-of-range 分学段信息!R2 小学年级数为7，应为1至6',
      'error grades-out-of-range 分学段信息!R3 初中年级数为5，应为1至4',
      'error grades-out-of-range 分学段信息!R5 小学、初中年级数合计为10，超过9',
    ]);
    expect(r.issues[0].fix).toBe('请填写该学段实际开设的年级数');
  });

  it('a fraction is not-whole-number', () => {
    expect(read(stages('年级数(个)', { 0: 5.5 })).issues.map((i) => `${i.code} ${i.cell}`)).toEqual(['not-whole-number R2']);
  });

  it('more oversize classes than classes is oversize-classes-exceed', () => {
    const r = read(stages('超过标准班额的班级数(个)', { 0: 25 }));
    expect(brief(r.issues)).toEqual(['error oversize-classes-exceed 分学段信息!R2 超过标准班额的班级数为25，大于班级数24']);
  });

  it('a count that contradicts 最大班额 is oversize-classes-inconsistent', () => {
    const r = read(stages('超过标准班额的班级数(个)', { 2: 3, 3: 0 }));
    // Row 3 (初中, 最大班额 46 ≤ 50) with 0 is consistent.
    expect(brief(r.issues)).toEqual(['error oversize-classes-inconsistent 分学段信息!R4 超过标准班额的班级数为3，但最大班额为42人，未超过小学标准班额45人']);
    expect(r.issues[0].fix).toBe('请核对最大班额与超过标准班额的班级数，两者应一致');
  });

  it('最大班额 above the limit with 0 oversize classes is oversize-classes-inconsistent', () => {
    const b = TemplateBuilder.base().setStage(S1, '小学', { maxClassSize: 52 });
    const r = read(stages('超过标准班额的班级数(个)', { 0: 0 }, b));
    expect(brief(r.issues)).toEqual(['error oversize-classes-inconsistent 分学段信息!R2 最大班额为52人，超过小学标准班额45人，但超过标准班额的班级数填为0']);
  });
});

describe('the new 「县级指标」 rows', () => {
  // The base county has 31 rows (2–32: the 25 of v1 and the six 一票否决); added rows start at 33.
  it('reads counts, money in 万元, levels, ratios and 未监测, and the alias of 农民年人均纯收入', () => {
    const r = read(withCounty([
      ['人口总数(万人)', 56.3], ['乡镇数(个)', 12], ['年人均国内生产总值(万元)', 6.2], ['农村居民人均可支配收入(元)', 18000],
      ['质量监测语文学业水平', 'Ⅲ级'], ['质量监测数学学业水平', 'IV'], ['质量监测科学学业水平', '未监测'], ['质量监测体育学业水平', '四级'],
      ['质量监测语文校际差异率', 0.12], ['质量监测科学校际差异率', '未监测'],
      ['存在"有编不补"或长期聘用编外教师的情况', '否'], ['教育系统存在重大安全责任事故和严重违纪违规事件;有弄虚作假行为', '是'],
    ], {}, TemplateBuilder.base().setCounty('V4', undefined).setCounty('V5', undefined)));
    expect(r.issues).toEqual([]);
    const v = (k: string) => r.county.countyValues[k]?.value;
    expect([v('population'), v('townships'), v('gdpPerCapita'), v('ruralIncome')]).toEqual([56.3, 12, 62000, 18000]);
    expect([v('q9LevelChinese'), v('q9LevelMath'), v('q9LevelScience'), v('q9LevelPE')]).toEqual([3, 4, '未监测', 4]);
    expect([v('q9GapChinese'), v('q9GapScience'), v('veto4'), v('veto5')]).toEqual([0.12, '未监测', false, true]);
  });

  it('a fraction in a count row, a bad level and a gap of 1 or more are errors at their cells', () => {
    const r = read(withCounty([['乡镇数(个)', 12.5], ['质量监测语文学业水平', '良好'], ['质量监测数学校际差异率', 12]]));
    expect(brief(r.issues)).toEqual([
      'error not-whole-number 县级指标!B33 「乡镇数(个)」应为整数，填写的是 12.5',
      'error bad-enum 县级指标!B34 「质量监测语文学业水平」“良好”不是可选的学业水平',
      'error ratio-out-of-range 县级指标!B35 「质量监测数学校际差异率」为12，应为小于1的小数',
    ]);
    expect(r.issues[2].fix).toBe('校际差异率填小数，如0.12');
    expect(r.county.countyValues.q9GapMath).toEqual({ value: null, row: 34, error: true });
  });

  it('a 其中 row above its total is county-inconsistent; population in persons is implausible', () => {
    const r = read(withCounty([
      ['人口总数(万人)', 560000], ['农业人口数(万人)', 600000],
      ['其中分配到农村初中的名额数(人)', 1800],
      ['适龄残疾儿童少年数(人)', 1260], ['其中已入学的适龄残疾儿童少年数(人)', 1300],
      ['社会认可度问卷总数(份)', 1000], ['社会认可度回收有效问卷数(份)', 1100],
    ]));
    expect(brief(r.issues)).toEqual([
      'warning county-value-implausible 县级指标!B33 「人口总数(万人)」为560000，按万人计明显过大',
      'warning county-value-implausible 县级指标!B34 「农业人口数(万人)」为600000，按万人计明显过大',
      'error county-inconsistent 县级指标!B34 「农业人口数(万人)」为600000，大于「人口总数(万人)」560000',
      'error county-inconsistent 县级指标!B35 「其中分配到农村初中的名额数(人)」为1800，大于「分配到初中学校的招生名额数(人)」1700',
      'error county-inconsistent 县级指标!B37 「其中已入学的适龄残疾儿童少年数(人)」为1300，大于「适龄残疾儿童少年数(人)」1260',
      'error county-inconsistent 县级指标!B39 「社会认可度回收有效问卷数(份)」为1100，大于「社会认可度问卷总数(份)」1000',
    ]);
    expect(r.issues[0].fix).toBe('人口以“万人”为单位，如56.3万人填56.3');
    expect(r.issues[2].fix).toBe('“其中”项不能大于总数，请核对');
  });

  it('an amount in 元 under 100 (万元 typed into a 元 row) is implausible; the value is used as read, a (万元) label is scaled', () => {
    const b = TemplateBuilder.base().setCounty('teacherPay', 9.865);
    const r = read(b.grids());
    expect(brief(r.issues)).toEqual(['warning county-value-implausible 县级指标!B5 「义务教育学校教师年平均工资收入(元)」为9.865，按元计明显过小，像是按万元填写的']);
    expect(r.issues[0].fix).toBe('此行以“元”为单位，如9.87万元填98700；也可把行名改为“（万元）”，程序按万元换算');
    expect(r.county.countyValues.teacherPay?.value).toBe(9.865);
    // 0 is a real answer (no 特殊教育学校), and 100 元 and above are left alone
    expect(brief(read(TemplateBuilder.base().setCounty('G7', 0).grids()).issues)).toEqual([]);
    expect(brief(read(TemplateBuilder.base().setCounty('civilServantPay', 100).grids()).issues)).toEqual([]);
    // the label in 万元: 9.865 万元 is 98 650 元, no warning
    const wan = TemplateBuilder.base().setCounty('teacherPay', 9.865);
    const grids = wan.grids();
    const row = grids[2].rows.find((x) => x[0] === '义务教育学校教师年平均工资收入(元)')!;
    row[0] = '义务教育学校教师年平均工资收入(万元)';
    const w = read(grids);
    expect(brief(w.issues)).toEqual([]);
    expect(w.county.countyValues.teacherPay?.value).toBeCloseTo(98650, 6);
  });

  it('the parts of template 2017-v1 above their totals (G11 骨干, G14 名额, G15 随迁) are county-inconsistent, and their items 无法评估', () => {
    const b = TemplateBuilder.base().setCounty('exchangedBackbone', 100).setCounty('quotaAllocated', 3600).setCounty('migrantPublic', 6000);
    const r = read(b.grids());
    const at = (label: string) => `B${r.county.countyValues[COUNTY_ROWS.find((x) => x.label === label)!.key]!.row + 1}`;
    expect(brief(r.issues)).toEqual([
      `error county-inconsistent 县级指标!${at('其中交流轮岗骨干教师数(人)')} 「其中交流轮岗骨干教师数(人)」为100，大于「交流轮岗教师数(人)」90`,
      `error county-inconsistent 县级指标!${at('分配到初中学校的招生名额数(人)')} 「分配到初中学校的招生名额数(人)」为3600，大于「优质高中招生计划数(人)」3000`,
      `error county-inconsistent 县级指标!${at('在公办学校和政府购买服务的民办学校就读的随迁子女数(人)')} 「在公办学校和政府购买服务的民办学校就读的随迁子女数(人)」为6000，大于「符合条件的随迁子女数(人)」${r.county.countyValues.migrantEligible!.value}`,
    ]);
    const items = evaluate(r.county, NATIONAL).items;
    expect(['G11', 'G14', 'G15'].map((id) => items.find((i) => i.id === id)!.passes)).toEqual([null, null, null]);
    // Equal to the total is allowed; with both split rows given the combined row is not used, so not checked here.
    expect(read(TemplateBuilder.base().setCounty('exchangedBackbone', 90).setCounty('quotaAllocated', 3000).grids()).issues).toEqual([]);
  });

  it('教职工数 below the 专任教师 of its 学段 is staff-below-teachers', () => {
    // 小学 teachers 60 + 28 = 88; 初中 60 + 25 = 85.
    const r = read(withCounty([['小学教职工数(人)', 80], ['初中教职工数(人)', 90]]));
    expect(brief(r.issues)).toEqual(['warning staff-below-teachers 县级指标!B33 「小学教职工数(人)」为80，少于「分学段信息」小学专任教师数合计88']);
  });

  it('special-school students 0 with funding is county-inconsistent; a 生均 1 元 off is county-rows-disagree', () => {
    const zero = read(withCounty([['特殊教育学校公用经费总额(元)', 650000], ['特殊教育学校在校生数(人)', 0]]));
    expect(brief(zero.issues)).toEqual(['error county-inconsistent 县级指标!B34 特殊教育学校在校生数为0，无法计算生均公用经费']);
    // Base 特殊教育学校生均公用经费 6500; 663000 / 100 = 6630.
    const off = read(withCounty([['特殊教育学校公用经费总额(元)', 663000], ['特殊教育学校在校生数(人)', 100]]));
    expect(brief(off.issues)).toEqual([
      'warning county-rows-disagree 县级指标!B4 按公用经费总额和在校生数计算的特殊教育学校生均公用经费为6630元，与填报的「特殊教育学校生均公用经费(元)」6500不一致，以计算值为准',
    ]);
    expect(read(withCounty([['特殊教育学校公用经费总额(元)', 650000], ['特殊教育学校在校生数(人)', 100]])).issues).toEqual([]);
  });

  it('Q1 counts: rate over 100 and disagreement with the typed rate (base 97.2)', () => {
    // (962 − 10 + 20) ÷ (1000 − 0) = 97.2 → no issue.
    const same = [['初中毕业班学生数(人)', 962], ['三年前该年级入学学生数(人)', 1000], ['毕业年级三年转入学生数(人)', 10], ['毕业年级三年转出学生数(人)', 20], ['毕业年级三年死亡学生数(人)', 0]] as [string, XCell][];
    expect(read(withCounty(same)).issues).toEqual([]);
    const over = read(withCounty([['初中毕业班学生数(人)', 1003], ...same.slice(1)]));
    expect(brief(over.issues)).toEqual([
      'warning computed-rate-over-100 县级指标!B33 按人数计算的初中三年巩固率为101.3%，超过100%',
      'warning county-rows-disagree 县级指标!B14 按五项人数计算的初中三年巩固率为101.3%，与填报的「初中三年巩固率(%)」97.2不一致，以计算值为准',
    ]);
    const dead = read(withCounty([...same.slice(0, 4), ['毕业年级三年死亡学生数(人)', 1000]]));
    expect(brief(dead.issues)).toEqual(['error county-inconsistent 县级指标!B37 「毕业年级三年死亡学生数(人)」不小于「三年前该年级入学学生数(人)」，无法计算巩固率']);
  });

  it('Q9 subject rows whose verdict differs from the two rows of v1 give county-rows-disagree (base: 是, 0.12 → 达标)', () => {
    const r = read(withCounty([['质量监测语文学业水平', 'Ⅱ'], ['质量监测语文校际差异率', 0.1]]));
    expect(brief(r.issues)).toEqual([
      'warning county-rows-disagree 县级指标!B16 按各科质量监测结果计算的Q9结论为未达标，与填报的「质量监测学业水平达到Ⅲ级以上」等两行的结论达标不一致，以计算值为准',
    ]);
  });

  it('G15 split rows: the sum above 符合条件 is county-inconsistent; a different combined row disagrees', () => {
    // Base 符合条件 5000, combined 4500.
    const r = read(withCounty([['其中在公办学校就读的随迁子女数(人)', 4000], ['其中在政府购买服务的民办学校就读的随迁子女数(人)', 400]]));
    const over = read(withCounty([['其中在公办学校就读的随迁子女数(人)', 4900], ['其中在政府购买服务的民办学校就读的随迁子女数(人)', 400]]));
    expect(brief(over.issues)).toEqual(['error county-inconsistent 县级指标!B33 两项“其中”随迁子女数合计为5300，大于「符合条件的随迁子女数(人)」5000']);
    expect(brief(r.issues)).toEqual([
      'warning county-rows-disagree 县级指标!B13 按两项“其中”计算的随迁子女数合计为4400，与填报的「在公办学校和政府购买服务的民办学校就读的随迁子女数(人)」4500不一致，以计算值为准',
    ]);
  });

  it('简要结论 on an evidence row is kept; on other rows one conclusion-not-used lists them', () => {
    const r = read(withCounty([], { 学校规划布局合理: '布局合理，已通过规划审批', '初中三年巩固率(%)': '良好', '社会认可度(%)': '满意' }));
    expect(r.county.countyValues.G1?.conclusion).toBe('布局合理，已通过规划审批');
    expect(brief(r.issues)).toEqual(['warning conclusion-not-used 县级指标!E14 「简要结论」只用于8项佐证材料（G1、G2、G10、Q3、Q5至Q8），E14、E18中的文字已忽略']);
    expect(r.layout.county?.columns.conclusion).toBe(4);
  });
});


describe("the reader's cross-checks use the applied profile's values", () => {
  const province = (items: Record<string, unknown>) => readSettingsOf(resolveProfile({ id: 'p', name: '某省', extends: 'national', items }));

  it('the national settings are the national profile’s G5, Q1 formula and Q9 limit', () => {
    expect(readSettingsOf(NATIONAL)).toEqual(NATIONAL_READ_SETTINGS);
    expect(NATIONAL_READ_SETTINGS).toEqual({ oversizeLimits: { 小学: 45, 初中: 50 }, retentionFormula: 'adjust-graduates', q9MaxGap: 0.15 });
  });

  it('Q1: the typed rate is compared with the rate of the profile’s formula (base typed 97.2)', () => {
    // adjust-graduates: (1021 − 60 + 10) ÷ (1000 − 0) = 97.1 %; adjust-cohort: 1021 ÷ (1000 + 60 − 10 − 0) = 97.238 → 97.2 %.
    const counts = withCounty([['初中毕业班学生数(人)', 1021], ['三年前该年级入学学生数(人)', 1000], ['毕业年级三年转入学生数(人)', 60], ['毕业年级三年转出学生数(人)', 10], ['毕业年级三年死亡学生数(人)', 0]]);
    expect(brief(read(counts).issues)).toEqual([
      'warning county-rows-disagree 县级指标!B14 按五项人数计算的初中三年巩固率为97.1%，与填报的「初中三年巩固率(%)」97.2不一致，以计算值为准',
    ]);
    expect(read(counts, province({ Q1: { formula: 'adjust-cohort' } })).issues).toEqual([]);
  });

  it('Q9: the subject rows and the two rows of v1 are judged with the profile’s limit (base: 是, 0.12)', () => {
    // 语文 gap 0.16: national 0.15 → subject rows fail, v1 rows (0.12) pass → disagree; a limit of 0.11 fails both.
    const rows = withCounty([['质量监测语文学业水平', 'Ⅲ'], ['质量监测语文校际差异率', 0.16]]);
    expect(brief(read(rows).issues)).toEqual([
      'warning county-rows-disagree 县级指标!B16 按各科质量监测结果计算的Q9结论为未达标，与填报的「质量监测学业水平达到Ⅲ级以上」等两行的结论达标不一致，以计算值为准',
    ]);
    expect(read(rows, province({ Q9: { maxGap: 0.11 } })).issues).toEqual([]);
  });

  it('超过标准班额: 最大班额 is compared with the profile’s G5 (小学 rows: S1 最大班额 45, S3 42)', () => {
    const grids = addColumn(TemplateBuilder.base().grids(), '分学段信息', '超过标准班额的班级数(个)', { 0: 0, 1: 0, 2: 0, 3: 0 });
    expect(read(grids).issues).toEqual([]);
    expect(brief(read(grids, province({ G5: { 小学: 40, 初中: 50 } })).issues)).toEqual([
      'error oversize-classes-inconsistent 分学段信息!R2 最大班额为45人，超过小学标准班额40人，但超过标准班额的班级数填为0',
      'error oversize-classes-inconsistent 分学段信息!R4 最大班额为42人，超过小学标准班额40人，但超过标准班额的班级数填为0',
    ]);
  });
});
