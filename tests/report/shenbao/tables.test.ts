/**
 * 表Ⅱ-1, 表Ⅱ-2 and 表Ⅲ (shenbao.md §4–§6) on the conformance workbooks, whose expected results were
 * computed independently of the product: every count, ratio and rounded value below is derived from the
 * expected JSON alone (values half-up rounded by the test's own decimal arithmetic), never from the engine.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gridsOf, loadWorkbook } from '../../../src/hosts/exceljs/read';
import { builtInProfile, NATIONAL, resolveProfile, type ResolvedProfile } from '../../../src/domain/profile';
import { analyse, type Analysis } from '../../../src/report/build';
import type { SheetCell, SheetGrid } from '../../../src/report/model';
import { Blanks } from '../../../src/report/shenbao/kit';
import { compositeCvSentence, shenbaoSheets } from '../../../src/report/shenbao/tables';
import { sampleCountyGrids } from '../../../src/sample/county';
import { toCellGrids } from '../../helpers/county-model';
import { TemplateBuilder, tempDir } from '../../helpers/template-builder';

const FIX = join(__dirname, '../../fixtures/conformance');
const IDS = ['R1', 'R2', 'R3', 'R4', 'R5', 'R6', 'R7'] as const;
const tmp = tempDir();

async function analysisOf(path: string, profile: ResolvedProfile = NATIONAL): Promise<Analysis> {
  const r = analyse(gridsOf(await loadWorkbook(path)), profile);
  if (!r.ok) throw new Error(r.fatal.message);
  return r.analysis;
}

/** Independent half-up rounding: via a decimal string of 15 significant digits and BigInt. */
function halfUp(x: number, d: number): number {
  // The decimal string of 15 significant digits itself: going back through a double (toFixed(20) of
  // Number(…)) would bring back the binary expansion, 4.185 → "4.18499999999999960920…" → 4.18.
  const s = x.toPrecision(15);
  if (/e/.test(s)) throw new Error(`halfUp: ${s} out of the range of this helper`);
  const [int, frac = ''] = s.replace('-', '').split('.');
  const digits = BigInt(int + frac.padEnd(d, '0').slice(0, d));
  const up = Number(frac[d] ?? '0') >= 5 ? 1n : 0n;
  const v = Number(digits + up) / 10 ** d;
  return x < 0 ? -v : v;
}

it('the independent rounding of these tests follows the spec table (shenbao.md §2.2)', () => {
  expect([halfUp(1.005, 2), halfUp(201 / 200, 2), halfUp(7784.1 / 1860, 2), halfUp(929 / 200, 2), halfUp((100.0011 * 10000) / 200, 2), halfUp(2.675, 2)]).toEqual([1.01, 1.01, 4.19, 4.65, 5000.06, 2.68]);
  expect([halfUp(0.1235, 3), halfUp((27 / 28) * 100, 1), halfUp(96.45, 1), halfUp(2499.5, 0), halfUp(1.0049999, 2)]).toEqual([0.124, 96.4, 96.5, 2500, 1]);
});

const value = (c: SheetCell | undefined) => c?.value ?? null;
const at = (g: SheetGrid, address: string) => {
  const m = /^([A-Z]+)(\d+)$/.exec(address)!;
  const col = m[1].split('').reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  return g.rows[Number(m[2]) - 1]?.[col];
};
const sheet = (sheets: SheetGrid[], name: string) => sheets.find((s) => s.name === name)!;

/**
 * The conformance workbooks against their independent expected JSON; the sample county against the engine's
 * unrounded results (its report, the `validate --json` document), since it has no independent expectation.
 */
describe.each(['01-worked-example', '02-exact-thresholds', '03-county-plain', '04-county-messy', 'sample'])('%s', (name) => {
  let expected: any;
  let out: ReturnType<typeof shenbaoSheets>;
  /** School names are inputs (the expected JSON has only codes). */
  let nameOf: Map<string, string>;
  let a: Analysis;
  beforeAll(async () => {
    if (name === 'sample') {
      const r = analyse(sampleCountyGrids(), NATIONAL);
      if (!r.ok) throw new Error(r.fatal.message);
      a = r.analysis;
      expected = JSON.parse(JSON.stringify({ units: a.report.units, balance: a.report.balance }));
    } else {
      a = await analysisOf(join(FIX, `${name}.xlsx`));
      expected = JSON.parse(readFileSync(join(FIX, `${name}.expected.json`), 'utf8'));
    }
    nameOf = new Map(a.evaluation.units.map((u) => [u.schoolCode, u.schoolName]));
    out = shenbaoSheets(a);
  });

  it('表Ⅱ-1: per 学段, the number of units meeting each indicator, passing, and the ratio (1 decimal)', () => {
    const t = sheet(out.sheets, '表Ⅱ-1');
    expect(value(at(t, 'A1'))).toBe('表Ⅱ-1 小学、初中资源配置基本情况');
    expect(t.rows[1].slice(2).map(value)).toEqual([
      '每百名学生拥有高于规定学历教师数', '每百名学生拥有县级及以上骨干教师数', '每百名学生拥有体育、艺术(美术、音乐)专任教师数',
      '生均教学及辅助用房面积（㎡）', '生均体育运动场馆面积（㎡）', '生均教学仪器设备值(元)', '每百名学生拥有网络多媒体教室数', '综合评估',
    ]);
    expect(t.rows[2].slice(2).map(value)).toEqual(['L1', 'L2', 'L3', 'L4', 'L5', 'L6', 'L7', 'L8']);
    expect(t.rows.slice(3, 7).map((r) => [value(r[0]), value(r[1])])).toEqual([
      ['小学', '达标学校总数'], ['', '达标学校比例（%）'], ['初中', '达标学校总数'], ['', '达标学校比例（%）'],
    ]);
    expect(t.merges).toEqual(['A2:B3', 'A4:A5', 'A6:A7']);
    for (const [k, stage] of (['小学', '初中'] as const).entries()) {
      const us = expected.units.filter((u: any) => u.stage === stage);
      const counts = [...IDS.map((id) => us.filter((u: any) => u.indicators[id].met).length), us.filter((u: any) => u.passes).length];
      expect(t.rows[3 + 2 * k].slice(2).map(value)).toEqual(counts);
      if (us.length === 0) {
        // a 学段 without units: 0 schools, ratio not applicable
        expect(t.rows[4 + 2 * k].slice(2).map(value)).toEqual(Array(8).fill('——'));
        continue;
      }
      expect(t.rows[4 + 2 * k].slice(2).map(value)).toEqual(counts.map((c) => halfUp((c / us.length) * 100, 1)));
      expect(t.rows[4 + 2 * k][2].format).toBe('0.0');
    }
  });

  it('表Ⅱ-2: the 小学 block then the 初中 block in sheet order, 序号 restarting, values rounded to 2, L14 是/否, 备注 in L-codes', () => {
    const t = sheet(out.sheets, '表Ⅱ-2');
    expect(value(at(t, 'A1'))).toBe('表Ⅱ-2 小学、初中资源配置基本情况（分学校）');
    expect(t.rows[2].map(value)).toEqual([...Array.from({ length: 14 }, (_, i) => `L${i + 1}`), '']);
    const units = [...expected.units.filter((u: any) => u.stage === '小学'), ...expected.units.filter((u: any) => u.stage === '初中')];
    const body = t.rows.slice(3, 3 + units.length);
    let seq = 0;
    let stage = '';
    units.forEach((u: any, i: number) => {
      seq = u.stage === stage ? seq + 1 : 1;
      stage = u.stage;
      const r = body[i];
      expect(value(r[0])).toBe(seq);
      expect(String(value(r[1])).startsWith(nameOf.get(u.schoolCode)!)).toBe(true);
      expect(value(r[3])).toBe(u.students);
      // L3 举办者类型 as entered, else 10 for 民办 and 7 for 公办; L5 年级数 and L6 班级数 from the unit's 学段 row
      const school = a.read.county.schools.find((x) => x.code === u.schoolCode)!;
      const stageRow = a.read.county.stageRows.find((x) => x.code === u.schoolCode && x.stage === u.stage)!;
      expect([value(r[2]), value(r[4]), value(r[5])]).toEqual([school.ownerType ?? (school.ownership === '民办' ? 10 : 7), stageRow.grades ?? null, stageRow.classes]);
      expect(r.slice(6, 13).map(value)).toEqual(IDS.map((id) => halfUp(u.indicators[id].value, 2)));
      expect(r.slice(6, 13).map((c) => c.flag === true)).toEqual(IDS.map((id) => !u.indicators[id].met));
      expect(value(r[13])).toBe(u.passes ? '是' : '否');
      const met = IDS.flatMap((id, k) => (u.indicators[id].met ? [`L${k + 7}`] : []));
      const floor = IDS.flatMap((id, k) => (!u.indicators[id].met && u.indicators[id].aboveFloor ? [`L${k + 7}`] : []));
      const remark = [met.length ? `达标：${met.join('、')}` : '', floor.length ? `达到85%：${floor.join('、')}` : ''].filter(Boolean).join('；');
      expect(value(r[14])).toBe(remark || null);
    });
    // the footnote follows the last unit directly and counts the listed rows
    const foot = String(value(t.rows[3 + units.length][0]));
    const nP = units.filter((u: any) => u.stage === '小学').length;
    const nJ = units.length - nP;
    const typeOf = (u: any) => a.read.county.schools.find((x) => x.code === u.schoolCode)!.type;
    const n = (stage: string, types: string[]) => units.filter((u: any) => u.stage === stage && types.includes(typeOf(u)!)).length;
    const through = ['九年一贯制学校', '十二年一贯制学校'];
    expect(foot.startsWith(
      `注：1.小学学校总数${nP}所（其中：一贯制学校的小学部有${n('小学', through)}所，50人及以上教学点有${n('小学', ['小学教学点'])}个），` +
        `初中学校总数${nJ}所（其中：一贯制学校的初中部${n('初中', through)}所，完全中学的初中部${n('初中', ['完全中学'])}所）。2.举办者类型处填写代码：`,
    )).toBe(true);
    expect(foot.endsWith('3.L7-L13数值均保留两位小数。')).toBe(true);
    expect(t.merges).toEqual(['A1:O1', `A${4 + units.length}:O${4 + units.length}`]);
    expect(t.rows.length).toBe(4 + units.length);
  });

  it('header texts at the form addresses (shenbao.md §5, §6, §8, §9)', () => {
    const form7 = [
      '每百名学生拥有高于规定学历教师数', '每百名学生拥有县级及以上骨干教师数', '每百名学生拥有体育、艺术(美术、音乐)专任教师数',
      '生均教学及辅助用房面积（㎡）', '生均体育运动场馆面积（㎡）', '生均教学仪器设备值(元)', '每百名学生拥有网络多媒体教室数',
    ];
    const t2 = sheet(out.sheets, '表Ⅱ-2');
    expect(t2.rows[1].map(value)).toEqual(['序号', '学校名称', '举办者类型', '在校生数', '年级数', '班级数', ...form7, '该校综合评估是否达标', '备注（注明有哪几项指标达标，哪几项指标达到85%）']);
    const t3 = sheet(out.sheets, '表Ⅲ');
    expect(t3.rows[1].slice(2).map(value)).toEqual([...form7, '综合']);
    expect(t3.rows[2].slice(2).map(value)).toEqual(['L1', 'L2', 'L3', 'L4', 'L5', 'L6', 'L7', 'L8']);
    expect(['A4', 'B4', 'B5', 'A6', 'B6', 'B7'].map((c) => value(at(t3, c)))).toEqual(['小学', '全县平均值', '差异系数', '初中', '全县平均值', '差异系数']);
    expect(t3.merges).toEqual(['A2:B3', 'A4:A5', 'A6:A7']);
    const t5 = sheet(out.sheets, '表Ⅴ');
    expect(['A1', 'A2', 'B2', 'C2'].map((c) => value(at(t5, c)))).toEqual(['表Ⅴ 教育质量评估指标指标', '名称', '指标值或简要结论', '是否达标']);
    const t6 = sheet(out.sheets, '表Ⅵ');
    expect(['A1', 'B2', 'E2', 'F2', 'H2', 'B3', 'C3', 'F3', 'G3', 'C4', 'D4', 'A6', 'A7'].map((c) => value(at(t6, c)))).toEqual([
      '表Ⅵ 社会认可度调查情况', '问卷总数', '问卷调查综合满意度（%）', '实地走访人数', '实地走访满意度（%）', '计', '其中：回收有效问卷数', '计', '其中：满意人数', '计', '其中：满意问卷数', '计', '其中：家长',
    ]);
  });

  it('表Ⅲ: county means (2 decimals), CVs (3 decimals, dark fill above the limit), 综合 = mean of the 7 unrounded CVs', () => {
    const t = sheet(out.sheets, '表Ⅲ');
    expect(value(at(t, 'A1'))).toBe('表Ⅲ 县域义务教育校际均衡情况');
    expect(value(at(t, 'J2'))).toBe('综合');
    for (const [k, stage] of (['小学', '初中'] as const).entries()) {
      const b = expected.balance[stage];
      const means = t.rows[3 + 2 * k];
      const cvs = t.rows[4 + 2 * k];
      if (!b) {
        expect([means, cvs].map((r) => r.slice(2).map(value))).toEqual([Array(8).fill('——'), Array(8).fill('——')]);
        continue;
      }
      expect(means.slice(2, 9).map(value)).toEqual(IDS.map((id) => halfUp(b.indicators[id].mean, 2)));
      expect(value(means[9])).toBe('——');
      expect(cvs.slice(2, 9).map(value)).toEqual(IDS.map((id) => halfUp(b.indicators[id].cv, 3)));
      expect(cvs.slice(2, 9).map((c) => c.flag === true)).toEqual(IDS.map((id) => !b.indicators[id].passes));
      const mean7 = IDS.reduce((s, id) => s + b.indicators[id].cv, 0) / 7;
      expect(value(cvs[9])).toBe(halfUp(mean7, 3));
      expect(cvs[9].format).toBe('0.000');
    }
    expect(t.notes!.map((n) => n.address)).toEqual(['J5', 'J7'].filter((_, k) => expected.balance[k ? '初中' : '小学']));
    expect(t.notes![0].text).toBe('【均衡核验】参考值：本学段7项指标差异系数的算术平均值，不是达标条件；2017年办法要求每项差异系数分别不超过0.50（小学）、0.45（初中）\n——均衡核验生成，重新核验时替换');
    expect(value(at(t, 'A8'))).toBe('注：全县平均值保留两位小数，差异系数保留三位小数。');
  });
});

it('Blanks: a table with schools it cannot list and no open cell warns at the fallback cell; more than 10 are cut', () => {
  const b = new Blanks();
  for (let k = 1; k <= 12; k++) b.unlisted(`学校${k}`, '的「学校基本信息」“学校类型”有错误（见问题清单），无法确定学段', 'A6');
  expect(b.issue('表Ⅱ-2')).toEqual(
    expect.objectContaining({ cell: 'A6', message: '表Ⅱ-2有12所学校的「学校基本信息」“学校类型”有错误（见问题清单），无法确定学段，未能列入本表：学校1、学校2、学校3、学校4、学校5、学校6、学校7、学校8、学校9、学校10等12所' }),
  );
});

it('Blanks: the fix names the sheets of the missing inputs (shenbao.md §2.4 wording when all are 「县级指标」 rows)', () => {
  const fixOf = (add: (b: Blanks) => void) => {
    const b = new Blanks();
    add(b);
    return b.issue('表Ⅳ', '保留“＿＿”')!.fix;
  };
  expect(fixOf((b) => b.add('B9', '「县级指标」“特殊教育学校在校生数(人)”'))).toBe('在「县级指标」增加并填写上述行后重新核验，或在正式申报表中手工填写');
  // only inputs with an error: nothing to add, only to correct
  expect(fixOf((b) => b.add('B9', '「县级指标」“特殊教育学校在校生数(人)”（有错误，见问题清单）'))).toBe('改正上述有错误的数据后重新核验，或在正式申报表中手工填写');
  expect(fixOf((b) => {
    b.add('B9', '「县级指标」“特殊教育学校在校生数(人)”（有错误，见问题清单）');
    b.add('B9', '「县级指标」“特殊教育学校公用经费总额(元)”');
  })).toBe('在「县级指标」增加并填写上述行（或改正有错误的数据）后重新核验，或在正式申报表中手工填写');
  // 表Ⅳ-5 from 「分学段信息」 beside county rows: not only 「县级指标」 (the review found the county-only fix here)
  expect(fixOf((b) => {
    b.add('B7', '「分学段信息」“超过标准班额的班级数(个)”');
    b.add('B9', '「县级指标」“特殊教育学校在校生数(人)”');
  })).toBe('在「分学段信息」「县级指标」中增加并填写上述数据后重新核验，或在正式申报表中手工填写');
  expect(fixOf((b) => b.add('T9', '「分学段信息」城关九年一贯制学校的初中行'))).toBe('在「分学段信息」补上缺少的学段行；然后重新核验，或在正式申报表中手工填写');
  // Only a reason (no input to add): the case is checked and the cell filled in by hand, not 「改正上述数据」.
  expect(fixOf((b) => b.because('C5', '因小学“生均教学仪器设备值(元)”的全县平均值为0，差异系数无法计算'))).toBe('核对上述情况；确认无误的，请在正式申报表中手工填写');
});

it('表Ⅲ\'s note on the composite value: the 2017 办法\'s limits as the spec writes them; a province\'s named as its own, with its digits', () => {
  expect(compositeCvSentence(NATIONAL)).toBe('参考值：本学段7项指标差异系数的算术平均值，不是达标条件；2017年办法要求每项差异系数分别不超过0.50（小学）、0.45（初中）');
  const p = resolveProfile({ id: 'cv', name: '某省口径', cvLimits: { 小学: 0.475 } });
  expect(compositeCvSentence(p)).toBe('参考值：本学段7项指标差异系数的算术平均值，不是达标条件；所用规则配置「某省口径」要求每项差异系数分别不超过0.475（小学）、0.45（初中）');
});

it('表Ⅳ-3 under room areas the template cannot settle (a province\'s 100㎡ music rooms): the reason, not a filled column named as missing', () => {
  const p = resolveProfile({ id: 'rooms', name: '某省专用教室', items: { G3: { musicRoomArea: 100 } } });
  const r = analyse(toCellGrids(TemplateBuilder.base().grids()), p);
  if (!r.ok) throw new Error('not read');
  const w = r.analysis.report.issues.find((i) => i.code === 'shenbao-blanks' && i.sheet === '表Ⅳ')!;
  expect(w.message).toContain('B5因模板统计的是面积不小于96㎡的音乐专用教室和不小于90㎡的美术专用教室，不能判断部分学校是否达到所用规则的100㎡、90㎡，无法计算');
  expect(w.message).not.toContain('其中面积不小于96㎡的音乐专用教室数');
  // The base county's other blanks are absent 「县级指标」 rows: the fix names those, and not the filled room columns.
  expect(w.fix).toBe('在「县级指标」增加并填写上述行后重新核验，或在正式申报表中手工填写');
});

it('Blanks: missing 学段 rows are set off by 「、」, quoted labels of one sheet run on as the spec writes them', () => {
  const b = new Blanks();
  b.add('R9', '「分学段信息」青山县清水镇中心学校的初中行');
  b.add('R9', '「分学段信息」青山县柳河乡中心学校的初中行');
  b.add('R9', '「分学段信息」“班级数(个)”');
  b.add('R9', '「县级指标」“初中教职工数(人)”');
  b.add('R9', '「县级指标」“小学教职工数(人)”');
  expect(b.issue('表Ⅰ')!.message).toBe(
    '表Ⅰ有1处未能填写（留空）：R9缺「分学段信息」青山县清水镇中心学校的初中行、青山县柳河乡中心学校的初中行、“班级数(个)”「县级指标」“初中教职工数(人)”“小学教职工数(人)”',
  );
});

describe('表Ⅱ-2 details', () => {
  it('一贯制 parts get 「（小学部）」/「（初中部）」 and are counted in the footnote; 举办者类型 from 办学性质 with a warning', async () => {
    const b = TemplateBuilder.base().setSchool('0360000002', { ownership: '民办' });
    const out = shenbaoSheets(await analysisOf(await b.write(tmp.file('parts.xlsx'))));
    const t = sheet(out.sheets, '表Ⅱ-2');
    expect(t.rows.slice(3, 7).map((r) => [value(r[0]), value(r[1]), value(r[2]), value(r[3])])).toEqual([
      [1, '城关小学', 7, 1000],
      [2, '河西九年一贯制学校（小学部）', 7, 400],
      [1, '城关初中', 10, 800],
      [2, '河西九年一贯制学校（初中部）', 7, 300],
    ]);
    expect(value(t.rows[7][0])).toMatch(/^注：1\.小学学校总数2所（其中：一贯制学校的小学部有1所，50人及以上教学点有0个），初中学校总数2所（其中：一贯制学校的初中部1所，完全中学的初中部0所）。/);
    // No 举办者类型 column (template 2017-v1): one warning for 「学校基本信息」 (template-additions §1)
    expect(out.issues.filter((i) => i.code === 'owner-type-defaulted')).toEqual([
      {
        severity: 'warning', code: 'owner-type-defaulted', sheet: '学校基本信息',
        message: '「学校基本信息」没有“举办者类型”列，申报表表Ⅱ-2的举办者类型已按办学性质填写：公办7（县级教育部门），民办10',
        fix: '如有省、市直属或高校、企业举办的学校，请增加“举办者类型”列并选择代码',
      },
    ]);
    // 年级数 is not in this template: E stays empty, one warning for the table naming the input
    const blanks = out.issues.filter((i) => i.code === 'shenbao-blanks' && i.sheet === '表Ⅱ-2');
    expect(blanks).toHaveLength(1);
    expect(blanks[0]).toEqual(expect.objectContaining({ sheet: '表Ⅱ-2', cell: 'E4' }));
    expect(blanks[0].message).toBe('表Ⅱ-2有4处未能填写（留空）：E4、E5、E6等4处缺「分学段信息」“年级数(个)”');
    expect(t.rows.slice(3, 7).map((r) => value(r[4]))).toEqual([null, null, null, null]);
  });

  it('举办者类型 column present: a blank 公办 cell gives 7 with a warning at that cell, a wrong value leaves L3 empty with shenbao-blanks', () => {
    const grids = TemplateBuilder.base().grids();
    const schools = grids[0].rows;
    const header = schools.findIndex((r) => r.includes('学校标识码'));
    const col = schools[header].length;
    const owner: Record<string, string | null> = { '0360000001': null, '0360000002': '县属', '0360000003': '7 县级教育部门' };
    schools.forEach((r, i) => r.push(i === header ? '举办者类型' : i > header ? owner[String(r[0])] ?? null : null));
    const r = analyse(toCellGrids(grids), NATIONAL);
    if (!r.ok) throw new Error(r.fatal.message);
    const out = shenbaoSheets(r.analysis);
    const t = sheet(out.sheets, '表Ⅱ-2');
    expect(t.rows.slice(3, 7).map((x) => [value(x[1]), value(x[2])])).toEqual([
      ['城关小学', 7],
      ['河西九年一贯制学校（小学部）', 7],
      ['城关初中', null],
      ['河西九年一贯制学校（初中部）', 7],
    ]);
    const letter = String.fromCharCode(65 + col);
    expect(out.issues.filter((i) => i.code === 'owner-type-defaulted')).toEqual([
      {
        severity: 'warning', code: 'owner-type-defaulted', sheet: '学校基本信息', cell: `${letter}${header + 2}`,
        message: '举办者类型为空，申报表表Ⅱ-2按县级教育部门（7）填写', fix: '如该校由省、市部门或高校、企业举办，请选择相应代码',
      },
    ]);
    expect(out.issues.filter((i) => i.code === 'shenbao-blanks' && i.sheet === '表Ⅱ-2').map((i) => i.message)).toEqual([
      '表Ⅱ-2有5处未能填写（留空）：C6缺「学校基本信息」“举办者类型”（有错误，见问题清单）；E4、E5、E6等4处缺「分学段信息」“年级数(个)”',
    ]);
    expect(r.analysis.report.issues.find((i) => i.code === 'bad-enum')).toEqual(expect.objectContaining({ sheet: '学校基本信息', cell: `${letter}${header + 3}` }));
  });

  it('profile options: L14 as 1/empty, no part suffix; 表Ⅲ 综合 as 「——」 without a note', async () => {
    const p = resolveProfile({ id: 'x', name: '某省', shenbao: { passMark: '1', partSuffix: false, compositeCv: 'dash' } });
    const b = TemplateBuilder.base().setSchool('0360000001', { multimediaRooms: 1 });
    const out = shenbaoSheets(await analysisOf(await b.write(tmp.file('opts.xlsx')), p));
    const t = sheet(out.sheets, '表Ⅱ-2');
    expect(t.rows.slice(3, 7).map((r) => [value(r[1]), value(r[13])])).toEqual([
      ['城关小学', null], // R7 0.1 < 85 %: fails
      ['河西九年一贯制学校', 1],
      ['城关初中', 1],
      ['河西九年一贯制学校', 1],
    ]);
    const iii = sheet(out.sheets, '表Ⅲ');
    expect([value(at(iii, 'J5')), value(at(iii, 'J7'))]).toEqual(['——', '——']);
    expect(iii.notes).toEqual([]);
    expect(() => resolveProfile({ id: 'y', name: 'y', shenbao: { passMark: '√' } })).toThrow('「shenbao.passMark」只能为 "是否" 或 "1"');
  });

  it('a 小学 of 1 001 students with 42 teachers of 专科 or above: R1 4.1958 prints 4.20 with the dark fill, 备注 leaves L7 out, and a warning says so', async () => {
    const b = TemplateBuilder.base().setSchool('0360000001', { studentsPrimary: 1001 }).setStage('0360000001', '小学', { associate: 0, highSchool: 18 });
    const a = await analysisOf(await b.write(tmp.file('round.xlsx')));
    expect(a.report.summary.errors).toBe(0);
    const out = shenbaoSheets(a);
    const t = sheet(out.sheets, '表Ⅱ-2');
    const g = at(t, 'G4')!;
    expect(g).toEqual({ value: 4.2, format: '0.00', style: 'formNumber', flag: true });
    expect(value(at(t, 'N4'))).toBe('是'); // 6 of 7, R1 above 85 %
    expect(value(at(t, 'O4'))).toBe('达标：L8、L9、L10、L11、L12、L13；达到85%：L7');
    expect(out.issues.filter((i) => i.code === 'shenbao-rounded-to-threshold')).toEqual([
      {
        severity: 'warning', code: 'shenbao-rounded-to-threshold', sheet: '表Ⅱ-2', cell: 'G4',
        message: '表Ⅱ-2!G4 显示为4.20（保留两位小数），实际值4.1958未达到4.2，该项未计为达标',
        fix: '按表中规定的位数填报，判断以未取舍的数值为准，无需修改',
      },
    ]);
    // 表Ⅱ-1 counts R1 as not met for that unit
    const ii1 = sheet(out.sheets, '表Ⅱ-1');
    expect([value(at(ii1, 'C4')), value(at(ii1, 'C5')), value(at(ii1, 'J4'))]).toEqual([1, 50, 2]);
  });

  it('a 小学 with an unusable student count: 表Ⅱ-1 and 表Ⅲ 小学 cells empty, one shenbao-blanks each naming the input; 表Ⅱ-2 counts its L14 and 备注', async () => {
    const b = TemplateBuilder.base().setSchool('0360000001', { studentsPrimary: 0 });
    const out = shenbaoSheets(await analysisOf(await b.write(tmp.file('zero-students.xlsx'))));
    const input = '「学校基本信息」“小学在校生数(人)”（有错误，见问题清单）';
    const blanks = (name: string) => out.issues.filter((i) => i.code === 'shenbao-blanks' && i.sheet === name).map((i) => [i.cell, i.message]);
    const ii1 = sheet(out.sheets, '表Ⅱ-1');
    expect([ii1.rows[3].slice(2).map(value), ii1.rows[4].slice(2).map(value)]).toEqual([Array(8).fill(null), Array(8).fill(null)]);
    expect(blanks('表Ⅱ-1')).toEqual([['C4', `表Ⅱ-1有16处未能填写（留空）：C4、C5、D4等16处缺${input}`]]);
    const iii = sheet(out.sheets, '表Ⅲ');
    expect([iii.rows[3].slice(2).map(value), iii.rows[4].slice(2).map(value)]).toEqual([[...Array(7).fill(null), '——'], Array(8).fill(null)]);
    expect(blanks('表Ⅲ')).toEqual([['C4', `表Ⅲ有15处未能填写（留空）：C4、C5、J5等15处缺${input}`]]);
    // 表Ⅱ-2 row 4: D, G–M, N and O empty (10 cells), and E of every row (年级数 is not in this template)
    const ii2 = sheet(out.sheets, '表Ⅱ-2');
    expect([3, ...Array.from({ length: 9 }, (_, k) => 6 + k)].map((c) => value(ii2.rows[3][c]))).toEqual(Array(10).fill(null));
    expect(blanks('表Ⅱ-2')).toEqual([['D4', `表Ⅱ-2有14处未能填写（留空）：D4、G4、H4等10处缺${input}；E4、E5、E6等4处缺「分学段信息」“年级数(个)”`]]);
  });

  it('a school whose 学段 row is missing: county sums over 学段 rows are open, never the other schools\' total, and the warnings name the row', async () => {
    // 河西九年一贯制学校 without its 初中 row (missing-stage-row): its 初中 classes, teachers and pupils are unknown.
    const b = TemplateBuilder.base();
    b.stages = b.stages.filter((x) => !(x.code === '0360000003' && x.stage === '初中'));
    const a = await analysisOf(await b.write(tmp.file('missing-row.xlsx')));
    expect(a.report.issues.filter((i) => i.severity === 'error').map((i) => i.code)).toEqual(['missing-stage-row']);
    const out = shenbaoSheets(a);
    const row = '「分学段信息」河西九年一贯制学校的初中行';
    const i = sheet(out.sheets, '表Ⅰ');
    const primary = b.stages.filter((x) => x.stage === '小学');
    // Q9 小学 classes and V9 小学 teachers: every 小学 row is there; R9 and X9 (初中) open.
    expect(['Q9', 'R9', 'V9', 'X9'].map((c) => value(at(i, c)))).toEqual([primary.reduce((n, x) => n + Number(x.classes), 0), null, primary.reduce((n, x) => n + Number(x.teachers), 0), null]);
    const blanksI = out.issues.find((x) => x.code === 'shenbao-blanks' && x.sheet === '表Ⅰ')!;
    expect(blanksI.message).toContain(`R9、X9缺${row}`);
    // The fix names the sheet the row is added in, not only 「县级指标」.
    expect(blanksI.fix).toMatch(/^在「分学段信息」补上缺少的学段行；在「县级指标」/);
    const iv = sheet(out.sheets, '表Ⅳ');
    // 表Ⅳ-5 初中 count, 表Ⅳ-9 and -12 (all teachers), 表Ⅳ-13 初中 ratio: 「＿＿」, not the sum of the other schools.
    expect(String(value(at(iv, 'B7')))).toMatch(/初中班级＿＿个$/);
    expect(String(value(at(iv, 'B13')))).toBe('完成360学时培训的教师＿＿人，全县教师＿＿人，教师培训完成率＿＿%');
    expect(String(value(at(iv, 'B16')))).toBe('全县在岗专任教师＿＿人，其中持有教师资格证的专任教师＿＿人，占比＿＿%');
    expect(String(value(at(iv, 'B17')))).toMatch(/分别[\d.]+%、＿＿%。$/);
    const blanksIV = out.issues.find((x) => x.code === 'shenbao-blanks' && x.sheet === '表Ⅳ')!.message;
    // 表Ⅳ-3 (B5) is open for the same row, not for an error in 学校标识码 (where the reader's error sits).
    expect(blanksIV).toContain(`B5、B7、B13等5处缺${row}`);
    expect(blanksIV).not.toContain('学校标识码');
  });

  it('a CV whose county mean is 0 (no 初中 骨干): 表Ⅲ D7 and J7 empty, and a warning says why', async () => {
    const b = TemplateBuilder.base().setStage('0360000002', '初中', { backbone: 0 }).setStage('0360000003', '初中', { backbone: 0 });
    const a = await analysisOf(await b.write(tmp.file('mean-zero.xlsx')));
    expect(a.report.summary.errors).toBe(0);
    const out = shenbaoSheets(a);
    const iii = sheet(out.sheets, '表Ⅲ');
    expect([value(at(iii, 'D6')), value(at(iii, 'D7')), value(at(iii, 'J7'))]).toEqual([0, null, null]);
    expect(out.issues.filter((i) => i.code === 'shenbao-blanks' && i.sheet === '表Ⅲ').map((i) => [i.cell, i.message])).toEqual([
      ['D7', '表Ⅲ有2处未能填写（留空）：D7、J7因初中“每百名学生拥有县级及以上骨干教师数”的全县平均值为0，差异系数无法计算'],
    ]);
  });

  it('a 学段 without units: 表Ⅱ-1 0 and 「——」, 表Ⅲ 「——」 in both rows', async () => {
    const b = TemplateBuilder.base();
    b.schools = b.schools.filter((x) => x.code === '0360000001');
    b.stages = b.stages.filter((x) => x.code === '0360000001');
    const out = shenbaoSheets(await analysisOf(await b.write(tmp.file('primary-only.xlsx')), builtInProfile('national')));
    const ii1 = sheet(out.sheets, '表Ⅱ-1');
    expect(ii1.rows[5].slice(2).map(value)).toEqual(Array(8).fill(0));
    expect(ii1.rows[6].slice(2).map(value)).toEqual(Array(8).fill('——'));
    const iii = sheet(out.sheets, '表Ⅲ');
    expect(iii.rows[5].slice(2).map(value)).toEqual(Array(8).fill('——'));
    expect(iii.rows[6].slice(2).map(value)).toEqual(Array(8).fill('——'));
    expect(iii.rows[4].slice(2, 9).map(value)).toEqual(Array(7).fill(0)); // n = 1 gives 0.000
  });
});
