/**
 * Standard §8, "mistakes other tools make": each one its own test.
 */
import { inputOnly } from '../helpers/input-issues';
import { writeFileSync } from 'node:fs';
import { evaluate } from '../../src/domain/evaluate';
import { fixed } from '../../src/domain/numbers';
import { INDICATOR_IDS, NATIONAL } from '../../src/domain/profile';
import { analyse } from '../../src/report/build';
import { county, school, stageRow, toCellGrids, unitWith } from '../helpers/county-model';
import { cli, cliJson } from '../helpers/run-cli';
import { tempDir, TemplateBuilder, type RenderOptions } from '../helpers/template-builder';

/** Two 小学: 900 students with R2 = 1, 100 students with R2 = 5; every other value equal. */
function twoUnits() {
  const v = { R1: 5, R2: 1, R3: 1, R4: 5, R5: 8, R6: 2500, R7: 3 };
  const a = unitWith('3600000001', '小学', 900, v);
  const b = unitWith('3600000002', '小学', 100, { ...v, R2: 5 });
  return evaluate(county([a.school, b.school], [a.row, b.row]), NATIONAL);
}

function analyseBuilder(b: TemplateBuilder, o: RenderOptions = {}) {
  const r = analyse(toCellGrids(b.grids(o)), NATIONAL);
  if (!r.ok) throw new Error(`fatal: ${r.fatal.message}`);
  return r.analysis;
}

describe('§8 mistakes', () => {
  it('unweighted CV: the CV weights units by students (0.857), not equally (0.667)', () => {
    const r2 = twoUnits().balance['小学']!.indicators.R2;
    // pooled mean 1.4; S² = 0.9·0.16 + 0.1·12.96 = 1.44; CV = 1.2 / 1.4
    expect(r2.cv).toBeCloseTo(1.2 / 1.4, 12);
    expect(Math.abs(r2.cv! - 2 / 3)).toBeGreaterThan(0.1);
  });

  it('n−1: the CV is the population form (0.857), not a sample form (0.943 unweighted, 1.212 weighted)', () => {
    const cv = twoUnits().balance['小学']!.indicators.R2.cv!;
    expect(Math.abs(cv - Math.sqrt(8) / 3)).toBeGreaterThan(0.05);
    expect(Math.abs(cv - Math.sqrt(2 * 1.44) / 1.4)).toBeGreaterThan(0.3);
  });

  it('no composite CV: seven separate CVs; one CV over its limit fails the county even when the average of the 7 is 0.12', () => {
    const e = twoUnits();
    const b = e.balance['小学']!;
    expect(Object.keys(b.indicators)).toEqual([...INDICATOR_IDS]);
    const cvs = INDICATOR_IDS.map((id) => b.indicators[id].cv!);
    expect(cvs.reduce((a, c) => a + c, 0) / 7).toBeCloseTo(1.2 / 1.4 / 7, 12);
    expect(INDICATOR_IDS.map((id) => b.indicators[id].passes)).toEqual([true, false, true, true, true, true, true]);
    expect(e.units.map((u) => u.passes)).toEqual([true, true]);
    expect(e.resourcePasses).toBe(false);
  });

  it('pooled mean: the county mean is Σ numerators ÷ Σ students (1.4), not the mean of the school values (3)', () => {
    const r2 = twoUnits().balance['小学']!.indicators.R2;
    expect(r2.mean).toBeCloseTo(1.4, 12);
  });

  it('一贯制 split: a 九年一贯制 school is one 小学 unit and one 初中 unit, its resources split between them, not counted whole in both lists', () => {
    const a = analyseBuilder(TemplateBuilder.base());
    const units = a.evaluation.units.filter((u) => u.schoolCode === '0360000003');
    expect(units.map((u) => [u.stage, u.students, u.share])).toEqual([
      ['小学', 400, 400 / 730],
      ['初中', 300, 330 / 730],
    ]);
    // 4 380 ㎡ for the whole school, 400 ㎡ of it 室内体育用房 (counted in R5, not R4): 3 980 ㎡ split
    // 400 : 330, i.e. 2 180.82… ㎡ and 1 799.18… ㎡, adding up to 3 980.
    expect(units[0].numerators.R4).toBeCloseTo((3980 * 400) / 730, 9);
    expect(units[1].numerators.R4).toBeCloseTo((3980 * 330) / 730, 9);
    expect(units[0].numerators.R4! + units[1].numerators.R4!).toBeCloseTo(3980, 9);
    expect(a.evaluation.balance['小学']!.units).toBe(2);
    expect(a.evaluation.balance['小学']!.students).toBe(1400);
    expect(a.evaluation.balance['初中']!.students).toBe(1100);
  });

  it('一贯制 split: a 完全中学 gives only a 初中 unit, with its 1 : 1.2 share; a 十二年一贯制 gives a 小学 and a 初中 unit', () => {
    const s1 = school({ code: '1', type: '完全中学', studentsJunior: 600, studentsSenior: 500, teachingArea: 12000 });
    const s2 = school({ code: '2', type: '十二年一贯制学校', studentsPrimary: 300, studentsJunior: 200, studentsSenior: 100, teachingArea: 6520 });
    const e = evaluate(county([s1, s2], []), NATIONAL);
    expect(e.units.map((u) => [u.schoolCode, u.stage])).toEqual([
      ['1', '初中'],
      ['2', '小学'],
      ['2', '初中'],
    ]);
    expect(e.units[0].numerators.R4).toBeCloseTo(6000, 9); // 12 000 × 600 / 1 200
    expect(e.units[1].numerators.R4).toBeCloseTo(3000, 9); // 6 520 × 300 / 652
    expect(e.units[2].numerators.R4).toBeCloseTo(2200, 9); // 6 520 × 220 / 652
  });

  it('万元 vs 元: 250 under (万元) and 2 500 000 under (元) are both 2 500 元 per student; 250 under (元) is 0.25', () => {
    const wan = analyseBuilder(TemplateBuilder.base());
    expect(wan.evaluation.units[0].indicators.R6.value).toBe(2500);
    const yuanBuilder = TemplateBuilder.base().setSchool('0360000001', { equipment: 2500000 }).setSchool('0360000002', { equipment: 2400000 }).setSchool('0360000003', { equipment: 1825000 });
    const yuan = analyseBuilder(yuanBuilder, { schools: { headerText: { equipment: '教学仪器设备资产值(元)' } } });
    expect(yuan.evaluation.units.map((u) => u.indicators.R6.value)).toEqual(wan.evaluation.units.map((u) => u.indicators.R6.value));
    const wrong = analyseBuilder(TemplateBuilder.base(), { schools: { headerText: { equipment: '教学仪器设备资产值(元)' } } });
    expect(wrong.evaluation.units[0].indicators.R6.value).toBe(0.25);
    expect(wrong.evaluation.units[0].indicators.R6.aboveFloor).toBe(false);
  });

  it('per-100 vs per-student: R1 is 5.7 teachers per hundred students (not 0.057), R4 5.5 ㎡ per student (not 550)', () => {
    const u = analyseBuilder(TemplateBuilder.base()).evaluation.units[0];
    expect(u.indicators.R1.value).toBeCloseTo(5.7, 12);
    expect(u.indicators.R2.value).toBeCloseTo(1.5, 12);
    expect(u.indicators.R3.value).toBeCloseTo(1.2, 12);
    expect(u.indicators.R4.value).toBe(5.5); // (6 000 − 500 室内体育用房) / 1 000
    expect(u.indicators.R5.value).toBe(8.5);
    expect(u.indicators.R6.value).toBe(2500);
    expect(u.indicators.R7.value).toBe(3);
  });

  it('rounding before comparing: R1 41 / 977 × 100 = 4.1965 prints as 4.20 but is below 4.2', () => {
    const s = school({ code: '1', studentsPrimary: 977 });
    const r = stageRow({ code: '1', stage: '小学', teachersPostgraduate: 0, teachersBachelor: 41, teachersAssociate: 0 });
    const u = evaluate(county([s], [r]), NATIONAL).units[0];
    expect(fixed(u.indicators.R1.value, 2)).toBe('4.20');
    expect(u.indicators.R1.met).toBe(false);
  });

  it('rounding before comparing: a CV of 0.50040 prints as 0.500 but is over the 0.50 limit', () => {
    const v = { R1: 5, R2: 1, R3: 1, R4: 5, R5: 8, R6: 2500 };
    const a = unitWith('3600000001', '小学', 1000, { ...v, R7: 187.7 });
    const b = unitWith('3600000002', '小学', 1000, { ...v, R7: 62.5 });
    const r7 = evaluate(county([a.school, b.school], [a.row, b.row]), NATIONAL).balance['小学']!.indicators.R7;
    expect(r7.cv).toBeCloseTo(1252 / 2502, 12);
    expect(fixed(r7.cv, 3)).toBe('0.500');
    expect(r7.passes).toBe(false);
  });

  it('学历 cut per 学段: 专科 teachers count for 小学 R1 and not for 初中 R1', () => {
    const s = school({ code: '1', type: '九年一贯制学校', studentsPrimary: 100, studentsJunior: 100 });
    const rows = (['小学', '初中'] as const).map((stage) =>
      stageRow({ code: '1', stage, teachersPostgraduate: 1, teachersBachelor: 4, teachersAssociate: 5, teachersHighSchool: 0 }),
    );
    const [p, j] = evaluate(county([s], rows), NATIONAL).units;
    expect(p.indicators.R1.value).toBe(10);
    expect(j.indicators.R1.value).toBe(5);
  });

  it('">" vs "不低于": values equal to the thresholds pass (9 体育艺术 teachers for 1 000 students is R3 0.9)', () => {
    const b = TemplateBuilder.base().setStage('0360000001', '小学', { pe: 5, music: 2, fineArt: 2, arts: 0 });
    const u = analyseBuilder(b).evaluation.units[0];
    expect(u.indicators.R3.value).toBe(0.9);
    expect(u.indicators.R3.met).toBe(true);
    expect(u.metCount).toBe(7);
  });

  describe('missing data is an error, not a skip', () => {
    const tmp = tempDir();
    afterAll(() => tmp.cleanup());

    it('a blank 教学及辅助用房面积 is an error at its cell; the unit stays listed with R4 null; the 小学 R4 CV is null, never the CV of the rest', async () => {
      const b = TemplateBuilder.base().setSchool('0360000001', { teachingArea: null });
      const file = await b.write(tmp.file('blank.xlsx'));
      const { code, json } = await cliJson('validate', file);
      expect(code).toBe(1);
      // Input issues only (the 申报表's warnings about the first template's missing inputs are elsewhere).
      expect(inputOnly(json.issues as { sheet: string; code: string }[])).toEqual([
        {
          severity: 'error', code: 'required-blank', sheet: '学校基本信息', cell: b.schoolCell('0360000001', 'teachingArea'),
          message: '必填项「教学及辅助用房面积(㎡)」为空', fix: '请填写全校合计数；确实没有请填0',
        },
      ]);
      expect(b.schoolCell('0360000001', 'teachingArea')).toBe('K2');
      expect(json.units.map((u: any) => `${u.schoolCode}|${u.stage}`)).toEqual(['0360000001|小学', '0360000002|初中', '0360000003|小学', '0360000003|初中']);
      const u = json.units[0];
      expect(u.indicators.R4).toEqual({ value: null, threshold: 4.5, met: null, aboveFloor: null });
      expect(u.metCount).toBeNull();
      expect(u.passes).toBeNull();
      expect(json.balance['小学'].units).toBe(2);
      const { mean, cv, limit, passes } = json.balance['小学'].indicators.R4;
      expect({ mean, cv, limit, passes }).toEqual({ mean: null, cv: null, limit: 0.5, passes: null });
      // R5 is still computed over both 小学 units: 8.5 (1 000 students) and 11 (400).
      const m = (8500 + 4400) / 1400;
      expect(json.balance['小学'].indicators.R5.cv).toBeCloseTo(Math.sqrt((1000 / 1400) * (8.5 - m) ** 2 + (400 / 1400) * (11 - m) ** 2) / m, 12);
      expect(json.balance['初中'].indicators.R4.passes).toBe(true);
      expect(json.summary.resourcePasses).toBeNull();
    });
  });

  describe('local thresholds are reported as such', () => {
    const tmp = tempDir();
    afterAll(() => tmp.cleanup());

    it('a built-in provincial profile is named and its overrides are listed in the JSON and the text', async () => {
      const file = await TemplateBuilder.base().write(tmp.file('base.xlsx'));
      const { json } = await cliJson('validate', file, '--profile', 'primary-bachelor');
      expect(json.profile).toBe('primary-bachelor');
      expect(json.profileName).toBe('小学学历按本科及以上计（部分省份口径示例）');
      expect(json.profileOverrides).toEqual([{ path: 'primaryDegreeCut', national: '专科', value: '本科' }]);
      const text = await cli('validate', file, '--profile', 'primary-bachelor');
      expect(text.stdout).toContain('规则：小学学历按本科及以上计（部分省份口径示例）\n');
      expect(text.stdout).toContain('  规则配置改动：primaryDegreeCut 国家标准 "专科" → "本科"\n');
    });

    it('a profile file with local thresholds is never presented as the national profile', async () => {
      const file = await TemplateBuilder.base().write(tmp.file('base2.xlsx'));
      const prof = tmp.file('local.json');
      writeFileSync(prof, JSON.stringify({ id: 'jx-2020', name: '某省2020口径', thresholds: { 小学: { R1: 4.5 } } }));
      const { code, json } = await cliJson('validate', file, '--profile', prof);
      expect(code).toBe(0);
      expect(json.profile).toBe('jx-2020');
      expect(json.profileName).toBe('某省2020口径');
      expect(json.profileOverrides).toEqual([{ path: 'thresholds.小学.R1', national: 4.2, value: 4.5 }]);
      expect(json.units[0].indicators.R1.threshold).toBe(4.5);
    });

    it('a profile file without its own id and name is refused (it would otherwise be reported as 国家标准)', async () => {
      const file = await TemplateBuilder.base().write(tmp.file('base3.xlsx'));
      const prof = tmp.file('anon.json');
      writeFileSync(prof, JSON.stringify({ thresholds: { 小学: { R1: 3 } } }));
      const { code, json, stderr } = await cliJson('validate', file, '--profile', prof);
      expect(code).toBe(2);
      expect(json).toEqual({ fatal: { code: 'bad-profile', message: '规则配置「?」有误：缺少配置标识「id」；缺少配置名称「name」' } });
      expect(stderr).toBe('错误：规则配置「?」有误：缺少配置标识「id」；缺少配置名称「name」\n');
    });

    it('a profile file that calls itself national but changes a value is refused', async () => {
      const file = await TemplateBuilder.base().write(tmp.file('base4.xlsx'));
      const prof = tmp.file('fake-national.json');
      writeFileSync(prof, JSON.stringify({ id: 'national', name: '国家标准', cvLimits: { 小学: 0.65 } }));
      const { code, json } = await cliJson('validate', file, '--profile', prof);
      expect(code).toBe(2);
      expect(json.fatal.code).toBe('bad-profile');
      expect(json.fatal.message).toBe('规则配置「national」有误：改动了国家标准的取值（cvLimits.小学），请另取配置标识「id」和名称「name」，以免把地方口径当作国家标准');
    });
  });
});
