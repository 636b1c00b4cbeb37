/**
 * Reads the standard template from plain grids (template.md): header detection, normalisation, typed
 * parsing and every cross-field and cross-sheet check. Collects every problem; never stops at the first
 * except for what makes the workbook unreadable as the template (a Fatal, exit status 2).
 */
import type { County, CountyValue, Locality, Ownership, School, SchoolField, SchoolType, Stage, StageField, StageRow } from '../domain/model';
import { TYPE_STAGES } from '../domain/model';
import type { CellGrid, CellValue } from './grid';
import { a1, cellAt, datesAsText, formatAt } from './grid';
import type { Fatal, Issue } from './issues';
import type { Layout, SheetLayout } from './layout';
import { isBlank, parseEnum, parseNumber, parseText, parseYesNo, type Parsed } from './parse';
import {
  COUNTY_ROWS,
  type ColumnSpec,
  normaliseHeader,
  SCHOOL_COLUMNS,
  SHEET_COUNTY,
  SHEET_SCHOOLS,
  SHEET_STAGES,
  splitMoneyUnit,
  STAGE_COLUMNS,
} from './schema';

export interface TemplateRead {
  county: County;
  issues: Issue[];
  layout: Layout;
}

export type ReadResult = ({ ok: true } & TemplateRead) | { ok: false; fatal: Fatal; issues: Issue[] };

export class FatalError extends Error {
  constructor(readonly fatal: Fatal) {
    super(fatal.message);
    this.name = 'FatalError';
  }
}

const HEADER_SEARCH_ROWS = 10;
const FOOTER = /^(合计|小计|总计|注|说明)/;

/** A number format that scales by 100 (0%, 0.0%); a quoted or escaped % (0"%", 0\%) is only a literal sign. */
function isPercentFormat(fmt: string): boolean {
  return fmt.replace(/"[^"]*"|\\./g, '').includes('%');
}

function findSheet(grids: readonly CellGrid[], name: string): CellGrid | undefined {
  return grids.find((g) => g.name.trim() === name);
}

function normalisedCell(v: CellValue): string {
  return typeof v === 'string' ? normaliseHeader(v) : v === null ? '' : normaliseHeader(String(v));
}

function findHeaderRow(grid: CellGrid, keys: string[]): number {
  const limit = Math.min(HEADER_SEARCH_ROWS, grid.values.length);
  for (let r = 0; r < limit; r++) {
    const row = grid.values[r] ?? [];
    const texts = new Set(row.map(normalisedCell));
    if (keys.every((k) => texts.has(k))) return r;
  }
  return -1;
}

function lastNonEmptyRow(grid: CellGrid): number {
  for (let r = grid.values.length - 1; r >= 0; r--) if ((grid.values[r] ?? []).some((v) => !isBlank(v))) return r;
  return -1;
}

/** Matches header cells to the columns of a sheet spec. */
function mapColumns(grid: CellGrid, headerRow: number, specs: readonly ColumnSpec[], issues: Issue[]): SheetLayout {
  const byHeader = new Map<string, ColumnSpec>();
  for (const spec of specs) {
    const n = normaliseHeader(spec.header);
    byHeader.set(spec.kind === 'money' ? splitMoneyUnit(n).base : n, spec);
  }
  const columns: Record<string, number> = {};
  const scales: Record<string, number> = {};
  const row = grid.values[headerRow] ?? [];
  row.forEach((v, c) => {
    const n = normalisedCell(v);
    if (!n) return;
    let spec = byHeader.get(n);
    let scale: number | null = null;
    if (!spec) {
      const m = splitMoneyUnit(n);
      const cand = byHeader.get(m.base);
      if (cand && cand.kind === 'money' && m.scale !== null) {
        spec = cand;
        scale = m.scale;
      }
    }
    if (!spec) return;
    if (spec.field in columns) {
      issues.push({
        severity: 'warning', code: 'duplicate-column', sheet: grid.name, cell: a1(headerRow, c),
        message: `表头「${spec.header}」重复出现，已使用第一次出现的 ${a1(headerRow, columns[spec.field])} 列，本列被忽略`,
        fix: '请删除或重命名重复的列',
      });
      return;
    }
    columns[spec.field] = c;
    if (spec.kind === 'money') scales[spec.field] = scale ?? 10000;
  });
  return { sheet: grid.name, headerRow, columns, scales };
}

function requireColumns(grid: CellGrid, layout: SheetLayout, specs: readonly ColumnSpec[], issues: Issue[]): void {
  const headerTexts = (grid.values[layout.headerRow] ?? []).map(normalisedCell);
  for (const spec of specs) {
    if (spec.field in layout.columns) continue;
    if (spec.required === 'no') {
      issues.push({
        severity: 'warning', code: 'missing-optional-column', sheet: grid.name, cell: a1(layout.headerRow, 0),
        message: `未找到可选列「${spec.header}」，依赖它的项目将记为未填报`,
        fix: `如需评估相关项目，请按标准模板增加「${spec.header}」列`,
      });
      continue;
    }
    const bare = normaliseHeader(spec.header).replace(/\(.*?\)/g, '');
    const near = headerTexts.findIndex((t) => t && t.replace(/\(.*?\)/g, '') === bare);
    const hint = near >= 0 ? `；${a1(layout.headerRow, near)} 的表头「${String((grid.values[layout.headerRow] ?? [])[near])}」与之相近，请核对单位写法` : '';
    throw new FatalError({
      code: 'missing-column', sheet: grid.name, cell: a1(layout.headerRow, 0),
      message: `工作表「${grid.name}」缺少必填列「${spec.header}」${hint}。请按标准模板补上该列后重试`,
    });
  }
}

interface RowCtx {
  grid: CellGrid;
  layout: SheetLayout;
  row: number;
  issues: Issue[];
}

function issueAt(ctx: RowCtx, field: string, severity: Issue['severity'], code: string, message: string, fix?: string): void {
  const col = ctx.layout.columns[field];
  ctx.issues.push({ severity, code, sheet: ctx.grid.name, cell: a1(ctx.row, col ?? 0), message, fix });
}

function headerOf(specs: readonly ColumnSpec[], field: string): string {
  return specs.find((s) => s.field === field)?.header ?? field;
}

/** Parses the cells of one data row into fields, reporting each problem at its cell. */
function parseRow<F extends string>(ctx: RowCtx, specs: readonly ColumnSpec<F>[], bad: Set<F>): Record<F, unknown> {
  const out = {} as Record<F, unknown>;
  for (const spec of specs) {
    const col = ctx.layout.columns[spec.field];
    if (col === undefined) {
      out[spec.field] = null;
      continue;
    }
    const v = cellAt(ctx.grid, ctx.row, col);
    let p: Parsed<unknown>;
    switch (spec.kind) {
      case 'code':
      case 'text':
        p = parseText(v);
        break;
      case 'enum':
        p = parseEnum(v, spec.values ?? [], spec.aliases);
        break;
      default:
        p = parseNumber(v);
    }
    if (p.kind === 'blank') {
      out[spec.field] = null;
      continue;
    }
    if (p.kind === 'bad') {
      bad.add(spec.field);
      out[spec.field] = null;
      issueAt(ctx, spec.field, 'error', p.code, `「${spec.header}」${p.message}`, p.fix);
      continue;
    }
    let value = p.value;
    if (typeof value === 'number') {
      if (p.asText)
        issueAt(ctx, spec.field, 'warning', 'text-number', `「${spec.header}」是以文本形式存储的数字“${String(v).trim()}”，已按数字 ${value} 读取`, '建议将单元格转换为数字（选中后点“转换为数字”），以免其他公式漏算');
      if (value < 0) {
        bad.add(spec.field);
        issueAt(ctx, spec.field, 'error', 'negative-number', `「${spec.header}」为负数 ${value}`, '请填写大于或等于0的数');
        out[spec.field] = null;
        continue;
      }
      if (spec.kind === 'count' && !Number.isInteger(value)) {
        bad.add(spec.field);
        issueAt(ctx, spec.field, 'error', 'not-whole-number', `「${spec.header}」应为整数，填写的是 ${value}`, '人数、班级数、教室数请填写整数');
        out[spec.field] = null;
        continue;
      }
      if (spec.kind === 'money') value = value * (ctx.layout.scales[spec.field] ?? 10000);
    }
    if (spec.kind === 'code' && typeof v === 'number' && String(v).length < 10)
      issueAt(ctx, spec.field, 'warning', 'code-as-number', `「${spec.header}」以数字形式存储（${v}），前导0可能已丢失`, '请将该列设为文本格式，并按10位标识码重新填写');
    out[spec.field] = value;
  }
  return out;
}

function isFooter(grid: CellGrid, row: number): boolean {
  const cells = grid.values[row] ?? [];
  for (let c = 0; c < Math.min(3, cells.length); c++) {
    const v = cells[c];
    if (isBlank(v)) continue;
    return typeof v === 'string' && FOOTER.test(v.replace(/[\s\u3000]+/g, ''));
  }
  return false;
}

/** Iterates data rows: skips empty rows, reports footers; yields rows that hold data. */
function dataRows(grid: CellGrid, layout: SheetLayout, keyField: string, keyHeader: string, issues: Issue[]): number[] {
  const last = lastNonEmptyRow(grid);
  const rows: number[] = [];
  const keyCol = layout.columns[keyField];
  for (let r = layout.headerRow + 1; r <= last; r++) {
    const cells = grid.values[r] ?? [];
    if (!cells.some((v) => !isBlank(v))) continue;
    if (isFooter(grid, r)) {
      issues.push({ severity: 'warning', code: 'footer-row', sheet: grid.name, cell: a1(r, 0), message: `第${r + 1}行是合计、注或说明行，已忽略，不参与计算`, fix: '如该行实为学校数据，请填写学校标识码' });
      continue;
    }
    if (isBlank(cellAt(grid, r, keyCol))) {
      issues.push({ severity: 'error', code: 'missing-code', sheet: grid.name, cell: a1(r, keyCol), message: `第${r + 1}行有数据但「${keyHeader}」为空，无法归属到学校`, fix: `请填写「${keyHeader}」，或删除该行` });
      continue;
    }
    rows.push(r);
  }
  return rows;
}

function readSchools(grid: CellGrid, issues: Issue[]): { schools: School[]; layout: SheetLayout } {
  const headerRow = findHeaderRow(grid, ['学校标识码']);
  if (headerRow < 0)
    throw new FatalError({ code: 'missing-header-row', sheet: grid.name, cell: 'A1', message: `工作表「${grid.name}」前${HEADER_SEARCH_ROWS}行中找不到表头「学校标识码」。请按标准模板填写表头` });
  const layout = mapColumns(grid, headerRow, SCHOOL_COLUMNS, issues);
  requireColumns(grid, layout, SCHOOL_COLUMNS, issues);
  const schools: School[] = [];
  const seen = new Map<string, number>();
  for (const r of dataRows(grid, layout, 'code', '学校标识码', issues)) {
    const ctx: RowCtx = { grid, layout, row: r, issues };
    const bad = new Set<SchoolField>();
    const f = parseRow(ctx, SCHOOL_COLUMNS, bad);
    const s: School = {
      code: f.code as string,
      name: (f.name as string | null) ?? '',
      type: f.type as SchoolType | null,
      ownership: f.ownership as Ownership | null,
      locality: f.locality as Locality | null,
      boarding: f.boarding === '是',
      row: r,
      bad,
      studentsPrimary: f.studentsPrimary as number | null,
      studentsJunior: f.studentsJunior as number | null,
      studentsSenior: f.studentsSenior as number | null,
      migrantStudents: f.migrantStudents as number | null,
      teachingArea: f.teachingArea as number | null,
      indoorSportsArea: f.indoorSportsArea as number | null,
      outdoorSportsArea: f.outdoorSportsArea as number | null,
      equipmentYuan: f.equipmentYuan as number | null,
      multimediaRooms: f.multimediaRooms as number | null,
      musicRooms: f.musicRooms as number | null,
      musicRooms96: f.musicRooms96 as number | null,
      artRooms: f.artRooms as number | null,
      artRooms90: f.artRooms90 as number | null,
      publicBudgetYuan: f.publicBudgetYuan as number | null,
      trainingSpendYuan: f.trainingSpendYuan as number | null,
      fundedStudents: f.fundedStudents as number | null,
    };
    checkSchool(ctx, s);
    const prev = seen.get(s.code);
    if (prev !== undefined) {
      bad.add('code');
      issueAt(ctx, 'code', 'error', 'duplicate-code', `学校标识码“${s.code}”重复，与第${prev + 1}行相同`, '每所学校只填一行；请核对标识码，合并或删除重复行');
      continue;
    }
    seen.set(s.code, r);
    schools.push(s);
  }
  return { schools, layout };
}

function checkSchool(ctx: RowCtx, s: School): void {
  const h = (f: string) => headerOf(SCHOOL_COLUMNS, f);
  for (const spec of SCHOOL_COLUMNS) {
    if (s.bad.has(spec.field)) continue;
    // The name is kept as '' when blank (for messages), so '' counts as blank here.
    const value = (s as unknown as Record<string, unknown>)[spec.field];
    const blank = value === null || value === '';
    if (!blank) continue;
    if (spec.required === 'yes' || (spec.required === 'resource' && s.type !== '特殊教育学校' && s.type !== null)) {
      s.bad.add(spec.field);
      issueAt(ctx, spec.field, 'error', 'required-blank', `必填项「${spec.header}」为空`, spec.required === 'resource' ? '请填写全校合计数；确实没有请填0' : `请填写「${spec.header}」`);
    }
  }
  if (s.type) {
    const parts = TYPE_STAGES[s.type];
    const checks: [('studentsPrimary' | 'studentsJunior' | 'studentsSenior'), boolean, string][] = [
      ['studentsPrimary', parts.小学, '小学'],
      ['studentsJunior', parts.初中, '初中'],
      ['studentsSenior', parts.高中, '高中'],
    ];
    for (const [field, has, label] of checks) {
      if (s.bad.has(field)) continue;
      const v = s[field];
      if (has && field !== 'studentsSenior' && (v === null || v === 0)) {
        s.bad.add(field);
        issueAt(ctx, field, 'error', 'students-required', `${s.type}应有${label}在校生，但「${h(field)}」${v === null ? '为空' : '为0'}`, `请填写${label}在校生数；如学校类型填错，请更正「学校类型」`);
      } else if (has && field === 'studentsSenior' && v === null) {
        s.bad.add(field);
        issueAt(ctx, field, 'error', 'required-blank', `${s.type}须填写「${h(field)}」（用于分摊共用的校舍和设备），当前为空`, '请填写高中在校生数，没有请填0');
      } else if (!has && v !== null && v > 0) {
        s.bad.add(field);
        issueAt(ctx, field, 'error', 'students-not-in-type', `学校类型为${s.type}，不应有${label}在校生，但「${h(field)}」为 ${v}`, `请核对学校类型；若确有${label}学生，请将学校类型改为相应的一贯制或完全中学`);
      }
    }
  }
  const le = (part: keyof School & SchoolField, whole: keyof School & SchoolField, code: string, what: string) => {
    const p = s[part] as number | null;
    const w = s[whole] as number | null;
    if (p === null || w === null || s.bad.has(part) || s.bad.has(whole)) return;
    if (p > w) {
      s.bad.add(part);
      issueAt(ctx, part, 'error', code, `「${h(part)}」${p} 大于「${h(whole)}」${w}`, what);
    }
  };
  le('indoorSportsArea', 'teachingArea', 'subarea-exceeds', '室内体育用房面积是教学及辅助用房面积的一部分，不能大于后者，请核对');
  le('musicRooms96', 'musicRooms', 'subarea-exceeds', '面积达标的音乐专用教室是音乐专用教室的一部分，请核对');
  le('artRooms90', 'artRooms', 'subarea-exceeds', '面积达标的美术专用教室是美术专用教室的一部分，请核对');
  // Compared only with usable counts: a student count with an error of its own would give a false second error.
  const studentsUsable = !s.bad.has('studentsPrimary') && !s.bad.has('studentsJunior') && !s.bad.has('studentsSenior');
  if (s.migrantStudents !== null && !s.bad.has('migrantStudents') && studentsUsable) {
    const total = (s.studentsPrimary ?? 0) + (s.studentsJunior ?? 0) + (s.studentsSenior ?? 0);
    if (s.migrantStudents > total)
      issueAt(ctx, 'migrantStudents', 'error', 'migrant-exceeds', `「随迁子女在校生数(人)」${s.migrantStudents} 大于在校生总数 ${total}`, '随迁子女是在校生的一部分，请核对');
  }
}

function readStages(grid: CellGrid, schools: Map<string, School>, schoolsLayout: SheetLayout, schoolsSheet: string, issues: Issue[]): { rows: StageRow[]; layout: SheetLayout } {
  const headerRow = findHeaderRow(grid, ['学校标识码', '学段']);
  if (headerRow < 0)
    throw new FatalError({ code: 'missing-header-row', sheet: grid.name, cell: 'A1', message: `工作表「${grid.name}」前${HEADER_SEARCH_ROWS}行中找不到含「学校标识码」和「学段」的表头行。请按标准模板填写表头` });
  const layout = mapColumns(grid, headerRow, STAGE_COLUMNS, issues);
  requireColumns(grid, layout, STAGE_COLUMNS, issues);
  const rows: StageRow[] = [];
  const seen = new Map<string, number>();
  const h = (f: string) => headerOf(STAGE_COLUMNS, f);
  for (const r of dataRows(grid, layout, 'code', '学校标识码', issues)) {
    const ctx: RowCtx = { grid, layout, row: r, issues };
    const bad = new Set<StageField>();
    const f = parseRow(ctx, STAGE_COLUMNS, bad);
    for (const spec of STAGE_COLUMNS) {
      if (spec.required === 'yes' && f[spec.field] === null && !bad.has(spec.field)) {
        bad.add(spec.field);
        issueAt(ctx, spec.field, 'error', 'required-blank', `必填项「${spec.header}」为空`, `请填写「${spec.header}」，没有请填0`);
      }
    }
    if (f.stage === null) continue;
    const row = { ...(f as unknown as StageRow), bad, row: r };
    const school = schools.get(row.code);
    if (!school) {
      issueAt(ctx, 'code', 'error', 'unknown-code', `学校标识码“${row.code}”在「${schoolsSheet}」中不存在`, `请核对标识码，或先在「${schoolsSheet}」中补充该学校`);
      continue;
    }
    if (school.type === '特殊教育学校') {
      issueAt(ctx, 'stage', 'warning', 'special-school-row', `${school.name}是特殊教育学校，不参与资源配置计算，本行不计入`, '特殊教育学校无需填写分学段信息，可删除本行');
      continue;
    }
    if (school.type && !TYPE_STAGES[school.type][row.stage as Stage]) {
      issueAt(ctx, 'stage', 'error', 'stage-not-in-type', `${school.name}的学校类型为${school.type}，没有${row.stage}学段`, '请核对「学段」或该校在「学校基本信息」中的学校类型');
      continue;
    }
    const key = `${row.code}|${row.stage}`;
    const prev = seen.get(key);
    if (prev !== undefined) {
      issueAt(ctx, 'stage', 'error', 'duplicate-stage-row', `${school.name}的${row.stage}学段重复，与第${prev + 1}行相同`, '每所学校每个学段只填一行，请合并或删除重复行');
      continue;
    }
    seen.set(key, r);
    checkStageRow(ctx, row, school, h);
    rows.push(row);
  }
  for (const s of schools.values()) {
    if (!s.type) continue;
    for (const stage of ['小学', '初中'] as const) {
      if (TYPE_STAGES[s.type][stage] && !seen.has(`${s.code}|${stage}`))
        issues.push({
          severity: 'error', code: 'missing-stage-row', sheet: schoolsSheet, cell: a1(s.row, schoolsLayout.columns.code),
          message: `${s.name}（${s.code}）是${s.type}，但「${grid.name}」中没有它的${stage}学段行`,
          fix: `请在「${grid.name}」中为该校增加一行${stage}数据（教师数、班级数等）`,
        });
    }
  }
  return { rows, layout };
}

function checkStageRow(ctx: RowCtx, row: StageRow, school: School, h: (f: string) => string): void {
  const ok = (f: StageField) => !row.bad.has(f) && (row as unknown as Record<string, unknown>)[f] !== null;
  const v = (f: keyof StageRow) => (row[f] as number | null) ?? 0;
  if (ok('classes') && row.classes === 0) {
    row.bad.add('classes');
    issueAt(ctx, 'classes', 'error', 'not-positive', `「${h('classes')}」为0`, '有在校生的学段至少有1个班，请核对');
  }
  const degrees = ['teachersPostgraduate', 'teachersBachelor', 'teachersAssociate', 'teachersHighSchool'] as const;
  if (ok('teachers') && degrees.every(ok)) {
    const total = degrees.reduce((a, f) => a + v(f), 0);
    if (total !== row.teachers)
      issueAt(ctx, 'teachers', 'error', 'degree-sum-mismatch', `四类学历专任教师数之和为 ${total}，与「${h('teachers')}」${row.teachers} 不一致`, '研究生、本科、专科、高中及以下四列之和应等于专任教师数，请核对');
  }
  const notAbove = (part: StageField, code: string, fix: string) => {
    if (ok(part) && ok('teachers') && v(part as keyof StageRow) > v('teachers')) {
      row.bad.add(part);
      issueAt(ctx, part, 'error', code, `「${h(part)}」${v(part as keyof StageRow)} 大于「${h('teachers')}」${row.teachers}`, fix);
    }
  };
  notAbove('backboneTeachers', 'backbone-exceeds', '骨干教师是专任教师的一部分，请核对');
  notAbove('certifiedTeachers', 'certified-exceeds', '持证教师是专任教师的一部分，请核对');
  notAbove('trainedTeachers', 'trained-exceeds', '完成培训的教师是专任教师的一部分，请核对');
  const arts = ['peTeachers', 'musicTeachers', 'fineArtTeachers', 'artsTeachers'] as const;
  if (ok('teachers') && arts.every((f) => !row.bad.has(f))) {
    const total = arts.reduce((a, f) => a + v(f), 0);
    if (total > v('teachers')) {
      row.bad.add('peTeachers');
      issueAt(ctx, 'peTeachers', 'error', 'arts-exceed', `体育、音乐、美术、艺术专任教师合计 ${total}，大于「${h('teachers')}」${row.teachers}`, '这四类教师是专任教师的一部分，请核对');
    }
  }
  const field = row.stage === '小学' ? 'studentsPrimary' : 'studentsJunior';
  const students = school.bad.has(field) ? null : school[field];
  if (ok('zonedAdmissions') && students !== null && v('zonedAdmissions') > students) {
    row.bad.add('zonedAdmissions');
    issueAt(ctx, 'zonedAdmissions', 'error', 'zoned-exceeds', `「${h('zonedAdmissions')}」${row.zonedAdmissions} 大于该学段在校生数 ${students}`, '就近划片入学学生是在校生的一部分，请核对');
  }
}

function readCounty(grid: CellGrid, issues: Issue[]): { values: Partial<Record<string, CountyValue>>; layout: SheetLayout } | null {
  const headerRow = findHeaderRow(grid, ['指标', '数值']);
  if (headerRow < 0) {
    issues.push({ severity: 'warning', code: 'missing-header-row', sheet: grid.name, cell: 'A1', message: `工作表「${grid.name}」前${HEADER_SEARCH_ROWS}行中找不到含「指标」和「数值」的表头行，县级指标均记为未填报`, fix: '请按标准模板填写表头「指标」「数值」' });
    return null;
  }
  const header = (grid.values[headerRow] ?? []).map(normalisedCell);
  const labelCol = header.indexOf('指标');
  const valueCol = header.indexOf('数值');
  const specs = new Map<string, (typeof COUNTY_ROWS)[number]>();
  for (const spec of COUNTY_ROWS) specs.set(normaliseHeader(spec.label), spec);
  const values: Partial<Record<string, CountyValue>> = {};
  const last = lastNonEmptyRow(grid);
  for (let r = headerRow + 1; r <= last; r++) {
    const rawLabel = cellAt(grid, r, labelCol);
    if (isBlank(rawLabel)) {
      if (!isBlank(cellAt(grid, r, valueCol)))
        issues.push({ severity: 'warning', code: 'unknown-county-row', sheet: grid.name, cell: a1(r, labelCol), message: `第${r + 1}行有数值但「指标」为空，已忽略`, fix: '请填写指标名称或删除该行' });
      continue;
    }
    const n = normaliseHeader(String(rawLabel));
    let spec = specs.get(n);
    let scale = 1;
    if (!spec) {
      const m = splitMoneyUnit(n);
      const cand = m.scale !== null ? specs.get(`${m.base}(元)`) : undefined;
      if (cand) {
        spec = cand;
        scale = m.scale!;
      }
    }
    if (!spec) {
      if (!FOOTER.test(n))
        issues.push({ severity: 'warning', code: 'unknown-county-row', sheet: grid.name, cell: a1(r, labelCol), message: `未识别的指标「${String(rawLabel).trim().slice(0, 40)}」，已忽略`, fix: '请核对指标名称是否与标准模板一致' });
      continue;
    }
    if (values[spec.key]) {
      issues.push({ severity: 'warning', code: 'duplicate-county-row', sheet: grid.name, cell: a1(r, labelCol), message: `指标「${spec.label}」重复出现，已使用第${values[spec.key]!.row + 1}行`, fix: '请删除重复的行' });
      continue;
    }
    const v = cellAt(grid, r, valueCol);
    const at = a1(r, valueCol);
    let value: number | boolean | string | null = null;
    if (spec.kind === 'text') {
      const p = parseText(v);
      value = p.kind === 'ok' ? p.value : null;
    } else if (spec.kind === 'yesno') {
      const p = parseYesNo(v);
      if (p.kind === 'bad') issues.push({ severity: 'error', code: p.code, sheet: grid.name, cell: at, message: `「${spec.label}」${p.message}`, fix: p.fix });
      value = p.kind === 'ok' ? p.value : null;
    } else {
      const p = parseNumber(v);
      if (p.kind === 'bad') issues.push({ severity: 'error', code: p.code, sheet: grid.name, cell: at, message: `「${spec.label}」${p.message}`, fix: p.fix });
      else if (p.kind === 'ok') {
        if (p.asText) issues.push({ severity: 'warning', code: 'text-number', sheet: grid.name, cell: at, message: `「${spec.label}」是以文本形式存储的数字，已按 ${p.value} 读取`, fix: '建议将单元格转换为数字' });
        if (p.value < 0) issues.push({ severity: 'error', code: 'negative-number', sheet: grid.name, cell: at, message: `「${spec.label}」为负数 ${p.value}`, fix: '请填写大于或等于0的数' });
        else {
          value = p.value * scale;
          if (spec.kind === 'percent') {
            const fmt = formatAt(grid, r, valueCol);
            if (isPercentFormat(fmt) && typeof v === 'number') value = Number((p.value * 100).toPrecision(15)); // 0.923 → 92.3, not 92.30000000000001
            else if (p.value > 0 && p.value <= 1)
              issues.push({ severity: 'warning', code: 'percent-as-fraction', sheet: grid.name, cell: at, message: `「${spec.label}」填写为 ${p.value}，按 ${p.value}% 读取；如果本意是 ${p.value * 100}%，请改写`, fix: '百分比请填写百分数的数值（如 96 表示 96%），或把单元格设为百分比格式' });
            if (typeof value === 'number' && value > 100) issues.push({ severity: 'error', code: 'percent-over-100', sheet: grid.name, cell: at, message: `「${spec.label}」为 ${value}%，超过100%`, fix: '请核对百分比' });
          }
        }
      }
    }
    values[spec.key] = { value, row: r };
  }
  return { values, layout: { sheet: grid.name, headerRow, columns: { label: labelCol, value: valueCol }, scales: {} } };
}

/** Reads the template. Throws FatalError when the workbook cannot be read as the template. */
export function readTemplateOrThrow(grids: readonly CellGrid[]): TemplateRead {
  const issues: Issue[] = [];
  const schoolsGrid = datesAsText(findSheet(grids, SHEET_SCHOOLS));
  const stagesGrid = datesAsText(findSheet(grids, SHEET_STAGES));
  const missing = [schoolsGrid ? null : SHEET_SCHOOLS, stagesGrid ? null : SHEET_STAGES].filter(Boolean);
  if (missing.length)
    throw new FatalError({ code: 'missing-sheet', sheet: missing[0]!, message: `工作簿缺少工作表「${missing.join('」「')}」。现有工作表：${grids.map((g) => g.name).join('、') || '无'}。请使用标准填报模板` });
  const { schools, layout: schoolsLayout } = readSchools(schoolsGrid!, issues);
  const byCode = new Map(schools.map((s) => [s.code, s] as const));
  const { rows, layout: stagesLayout } = readStages(stagesGrid!, byCode, schoolsLayout, schoolsGrid!.name, issues);
  const countyGrid = datesAsText(findSheet(grids, SHEET_COUNTY));
  let county: ReturnType<typeof readCounty> = null;
  if (countyGrid) county = readCounty(countyGrid, issues);
  else issues.push({ severity: 'warning', code: 'missing-county-sheet', sheet: SHEET_COUNTY, message: '工作簿没有「县级指标」工作表，政府保障程度、教育质量和社会认可度中依赖县级数据的项目均记为未填报', fix: '如需评估这些项目，请按标准模板增加「县级指标」工作表' });
  if (schools.length === 0)
    issues.push({ severity: 'error', code: 'no-schools', sheet: schoolsGrid!.name, cell: a1(schoolsLayout.headerRow + 1, 0), message: '「学校基本信息」中没有任何学校数据', fix: '请从表头下一行开始，每所学校填写一行' });
  return {
    county: { schools, stageRows: rows, countyValues: county?.values ?? {}, hasCountySheet: !!countyGrid },
    issues,
    layout: { schools: schoolsLayout, stages: stagesLayout, county: county?.layout },
  };
}

export function readTemplate(grids: readonly CellGrid[]): ReadResult {
  try {
    return { ok: true, ...readTemplateOrThrow(grids) };
  } catch (e) {
    if (e instanceof FatalError) return { ok: false, fatal: e.fatal, issues: [] };
    throw e;
  }
}
