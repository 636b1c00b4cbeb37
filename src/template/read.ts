/**
 * Reads the standard template from plain grids (template.md): finds the sheets and headers, parses each row
 * and runs the input checks of the catalogue (src/template/checks) in order. Collects every problem; never
 * stops at the first except for what makes the workbook unreadable as the template (a Fatal, exit status 2).
 */
import type { County, Locality, Ownership, School, SchoolField, SchoolType, StageField, StageRow } from '../domain/model';
import { checkCountyAdditions, checkGradeTotals, checkOwnerType, checkStageAdditions } from './checks/additions';
import { columnReaders, parseRow } from './checks/cell-values';
import { readCounty } from './checks/county';
import { FatalError, issueAt, type RowCtx } from './checks/define';
import { mapColumns, requireColumns, requireHeader } from './checks/header';
import { oneMessagePerCell } from './checks/cell-values';
import { applyMerges } from './checks/merges';
import { checkSomeSchools, dataRows, duplicateCode, requiredBlank } from './checks/rows';
import { checkSchool } from './checks/school';
import { checkCountySheet, checkSheetsAndStray } from './checks/sheets';
import { checkStageRow } from './checks/stage-row';
import { checkMissingStageRows, newSeenStages, placeStageRow } from './checks/stages';
import type { CellGrid } from './grid';
import type { Fatal, Issue } from './issues';
import type { Layout, SheetLayout } from './layout';
import { ownerTypeCode } from '../domain/columns';
import { SCHOOL_COLUMNS, STAGE_COLUMNS } from './schema';

export { FatalError };

export interface TemplateRead {
  county: County;
  issues: Issue[];
  layout: Layout;
}

/** The columns of 「分学段信息」 that must be filled in, in the order of their issues. */
const REQUIRED_STAGE_COLUMNS = STAGE_COLUMNS.filter((spec) => spec.required === 'yes');

export type ReadResult = ({ ok: true } & TemplateRead) | { ok: false; fatal: Fatal; issues: Issue[] };

function readSchools(sheet: CellGrid, issues: Issue[]): { schools: School[]; layout: SheetLayout } {
  const layout = mapColumns(sheet, requireHeader(sheet, 'schools', SCHOOL_COLUMNS), SCHOOL_COLUMNS, issues);
  requireColumns(sheet, layout, SCHOOL_COLUMNS, issues);
  const { grid, blocked } = applyMerges(sheet, layout, SCHOOL_COLUMNS, issues);
  const readers = columnReaders(layout, SCHOOL_COLUMNS);
  const schools: School[] = [];
  const seen = new Map<string, number>();
  // One context for the sheet, moved from row to row (the checks use it only while their row is read).
  const ctx: RowCtx = { grid, layout, row: -1, issues, blocked };
  for (const r of dataRows(grid, layout, 'code', '学校标识码', issues)) {
    ctx.row = r;
    const bad = new Set<SchoolField>();
    const f = parseRow(ctx, readers, bad);
    // A 学校标识码 with an error value (#N/A) was reported at its cell; the row cannot be matched to anything.
    if (f.code === null) continue;
    const s: School = {
      code: f.code as string,
      name: (f.name as string | null) ?? '',
      type: f.type as SchoolType | null,
      ownership: f.ownership as Ownership | null,
      ownerType: f.ownerType === null ? null : ownerTypeCode(f.ownerType as string),
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
    checkOwnerType(ctx, s);
    const prev = seen.get(s.code);
    if (prev !== undefined) {
      bad.add('code');
      issueAt(ctx, 'code', duplicateCode, 'repeated', { code: s.code, row: prev + 1 });
      continue;
    }
    seen.set(s.code, r);
    schools.push(s);
  }
  return { schools, layout };
}

function readStages(sheet: CellGrid, schools: Map<string, School>, schoolsLayout: SheetLayout, schoolsSheet: string, issues: Issue[]): { rows: StageRow[]; layout: SheetLayout } {
  const layout = mapColumns(sheet, requireHeader(sheet, 'stages', STAGE_COLUMNS), STAGE_COLUMNS, issues);
  requireColumns(sheet, layout, STAGE_COLUMNS, issues);
  const { grid, blocked } = applyMerges(sheet, layout, STAGE_COLUMNS, issues);
  const readers = columnReaders(layout, STAGE_COLUMNS);
  const rows: StageRow[] = [];
  const seen = newSeenStages();
  // One context for the sheet, moved from row to row (the checks use it only while their row is read).
  const ctx: RowCtx = { grid, layout, row: -1, issues, blocked };
  for (const r of dataRows(grid, layout, 'code', '学校标识码', issues)) {
    ctx.row = r;
    const bad = new Set<StageField>();
    const f = parseRow(ctx, readers, bad);
    for (const spec of REQUIRED_STAGE_COLUMNS) {
      if (f[spec.field] === null && !bad.has(spec.field)) {
        bad.add(spec.field);
        issueAt(ctx, spec.field, requiredBlank, 'stage', { header: spec.header });
      }
    }
    if (f.stage === null || f.code === null) continue;
    // The parsed fields become the row itself (in the order of the columns), then its bad fields and row.
    const row = f as unknown as StageRow;
    row.bad = bad;
    row.row = r;
    const school = placeStageRow(ctx, row, schools, schoolsSheet, seen);
    if (!school) continue;
    checkStageRow(ctx, row, school);
    checkStageAdditions(ctx, row);
    rows.push(row);
  }
  checkGradeTotals(rows, layout, grid.name, issues);
  checkMissingStageRows(schools.values(), seen, schoolsSheet, schoolsLayout, grid.name, issues);
  return { rows, layout };
}

/** Reads the template. Throws FatalError when the workbook cannot be read as the template. */
export function readTemplateOrThrow(grids: readonly CellGrid[]): TemplateRead {
  const issues: Issue[] = [];
  const { schoolsGrid, stagesGrid, countyGrid } = checkSheetsAndStray(grids, issues);
  const { schools, layout: schoolsLayout } = readSchools(schoolsGrid, issues);
  const byCode = new Map(schools.map((s) => [s.code, s] as const));
  const { rows, layout: stagesLayout } = readStages(stagesGrid, byCode, schoolsLayout, schoolsGrid.name, issues);
  const county = countyGrid ? readCounty(countyGrid, issues) : null;
  if (county) checkCountyAdditions(county.values, county.layout, rows, issues);
  checkCountySheet(countyGrid, issues);
  checkSomeSchools(schools.length, schoolsGrid.name, schoolsLayout, issues);
  oneMessagePerCell(issues);
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
