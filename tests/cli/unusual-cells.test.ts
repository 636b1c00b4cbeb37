/**
 * Two inputs that must never be mistaken for something milder: a formula saved without its calculated
 * value (not a blank), and a school whose type cannot be read (its 学段 CVs are null, never a CV of the rest).
 */
import { cliJson } from '../helpers/run-cli';
import { TemplateBuilder, tempDir } from '../helpers/template-builder';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

it('a formula without a cached value is an error at its cell, not a blank required input', async () => {
  const b = TemplateBuilder.base().setSchool('0360000001', { teachingArea: { formula: 'SUM(Z1:Z9)' } });
  const file = await b.write(tmp.file('formula.xlsx'));
  const { code, json } = await cliJson('validate', file);
  expect(code).toBe(1);
  const at = b.schoolCell('0360000001', 'teachingArea');
  const issues = json.issues.filter((i: any) => i.cell === at && i.sheet === '学校基本信息');
  expect(issues.map((i: any) => i.code)).toEqual(['formula-no-value']);
  expect(issues[0].message).toContain('=SUM(Z1:Z9)');
  expect(issues[0].message).toMatch(/没有它的计算结果/);
  const unit = json.units.find((u: any) => u.schoolCode === '0360000001');
  expect(unit.indicators.R4.value).toBeNull();
  expect(json.balance['小学'].indicators.R4.cv).toBeNull();
});

it('a school whose type is unknown and whose student counts are blank makes the CVs null, not a CV of the other schools', async () => {
  const b = TemplateBuilder.base().setSchool('0360000002', { type: '职业中学', studentsJunior: null });
  const file = await b.write(tmp.file('unknown-type.xlsx'));
  const { code, json } = await cliJson('validate', file);
  expect(code).toBe(1);
  expect(json.issues.some((i: any) => i.code === 'bad-enum' && i.cell === b.schoolCell('0360000002', 'type'))).toBe(true);
  for (const stage of ['小学', '初中'])
    for (const id of ['R1', 'R2', 'R3', 'R4', 'R5', 'R6', 'R7']) {
      expect(json.balance[stage].indicators[id].cv).toBeNull();
      expect(json.balance[stage].indicators[id].passes).toBeNull();
    }
  expect(json.summary.resourcePasses).toBeNull();
});
