/**
 * `template -o <file>`: the blank standard template, written to a temporary folder and read back with
 * exceljs (headers, dropdowns and validations, input prompts, frozen header rows, text-formatted codes,
 * the 县级指标 labels, the 填报说明 sheet), then read by `validate`.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { dataValidationsOf, guideBlocks } from '../../src/hosts/exceljs/write';
import { builtInProfile, NATIONAL, resolveProfile, type Profile } from '../../src/domain/profile';
import { columnLetter } from '../../src/template/grid';
import { COUNTY_ROWS, SCHOOL_COLUMNS, SHEET_COUNTY, SHEET_GUIDE, SHEET_SCHOOLS, SHEET_STAGES, STAGE_COLUMNS } from '../../src/template/schema';
import { cli, cliJson } from '../helpers/run-cli';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'template-cmd-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function read(path: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return wb;
}

const colOf = (specs: readonly { field: string }[], field: string) => columnLetter(specs.findIndex((s) => s.field === field));
const ITEM_ORDER = ['G1', 'G2', 'G3', 'G4', 'G5', 'G6', 'G7', 'G8', 'G9', 'G10', 'G11', 'G12', 'G13', 'G14', 'G15', 'Q1', 'Q2', 'Q3', 'Q4', 'Q5', 'Q6', 'Q7', 'Q8', 'Q9', 'SR', 'V1', 'V2', 'V3', 'V4', 'V5', 'V6'];
const byItemOrder = (a: string | undefined, b: string | undefined) => ITEM_ORDER.indexOf(a!) - ITEM_ORDER.indexOf(b!);
const rowValues = (ws: ExcelJS.Worksheet, row: number) => (ws.getRow(row).values as unknown[]).slice(1);

describe('template: arguments', () => {
  it('without -o exits 2 with a Chinese message and writes nothing', async () => {
    const r = await cli('template');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('错误：template 需要用 -o 指定要写出的文件，例如：npm run --silent cli -- template -o 空白模板.xlsx');
    expect(r.stdout).toBe('');
  });

  it('with --json and without -o prints one JSON document with the fatal', async () => {
    const r = await cli('template', '--json');
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout).fatal.code).toBe('bad-arguments');
  });

  it('refuses a path that does not end in .xlsx', async () => {
    for (const name of ['blank.xls', 'blank.csv', 'blank']) {
      const out = join(dir, name);
      const r = await cli('template', '-o', out);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`输出文件「${out}」的扩展名不是 .xlsx`);
      expect(existsSync(out)).toBe(false);
    }
  });

  it('refuses a folder that does not exist, a folder as the output, and an input file argument', async () => {
    const missing = await cli('template', '-o', join(dir, 'no-such-folder', 'blank.xlsx'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('不存在');
    const folder = join(dir, 'a-folder.xlsx');
    mkdirSync(folder);
    const isDir = await cli('template', '-o', folder);
    expect(isDir.code).toBe(2);
    expect(isDir.stderr).toContain('是一个文件夹');
    const positional = await cli('template', join(dir, 'x.xlsx'));
    expect(positional.code).toBe(2);
    expect(positional.stderr).toContain('template 不读取输入文件');
    expect(existsSync(join(dir, 'x.xlsx'))).toBe(false);
  });
});

describe('template: the written workbook', () => {
  let path: string;
  let wb: ExcelJS.Workbook;
  beforeAll(async () => {
    path = join(dir, '空白模板.xlsx');
    const r = await cli('template', '-o', path);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`已写出空白标准模板：${path}`);
    wb = await read(path);
  });

  it('has the three input sheets and the guide, in that order', () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual([SHEET_SCHOOLS, SHEET_STAGES, SHEET_COUNTY, SHEET_GUIDE]);
  });

  it('has the schema headers in row 2 under a merged title row, and no data', () => {
    const schools = wb.getWorksheet(SHEET_SCHOOLS)!;
    expect(rowValues(schools, 2)).toEqual(SCHOOL_COLUMNS.map((c) => c.header));
    expect(String(schools.getCell('A1').value)).toContain('每所学校填一行');
    expect(schools.getCell('V1').isMerged).toBe(true);
    expect(schools.actualRowCount).toBe(2);
    const stages = wb.getWorksheet(SHEET_STAGES)!;
    expect(rowValues(stages, 2)).toEqual(STAGE_COLUMNS.map((c) => c.header));
    expect(stages.actualRowCount).toBe(2);
  });

  it('styles the header row: bold, blue fill on required columns, grey on optional ones, the hint as a note', () => {
    const ws = wb.getWorksheet(SHEET_SCHOOLS)!;
    const fill = (addr: string) => (ws.getCell(addr).fill as ExcelJS.FillPattern).fgColor?.argb;
    expect(ws.getCell('A2').font?.bold).toBe(true);
    expect(fill(`${colOf(SCHOOL_COLUMNS, 'code')}2`)).toBe('FFDDEBF7');
    expect(fill(`${colOf(SCHOOL_COLUMNS, 'teachingArea')}2`)).toBe('FFDDEBF7');
    expect(fill(`${colOf(SCHOOL_COLUMNS, 'studentsPrimary')}2`)).toBe('FFDDEBF7');
    expect(fill(`${colOf(SCHOOL_COLUMNS, 'boarding')}2`)).toBe('FFEDEDED');
    expect(fill(`${colOf(SCHOOL_COLUMNS, 'fundedStudents')}2`)).toBe('FFEDEDED');
    const note = ws.getCell(`${colOf(SCHOOL_COLUMNS, 'equipmentYuan')}2`).note as ExcelJS.Comment | string;
    const text = typeof note === 'string' ? note : note.texts!.map((t) => t.text).join('');
    expect(text).toBe('必填（特殊教育学校可不填）：全校合计；表头写(元)则按元读取');
  });

  it('freezes the title and header rows (and the identifying columns)', () => {
    const view = (name: string) => wb.getWorksheet(name)!.views[0] as ExcelJS.WorksheetViewFrozen;
    expect(view(SHEET_SCHOOLS)).toMatchObject({ state: 'frozen', xSplit: 2, ySplit: 2, topLeftCell: 'C3' });
    expect(view(SHEET_STAGES)).toMatchObject({ state: 'frozen', xSplit: 2, ySplit: 2, topLeftCell: 'C3' });
    expect(view(SHEET_COUNTY)).toMatchObject({ state: 'frozen', ySplit: 2, topLeftCell: 'A3' });
  });

  it('formats the 学校标识码 columns as text, also for cells not yet typed in', () => {
    for (const name of [SHEET_SCHOOLS, SHEET_STAGES]) {
      const ws = wb.getWorksheet(name)!;
      expect(ws.getColumn(1).numFmt).toBe('@');
      expect(ws.getCell('A500').numFmt).toBe('@');
      expect(ws.getColumn(3).numFmt ?? null).not.toBe('@');
    }
  });

  it('sets column widths from the schema', () => {
    const ws = wb.getWorksheet(SHEET_SCHOOLS)!;
    SCHOOL_COLUMNS.forEach((c, i) => expect([c.header, ws.getColumn(i + 1).width]).toEqual([c.header, c.width]));
  });

  it('puts dropdowns on every enumerated column of 学校基本信息, from the first to the 2000th data row', () => {
    const dv = dataValidationsOf(wb.getWorksheet(SHEET_SCHOOLS)!).model;
    for (const spec of SCHOOL_COLUMNS.filter((c) => c.kind === 'enum')) {
      const letter = colOf(SCHOOL_COLUMNS, spec.field);
      for (const row of [3, 2002]) {
        expect([spec.header, row, dv[`${letter}${row}`]]).toEqual([
          spec.header, row,
          expect.objectContaining({ type: 'list', formulae: [`"${spec.values!.join(',')}"`], showErrorMessage: true, errorStyle: 'stop', promptTitle: spec.header }),
        ]);
      }
      expect(dv[`${letter}2003`]).toBeUndefined();
      expect(dv[`${letter}2`]).toBeUndefined();
    }
    expect(dv.C3!.formulae).toEqual(['"小学,初中,九年一贯制学校,十二年一贯制学校,完全中学,小学教学点,特殊教育学校"']);
    expect(dv.D3!.formulae).toEqual(['"公办,民办"']);
    expect(dv.E3!.formulae).toEqual(['"1 中央教育部门,2 中央其他部门,3 省级教育部门,4 省级其他部门,5 地级教育部门,6 地级其他部门,7 县级教育部门,8 县级其他部门,9 地方企业,10 民办"']);
    expect(dv.E3!.prompt).toBe('选填。从下拉列表选择；县教育局举办的公办学校选7，民办学校选10；空白时申报表按公办7、民办10填写');
    expect(dv.F3!.formulae).toEqual(['"城区,镇区,乡村"']);
    expect(dv.G3!.formulae).toEqual(['"是,否"']);
  });

  it('validates counts as whole numbers ≥ 0 and areas and money as decimals ≥ 0, with the hint as input prompt', () => {
    const dv = dataValidationsOf(wb.getWorksheet(SHEET_SCHOOLS)!).model;
    for (const spec of SCHOOL_COLUMNS) {
      const got = dv[`${colOf(SCHOOL_COLUMNS, spec.field)}3`]!;
      expect([spec.header, got.showInputMessage, got.prompt]).toEqual([spec.header, true, expect.stringContaining(spec.hint)]);
      if (spec.kind === 'count') expect([spec.header, got.type, got.operator, got.formulae]).toEqual([spec.header, 'whole', 'greaterThanOrEqual', [0]]);
      if (spec.kind === 'number' || spec.kind === 'money') expect([spec.header, got.type, got.operator, got.formulae]).toEqual([spec.header, 'decimal', 'greaterThanOrEqual', [0]]);
    }
    expect(dv.A3).toMatchObject({ type: 'textLength', operator: 'equal', formulae: [10], errorStyle: 'warning' });
    expect(dv.B3).toMatchObject({ type: 'any', prompt: '必填。学校全称' });
  });

  it('puts the 学段 dropdown and a 班级数 > 0 rule on 分学段信息', () => {
    const dv = dataValidationsOf(wb.getWorksheet(SHEET_STAGES)!).model;
    expect(dv[`${colOf(STAGE_COLUMNS, 'stage')}3`]).toMatchObject({ type: 'list', formulae: ['"小学,初中"'] });
    expect(dv[`${colOf(STAGE_COLUMNS, 'classes')}3`]).toMatchObject({ type: 'whole', operator: 'greaterThanOrEqual', formulae: [1] });
    expect(dv[`${colOf(STAGE_COLUMNS, 'teachers')}2002`]).toMatchObject({ type: 'whole', operator: 'greaterThanOrEqual', formulae: [0] });
  });

  it('lists every 县级指标 label in column A with a validation on its 数值 cell', () => {
    const ws = wb.getWorksheet(SHEET_COUNTY)!;
    expect(rowValues(ws, 2)).toEqual(['指标', '数值', '备注', '填写要求', '简要结论']);
    const dv = dataValidationsOf(ws).model;
    COUNTY_ROWS.forEach((spec, i) => {
      const row = i + 3;
      expect(ws.getCell(`A${row}`).value).toBe(spec.label);
      expect(ws.getCell(`B${row}`).value).toBeNull();
      const v = dv[`B${row}`]!;
      expect(v.promptTitle).toBe(spec.label);
      if (spec.kind === 'yesno') expect([spec.label, v.type, v.formulae]).toEqual([spec.label, 'list', ['"是,否"']]);
      if (spec.kind === 'percent') expect([spec.label, v.type, v.operator, v.formulae]).toEqual([spec.label, 'decimal', 'between', [0, 100]]);
      if (spec.kind === 'ratio') expect([spec.label, v.type, v.operator, v.formulae]).toEqual([spec.label, 'decimal', 'between', [0, 1]]);
      if (spec.kind === 'level') expect([spec.label, v.type, v.formulae]).toEqual([spec.label, 'list', ['"Ⅰ,Ⅱ,Ⅲ,Ⅳ,未监测"']]);
      if (spec.kind === 'count') expect([spec.label, v.type, v.operator, v.formulae]).toEqual([spec.label, 'whole', 'greaterThanOrEqual', [0]]);
      // The 51 rows of template 2017-v2 follow the 25 of v1, each 填写要求 ending with the table it feeds.
      if (i >= 25) expect([spec.label, String(ws.getCell(`D${row}`).value)]).toEqual([spec.label, expect.stringMatching(/；用于 (表Ⅰ|表Ⅳ-|表Ⅴ-|表Ⅵ|一票否决)/)]);
    });
    expect(ws.getCell('A28').value).toBe('人口总数(万人)');
    expect(ws.getCell('D28').value).toBe('按常住人口统计，单位：万人，可保留两位小数；用于 表Ⅰ');
    expect(ws.getCell('D30').value).toBe('整数，单位：个；用于 表Ⅰ');
    expect(ws.getCell('A78').value).toBe('规范治理校外培训机构及减轻中小学课外负担不力');
    expect(ws.getCell('D78').value).toBe('存在该情形填“是”，不存在填“否”；填“是”即一票否决；用于 一票否决、V6');
    expect(dv.B78).toMatchObject({ type: 'list', formulae: ['"是,否"'] });
    expect(ws.actualRowCount).toBe(2 + COUNTY_ROWS.length);
    expect(ws.getCell('D15').value).toBe('填百分数的数值，如 96.5 表示 96.5%；也可填 0.965 并设为百分比格式；用于 Q1');
    expect(dv.B4).toMatchObject({ type: 'whole', operator: 'between', formulae: [2000, 2100] });
    expect(dv.B5).toMatchObject({ type: 'decimal', operator: 'greaterThanOrEqual', formulae: [0] });
  });

  it('explains in 填报说明 the units, 一贯制 schools and what is computed, with the national thresholds', () => {
    const ws = wb.getWorksheet(SHEET_GUIDE)!;
    const lines: string[] = [];
    ws.eachRow((row) => {
      const cells: string[] = [];
      // A merged text line: only its first (master) cell counts.
      row.eachCell((cell) => {
        if (!cell.isMerged || cell.master === cell) cells.push(String(cell.value));
      });
      lines.push(cells.join(' | '));
    });
    const text = lines.join('\n');
    expect(lines[0]).toBe('义务教育优质均衡发展核验　标准填报模板（2017-v2）填报说明');
    expect(lines).toContain('六、申报表（表Ⅰ—表Ⅵ）');
    expect(text).toContain('“选择性粘贴—值和数字格式”');
    expect(text).toContain('简要结论请填在「县级指标」的“简要结论”列（E列）');
    for (const phrase of ['以“万元”为单位', '把表头中的“(万元)”改为“(元)”', '只填全校合计数', '小学:初中 = 1:1.1', '初中:高中 = 1:1.2', '不足50人', '至少6项达到标准、其余项不低于标准的85%', '小学不高于0.5，初中不高于0.45'])
      expect([phrase, text.includes(phrase)]).toEqual([phrase, true]);
    expect(lines).toContain(`R4 生均教学及辅助用房面积（㎡） | ≥ ${NATIONAL.thresholds.小学.R4} | ≥ ${NATIONAL.thresholds.初中.R4}`);
    expect(lines).toContain('R1 每百名学生拥有高于规定学历教师数（每百名学生，人） | ≥ 4.2 | ≥ 5.3');
    for (const c of [...SCHOOL_COLUMNS, ...STAGE_COLUMNS]) expect([c.header, lines.some((l) => l.startsWith(`${c.header} | `) && l.endsWith(c.hint))]).toEqual([c.header, true]);
  });
});

describe('template --profile: the profile\'s values in the hints and the guide', () => {
  // A province with smaller classes and another CV limit: template-additions §2 prints the 45 and 50 from G5.
  let wb: ExcelJS.Workbook;
  let stdout = '';
  beforeAll(async () => {
    const prof = join(dir, 'province.json');
    writeFileSync(prof, JSON.stringify({ id: 'p', name: '某省口径', items: { G5: { 小学: 44, 初中: 49 } }, cvLimits: { 小学: 0.475 }, floorRatio: 0.9 }));
    const path = join(dir, '某省模板.xlsx');
    const r = await cli('template', '-o', path, '--profile', prof);
    expect(r.code).toBe(0);
    stdout = r.stdout;
    wb = await read(path);
  });

  it('the 超过标准班额的班级数 prompt and header note give the profile\'s 班额, and the command says which profile', () => {
    const hint = '小学填超过44人的班级数，初中填超过49人的班级数；没有填0';
    const col = colOf(STAGE_COLUMNS, 'oversizeClasses');
    const ws = wb.getWorksheet(SHEET_STAGES)!;
    expect(dataValidationsOf(ws).model[`${col}3`]!.prompt).toBe(`选填。${hint}`);
    expect(ws.getCell(`${col}2`).note).toBe(`选填：${hint}`);
    expect(stdout).toContain('填写提示和说明按规则配置「某省口径」写出。');
  });

  it('the guide states the profile\'s values and that they are not the national defaults', () => {
    const ws = wb.getWorksheet(SHEET_GUIDE)!;
    const texts: string[] = [];
    ws.eachRow((row) => row.eachCell((cell) => void texts.push(String(cell.value))));
    const text = texts.join('\n');
    expect(text).toContain('本说明中的标准值和填写提示按规则配置「某省口径」写出，不是国家标准的默认值；核验时请选用同一规则配置。');
    expect(text).toContain('至少6项达到标准、其余项不低于标准的90%');
    expect(text).toContain('小学不高于0.475，初中不高于0.45');
    expect(text).toContain('小学填超过44人的班级数，初中填超过49人的班级数；没有填0');
    expect(text).not.toContain('超过45人');
  });

  it('the guide says which ways of computing a profile changes (no numbers to show them), and none under national', () => {
    const text = (p: Profile) => guideBlocks(p).map((b) => b.cells.join(' | ')).join('\n');
    expect(text(builtInProfile('strict-scope'))).toContain('· 民办学校不参与资源配置指标和差异系数的计算（所用规则配置不纳入民办学校），仍填在两张表中。');
    expect(text(builtInProfile('primary-bachelor'))).toContain('· R1 中小学“高于规定学历”的教师按本科及以上计（所用规则配置；国家标准为专科及以上），初中按本科及以上计。');
    expect(text(builtInProfile('indoor-count-in-both'))).toContain('“其中室内体育用房面积”不从教学及辅助用房面积中扣除');
    const custom = resolveProfile({ id: 'c', name: '某省', scope: { teachingPointMinStudents: 0 }, items: { G6: { scope: 'all-small' }, Q1: { formula: 'adjust-cohort' } } });
    for (const line of ['· 小学教学点不论在校生多少，都作为一个小学单位参与资源配置指标和差异系数的计算', '· G6 按所有在校生不足100人的小学、初中和教学点计', '毕业 ÷ (入学 + 转入 − 转出 − 死亡)'])
      expect([line, text(custom).includes(line)]).toEqual([line, true]);
    expect(text(custom)).not.toContain('不足0人');
    expect(text(NATIONAL)).not.toContain('所用规则配置');
  });

  it('--json names the profile the template was written under', async () => {
    const out = join(dir, 'json.xlsx');
    const r = await cliJson('template', '-o', out, '--profile', 'strict-scope', '--json');
    expect([r.code, r.json.profile, r.json.profileName]).toEqual([0, 'strict-scope', '民办学校不纳入（省级口径示例）']);
  });

  it('a profile the template cannot use is refused before anything is written', async () => {
    const out = join(dir, 'never.xlsx');
    const r = await cliJson('template', '-o', out, '--profile', 'jiangxi');
    expect(r.code).toBe(2);
    expect(r.json.fatal.code).toBe('bad-profile');
    expect(existsSync(out)).toBe(false);
  });
});

describe('template: read back by validate', () => {
  it('exits 1 with one clear error: no school in 学校基本信息 (and every county item 未填报)', async () => {
    const path = join(dir, 'blank-for-validate.xlsx');
    expect((await cli('template', '-o', path)).code).toBe(0);
    const { code, json } = await cliJson('validate', path);
    expect(code).toBe(1);
    expect(json.fatal).toBeUndefined();
    const errors = json.issues.filter((i: any) => i.severity === 'error');
    expect(errors).toEqual([expect.objectContaining({ code: 'no-schools', sheet: '学校基本信息', cell: 'A3' })]);
    const warnings = json.issues.filter((i: any) => i.severity === 'warning');
    expect(new Set(warnings.map((w: any) => w.code))).toEqual(new Set(['item-not-filled', 'shenbao-blanks']));
    expect(json.summary).toMatchObject({ errors: 1, units: 0, unitsPassing: 0, resourcePasses: null });
    // Every item fed by the 县级指标 sheet is 未填报 (the school-based items are a separate matter: see the report).
    const countyItems = new Set(COUNTY_ROWS.map((r) => r.item).filter(Boolean));
    // 17 items of template 2017-v1 and the six 一票否决 V1–V6.
    expect(countyItems.size).toBe(23);
    expect(json.items.filter((i: any) => countyItems.has(i.id)).map((i: any) => [i.id, i.passes])).toEqual([...countyItems].sort(byItemOrder).map((id) => [id, null]));
    const text = await cli('validate', path);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('学校基本信息!A3  「学校基本信息」中没有任何学校数据');
  });
});
