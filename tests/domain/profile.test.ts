/**
 * Rule profiles: the national default, the built-in examples, profile files, validation with Chinese
 * messages, CLI exit 2 for a bad profile, and overrides always listed in the report.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtInProfile, builtInProfileIds, builtInProfiles, NATIONAL, ProfileError, resolveProfile } from '../../src/domain/profile';
import { cli, cliJson } from '../helpers/run-cli';
import { tempDir, TemplateBuilder } from '../helpers/template-builder';

const tmp = tempDir();
afterAll(() => tmp.cleanup());
let baseFile = '';
beforeAll(async () => {
  baseFile = await TemplateBuilder.base().write(tmp.file('base.xlsx'));
});

function profileError(raw: unknown): string {
  try {
    resolveProfile(raw);
  } catch (e) {
    expect(e).toBeInstanceOf(ProfileError);
    return (e as Error).message;
  }
  throw new Error('no ProfileError');
}

describe('the national profile', () => {
  it('is the default and has no override', () => {
    expect(NATIONAL.id).toBe('national');
    expect(NATIONAL.name).toBe('国家标准（教督〔2017〕6号）');
    expect(NATIONAL.standard).toBe('2017');
    expect(NATIONAL.overrides).toEqual([]);
  });

  it('holds the values of the standard', () => {
    expect(NATIONAL.floorRatio).toBe(0.85);
    expect(NATIONAL.minMet).toBe(6);
    expect(NATIONAL.cvLimits).toEqual({ 小学: 0.5, 初中: 0.45 });
    expect(NATIONAL.scope).toEqual({ teachingPointMinStudents: 50, includePrivate: true });
    expect(NATIONAL.primaryDegreeCut).toBe('专科');
    expect(NATIONAL.indoorSportsInR4).toBe('subtract');
    expect(NATIONAL.tolerance).toBe(1e-9);
    expect(NATIONAL.items.Q9).toEqual({ maxGap: 0.15 });
    expect(NATIONAL.items.G7).toEqual({ minFunding: 6000 });
  });

  it('is applied by validate without --profile, and named in the report', async () => {
    const { code, json } = await cliJson('validate', baseFile);
    expect(code).toBe(0);
    expect(json.profile).toBe('national');
    expect(json.profileName).toBe('国家标准（教督〔2017〕6号）');
    expect(json.profileOverrides).toEqual([]);
    const text = await cli('validate', baseFile);
    expect(text.stdout).not.toContain('规则配置改动');
  });
});

describe('built-in profiles', () => {
  it('are national, primary-bachelor, strict-scope and indoor-count-in-both', () => {
    expect(builtInProfileIds()).toEqual(['national', 'primary-bachelor', 'strict-scope', 'indoor-count-in-both']);
    expect(builtInProfiles().map((p) => p.id)).toEqual(['national', 'primary-bachelor', 'strict-scope', 'indoor-count-in-both']);
  });

  it('list exactly what they change against the national profile', () => {
    expect(builtInProfile('primary-bachelor').overrides).toEqual([{ path: 'primaryDegreeCut', national: '专科', value: '本科' }]);
    expect(builtInProfile('strict-scope').overrides).toEqual([{ path: 'scope.includePrivate', national: true, value: false }]);
    expect(builtInProfile('indoor-count-in-both').overrides).toEqual([{ path: 'indoorSportsInR4', national: 'subtract', value: 'count-in-both' }]);
  });

  it('--profile primary-bachelor changes R1 for 小学 only', async () => {
    const { code, json } = await cliJson('validate', baseFile, '--profile', 'primary-bachelor');
    expect(code).toBe(0);
    const r1 = json.units.map((u: any) => [u.schoolCode, u.stage, u.indicators.R1.value]);
    // 城关小学: 2 研究生 + 40 本科 (15 专科 no longer count) per 1 000; 九年一贯制 小学: 20 per 400.
    expect(r1).toEqual([
      ['0360000001', '小学', 4.2],
      ['0360000002', '初中', 6.875],
      ['0360000003', '小学', 5],
      ['0360000003', '初中', (23 * 100) / 300],
    ]);
    const national = await cliJson('validate', baseFile);
    expect(national.json.units.map((u: any) => u.indicators.R1.value)).toEqual([5.7, 6.875, 6.75, (23 * 100) / 300]);
  });

  it('--profile=strict-scope excludes 民办 schools with a reason and lists its overrides', async () => {
    const file = await TemplateBuilder.base().setSchool('0360000002', { ownership: '民办' }).write(tmp.file('private.xlsx'));
    const { json } = await cliJson('validate', file, '--profile=strict-scope');
    expect(json.profile).toBe('strict-scope');
    expect(json.excluded).toEqual([{ schoolCode: '0360000002', schoolName: '城关初中', reason: '民办学校（按所选规则配置不纳入计算）' }]);
    expect(json.units.map((u: any) => `${u.schoolCode}|${u.stage}`)).toEqual(['0360000001|小学', '0360000003|小学', '0360000003|初中']);
    expect(json.profileOverrides).toEqual([{ path: 'scope.includePrivate', national: true, value: false }]);
    const national = await cliJson('validate', file);
    expect(national.json.excluded).toEqual([]);
    expect(national.json.units).toHaveLength(4);
  });
});

describe('profile files', () => {
  it('a province profile extending a built-in one inherits it and lists every override', () => {
    const p = resolveProfile({ id: 'x', name: '某省', extends: 'strict-scope', scope: { teachingPointMinStudents: 30 } });
    expect(p.scope).toEqual({ teachingPointMinStudents: 30, includePrivate: false });
    expect(p.overrides).toEqual([
      { path: 'scope.teachingPointMinStudents', national: 50, value: 30 },
      { path: 'scope.includePrivate', national: true, value: false },
    ]);
    expect(p.description).toBeUndefined();
  });

  it('a lower 教学点 cut brings a 40-student 教学点 into the computation', async () => {
    const b = TemplateBuilder.base().setSchool('0360000001', { type: '教学点', studentsPrimary: 40, fundedStudents: 100 }).setStage('0360000001', '小学', { zoned: 40 });
    const file = await b.write(tmp.file('tp.xlsx'));
    const national = await cliJson('validate', file);
    expect(national.json.excluded).toEqual([{ schoolCode: '0360000001', schoolName: '城关小学', stage: '小学', reason: '教学点在校生不足50人' }]);
    const prof = tmp.file('tp30.json');
    writeFileSync(prof, JSON.stringify({ id: 'tp30', name: '教学点30人', scope: { teachingPointMinStudents: 30 } }));
    const local = await cliJson('validate', file, '--profile', prof);
    expect(local.json.excluded).toEqual([]);
    expect(local.json.units[0].students).toBe(40);
    expect(local.json.profileOverrides).toEqual([{ path: 'scope.teachingPointMinStudents', national: 50, value: 30 }]);
  });

  it('a 教学点 of exactly 50 students is its own 小学 unit under the national cut', async () => {
    const b = TemplateBuilder.base().setSchool('0360000001', { type: '小学教学点', studentsPrimary: 50, fundedStudents: 100 }).setStage('0360000001', '小学', { zoned: 50 });
    const { json } = await cliJson('validate', await b.write(tmp.file('tp50.xlsx')));
    expect(json.excluded).toEqual([]);
    expect(json.units[0]).toMatchObject({ schoolCode: '0360000001', stage: '小学', students: 50 });
  });

  it('the readable summary names the profile and lists its overrides', async () => {
    const prof = tmp.file('cv.json');
    writeFileSync(prof, JSON.stringify({ id: 'cv', name: '某市差异系数口径', cvLimits: { 小学: 0.45 } }));
    const r = await cli('validate', baseFile, '--profile', prof);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('规则：某市差异系数口径\n');
    expect(r.stdout).toContain('  规则配置改动：cvLimits.小学 国家标准 0.5 → 0.45\n');
  });
});

describe('validation messages (Chinese)', () => {
  it.each([
    [[1, 2], '规则配置必须是一个 JSON 对象'],
    [{ id: 'x', name: 'y', foo: 1 }, '规则配置「x」有误：未知的配置项「foo」'],
    [{ id: 'x', name: 'y', thresholds: { 小学: { R1: '4.2' } } }, '规则配置「x」有误：「thresholds.小学.R1」应为数字'],
    [{ id: 'x', name: 'y', thresholds: { 小学: { R8: 1 } } }, '规则配置「x」有误：未知的配置项「thresholds.小学.R8」'],
    [{ id: 'x', name: 'y', cvLimits: { 初中: -0.45 } }, '规则配置「x」有误：「cvLimits.初中」不能为负数'],
    [{ id: 'x', name: 'y', scope: { includePrivate: 'no' } }, '规则配置「x」有误：「scope.includePrivate」应为 true 或 false'],
    [{ id: 'x', name: 'y', minMet: 8 }, '规则配置「x」有误：「minMet」应为 1 到 7 的整数'],
    [{ id: 'x', name: 'y', floorRatio: 1.5 }, '规则配置「x」有误：「floorRatio」应在 0 与 1 之间'],
    [{ id: 'x', name: 'y', primaryDegreeCut: '硕士' }, '规则配置「x」有误：「primaryDegreeCut」只能为“专科”或“本科”'],
    [{ id: 'x', name: 'y', standard: '2012' }, '规则配置「x」有误：「standard」只能为 "2017"'],
    [{ id: 'x', name: 'y', extends: 'guangdong' }, '规则配置「extends」指向未知的配置「guangdong」，可选：national、primary-bachelor、strict-scope、indoor-count-in-both'],
    [{ id: 'x', thresholds: { 初中: { R1: 5 } } }, '规则配置「x」有误：缺少配置名称「name」'],
    // Numbers in range: a value outside would silently change the verdicts (a tolerance of 0.5 passes every school).
    [{ id: 'x', name: 'y', tolerance: 0.5 }, '规则配置「x」有误：「tolerance」应在0与0.000001之间（比较时的相对容差，国家标准为1e-9），现为 0.5'],
    [{ id: 'x', name: 'y', items: { G9: { rate: 100 } } }, '规则配置「x」有误：「items.G9.rate」应为大于0、不超过1的小数（比例，如 95% 填 0.95），现为 100'],
    [{ id: 'x', name: 'y', items: { SR: { minPercent: 850 } } }, '规则配置「x」有误：「items.SR.minPercent」应为大于0、不超过100的百分数数值（如 95 表示 95%），现为 850'],
    [{ id: 'x', name: 'y', items: { G3: { classesPerRoom: 0 } } }, '规则配置「x」有误：「items.G3.classesPerRoom」应为不小于1的整数，现为 0'],
    [{ id: 'x', name: 'y', items: { G5: { 小学: 44.5 } } }, '规则配置「x」有误：「items.G5.小学」应为不小于1的整数，现为 44.5'],
    [{ id: 'x', name: 'y', items: { Q9: { maxGap: 5 } } }, '规则配置「x」有误：「items.Q9.maxGap」应为大于0、不超过1的小数（如 0.15），现为 5'],
    [{ id: 'x', name: 'y', cvLimits: { 小学: 0 } }, '规则配置「x」有误：「cvLimits.小学」应为大于0、不超过1的小数（如 0.5），现为 0'],
    [{ id: 'x', name: 'y', cvLimits: { 小学: 7 } }, '规则配置「x」有误：「cvLimits.小学」应为大于0、不超过1的小数（如 0.5），现为 7'],
    [{ id: 'x', name: 'y', thresholds: { 初中: { R6: 0 } } }, '规则配置「x」有误：「thresholds.初中.R6」应大于0，现为 0'],
    [{ id: 'x', name: 'y', scope: { teachingPointMinStudents: 12.5 } }, '规则配置「x」有误：「scope.teachingPointMinStudents」应为0至1000的整数，现为 12.5'],
    [
      { id: 'x', name: 'y', splitWeights: { nineYear: { 小学: 0, 初中: 0 } } },
      '规则配置「x」有误：「splitWeights.nineYear.小学」应为大于0、不超过10的数（学段学生数的权重，如 1.1），现为 0；「splitWeights.nineYear.初中」应为大于0、不超过10的数（学段学生数的权重，如 1.1），现为 0',
    ],
    // A key named like an object's own machinery is a key like any other: unknown.
    [JSON.parse('{ "id": "x", "name": "y", "__proto__": { "floorRatio": 0.5 } }'), '规则配置「x」有误：未知的配置项「__proto__」'],
    [{ id: 'x', name: 'y', constructor: 1 }, '规则配置「x」有误：未知的配置项「constructor」'],
    // A built-in id is reported as that profile: a file may take it only with the built-in's own content.
    [
      { id: 'strict-scope', name: '假的', cvLimits: { 小学: 0.4 } },
      '规则配置「strict-scope」有误：「strict-scope」是内置规则配置的标识，这份配置的内容与它不同，请另取配置标识「id」和名称「name」，以免报告把它当作内置的「民办学校不纳入（省级口径示例）」',
    ],
  ])('%j → %s', (raw, message) => {
    expect(profileError(raw)).toBe(message);
  });

  it('every built-in profile is within the ranges, and a file holding a built-in profile as shipped is that profile', () => {
    for (const p of builtInProfiles()) {
      const shipped = JSON.parse(readFileSync(join(__dirname, '../../src/domain/profiles', `${p.id}.json`), 'utf8'));
      expect(resolveProfile(shipped)).toEqual(p);
    }
  });

  it('the national values sit inside every range: each bound is tested by a value just outside it', () => {
    // One step beyond each bound of a rate: 0 and 1.0001 rejected, 1 accepted.
    expect(profileError({ id: 'x', name: 'y', items: { G14: { rate: 1.0001 } } })).toContain('「items.G14.rate」');
    expect(profileError({ id: 'x', name: 'y', items: { G14: { rate: 0 } } })).toContain('「items.G14.rate」');
    expect(resolveProfile({ id: 'x', name: 'y', items: { G14: { rate: 1 } } }).items.G14.rate).toBe(1);
    expect(resolveProfile({ id: 'x', name: 'y', tolerance: 0 }).tolerance).toBe(0);
    expect(resolveProfile({ id: 'x', name: 'y', scope: { teachingPointMinStudents: 1000 } }).scope.teachingPointMinStudents).toBe(1000);
    expect(profileError({ id: 'x', name: 'y', scope: { teachingPointMinStudents: 1001 } })).toContain('应为0至1000的整数');
  });

  it('an unknown built-in name', () => {
    expect(() => builtInProfile('jiangxi')).toThrow(new ProfileError('没有名为「jiangxi」的规则配置，可选：national、primary-bachelor、strict-scope、indoor-count-in-both，或给出 .json 文件路径'));
  });
});

describe('a bad profile on the command line: exit 2, a Chinese message, one JSON document', () => {
  it.each([
    ['not JSON', '{ "id": "x", ', (f: string) => `无法读取规则配置文件「${f}」：不是有效的 JSON（JSON 中不能有注释，最后一项之后不能有逗号，文字和键名要用英文双引号）`],
    ['a comment', '{ "id": "x", // 注释\n "name": "y" }', (f: string) => `无法读取规则配置文件「${f}」：不是有效的 JSON（JSON 中不能有注释，最后一项之后不能有逗号，文字和键名要用英文双引号）`],
    ['invalid values', '{ "id": "x", "name": "y", "minMet": 0 }', () => '规则配置「x」有误：「minMet」应为 1 到 7 的整数'],
  ])('%s', async (_what, content, message) => {
    const prof = tmp.file(`bad-${_what.replace(/\s/g, '')}.json`);
    writeFileSync(prof, content);
    const { code, json, stderr } = await cliJson('validate', baseFile, '--profile', prof);
    expect(code).toBe(2);
    expect(json).toEqual({ fatal: { code: 'bad-profile', message: message(prof) } });
    expect(stderr).toBe(`错误：${message(prof)}\n`);
    const plain = await cli('validate', baseFile, '--profile', prof);
    expect(plain.code).toBe(2);
    expect(plain.stdout).toBe('');
    expect(plain.stderr).toBe(`错误：${message(prof)}\n`);
  });

  it('a profile saved with a byte-order mark (Windows Notepad) is read', async () => {
    const prof = tmp.file('bom.json');
    writeFileSync(prof, '\uFEFF' + JSON.stringify({ id: 'bom', name: '记事本保存的口径', cvLimits: { 小学: 0.45 } }));
    const { code, json } = await cliJson('validate', baseFile, '--profile', prof);
    expect(code).toBe(0);
    expect(json.profile).toBe('bom');
    expect(json.profileOverrides).toEqual([{ path: 'cvLimits.小学', national: 0.5, value: 0.45 }]);
  });

  it('a folder given as the profile file', async () => {
    const dir = tmp.file('folder.json');
    mkdirSync(dir);
    const { code, json } = await cliJson('validate', baseFile, '--profile', dir);
    expect(code).toBe(2);
    expect(json.fatal).toEqual({ code: 'bad-profile', message: `无法读取规则配置文件「${dir}」：这是一个文件夹` });
  });

  it('a missing profile file', async () => {
    const prof = tmp.file('nope.json');
    const { code, json } = await cliJson('validate', baseFile, '--profile', prof);
    expect(code).toBe(2);
    expect(json).toEqual({ fatal: { code: 'bad-profile', message: `无法读取规则配置文件「${prof}」：文件不存在` } });
  });

  it('an unknown built-in name', async () => {
    const { code, json } = await cliJson('validate', baseFile, '--profile', 'jiangxi');
    expect(code).toBe(2);
    expect(json.fatal).toEqual({ code: 'bad-profile', message: '没有名为「jiangxi」的规则配置，可选：national、primary-bachelor、strict-scope、indoor-count-in-both，或给出 .json 文件路径' });
  });

  it('an empty --profile= is an argument error, not silently the national profile', async () => {
    const { code, json } = await cliJson('validate', baseFile, '--profile=');
    expect(code).toBe(2);
    expect(json.fatal).toEqual({ code: 'bad-arguments', message: '选项 --profile 后面需要一个值' });
  });
});
