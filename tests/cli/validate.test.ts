/**
 * `validate` on a good workbook and on argument mistakes (spec/cli.md): exit status, exactly one JSON
 * document with --json, the JSON report's shape, the readable summary, the input left byte-identical.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { cli, cliJson } from '../helpers/run-cli';
import { tempDir, TemplateBuilder } from '../helpers/template-builder';

const tmp = tempDir();
afterAll(() => tmp.cleanup());
let file = '';
beforeAll(async () => {
  file = await TemplateBuilder.base().write(tmp.file('base.xlsx'));
});

const sha = (f: string) => createHash('sha256').update(readFileSync(f)).digest('hex');
const STACK = /\n\s+at [^\n]+\(|\bat Object\.|node:internal|\.ts:\d+:\d+/;

describe('validate --json on a valid county', () => {
  it('exits 0 with one JSON document of the documented shape', async () => {
    const r = await cli('validate', file, '--json');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const json = JSON.parse(r.stdout);
    expect(Object.keys(json)).toEqual(expect.arrayContaining(['standard', 'profile', 'summary', 'units', 'excluded', 'balance', 'items', 'issues']));
    expect(json.standard).toBe('2017');
    expect(json.profile).toBe('national');
    // A first-template county: no errors; the 申报表 warns that 举办者类型 and 年级数 are not in the workbook, and of
    // the open cells of 表Ⅰ, 表Ⅳ, 表Ⅴ, 表Ⅵ (county rows of the 2017-v2 template absent).
    expect(json.summary).toEqual({ errors: 0, warnings: 6, units: 4, unitsPassing: 4, resourcePasses: true, balancePassing: 14, balanceTotal: 14 });
    expect(json.excluded).toEqual([]);
    expect(json.issues.map((i: { sheet: string; cell: string; code: string; message: string }) => [i.sheet, i.cell, i.code, i.message])).toEqual([
      ['表Ⅰ', 'A9', 'shenbao-blanks', '表Ⅰ有10处未能填写（留空）：A9缺「县级指标」“人口总数(万人)”；B9缺「县级指标」“农业人口数(万人)”；C9缺「县级指标」“乡镇数(个)”；D9缺「县级指标」“行政村数(个)”；E9缺「县级指标」“年人均国内生产总值(元)”；F9缺「县级指标」“年人均地方财政收入(元)”；G9缺「县级指标」“农民年人均纯收入(元)”；H9缺「县级指标」“城镇居民年人均可支配收入(元)”；U9缺「县级指标」“小学教职工数(人)”；W9缺「县级指标」“初中教职工数(人)”'],
      ['学校基本信息', undefined, 'owner-type-defaulted', '「学校基本信息」没有“举办者类型”列，申报表表Ⅱ-2的举办者类型已按办学性质填写：公办7（县级教育部门），民办10'],
      ['表Ⅱ-2', 'E4', 'shenbao-blanks', '表Ⅱ-2有4处未能填写（留空）：E4、E5、E6等4处缺「分学段信息」“年级数(个)”'],
      ['表Ⅳ', 'B9', 'shenbao-blanks', '表Ⅳ有3处未能填写（保留“＿＿”）：B9缺「县级指标」“特殊教育学校公用经费总额(元)”“特殊教育学校在校生数(人)”；B18缺「县级指标」“其中分配到农村初中的名额数(人)”；B19缺「县级指标」“其中在公办学校就读的随迁子女数(人)”“其中在政府购买服务的民办学校就读的随迁子女数(人)”'],
      ['表Ⅴ', 'B4', 'shenbao-blanks', '表Ⅴ有3处未能填写（保留“＿＿”）：B4缺「县级指标」“初中毕业班学生数(人)”“三年前该年级入学学生数(人)”“毕业年级三年转入学生数(人)”“毕业年级三年死亡学生数(人)”“毕业年级三年转出学生数(人)”；B5缺「县级指标」“适龄残疾儿童少年数(人)”“其中已入学的适龄残疾儿童少年数(人)”“其中在特殊教育学校就读的残疾儿童少年数(人)”；B12缺「县级指标」“质量监测语文学业水平”“质量监测语文校际差异率”等20项'],
      ['表Ⅵ', 'B6', 'shenbao-blanks', '表Ⅵ有14处未能填写（留空）：B6缺「县级指标」“社会认可度问卷总数(份)”；C6、E6缺「县级指标」“社会认可度回收有效问卷数(份)”；D6、E6缺「县级指标」“社会认可度满意问卷数(份)”；F6、H6缺「县级指标」“社会认可度实地走访人数(人)”；G6、H6缺「县级指标」“社会认可度实地走访满意人数(人)”；B7缺「县级指标」“其中家长问卷总数(份)”；C7、E7缺「县级指标」“其中家长回收有效问卷数(份)”；D7、E7缺「县级指标」“其中家长满意问卷数(份)”；F7、H7缺「县级指标」“其中家长实地走访人数(人)”；G7、H7缺「县级指标」“其中家长实地走访满意人数(人)”'],
    ]);
  });

  it('lists units in sheet order with all of R1..R7, unrounded', async () => {
    const { json } = await cliJson('validate', file);
    expect(json.units.map((u: any) => [u.schoolCode, u.schoolName, u.stage, u.students, u.metCount, u.passes])).toEqual([
      ['0360000001', '城关小学', '小学', 1000, 7, true],
      ['0360000002', '城关初中', '初中', 800, 7, true],
      ['0360000003', '河西九年一贯制学校', '小学', 400, 7, true],
      ['0360000003', '河西九年一贯制学校', '初中', 300, 7, true],
    ]);
    for (const u of json.units) expect(Object.keys(u.indicators)).toEqual(['R1', 'R2', 'R3', 'R4', 'R5', 'R6', 'R7']);
    expect(json.units[0].indicators.R1).toEqual({ value: 5.7, threshold: 4.2, met: true, aboveFloor: true });
    // 22 rooms × 400/730 for 400 students, per hundred: unrounded
    expect(json.units[2].indicators.R7.value).toBeCloseTo(2200 / 730, 12);
    expect(json.units[2].indicators.R7.value).not.toBe(3.01);
  });

  it('has one balance entry per 学段 with 7 CVs and the limits 0.50 / 0.45', async () => {
    const { json } = await cliJson('validate', file);
    expect(Object.keys(json.balance)).toEqual(['小学', '初中']);
    expect(json.balance['小学'].units).toBe(2);
    expect(json.balance['小学'].students).toBe(1400);
    expect(json.balance['初中'].students).toBe(1100);
    for (const [stage, limit] of [['小学', 0.5], ['初中', 0.45]] as const)
      for (const id of ['R1', 'R2', 'R3', 'R4', 'R5', 'R6', 'R7']) {
        expect(json.balance[stage].indicators[id].limit).toBe(limit);
        expect(json.balance[stage].indicators[id].passes).toBe(true);
      }
    const { mean, cv, limit, passes } = json.balance['小学'].indicators.R2;
    expect({ mean, cv, limit, passes }).toEqual({ mean: 1.5, cv: 0, limit: 0.5, passes: true });
  });

  it('a county with only 小学 has only a 小学 balance (7 CVs)', async () => {
    const b = TemplateBuilder.base();
    b.schools = b.schools.slice(0, 1);
    b.stages = b.stages.slice(0, 1);
    const { json } = await cliJson('validate', await b.write(tmp.file('primary-only.xlsx')));
    expect(Object.keys(json.balance)).toEqual(['小学']);
    expect(json.summary.balanceTotal).toBe(7);
  });

  it('holds the 31 items (G1–G15, Q1–Q9, SR, V1–V6) with a message each', async () => {
    const { json } = await cliJson('validate', file);
    expect(json.items).toHaveLength(31);
    expect(json.items[30]).toEqual({
      id: 'V6', name: '规范治理校外培训机构及减轻中小学课外负担不力', category: '一票否决', kind: 'evidence', passes: true,
      // 一票否决 reads 无此情形 (as in the pane and the sheets), and its cell is given whatever the verdict (template-additions §4).
      message: '无此情形：不得存在下列情形：规范治理校外培训机构及减轻中小学课外负担不力（县级指标表应填“否”）。填报为“否”', cells: ['县级指标!B32'],
    });
    expect(json.items[0]).toEqual({
      id: 'G1', name: '县域内义务教育学校规划布局合理，符合国家规定要求', category: '政府保障程度', kind: 'evidence', passes: true,
      message: '达标：县域内义务教育学校规划布局合理，符合国家规定要求（县级指标表填“是”或“否”）。填报为“是”', cells: [],
    });
  });

  it('failing standards are not errors: a failing unit still exits 0', async () => {
    const b = TemplateBuilder.base().setSchool('0360000001', { multimediaRooms: 10 });
    const { code, json } = await cliJson('validate', await b.write(tmp.file('fail.xlsx')));
    expect(code).toBe(0);
    expect(json.units[0].indicators.R7).toEqual({ value: 1, threshold: 2.3, met: false, aboveFloor: false });
    expect(json.units[0].passes).toBe(false);
    expect(json.summary.unitsPassing).toBe(3);
    expect(json.summary.resourcePasses).toBe(false);
  });

  it('leaves the input file byte-identical', async () => {
    const before = sha(file);
    await cli('validate', file, '--json');
    await cli('validate', file);
    expect(sha(file)).toBe(before);
  });
});

describe('validate (readable summary)', () => {
  it('prints a Chinese summary and exits 0', async () => {
    const r = await cli('validate', file);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout.split('\n');
    expect(lines.slice(0, 5)).toEqual([
      `核验文件：${file}`,
      '区县：测试县    统计年度：2025    规则：国家标准（教督〔2017〕6号）',
      '  计算口径：生均教学及辅助用房面积（R4）扣除其中室内体育用房面积',
      '错误 0 个，警告 6 个；达标学校（学段）4/4；差异系数达标 14/14',
      '资源配置结论：达标',
    ]);
    expect(r.stdout).toContain('  R1 每百名学生拥有高于规定学历教师数  县均值 6.00  差异系数 0.079（≤0.5） 达标\n');
  });

  it('says which R4 rule applies: the national default subtracts 室内体育用房, the earlier one counts it in both', async () => {
    const r = await cli('validate', file, '--profile', 'indoor-count-in-both');
    expect(r.stdout.split('\n').slice(2, 4)).toEqual([
      '  规则配置改动：indoorSportsInR4 国家标准 "subtract" → "count-in-both"',
      '  计算口径：生均教学及辅助用房面积（R4）不扣除其中室内体育用房面积（该面积同时计入 R4 和 R5）',
    ]);
    const { json } = await cliJson('validate', file, '--json');
    expect(json.indoorSportsInR4).toBe('subtract');
    const old = await cliJson('validate', file, '--json', '--profile', 'indoor-count-in-both');
    expect(old.json.indoorSportsInR4).toBe('count-in-both');
    expect(old.json.units[0].indicators.R4.value).toBeGreaterThan(json.units[0].indicators.R4.value);
  });

  it('with errors: exit 1, the conclusion is withheld, each error shows sheet!cell and code', async () => {
    const b = TemplateBuilder.base().setSchool('0360000002', { teachingArea: -5 });
    const r = await cli('validate', await b.write(tmp.file('neg.xlsx')));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('资源配置结论：有错误，改正后才能得出结论\n');
    expect(r.stdout).toContain('错误（1）\n  学校基本信息!K3  「教学及辅助用房面积(㎡)」为负数 -5。请填写大于或等于0的数  [negative-number]\n');
  });
});

describe('argument mistakes: exit 2, usage on stderr, one JSON document with --json', () => {
  it.each([
    [['validate'], 'validate 需要一个工作簿文件路径'],
    [['validate', 'a.xlsx', 'b.xlsx'], '多余的参数：b.xlsx'],
    [['validate', 'a.xlsx', '--bogus'], '不认识的选项「--bogus」'],
    [['validate', 'a.xlsx', '--profile'], '选项 --profile 后面需要一个值'],
    [['frobnicate', 'a.xlsx'], '不认识的命令「frobnicate」'],
    [[], '缺少命令（validate、annotate、shenbao、template 或 sample）'],
    // An option the command does not use is refused: `validate -o` would otherwise exit 0 and write nothing.
    [['validate', 'a.xlsx', '-o', 'b.xlsx'], 'validate 只检查、不写文件，不使用 -o；要写出带标注的工作簿请用 annotate，写出申报表请用 shenbao'],
    [['sample', '-o', 's.xlsx', '--profile', 'strict-scope'], 'sample 不使用选项 --profile'],
    [['annotate', 'a.xlsx', '-o', 'b.xlsx', '--plan'], '选项 --plan 只用于 validate，annotate 不使用它'],
    [['template', '-o', 't.xlsx', '--contributions'], '选项 --contributions 只用于 validate，template 不使用它'],
    [['annotate', 'a.xlsx', '-o', 'b.xlsx', '-o', 'c.xlsx'], '选项 -o 只能给一次'],
    [['validate', 'a.xlsx', '--profile', 'national', '--profile=strict-scope'], '选项 --profile 只能给一次'],
  ])('%j → %s', async (argv, message) => {
    const r = await cli(...argv);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.startsWith(`错误：${message}\n用法：\n`)).toBe(true);
    const j = await cli(...argv, '--json');
    expect(j.code).toBe(2);
    expect(JSON.parse(j.stdout)).toEqual({ fatal: { code: 'bad-arguments', message } });
    expect(`${j.stdout}${j.stderr}`).not.toMatch(STACK);
  });

  it('--json before the command is honoured for an argument mistake', async () => {
    const r = await cli('--json', 'validate', file, '--unknown');
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout)).toEqual({ fatal: { code: 'bad-arguments', message: '不认识的选项「--unknown」' } });
  });

  it('--help prints the usage and exits 0', async () => {
    const r = await cli('--help');
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('用法：\n')).toBe(true);
  });
});
