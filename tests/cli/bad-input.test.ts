/**
 * Each bad input through the command line (in-process): the documented exit status (1 errors, 2 fatal),
 * the issue code, the sheet and A1 cell, a Chinese message, no stack trace, exactly one JSON document
 * with --json (with `fatal` for exit 2), and the input file byte-identical afterwards.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cli } from '../helpers/run-cli';
import { NATIONAL } from '../../src/domain/profile';
import { readXlsxFile } from '../../src/hosts/xlsx/node-read';
import { analyse } from '../../src/report/build';
import { tempDir, TemplateBuilder, writeGrids, type RenderOptions, type StageKey, STAGE_HEADERS } from '../helpers/template-builder';

const S1 = '0360000001';
const S2 = '0360000002';
const S3 = '0360000003';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const STACK = /\n\s+at [^\n]+\(|\bat Object\.|at async |node:internal|\.ts:\d+:\d+|Error: /;
const CHINESE = /[\u4e00-\u9fff]/;
const sha = (f: string) => createHash('sha256').update(readFileSync(f)).digest('hex');

interface Outcome {
  code: number;
  json: any;
  stdout: string;
  stderr: string;
  text: { code: number; stdout: string; stderr: string };
}

/** Runs validate with and without --json; checks what every run must satisfy. */
async function run(file: string): Promise<Outcome> {
  const before = existsSync(file) && statSync(file).isFile() ? sha(file) : null;
  const j = await cli('validate', file, '--json');
  const t = await cli('validate', file);
  for (const out of [j.stdout, j.stderr, t.stdout, t.stderr]) expect(out).not.toMatch(STACK);
  expect(t.code).toBe(j.code);
  const json = JSON.parse(j.stdout); // exactly one JSON document
  if (before !== null) expect(sha(file)).toBe(before);
  return { code: j.code, json, stdout: j.stdout, stderr: j.stderr, text: t };
}

describe('fatal: the workbook cannot be read as the template (exit 2)', () => {
  async function expectFatal(file: string, fatal: { code: string; message: string; sheet?: string; cell?: string }) {
    const r = await run(file);
    expect(r.code).toBe(2);
    expect(r.json).toEqual({ fatal });
    expect(fatal.message).toMatch(CHINESE);
    const where = fatal.sheet ? `（${fatal.sheet}${fatal.cell ? `!${fatal.cell}` : ''}）` : '';
    expect(r.stderr).toBe(`错误：${fatal.message}${where}\n`);
    expect(r.text.stdout).toBe('');
    expect(r.text.stderr).toBe(`错误：${fatal.message}${where}\n`);
  }

  it('not an .xlsx (a CSV file)', async () => {
    const f = tmp.file('county.csv');
    writeFileSync(f, '学校标识码,学校名称\n0360000001,城关小学\n');
    await expectFatal(f, { code: 'not-xlsx', message: `无法以 Excel 工作簿（.xlsx）打开「${f}」：文件已损坏，或不是 .xlsx 格式（.xls 或 .et 请先另存为 .xlsx）` });
  });

  it('not an .xlsx (text named .xlsx)', async () => {
    const f = tmp.file('fake.xlsx');
    writeFileSync(f, 'this is not a workbook');
    await expectFatal(f, { code: 'not-xlsx', message: `无法以 Excel 工作簿（.xlsx）打开「${f}」：文件已损坏，或不是 .xlsx 格式（.xls 或 .et 请先另存为 .xlsx）` });
  });

  it('an empty file', async () => {
    const f = tmp.file('empty.xlsx');
    writeFileSync(f, '');
    await expectFatal(f, { code: 'not-xlsx', message: `「${f}」是空文件（0 字节），不是 Excel 工作簿：可能没有保存完，或没有下载或复制完整。请重新获取该文件，或在 Excel 中重新保存后再试` });
  });

  it('a missing file', async () => {
    const f = tmp.file('no-such-file.xlsx');
    await expectFatal(f, { code: 'file-not-found', message: `找不到文件「${f}」，请检查路径` });
  });

  it('a folder', async () => {
    const d = tmp.file('folder.xlsx');
    mkdirSync(d);
    await expectFatal(d, { code: 'file-not-found', message: `「${d}」是文件夹，不是 .xlsx 文件` });
  });

  it('a missing sheet', async () => {
    const f = await TemplateBuilder.base().write(tmp.file('no-stages.xlsx'), { omit: ['stages'] });
    await expectFatal(f, { code: 'missing-sheet', sheet: '分学段信息', message: '工作簿缺少工作表「分学段信息」。现有工作表：学校基本信息、县级指标。请使用标准填报模板' });
  });

  it('a missing sheet in an annotated copy: the two very hidden record sheets are not listed among the sheets', async () => {
    const out = tmp.file('annotated-renamed.xlsx');
    expect((await cli('annotate', await TemplateBuilder.base().write(tmp.file('to-annotate.xlsx')), '-o', out)).code).toBe(0);
    const grids = (await readXlsxFile(out)).map((g) => (g.name === '分学段信息' ? { ...g, name: '学段信息' } : g));
    expect(grids.map((g) => g.name)).toEqual(expect.arrayContaining(['均衡核验_标记记录', '均衡核验_生成记录']));
    const r = analyse(grids, NATIONAL);
    expect(r.ok ? null : r.fatal.message).toBe(`工作簿缺少工作表「分学段信息」。现有工作表：${grids.map((g) => g.name).filter((n) => !n.startsWith('均衡核验_')).join('、')}。请使用标准填报模板`);
  });

  it('both template sheets missing', async () => {
    const f = tmp.file('other.xlsx');
    await writeGrids([{ name: 'Sheet1', rows: [['hello']] }], f);
    await expectFatal(f, { code: 'missing-sheet', sheet: '学校基本信息', message: '工作簿缺少工作表「学校基本信息」「分学段信息」。现有工作表：Sheet1。请使用标准填报模板' });
  });

  it('a missing required column, at the header row of its sheet', async () => {
    const order = (Object.keys(STAGE_HEADERS) as StageKey[]).filter((k) => k !== 'teachers');
    const f = await TemplateBuilder.base().write(tmp.file('no-teachers.xlsx'), { stages: { order, title: [['分学段信息表'], []] } });
    await expectFatal(f, { code: 'missing-column', sheet: '分学段信息', cell: 'A3', message: '工作表「分学段信息」缺少必填列「专任教师数(人)」。请按标准模板补上该列后重试' });
  });

  it('a missing header row', async () => {
    const f = tmp.file('no-header.xlsx');
    await writeGrids([{ name: '学校基本信息', rows: [['标识码', '名称']] }, { name: '分学段信息', rows: [] }], f);
    await expectFatal(f, { code: 'missing-header-row', sheet: '学校基本信息', cell: 'A1', message: '工作表「学校基本信息」前10行中找不到表头「学校标识码」。请按标准模板填写表头' });
  });
});

describe('errors: the workbook was read and has errors (exit 1)', () => {
  interface Case {
    name: string;
    build: () => TemplateBuilder;
    o?: RenderOptions;
    error: { code: string; sheet: string; cell: string; message: string; fix: string };
  }
  const cases: Case[] = [
    {
      name: 'a negative number',
      build: () => TemplateBuilder.base().setSchool(S2, { outdoorSportsArea: -100 }),
      error: { code: 'negative-number', sheet: '学校基本信息', cell: 'M3', message: '「室外运动场地面积(㎡)」为负数 -100', fix: '请填写大于或等于0的数' },
    },
    {
      name: 'a negative count stored as text',
      build: () => TemplateBuilder.base().setStage(S1, '小学', { backbone: '-2' }),
      error: { code: 'negative-number', sheet: '分学段信息', cell: 'J2', message: '「县级及以上骨干教师数(人)」为负数 -2', fix: '请填写大于或等于0的数' },
    },
    {
      name: 'a fractional count',
      build: () => TemplateBuilder.base().setStage(S3, '初中', { teachers: 25.5 }),
      error: { code: 'not-whole-number', sheet: '分学段信息', cell: 'E5', message: '「专任教师数(人)」应为整数，填写的是 25.5', fix: '人数、班级数、教室数请填写整数' },
    },
    {
      name: 'a fractional student count',
      build: () => TemplateBuilder.base().setSchool(S1, { studentsPrimary: 999.5 }),
      error: { code: 'not-whole-number', sheet: '学校基本信息', cell: 'G2', message: '「小学在校生数(人)」应为整数，填写的是 999.5', fix: '人数、班级数、教室数请填写整数' },
    },
    {
      name: 'text in a number',
      build: () => TemplateBuilder.base().setSchool(S1, { teachingArea: '约6000平方米' }),
      error: { code: 'not-a-number', sheet: '学校基本信息', cell: 'K2', message: '「教学及辅助用房面积(㎡)」“约6000平方米”不是数字', fix: '请只填写数字，不要带单位或文字说明' },
    },
    {
      name: 'text in a county number',
      build: () => TemplateBuilder.base().setCounty('quotaPlan', '三千'),
      error: { code: 'not-a-number', sheet: '县级指标', cell: 'B10', message: '「优质高中招生计划数(人)」“三千”不是数字', fix: '请只填写数字，不要带单位或文字说明' },
    },
    {
      name: 'a duplicate school code',
      build: () => {
        const b = TemplateBuilder.base();
        b.schools.push({ ...b.school(S1), name: '城关小学（重复）' });
        return b;
      },
      error: { code: 'duplicate-code', sheet: '学校基本信息', cell: 'A5', message: '学校标识码“0360000001”重复，与第2行相同', fix: '每所学校只填一行；请核对标识码，合并或删除重复行' },
    },
    {
      name: '学历 columns not adding up',
      build: () => TemplateBuilder.base().setStage(S1, '小学', { associate: 14 }),
      error: {
        code: 'degree-sum-mismatch', sheet: '分学段信息', cell: 'E2', message: '四类学历专任教师数之和为 59，与「专任教师数(人)」60 不一致',
        fix: '研究生、本科、专科、高中及以下四列之和应等于专任教师数，请核对',
      },
    },
    {
      name: 'a 学段 the school type does not have',
      build: () => {
        const b = TemplateBuilder.base();
        b.stages.push({ ...b.stage(S2, '初中'), code: S1 });
        return b;
      },
      error: { code: 'stage-not-in-type', sheet: '分学段信息', cell: 'B6', message: '城关小学的学校类型为小学，没有初中学段', fix: '请核对「学段」或该校在「学校基本信息」中的学校类型' },
    },
    {
      name: 'an unknown school code in 分学段信息',
      build: () => {
        const b = TemplateBuilder.base();
        b.stages.push({ ...b.stage(S2, '初中'), code: '0360000099' });
        return b;
      },
      error: { code: 'unknown-code', sheet: '分学段信息', cell: 'A6', message: '学校标识码“0360000099”在「学校基本信息」中不存在', fix: '请核对标识码，或先在「学校基本信息」中补充该学校' },
    },
    {
      name: 'an unknown school type',
      build: () => TemplateBuilder.base().setSchool(S2, { type: '职业中学' }),
      error: {
        code: 'bad-enum', sheet: '学校基本信息', cell: 'C3', message: '「学校类型」“职业中学”不是可选值',
        fix: '请从下列值中选择：小学、初中、九年一贯制学校、十二年一贯制学校、完全中学、小学教学点、特殊教育学校',
      },
    },
    {
      name: 'a missing 学段 row',
      build: () => TemplateBuilder.base().removeStage(S3, '初中'),
      error: {
        code: 'missing-stage-row', sheet: '学校基本信息', cell: 'A4', message: '河西九年一贯制学校（0360000003）是九年一贯制学校，但「分学段信息」中没有它的初中学段行',
        fix: '请在「分学段信息」中为该校增加一行初中数据（教师数、班级数等）',
      },
    },
    {
      name: 'a blank required number',
      build: () => TemplateBuilder.base().setStage(S2, '初中', { classes: null }),
      error: { code: 'required-blank', sheet: '分学段信息', cell: 'C3', message: '必填项「班级数(个)」为空', fix: '请填写「班级数(个)」，没有请填0' },
    },
  ];

  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const b = c.build();
    const f = await b.write(tmp.file(`${c.name}.xlsx`), c.o);
    const r = await run(f);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    expect(r.json.issues.filter((i: any) => i.severity === 'error')).toEqual([{ severity: 'error', ...c.error }]);
    expect(r.json.summary.errors).toBe(1);
    expect(r.json.summary.resourcePasses).toBeNull();
    expect(c.error.message).toMatch(CHINESE);
    expect(r.text.stderr).toBe('');
    expect(r.text.stdout).toContain(`错误（1）\n  ${c.error.sheet}!${c.error.cell}  ${c.error.message}。${c.error.fix}  [${c.error.code}]\n`);
    expect(r.text.stdout).toContain('资源配置结论：有错误，改正后才能得出结论\n');
  });

  it('every problem is reported, not only the first', async () => {
    const b = TemplateBuilder.base()
      .setSchool(S1, { teachingArea: -1, multimediaRooms: 3.5 })
      .setSchool(S3, { type: '职业中学' })
      .setStage(S2, '初中', { teachers: '六十' });
    const r = await run(await b.write(tmp.file('many.xlsx')));
    expect(r.code).toBe(1);
    expect(r.json.issues.map((i: any) => `${i.sheet}!${i.cell} ${i.code}`)).toEqual([
      '学校基本信息!K2 negative-number',
      '学校基本信息!O2 not-whole-number',
      '学校基本信息!C4 bad-enum',
      '分学段信息!E3 not-a-number',
      // The 申报表's warnings of a first-template workbook (no 举办者类型, no 年级数, open cells): warnings, never errors.
      '表Ⅰ!A9 shenbao-blanks',
      '表Ⅱ-1!C4 shenbao-blanks',
      '学校基本信息!undefined owner-type-defaulted',
      '表Ⅱ-2!E4 shenbao-blanks',
      '表Ⅲ!F4 shenbao-blanks',
      '表Ⅳ!B5 shenbao-blanks',
      '表Ⅴ!B4 shenbao-blanks',
      '表Ⅵ!B6 shenbao-blanks',
    ]);
  });

  it('a fractional area is not a count and is accepted', async () => {
    const r = await run(await TemplateBuilder.base().setSchool(S1, { teachingArea: 6000.5 }).write(tmp.file('frac-area.xlsx')));
    expect(r.code).toBe(0);
    // Only the 申报表's warnings of a first-template workbook.
    expect(r.json.issues.map((i: any) => `${i.sheet}!${i.cell} ${i.code}`)).toEqual([
      '表Ⅰ!A9 shenbao-blanks',
      '学校基本信息!undefined owner-type-defaulted',
      '表Ⅱ-2!E4 shenbao-blanks',
      '表Ⅳ!B9 shenbao-blanks',
      '表Ⅴ!B4 shenbao-blanks',
      '表Ⅵ!B6 shenbao-blanks',
    ]);
  });
});
