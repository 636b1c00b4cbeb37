/**
 * Government, quality and recognition items (standard §6) through the pure pipeline (grids → reader →
 * engine → report): each computable item at its boundary, the evidence items, and 未填报.
 */
import { inputOnly } from '../helpers/input-issues';
import { NATIONAL } from '../../src/domain/profile';
import { ITEMS } from '../../src/domain/rules/items';
import { analyse } from '../../src/report/build';
import type { Report, ReportItem } from '../../src/report/types';
import { toCellGrids } from '../helpers/county-model';
import { COUNTY_LABELS, TemplateBuilder, type CountyKey, type RenderOptions } from '../helpers/template-builder';

const S1 = '0360000001'; // 城关小学, 城区, 1 000 小学生, 24 classes
const S2 = '0360000002'; // 城关初中, 城区, 800 初中生, 16 classes
const S3 = '0360000003'; // 河西九年一贯制学校, 镇区, 400 + 300, 10 + 7 classes

function report(b: TemplateBuilder, o: RenderOptions = {}): Report {
  const r = analyse(toCellGrids(b.grids(o)), NATIONAL);
  if (!r.ok) throw new Error(`fatal: ${r.fatal.message}`);
  return r.analysis.report;
}

function item(b: TemplateBuilder, id: string): ReportItem {
  const i = report(b).items.find((x) => x.id === id);
  if (!i) throw new Error(`no item ${id}`);
  return i;
}

const passes = (b: TemplateBuilder, id: string) => item(b, id).passes;
const base = () => TemplateBuilder.base();

/** The warnings of a report, as "sheet!cell code message". */
function warnings(r: Report): string[] {
  return inputOnly(r.issues).filter((i) => i.severity === 'warning').map((i) => `${i.sheet}!${i.cell ?? ''} ${i.code} ${i.message}`);
}

describe('catalogue', () => {
  it('holds G1–G15, Q1–Q9, SR and V1–V6 in order, with the evidence items marked', () => {
    expect(ITEMS.map((i) => i.id)).toEqual([
      'G1', 'G2', 'G3', 'G4', 'G5', 'G6', 'G7', 'G8', 'G9', 'G10', 'G11', 'G12', 'G13', 'G14', 'G15',
      'Q1', 'Q2', 'Q3', 'Q4', 'Q5', 'Q6', 'Q7', 'Q8', 'Q9', 'SR', 'V1', 'V2', 'V3', 'V4', 'V5', 'V6',
    ]);
    expect(ITEMS.filter((i) => i.kind === 'evidence').map((i) => i.id)).toEqual(['G1', 'G2', 'G10', 'Q3', 'Q5', 'Q6', 'Q7', 'Q8', 'V1', 'V2', 'V3', 'V4', 'V5', 'V6']);
  });

  it('the base county passes every item with no issue', () => {
    const r = report(base());
    expect(r.items.map((i) => [i.id, i.passes])).toEqual(ITEMS.map((i) => [i.id, true]));
    expect(inputOnly(r.issues)).toEqual([]);
  });
});

describe('G3 音乐、美术专用教室 (per school, ceil(classes / 12) rooms of each)', () => {
  it('24 classes need 2 of each: 2 and 2 pass', () => {
    expect(passes(base(), 'G3')).toBe(true);
  });

  it('25 classes need 3: 2 music rooms fail, at both cells, with the school named', () => {
    const b = base().setStage(S1, '小学', { classes: 25 });
    const i = item(b, 'G3');
    expect(i.passes).toBe(false);
    expect(i.cells).toEqual([`学校基本信息!${b.schoolCell(S1, 'musicRooms96')}`, `学校基本信息!${b.schoolCell(S1, 'artRooms90')}`]);
    expect(i.cells).toEqual(['学校基本信息!Q2', '学校基本信息!S2']);
    expect(i.message).toBe('未达标：每12个班级配备音乐、美术专用教室1间以上，其中音乐教室面积不小于96㎡、美术教室面积不小于90㎡。城关小学需3间，达标音乐教室2间、美术教室2间');
  });

  it('only the art rooms short: fails at the art cell only', () => {
    const b = base().setSchool(S1, { artRooms90: 1 });
    expect(item(b, 'G3').cells).toEqual(['学校基本信息!S2']);
  });

  it('counts the classes of all 学段 of a 九年一贯制 school: 10 + 15 = 25 classes need 3', () => {
    const b = base().setStage(S3, '初中', { classes: 15 });
    const i = item(b, 'G3');
    expect(i.passes).toBe(false);
    expect(i.cells).toEqual(['学校基本信息!Q4', '学校基本信息!S4']);
  });

  it('a blank 96㎡ count leaves G3 未填报 with a warning at that cell', () => {
    const b = base().setSchool(S1, { musicRooms96: null });
    const r = report(b);
    expect(r.items.find((i) => i.id === 'G3')!.passes).toBeNull();
    expect(warnings(r)).toEqual(['学校基本信息!Q2 item-not-filled 「其中面积不小于96㎡的音乐专用教室数(间)」为空，G3 未填报，该项无法评估']);
    expect(r.summary.errors).toBe(0);
  });

  it('a blank at one school and a failure at another: G3 fails', () => {
    const b = base().setSchool(S1, { musicRooms96: null }).setSchool(S2, { artRooms90: 0 });
    const i = item(b, 'G3');
    expect(i.passes).toBe(false);
    expect(i.cells).toEqual(['学校基本信息!S3']);
  });

  it('a 96㎡ count with an error (more than the music rooms) makes G3 not evaluable, not "blank"', () => {
    const b = base().setSchool(S1, { musicRooms: 1, musicRooms96: 2 });
    const r = report(b);
    const g3 = r.items.find((i) => i.id === 'G3')!;
    expect(g3.passes).toBeNull();
    expect(g3.message).toBe('无法评估：每12个班级配备音乐、美术专用教室1间以上，其中音乐教室面积不小于96㎡、美术教室面积不小于90㎡。学校基本信息!Q2 有错误，请先改正该单元格');
    expect(inputOnly(r.issues).map((i) => `${i.cell} ${i.code}`)).toEqual(['Q2 subarea-exceeds']);
  });
});

describe('G4 学校规模', () => {
  it('a 小学 of 2 000 passes, 2 001 fails at its student cell', () => {
    expect(passes(base().setSchool(S1, { studentsPrimary: 2000 }), 'G4')).toBe(true);
    const i = item(base().setSchool(S1, { studentsPrimary: 2001 }), 'G4');
    expect(i.passes).toBe(false);
    expect(i.cells).toEqual(['学校基本信息!G2']);
    expect(i.message).toBe('未达标：小学、初中规模不超过2000人，九年一贯制、十二年一贯制学校义务教育阶段规模不超过2500人。城关小学2001人（上限2000人）');
  });

  it('a 初中 of 2 001 fails', () => {
    expect(item(base().setSchool(S2, { studentsJunior: 2001 }), 'G4').cells).toEqual(['学校基本信息!H3']);
  });

  it('a 九年一贯制 of 1 300 + 1 200 = 2 500 passes; 1 300 + 1 201 fails at both cells', () => {
    expect(passes(base().setSchool(S3, { studentsPrimary: 1300, studentsJunior: 1200 }), 'G4')).toBe(true);
    expect(item(base().setSchool(S3, { studentsPrimary: 1300, studentsJunior: 1201 }), 'G4').cells).toEqual(['学校基本信息!G4', '学校基本信息!H4']);
  });

  it('a 完全中学 counts its 初中 part only: 2 000 初中 + 1 500 高中 passes, 2 001 初中 fails', () => {
    const add = (junior: number) => {
      const b = base();
      b.schools.push({ ...b.school(S2), code: '0360000004', name: '一中', type: '完全中学', studentsJunior: junior, studentsSenior: 1500 });
      b.stages.push({ ...b.stage(S2, '初中'), code: '0360000004' });
      return b;
    };
    expect(passes(add(2000), 'G4')).toBe(true);
    expect(item(add(2001), 'G4').cells).toEqual(['学校基本信息!H5']);
  });

  it('a 十二年一贯制 counts 小学 + 初中 only: 1 300 + 1 200 + 900 高中 passes', () => {
    const b = base().setSchool(S3, { type: '十二年一贯制学校', studentsPrimary: 1300, studentsJunior: 1200, studentsSenior: 900 });
    expect(passes(b, 'G4')).toBe(true);
  });
});

describe('G5 班额 (largest class)', () => {
  it('小学 45 and 初中 50 pass', () => {
    expect(passes(base(), 'G5')).toBe(true);
  });

  it('小学 46 fails at its 最大班额 cell', () => {
    const i = item(base().setStage(S1, '小学', { maxClassSize: 46 }), 'G5');
    expect(i.passes).toBe(false);
    expect(i.cells).toEqual(['分学段信息!D2']);
    expect(i.message).toBe('未达标：小学、初中所有班级学生数分别不超过45人、50人。城关小学小学最大班额46人（上限45人）');
  });

  it('初中 51 fails; the 初中 row of a 九年一贯制 is held to 50, not 45', () => {
    expect(item(base().setStage(S2, '初中', { maxClassSize: 51 }), 'G5').cells).toEqual(['分学段信息!D3']);
    expect(passes(base().setStage(S3, '初中', { maxClassSize: 50 }), 'G5')).toBe(true);
    expect(item(base().setStage(S3, '小学', { maxClassSize: 46 }), 'G5').cells).toEqual(['分学段信息!D4']);
  });

  it('blank: 未填报 with a warning at the cell', () => {
    const r = report(base().setStage(S2, '初中', { maxClassSize: null }));
    expect(r.items.find((i) => i.id === 'G5')!.passes).toBeNull();
    expect(warnings(r)).toEqual(['分学段信息!D3 item-not-filled 「最大班额(人)」为空，G5 未填报，该项无法评估']);
  });
});

describe('G6 小规模学校公用经费 (村小学 and 教学点 under 100 students: funded for ≥ 100)', () => {
  const village = (students: number, funded: number | null) =>
    base().setSchool(S1, { locality: '乡村', studentsPrimary: students, fundedStudents: funded }).setStage(S1, '小学', { zoned: 0 });

  it('a 乡村 小学 of 80 funded for 100 passes; for 99 fails at the cell', () => {
    expect(passes(village(80, 100), 'G6')).toBe(true);
    const i = item(village(80, 99), 'G6');
    expect(i.passes).toBe(false);
    expect(i.cells).toEqual(['学校基本信息!V2']);
    expect(i.message).toBe('未达标：不足100名学生的村小学和教学点按100名学生核定公用经费。城关小学在校生80人，核定公用经费学生数99人（应不少于100人）');
  });

  it('a 乡村 小学 of 80 with a blank funded count is 未填报 with a warning at the cell', () => {
    const r = report(village(80, null));
    expect(r.items.find((i) => i.id === 'G6')!.passes).toBeNull();
    expect(warnings(r)).toEqual(['学校基本信息!V2 item-not-filled 「核定公用经费学生数(人)」为空，G6 未填报，该项无法评估']);
  });

  it('a 乡村 小学 of 100 students is not concerned', () => {
    expect(passes(village(100, null), 'G6')).toBe(true);
  });

  it('a 城区 小学 of 80 is not concerned; a 城区 教学点 of 80 is', () => {
    expect(passes(base().setSchool(S1, { studentsPrimary: 80 }).setStage(S1, '小学', { zoned: 0 }), 'G6')).toBe(true);
    const tp = base().setSchool(S1, { type: '小学教学点', studentsPrimary: 80, fundedStudents: 80 }).setStage(S1, '小学', { zoned: 0 });
    expect(item(tp, 'G6').cells).toEqual(['学校基本信息!V2']);
  });

  it('a 乡村 九年一贯制 is not concerned', () => {
    expect(passes(base().setSchool(S3, { locality: '乡村', studentsPrimary: 50, studentsJunior: 30 }).setStage(S3, '小学', { zoned: 0 }).setStage(S3, '初中', { zoned: 0 }), 'G6')).toBe(true);
  });
});

describe.each([
  ['G9', 'trained', 'P', '5年内完成360学时培训专任教师数(人)'],
  ['G12', 'certified', 'O', '持有教师资格证专任教师数(人)'],
] as const)('%s (100 %% of 专任教师, per 学段 row)', (id, key, col, header) => {
  it('all teachers pass', () => {
    expect(passes(base(), id)).toBe(true);
  });

  it('one teacher short fails at that cell', () => {
    const i = item(base().setStage(S2, '初中', { [key]: 59 }), id);
    expect(i.passes).toBe(false);
    expect(i.cells).toEqual([`分学段信息!${col}3`]);
  });

  it('blank: 未填报 with a warning at the cell', () => {
    const r = report(base().setStage(S3, '初中', { [key]: null }));
    expect(r.items.find((i) => i.id === id)!.passes).toBeNull();
    expect(warnings(r)).toEqual([`分学段信息!${col}5 item-not-filled 「${header}」为空，${id} 未填报，该项无法评估`]);
  });
});

describe('G13 就近划片入学 (城区/镇区 公办 non-boarding: 小学 100 %, 初中 ≥ 95 %)', () => {
  it('小学 999 of 1 000 fails at the cell', () => {
    const i = item(base().setStage(S1, '小学', { zoned: 999 }), 'G13');
    expect(i.passes).toBe(false);
    expect(i.cells).toEqual(['分学段信息!Q2']);
    expect(i.message).toBe('未达标：城区和镇区公办小学、初中（不含寄宿制学校）就近划片入学比例分别达到100%、95%。城关小学小学就近划片入学比例99.9%（标准100.0%）');
  });

  it('初中 760 of 800 (exactly 95 %) passes, 759 fails', () => {
    expect(passes(base().setStage(S2, '初中', { zoned: 760 }), 'G13')).toBe(true);
    expect(item(base().setStage(S2, '初中', { zoned: 759 }), 'G13').cells).toEqual(['分学段信息!Q3']);
  });

  it('the 初中 part of a 九年一贯制 (镇区) is held to 95 %: 285 of 300 passes, 284 fails', () => {
    expect(passes(base().setStage(S3, '初中', { zoned: 285 }), 'G13')).toBe(true);
    expect(item(base().setStage(S3, '初中', { zoned: 284 }), 'G13').cells).toEqual(['分学段信息!Q5']);
  });

  it('boarding, 民办 and 乡村 schools are not concerned', () => {
    expect(passes(base().setSchool(S1, { boarding: '是' }).setStage(S1, '小学', { zoned: 0 }), 'G13')).toBe(true);
    expect(passes(base().setSchool(S1, { ownership: '民办' }).setStage(S1, '小学', { zoned: 0 }), 'G13')).toBe(true);
    expect(passes(base().setSchool(S1, { locality: '乡村' }).setStage(S1, '小学', { zoned: 0 }), 'G13')).toBe(true);
  });

  it('a blank count of a concerned school is 未填报 with a warning; one of a school not concerned is not', () => {
    const r = report(base().setStage(S1, '小学', { zoned: null }));
    expect(r.items.find((i) => i.id === 'G13')!.passes).toBeNull();
    expect(warnings(r)).toEqual(['分学段信息!Q2 item-not-filled 「就近划片入学学生数(人)」为空，G13 未填报，该项无法评估']);
    const r2 = report(base().setSchool(S1, { boarding: '是' }).setStage(S1, '小学', { zoned: null }));
    expect(r2.items.find((i) => i.id === 'G13')!.passes).toBe(true);
    expect(warnings(r2)).toEqual([]);
  });
});

describe('Q4 教师培训经费 ≥ 5 % of 公用经费 (per school)', () => {
  it('5 万元 of 100 万元 (exactly 5 %) passes', () => {
    expect(passes(base().setSchool(S1, { trainingSpend: 5 }), 'Q4')).toBe(true);
  });

  it('4.99 万元 of 100 万元 fails at the training cell', () => {
    const i = item(base().setSchool(S1, { trainingSpend: 4.99 }), 'Q4');
    expect(i.passes).toBe(false);
    expect(i.cells).toEqual(['学校基本信息!U2']);
    expect(i.message).toBe('未达标：所有学校按照不低于学校年度公用经费预算总额的5%安排教师培训经费。城关小学培训经费占4.99%');
  });

  it('the two money columns may use different units: 1 000 000 元 budget, 5 万元 training passes', () => {
    const b = base().setSchool(S1, { publicBudget: 1000000 }).setSchool(S2, { publicBudget: 1000000 }).setSchool(S3, { publicBudget: 800000 });
    expect(report(b, { schools: { headerText: { publicBudget: '年度公用经费预算(元)' } } }).items.find((i) => i.id === 'Q4')!.passes).toBe(true);
  });

  it('blank budget and spend: 未填报 with a warning at each cell', () => {
    const r = report(base().setSchool(S2, { publicBudget: null, trainingSpend: null }));
    expect(r.items.find((i) => i.id === 'Q4')!.passes).toBeNull();
    expect(warnings(r)).toEqual([
      '学校基本信息!T3 item-not-filled 「年度公用经费预算(万元)」为空，Q4 未填报，该项无法评估',
      '学校基本信息!U3 item-not-filled 「教师培训经费(万元)」为空，Q4 未填报，该项无法评估',
    ]);
  });
});

describe('Q9 质量监测: level Ⅲ and 校际差异率 strictly below 0.15', () => {
  it('0.1499 passes', () => {
    expect(passes(base().setCounty('gap', 0.1499), 'Q9')).toBe(true);
  });

  it('exactly 0.15 fails ("低于" is strict)', () => {
    const b = base().setCounty('gap', 0.15);
    const i = item(b, 'Q9');
    expect(i.passes).toBe(false);
    expect(i.cells).toEqual([`县级指标!${b.countyCell('gap')}`]);
    expect(i.message).toBe('未达标：相关科目学生学业水平达到Ⅲ级以上，且校际差异率低于0.15。校际差异率0.15（应低于0.15）');
  });

  it('level 否 fails', () => {
    const b = base().setCounty('level3', '否');
    expect(item(b, 'Q9').cells).toEqual([`县级指标!${b.countyCell('level3')}`]);
  });

  it('a blank 差异率 is 未填报 with a warning; 否 with a blank 差异率 still fails', () => {
    const b = base().setCounty('gap', null);
    const r = report(b);
    expect(r.items.find((i) => i.id === 'Q9')!.passes).toBeNull();
    expect(warnings(r)).toEqual([`县级指标!${b.countyCell('gap')} item-not-filled 「质量监测校际差异率」的「数值」为空，Q9 未填报，该项无法评估`]);
    expect(passes(base().setCounty('gap', null).setCounty('level3', '否'), 'Q9')).toBe(false);
  });
});

describe('county-sheet items at their boundary', () => {
  const cases: [string, Partial<Record<CountyKey, number>>, Partial<Record<CountyKey, number>>][] = [
    ['G7', { G7: 6000 }, { G7: 5999 }],
    ['G8', { teacherPay: 96000 }, { teacherPay: 95999 }],
    ['G11', { exchanged: 80, exchangedBackbone: 16 }, { exchanged: 79, exchangedBackbone: 16 }],
    ['G11', { exchanged: 80, exchangedBackbone: 16 }, { exchanged: 80, exchangedBackbone: 15 }],
    ['G14', { quotaAllocated: 1500 }, { quotaAllocated: 1499 }],
    ['G15', { migrantPublic: 4250 }, { migrantPublic: 4249 }],
    ['Q1', { Q1: 95 }, { Q1: 94.99 }],
    ['Q2', { Q2: 95 }, { Q2: 94.99 }],
    ['SR', { SR: 85 }, { SR: 84.99 }],
  ];

  it.each(cases)('%s: %j passes, %j fails', (id, ok, bad) => {
    const set = (v: Partial<Record<CountyKey, number>>) => {
      const b = base();
      for (const [k, x] of Object.entries(v)) b.setCounty(k as CountyKey, x);
      return b;
    };
    expect(passes(set(ok), id)).toBe(true);
    expect(passes(set(bad), id)).toBe(false);
  });

  it('G11: 80 of 800 (10 %) with 16 骨干 (20 %) reports both ratios', () => {
    const b = base().setCounty('exchanged', 80).setCounty('exchangedBackbone', 16);
    expect(item(b, 'G11').message).toBe('达标：全县每年交流轮岗教师的比例不低于符合交流条件教师总数的10%，其中骨干教师不低于交流轮岗教师总数的20%。交流比例10.0%，其中骨干教师占20.0%');
  });

  it('G11: with no eligible teachers and nobody exchanged, passes', () => {
    const b = base().setCounty('eligibleExchange', 0).setCounty('exchanged', 0).setCounty('exchangedBackbone', 0);
    expect(passes(b, 'G11')).toBe(true);
  });

  it('G11 fails at its three cells', () => {
    const b = base().setCounty('exchanged', 79);
    expect(item(b, 'G11').cells).toEqual(['eligibleExchange', 'exchanged', 'exchangedBackbone'].map((k) => `县级指标!${b.countyCell(k as CountyKey)}`));
  });

  it('G14 fails at its two cells with the ratio', () => {
    const b = base().setCounty('quotaAllocated', 1499);
    const i = item(b, 'G14');
    expect(i.cells).toEqual([`县级指标!${b.countyCell('quotaPlan')}`, `县级指标!${b.countyCell('quotaAllocated')}`]);
    expect(i.message).toBe('未达标：优质高中招生名额分配比例不低于50%，并向农村初中倾斜。分配比例49.97%');
  });

  it('G15 passes with no eligible 随迁子女', () => {
    expect(passes(base().setCounty('migrantEligible', 0).setCounty('migrantPublic', 0), 'G15')).toBe(true);
  });
});

describe('evidence items (是 / 否 in 县级指标)', () => {
  const EVIDENCE = ['G1', 'G2', 'G10', 'Q3', 'Q5', 'Q6', 'Q7', 'Q8'] as const;

  it.each(EVIDENCE)('%s: 是 passes, 否 fails at its cell', (id) => {
    expect(passes(base(), id)).toBe(true);
    const b = base().setCounty(id, '否');
    const i = item(b, id);
    expect(i.passes).toBe(false);
    expect(i.cells).toEqual([`县级指标!${b.countyCell(id)}`]);
    expect(i.message).toMatch(/^未达标：.*（县级指标表填“是”或“否”）。填报为“否”$/);
  });

  it.each(EVIDENCE)('%s: blank is 未填报 with a warning at its cell', (id) => {
    const b = base().setCounty(id, null);
    const r = report(b);
    const i = r.items.find((x) => x.id === id)!;
    expect(i.passes).toBeNull();
    expect(i.message).toMatch(/^未填报：/);
    expect(warnings(r)).toEqual([`县级指标!${b.countyCell(id)} item-not-filled 「${COUNTY_LABELS[id]}」的「数值」为空，${id} 未填报，该项无法评估`]);
  });

  it('a row left out of the sheet is 未填报 with a warning naming the row', () => {
    const r = report(base().setCounty('Q6', undefined));
    expect(r.items.find((x) => x.id === 'Q6')!.passes).toBeNull();
    expect(warnings(r)).toEqual([`县级指标! item-not-filled 县级指标缺少「${COUNTY_LABELS.Q6}」，Q6 德育工作、校园文化建设水平达到良好以上未填报，该项无法评估`]);
  });

  it('an answer other than 是/否 is an error at the cell and the item is not evaluated', () => {
    const b = base().setCounty('G2', '基本合理');
    const r = report(b);
    expect(inputOnly(r.issues).filter((i) => i.severity === 'error').map((i) => `${i.sheet}!${i.cell} ${i.code} ${i.message}`)).toEqual([
      `县级指标!${b.countyCell('G2')} bad-enum 「城乡学校建设、编制、经费、装备标准统一」“基本合理”不是“是”或“否”`,
    ]);
    expect(r.items.find((x) => x.id === 'G2')!.passes).toBeNull();
  });
});

describe('未填报 across items', () => {
  it('a county item with one blank cell and one absent row warns about both', () => {
    const b = base().setCounty('teacherPay', null).setCounty('civilServantPay', undefined);
    const r = report(b);
    expect(r.items.find((x) => x.id === 'G8')!.passes).toBeNull();
    expect(warnings(r)).toEqual([
      '县级指标! item-not-filled 县级指标缺少「当地公务员年平均工资收入(元)」，G8 教师工资收入未填报，该项无法评估',
      `县级指标!${b.countyCell('teacherPay')} item-not-filled 「义务教育学校教师年平均工资收入(元)」的「数值」为空，G8 未填报，该项无法评估`,
    ]);
  });

  it('without a 县级指标 sheet every county item is 未填报 (never passed), the school items are still evaluated', () => {
    const r = report(base(), { omit: ['county'] });
    const none = r.items.filter((i) => i.passes === null).map((i) => i.id);
    expect(none).toEqual(['G1', 'G2', 'G7', 'G8', 'G10', 'G11', 'G14', 'G15', 'Q1', 'Q2', 'Q3', 'Q5', 'Q6', 'Q7', 'Q8', 'Q9', 'SR', 'V1', 'V2', 'V3', 'V4', 'V5', 'V6']);
    expect(r.items.filter((i) => i.passes === true).map((i) => i.id)).toEqual(['G3', 'G4', 'G5', 'G6', 'G9', 'G12', 'G13', 'Q4']);
    expect(r.summary.errors).toBe(0);
    expect(inputOnly(r.issues).filter((i) => i.code === 'missing-county-sheet')).toHaveLength(1);
  });

  it('an optional column left out makes its item 未填报, with a warning about the column', () => {
    const order = (Object.keys(base().school(S1)) as (keyof ReturnType<TemplateBuilder['school']>)[]).filter((k) => k !== 'fundedStudents');
    const b = base().setSchool(S1, { locality: '乡村', studentsPrimary: 80 }).setStage(S1, '小学', { zoned: 0 });
    const r = report(b, { schools: { order } });
    expect(r.items.find((x) => x.id === 'G6')!.passes).toBeNull();
    expect(inputOnly(r.issues).map((i) => `${i.sheet}!${i.cell} ${i.code}`)).toEqual(['学校基本信息!A1 missing-optional-column']);
  });
});
