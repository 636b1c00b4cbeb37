/**
 * Reads the standard template from plain grids (template.md): header detection, normalisation, typed
 * parsing and every cross-field and cross-sheet check. Collects every problem; never stops at the first
 * except for what makes the workbook unreadable as the template (a Fatal, exit status 2).
 */
import type { County, CountyValue, Locality, Ownership, School, SchoolField, SchoolType, Stage, StageField, StageRow } from '../domain/model';
import { TYPE_STAGES } from '../domain/model';
import type { CellGrid, CellValue, GridRange } from './grid';
import { a1, cellAt, columnLetter, datesAsText, formatAt } from './grid';
import type { Fatal, Issue } from './issues';
import type { Layout, SheetLayout } from './layout';
import { invisibleIn, invisibleName, isBlank, parseCode, parseEnum, parseNumber, parseText, parseYesNo, ZERO_WIDTH, type Parsed } from './parse';
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

/** A sheet name for matching: spaces (and invisible characters) anywhere removed, case folded. */
function sheetKey(name: string): string {
  return name.replace(/[\s\u3000\u00a0\u200b-\u200d\u2060\ufeff]+/g, '').toLowerCase();
}

const isVisible = (g: CellGrid) => (g.visibility ?? 'visible') === 'visible';

/**
 * The sheet of a template role. Two sheets whose names differ only by spaces or case (a hidden stale copy
 * beside the visible one) are an error naming both: the visible one is read; with no single visible one,
 * the workbook cannot be read (fatal).
 */
function findSheet(grids: readonly CellGrid[], name: string, issues: Issue[]): CellGrid | undefined {
  const key = sheetKey(name);
  const found = grids.filter((g) => sheetKey(g.name) === key);
  if (found.length <= 1) return found[0];
  const shown = (g: CellGrid) => `「${g.name}」${g.visibility === 'hidden' || g.visibility === 'veryHidden' ? '（隐藏）' : ''}`;
  const list = found.map(shown).join('、');
  const visible = found.filter(isVisible);
  if (visible.length !== 1)
    throw new FatalError({
      code: 'ambiguous-sheet', sheet: found[0].name,
      message: `工作簿中有${found.length}个名称只差空格或大小写的工作表：${list}，无法确定读取哪一个。请删除多余的工作表，只保留一个「${name}」`,
    });
  const hidden = found.filter((g) => !isVisible(g));
  issues.push({
    severity: 'error', code: 'duplicate-sheet', sheet: visible[0].name,
    message: `工作簿中有${found.length}个名称只差空格或大小写的工作表：${list}；已读取可见的「${visible[0].name}」，隐藏的「${hidden.map((g) => g.name).join('」「')}」未读取`,
    fix: '请核对隐藏的工作表（右键工作表标签→“取消隐藏”），删除过时的一个，只保留一个',
  });
  return visible[0];
}

function normalisedCell(v: CellValue): string {
  return typeof v === 'string' ? normaliseHeader(v) : v === null ? '' : normaliseHeader(String(v));
}

/** Where a sheet's header sits: its rows (one, or two with a group header) and the text of each column. */
interface Header {
  /** First and last header row (0-based); data starts below `end`. */
  row: number;
  end: number;
  /** Per column, the normalised texts to match, best first. */
  texts: string[][];
}

/** The value of a cell, or of the merge that covers it (a group header spread over its columns). */
function mergedValue(grid: CellGrid, row: number, col: number): CellValue {
  const v = cellAt(grid, row, col);
  if (!isBlank(v)) return v;
  const m = grid.merges?.find((x) => x.top <= row && row <= x.bottom && x.left <= col && col <= x.right);
  return m ? cellAt(grid, m.top, m.left) : v;
}

function rowWidth(grid: CellGrid, ...rows: number[]): number {
  return Math.max(0, ...rows.map((r) => (grid.values[r] ?? []).length));
}

/** Texts of a one-row header, or of a two-row one (group header `top` above the sub-headers `sub`). */
function headerTexts(grid: CellGrid, top: number | null, sub: number): string[][] {
  const out: string[][] = [];
  const width = rowWidth(grid, sub, ...(top === null ? [] : [top]));
  for (let c = 0; c < width; c++) {
    const s = normalisedCell(top === null ? cellAt(grid, sub, c) : mergedValue(grid, sub, c));
    const t = top === null ? '' : normalisedCell(mergedValue(grid, top, c));
    // A cell merged down over both rows shows the same text in both: it is one header, not two.
    const both = t === s ? [s] : [s, t + s, s + t, s ? '' : t];
    out.push([...new Set(both.filter(Boolean))]);
  }
  return out;
}

/** Whether row `n` continues the header of row `r`: text only, and blank under the key headers. */
function continuesHeader(grid: CellGrid, r: number, n: number, keys: string[]): boolean {
  const cells = grid.values[n] ?? [];
  if (!cells.some((v) => !isBlank(v))) return false;
  if (cells.some((v) => !isBlank(v) && (typeof v !== 'string' || parseNumber(v).kind === 'ok'))) return false;
  const head = (grid.values[r] ?? []).map(normalisedCell);
  return keys.every((k) => isBlank(cellAt(grid, n, head.indexOf(k))));
}

/** Whether a header cell of row `r` is merged down over row r+1 (the two rows are one header). */
function mergedHeader(grid: CellGrid, r: number): boolean {
  return (grid.merges ?? []).some((m) => m.top === r && m.bottom === r + 1);
}

/**
 * Finds the header: the first of rows 1–10 that holds the key headers; with a group header (a merged cell
 * above the sub-headers, or the sub-headers below the key headers), the two rows together, so that the
 * second header row is never read as data.
 */
function findHeader(grid: CellGrid, keys: string[], specs: readonly ColumnSpec[]): Header | null {
  const r = findHeaderRow(grid, keys);
  if (r < 0) return null;
  const single: Header = { row: r, end: r, texts: headerTexts(grid, null, r) };
  const count = (h: Header) => Object.keys(matchColumns(h.texts, specs).columns).length;
  let best = single;
  let bestCount = count(single);
  if (continuesHeader(grid, r, r + 1, keys)) {
    const below: Header = { row: r, end: r + 1, texts: headerTexts(grid, r, r + 1) };
    const n = count(below);
    if (n > bestCount || (n === bestCount && mergedHeader(grid, r))) [best, bestCount] = [below, n];
  }
  if (r > 0 && best === single) {
    const above: Header = { row: r - 1, end: r, texts: headerTexts(grid, r - 1, r) };
    const n = count(above);
    if (n > bestCount) [best, bestCount] = [above, n];
  }
  return best;
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

interface ColumnMatch {
  columns: Record<string, number>;
  scales: Record<string, number>;
  /** Every column matching each field, in sheet order (more than one is an error). */
  all: Record<string, number[]>;
}

/** Matches header texts (per column, best first) to the columns of a sheet spec. */
function matchColumns(texts: string[][], specs: readonly ColumnSpec[]): ColumnMatch {
  const byHeader = new Map<string, ColumnSpec>();
  for (const spec of specs) {
    const n = normaliseHeader(spec.header);
    byHeader.set(spec.kind === 'money' ? splitMoneyUnit(n).base : n, spec);
  }
  const lookup = (n: string): { spec: ColumnSpec; scale: number | null } | null => {
    const spec = byHeader.get(n);
    if (spec) return { spec, scale: null };
    const m = splitMoneyUnit(n);
    const cand = byHeader.get(m.base);
    return cand && cand.kind === 'money' && m.scale !== null ? { spec: cand, scale: m.scale } : null;
  };
  const out: ColumnMatch = { columns: {}, scales: {}, all: {} };
  texts.forEach((candidates, c) => {
    let hit: ReturnType<typeof lookup> = null;
    for (const n of candidates) if ((hit = lookup(n))) break;
    if (!hit) return;
    const { spec, scale } = hit;
    (out.all[spec.field] ??= []).push(c);
    if (spec.field in out.columns) return;
    out.columns[spec.field] = c;
    if (spec.kind === 'money') out.scales[spec.field] = scale ?? 10000;
  });
  return out;
}

/** Matches the header to the columns of a sheet spec, reporting duplicate columns and invisible characters. */
function mapColumns(grid: CellGrid, header: Header, specs: readonly ColumnSpec[], issues: Issue[]): SheetLayout {
  const { columns, scales, all } = matchColumns(header.texts, specs);
  const hidden = new Set(grid.hiddenColumns ?? []);
  const letter = (c: number) => `${columnLetter(c)} 列${hidden.has(c) ? '（隐藏）' : ''}`;
  for (const spec of specs) {
    const cols = all[spec.field] ?? [];
    if (cols.length < 2) continue;
    // A hidden copy (old values kept out of sight) is not read when a visible column exists.
    const chosen = cols.find((c) => !hidden.has(c)) ?? cols[0];
    columns[spec.field] = chosen;
    const others = cols.filter((c) => c !== chosen);
    issues.push({
      severity: 'error', code: 'duplicate-column', sheet: grid.name, cell: a1(header.end, others[0]),
      message: `表头「${spec.header}」出现在 ${cols.map(letter).join('、')}，无法确定哪一列是正确的数据；已读取 ${columnLetter(chosen)} 列，${others.map((c) => columnLetter(c)).join('、')} 列未读取`,
      fix: cols.some((c) => hidden.has(c))
        ? '请核对这几列（隐藏的列可选中两侧的列后右键“取消隐藏”查看），删除过时的列，只保留一列'
        : '请删除或重命名重复的列，只保留一列',
    });
  }
  for (const c of Object.values(columns)) {
    for (let r = header.row; r <= header.end; r++) {
      const v = cellAt(grid, r, c);
      const found = typeof v === 'string' ? invisibleIn(v, ZERO_WIDTH) : [];
      if (!found.length) continue;
      issues.push({
        severity: 'warning', code: 'invisible-characters', sheet: grid.name, cell: a1(r, c),
        message: `表头「${String(v).replace(ZERO_WIDTH, '').trim()}」含有不可见字符（${found.map(invisibleName).join('、')}），已去除后识别`,
        fix: '请在编辑栏中重新输入该表头，去掉不可见字符',
      });
    }
  }
  return { sheet: grid.name, headerRow: header.end, columns, scales };
}

function requireColumns(grid: CellGrid, layout: SheetLayout, specs: readonly ColumnSpec[], issues: Issue[]): void {
  const headerTexts = (grid.values[layout.headerRow] ?? []).map(normalisedCell);
  const missing = specs.filter((spec) => !(spec.field in layout.columns) && spec.required !== 'no');
  if (missing.length > 1)
    throw new FatalError({
      code: 'missing-column', sheet: grid.name, cell: a1(layout.headerRow, 0),
      message: `工作表「${grid.name}」缺少${missing.length}个必填列：「${missing.map((s) => s.header).join('」「')}」（表头在第${layout.headerRow + 1}行）。请按标准模板补上这些列后重试`,
    });
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
  /** Cells ("row,col") whose value cannot be used, already reported elsewhere (a numeric merge over rows). */
  blocked?: ReadonlySet<string>;
}

/** A count within this distance of a whole number is that number (float noise from a formula or a tool). */
const WHOLE_TOLERANCE = 1e-9;

/** Whether a number format shows decimals (0.00, #,##0.0): a count with float noise then shows a fraction. */
function showsFraction(fmt: string): boolean {
  return /\.[0#?]/.test(fmt.replace(/"[^"]*"|\\.|\[[^\]]*\]/g, ''));
}

/**
 * Merged cells over data rows. A key, name or other text (学校标识码 merged over a 一贯制 school's two rows)
 * is read into every row the merge covers, with a warning; a number merged over several rows cannot be
 * given to any one row: an error at the merge, and the cells of every covered row are not used.
 */
function applyMerges(grid: CellGrid, layout: SheetLayout, specs: readonly ColumnSpec[], issues: Issue[]): { grid: CellGrid; blocked: Set<string> } {
  const blocked = new Set<string>();
  const byCol = new Map<number, ColumnSpec>();
  for (const spec of specs) if (layout.columns[spec.field] !== undefined) byCol.set(layout.columns[spec.field], spec);
  let values: CellValue[][] | null = null;
  const range = (m: GridRange) => (m.left === m.right && m.top === m.bottom ? a1(m.top, m.left) : `${a1(m.top, m.left)}:${a1(m.bottom, m.right)}`);
  for (const m of grid.merges ?? []) {
    if (m.top <= layout.headerRow || m.bottom === m.top) continue;
    const spec = byCol.get(m.left);
    if (!spec) continue;
    const v = cellAt(grid, m.top, m.left);
    // An empty merge (formatting over blank rows) gives nothing to any row.
    if (isBlank(v)) continue;
    if (spec.kind === 'code' || spec.kind === 'text' || spec.kind === 'enum') {
      // Only rows that hold data of their own: a merge reaching into empty rows makes no phantom row.
      const rows: number[] = [];
      for (let r = m.top + 1; r <= m.bottom; r++) if ((grid.values[r] ?? []).some((x) => !isBlank(x))) rows.push(r);
      if (rows.length === 0) continue;
      values ??= grid.values.map((x) => x.slice());
      for (const r of rows) {
        const row = values[r];
        while (row.length < m.left) row.push(null);
        row[m.left] = v;
      }
      issues.push({
        severity: 'warning', code: 'merged-cells', sheet: grid.name, cell: a1(m.top, m.left),
        message: `「${spec.header}」${range(m)} 是跨${m.bottom - m.top + 1}行的合并单元格，已将“${String(v).trim().slice(0, 30)}”用于第${m.top + 1}至${rows[rows.length - 1] + 1}行`,
        fix: '建议取消合并，在每一行分别填写，以免排序、筛选时出错',
      });
    } else {
      for (let r = m.top; r <= m.bottom; r++) blocked.add(`${r},${m.left}`);
      issues.push({
        severity: 'error', code: 'merged-number', sheet: grid.name, cell: a1(m.top, m.left),
        message: `「${spec.header}」${range(m)} 是跨${m.bottom - m.top + 1}行的合并单元格，无法确定第${m.top + 1}至${m.bottom + 1}行各自的数值`,
        fix: '请取消合并，并在每一行分别填写该行的数值',
      });
    }
  }
  return { grid: values ? { ...grid, values } : grid, blocked };
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
    if (ctx.blocked?.has(`${ctx.row},${col}`)) {
      bad.add(spec.field);
      out[spec.field] = null;
      continue;
    }
    const v = cellAt(ctx.grid, ctx.row, col);
    let p: Parsed<unknown>;
    switch (spec.kind) {
      case 'code':
        p = parseCode(v);
        break;
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
    // One message per cell: a warning is given only when the value is accepted.
    let warning: [code: string, message: string, fix: string] | null = null;
    if (p.invisible?.length)
      warning = ['invisible-characters', `「${spec.header}」含有不可见字符（${p.invisible.map(invisibleName).join('、')}），已去除后按“${String(value)}”读取`, '请在编辑栏中重新输入该值，去掉不可见字符（常见于从网页或其他系统复制的内容）'];
    if (typeof value === 'number') {
      let n: number = value;
      if (n < 0) {
        bad.add(spec.field);
        issueAt(ctx, spec.field, 'error', 'negative-number', `「${spec.header}」为负数 ${n}`, '请填写大于或等于0的数');
        out[spec.field] = null;
        continue;
      }
      if (spec.kind === 'count' && !Number.isInteger(n)) {
        const whole = Math.round(n);
        if (Math.abs(n - whole) > WHOLE_TOLERANCE) {
          bad.add(spec.field);
          issueAt(ctx, spec.field, 'error', 'not-whole-number', `「${spec.header}」应为整数，填写的是 ${n}`, '人数、班级数、教室数请填写整数');
          out[spec.field] = null;
          continue;
        }
        // Float noise (16.000000000000004 from a formula or another tool): the whole number, said only where the cell shows it.
        if (!p.asText && showsFraction(formatAt(ctx.grid, ctx.row, col)))
          warning = ['near-whole-number', `「${spec.header}」为 ${n}，与整数 ${whole} 只差计算误差，已按 ${whole} 读取`, '单元格显示了小数；如为公式结果，可用 ROUND 函数取整，或把单元格格式设为不显示小数'];
        n = whole;
      }
      if (p.asText)
        warning = ['text-number', `「${spec.header}」是以文本形式存储的数字“${String(v).replace(ZERO_WIDTH, '').trim()}”，已按数字 ${n} 读取`, '建议将单元格转换为数字（选中后点“转换为数字”），以免其他公式漏算'];
      value = spec.kind === 'money' ? n * (ctx.layout.scales[spec.field] ?? 10000) : n;
    }
    if (warning) issueAt(ctx, spec.field, 'warning', ...warning);
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

function readSchools(sheet: CellGrid, issues: Issue[]): { schools: School[]; layout: SheetLayout } {
  const header = findHeader(sheet, ['学校标识码'], SCHOOL_COLUMNS);
  if (!header)
    throw new FatalError({ code: 'missing-header-row', sheet: sheet.name, cell: 'A1', message: `工作表「${sheet.name}」前${HEADER_SEARCH_ROWS}行中找不到表头「学校标识码」。请按标准模板填写表头` });
  const layout = mapColumns(sheet, header, SCHOOL_COLUMNS, issues);
  requireColumns(sheet, layout, SCHOOL_COLUMNS, issues);
  const { grid, blocked } = applyMerges(sheet, layout, SCHOOL_COLUMNS, issues);
  const schools: School[] = [];
  const seen = new Map<string, number>();
  for (const r of dataRows(grid, layout, 'code', '学校标识码', issues)) {
    const ctx: RowCtx = { grid, layout, row: r, issues, blocked };
    const bad = new Set<SchoolField>();
    const f = parseRow(ctx, SCHOOL_COLUMNS, bad);
    // A 学校标识码 with an error value (#N/A) was reported at its cell; the row cannot be matched to anything.
    if (f.code === null) continue;
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

function readStages(sheet: CellGrid, schools: Map<string, School>, schoolsLayout: SheetLayout, schoolsSheet: string, issues: Issue[]): { rows: StageRow[]; layout: SheetLayout } {
  const header = findHeader(sheet, ['学校标识码', '学段'], STAGE_COLUMNS);
  if (!header)
    throw new FatalError({ code: 'missing-header-row', sheet: sheet.name, cell: 'A1', message: `工作表「${sheet.name}」前${HEADER_SEARCH_ROWS}行中找不到含「学校标识码」和「学段」的表头行。请按标准模板填写表头` });
  const layout = mapColumns(sheet, header, STAGE_COLUMNS, issues);
  requireColumns(sheet, layout, STAGE_COLUMNS, issues);
  const { grid, blocked } = applyMerges(sheet, layout, STAGE_COLUMNS, issues);
  const rows: StageRow[] = [];
  const seen = new Map<string, number>();
  const h = (f: string) => headerOf(STAGE_COLUMNS, f);
  for (const r of dataRows(grid, layout, 'code', '学校标识码', issues)) {
    const ctx: RowCtx = { grid, layout, row: r, issues, blocked };
    const bad = new Set<StageField>();
    const f = parseRow(ctx, STAGE_COLUMNS, bad);
    for (const spec of STAGE_COLUMNS) {
      if (spec.required === 'yes' && f[spec.field] === null && !bad.has(spec.field)) {
        bad.add(spec.field);
        issueAt(ctx, spec.field, 'error', 'required-blank', `必填项「${spec.header}」为空`, `请填写「${spec.header}」，没有请填0`);
      }
    }
    if (f.stage === null || f.code === null) continue;
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
  let mismatch = false;
  if (ok('teachers') && degrees.every(ok)) {
    const total = degrees.reduce((a, f) => a + v(f), 0);
    if (total !== row.teachers) {
      mismatch = true;
      issueAt(ctx, 'teachers', 'error', 'degree-sum-mismatch', `四类学历专任教师数之和为 ${total}，与「${h('teachers')}」${row.teachers} 不一致`, '研究生、本科、专科、高中及以下四列之和应等于专任教师数，请核对');
    }
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
  if (mismatch) {
    // Which count is wrong is unknown: neither 专任教师数 nor the degree counts are used (R1, G9, G12), once
    // the checks against 专任教师数 above have run.
    row.bad.add('teachers');
    for (const f of degrees) row.bad.add(f);
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
    // One message per cell: an error replaces the warnings the same cell would get (text-number, percent-as-fraction).
    let error: Omit<Issue, 'severity' | 'sheet' | 'cell'> | null = null;
    let warning: Omit<Issue, 'severity' | 'sheet' | 'cell'> | null = null;
    let value: number | boolean | string | null = null;
    if (spec.kind === 'text') {
      const p = parseText(v);
      if (p.kind === 'bad') error = { code: p.code, message: `「${spec.label}」${p.message}`, fix: p.fix };
      value = p.kind === 'ok' ? p.value : null;
    } else if (spec.kind === 'yesno') {
      const p = parseYesNo(v);
      if (p.kind === 'bad') error = { code: p.code, message: `「${spec.label}」${p.message}`, fix: p.fix };
      value = p.kind === 'ok' ? p.value : null;
    } else {
      const p = parseNumber(v);
      if (p.kind === 'bad') error = { code: p.code, message: `「${spec.label}」${p.message}`, fix: p.fix };
      else if (p.kind === 'ok') {
        if (p.asText) warning = { code: 'text-number', message: `「${spec.label}」是以文本形式存储的数字，已按 ${p.value} 读取`, fix: '建议将单元格转换为数字' };
        if (p.value < 0) error = { code: 'negative-number', message: `「${spec.label}」为负数 ${p.value}`, fix: '请填写大于或等于0的数' };
        else {
          value = p.value * scale;
          if (spec.kind === 'percent') {
            const fmt = formatAt(grid, r, valueCol);
            if (isPercentFormat(fmt) && typeof v === 'number') value = Number((p.value * 100).toPrecision(15)); // 0.923 → 92.3, not 92.30000000000001
            else if (p.value > 0 && p.value <= 1)
              warning = { code: 'percent-as-fraction', message: `「${spec.label}」填写为 ${p.value}，按 ${p.value}% 读取；如果本意是 ${p.value * 100}%，请改写`, fix: '百分比请填写百分数的数值（如 96 表示 96%），或把单元格设为百分比格式' };
            if (typeof value === 'number' && value > 100) {
              const shown = isPercentFormat(fmt) && typeof v === 'number' ? `（单元格为百分比格式，填写的 ${p.value} 显示为 ${value}%）` : '';
              error = { code: 'percent-over-100', message: `「${spec.label}」为 ${value}%，超过100%${shown}`, fix: shown ? '百分比格式的单元格请填写小数（如 0.912 显示为 91.2%），或把单元格格式改为“常规”后填写百分数的数值' : '请核对百分比' };
            }
          }
        }
      }
    }
    if (error) issues.push({ severity: 'error', sheet: grid.name, cell: at, ...error });
    else if (warning) issues.push({ severity: 'warning', sheet: grid.name, cell: at, ...warning });
    values[spec.key] = error ? { value: null, row: r, error: true } : { value, row: r };
  }
  return { values, layout: { sheet: grid.name, headerRow, columns: { label: labelCol, value: valueCol }, scales: {} } };
}

/** Reads the template. Throws FatalError when the workbook cannot be read as the template. */
export function readTemplateOrThrow(grids: readonly CellGrid[]): TemplateRead {
  const issues: Issue[] = [];
  const schoolsGrid = datesAsText(findSheet(grids, SHEET_SCHOOLS, issues));
  const stagesGrid = datesAsText(findSheet(grids, SHEET_STAGES, issues));
  const countyGrid = datesAsText(findSheet(grids, SHEET_COUNTY, issues));
  for (const g of [schoolsGrid, stagesGrid, countyGrid]) {
    if (!g?.stray) continue;
    issues.push({
      severity: 'warning', code: 'stray-content', sheet: g.name,
      message: `工作表「${g.name}」在远离数据区的 ${g.stray.cell} 等${g.stray.count}个单元格中有内容，已忽略，未参与核验`,
      fix: `请确认这些单元格中没有需要的数据，然后删除它们（可按 Ctrl+End 定位到最后一个单元格，选中多余的行或列后右键“删除”）`,
    });
  }
  const missing = [schoolsGrid ? null : SHEET_SCHOOLS, stagesGrid ? null : SHEET_STAGES].filter(Boolean);
  if (missing.length)
    throw new FatalError({ code: 'missing-sheet', sheet: missing[0]!, message: `工作簿缺少工作表「${missing.join('」「')}」。现有工作表：${grids.map((g) => g.name).join('、') || '无'}。请使用标准填报模板` });
  const { schools, layout: schoolsLayout } = readSchools(schoolsGrid!, issues);
  const byCode = new Map(schools.map((s) => [s.code, s] as const));
  const { rows, layout: stagesLayout } = readStages(stagesGrid!, byCode, schoolsLayout, schoolsGrid!.name, issues);
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
