/**
 * Reads the standard template from plain grids (template.md): finds the sheets and headers, parses each row
 * and runs the input checks of the catalogue (src/template/checks) in order. Collects every problem; never
 * stops at the first except for what makes the workbook unreadable as the template (a Fatal, exit status 2).
 */
import type { ColumnSpec } from '../domain/columns';
import type { County, Locality, Ownership, School, SchoolField, SchoolType, Stage, StageField, StageRow } from '../domain/model';
import { checkClassSizes, checkCountyAdditions, checkGradeTotals, checkOwnerType, checkStageAdditions, NATIONAL_READ_SETTINGS, type ReadSettings } from './checks/additions';
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
import { checkMissingStageRows, newSeenStages, placeStageRow, specialSchoolRow } from './checks/stages';
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

/** The position of each field among the values parseRow gives (the order of the columns). */
function fieldIndex<F extends string>(specs: readonly ColumnSpec<F>[]): Readonly<Record<F, number>> {
  return Object.fromEntries(specs.map((spec, i) => [spec.field, i])) as Record<F, number>;
}
const SCHOOL_AT = fieldIndex(SCHOOL_COLUMNS);
const STAGE_AT = fieldIndex(STAGE_COLUMNS);

export type ReadResult = ({ ok: true } & TemplateRead) | { ok: false; fatal: Fatal; issues: Issue[] };

function readSchools(sheet: CellGrid, issues: Issue[]): { schools: School[]; layout: SheetLayout } {
  const layout = mapColumns(sheet, requireHeader(sheet, 'schools', SCHOOL_COLUMNS), SCHOOL_COLUMNS, issues);
  requireColumns(sheet, layout, SCHOOL_COLUMNS, issues);
  const { grid, blocked } = applyMerges(sheet, layout, SCHOOL_COLUMNS, issues);
  const readers = columnReaders(layout, SCHOOL_COLUMNS);
  // The values of the row being read, by column (reused from row to row: the row objects copy them).
  const parsed: unknown[] = new Array<unknown>(SCHOOL_COLUMNS.length).fill(null);
  const schools: School[] = [];
  const seen = new Map<string, number>();
  // One context for the sheet, moved from row to row (the checks use it only while their row is read).
  const ctx: RowCtx = { grid, layout, row: -1, issues, blocked };
  for (const r of dataRows(grid, layout, 'code', '学校标识码', issues)) {
    ctx.row = r;
    const bad = new Set<SchoolField>();
    parseRow(ctx, readers, bad, parsed);
    // A 学校标识码 with an error value (#N/A) was reported at its cell; the row cannot be matched to anything.
    if (parsed[SCHOOL_AT.code] === null) continue;
    const s: School = {
      code: parsed[SCHOOL_AT.code] as string,
      name: (parsed[SCHOOL_AT.name] as string | null) ?? '',
      type: parsed[SCHOOL_AT.type] as SchoolType | null,
      ownership: parsed[SCHOOL_AT.ownership] as Ownership | null,
      ownerType: parsed[SCHOOL_AT.ownerType] === null ? null : ownerTypeCode(parsed[SCHOOL_AT.ownerType] as string),
      locality: parsed[SCHOOL_AT.locality] as Locality | null,
      boarding: parsed[SCHOOL_AT.boarding] === '是',
      row: r,
      bad,
      studentsPrimary: parsed[SCHOOL_AT.studentsPrimary] as number | null,
      studentsJunior: parsed[SCHOOL_AT.studentsJunior] as number | null,
      studentsSenior: parsed[SCHOOL_AT.studentsSenior] as number | null,
      migrantStudents: parsed[SCHOOL_AT.migrantStudents] as number | null,
      teachingArea: parsed[SCHOOL_AT.teachingArea] as number | null,
      indoorSportsArea: parsed[SCHOOL_AT.indoorSportsArea] as number | null,
      outdoorSportsArea: parsed[SCHOOL_AT.outdoorSportsArea] as number | null,
      equipmentYuan: parsed[SCHOOL_AT.equipmentYuan] as number | null,
      multimediaRooms: parsed[SCHOOL_AT.multimediaRooms] as number | null,
      musicRooms: parsed[SCHOOL_AT.musicRooms] as number | null,
      musicRooms96: parsed[SCHOOL_AT.musicRooms96] as number | null,
      artRooms: parsed[SCHOOL_AT.artRooms] as number | null,
      artRooms90: parsed[SCHOOL_AT.artRooms90] as number | null,
      publicBudgetYuan: parsed[SCHOOL_AT.publicBudgetYuan] as number | null,
      trainingSpendYuan: parsed[SCHOOL_AT.trainingSpendYuan] as number | null,
      fundedStudents: parsed[SCHOOL_AT.fundedStudents] as number | null,
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

function readStages(
  sheet: CellGrid,
  schools: Map<string, School>,
  schoolsLayout: SheetLayout,
  schoolsSheet: string,
  issues: Issue[],
  settings: ReadSettings,
): { rows: StageRow[]; layout: SheetLayout } {
  const layout = mapColumns(sheet, requireHeader(sheet, 'stages', STAGE_COLUMNS), STAGE_COLUMNS, issues);
  requireColumns(sheet, layout, STAGE_COLUMNS, issues);
  const { grid, blocked } = applyMerges(sheet, layout, STAGE_COLUMNS, issues);
  const readers = columnReaders(layout, STAGE_COLUMNS);
  // The values of the row being read, by column (reused from row to row: the row objects copy them).
  const parsed: unknown[] = new Array<unknown>(STAGE_COLUMNS.length).fill(null);
  const rows: StageRow[] = [];
  const seen = newSeenStages();
  // One context for the sheet, moved from row to row (the checks use it only while their row is read).
  const ctx: RowCtx = { grid, layout, row: -1, issues, blocked };
  for (const r of dataRows(grid, layout, 'code', '学校标识码', issues)) {
    ctx.row = r;
    const bad = new Set<StageField>();
    parseRow(ctx, readers, bad, parsed);
    // A 特殊教育学校 needs no row here (template.md): its row is not read (special-school-row says so), so the cells it
    // leaves blank are not missing data. A value it has that cannot be read is still reported where it is.
    const code = parsed[STAGE_AT.code];
    const ofCode = typeof code === 'string' ? schools.get(code) : undefined;
    const special = ofCode?.type === '特殊教育学校';
    for (let i = 0; i < STAGE_COLUMNS.length && !special; i++) {
      const spec = STAGE_COLUMNS[i];
      if (spec.required === 'yes' && parsed[i] === null && !bad.has(spec.field)) {
        bad.add(spec.field);
        issueAt(ctx, spec.field, requiredBlank, 'stage', { header: spec.header });
      }
    }
    // Its 学段 blank too: still the one warning that the row is not read (placeStageRow gives it when 学段 is filled).
    if (special && parsed[STAGE_AT.stage] === null) issueAt(ctx, 'stage', specialSchoolRow, 'special', { name: ofCode.name });
    if (parsed[STAGE_AT.stage] === null || parsed[STAGE_AT.code] === null) continue;
    // Fields in the order of the columns (STAGE_COLUMNS), then the bad fields and the row.
    const row: StageRow = {
      code: parsed[STAGE_AT.code] as string,
      stage: parsed[STAGE_AT.stage] as Stage,
      classes: parsed[STAGE_AT.classes] as number | null,
      grades: parsed[STAGE_AT.grades] as number | null,
      maxClassSize: parsed[STAGE_AT.maxClassSize] as number | null,
      oversizeClasses: parsed[STAGE_AT.oversizeClasses] as number | null,
      teachers: parsed[STAGE_AT.teachers] as number | null,
      teachersPostgraduate: parsed[STAGE_AT.teachersPostgraduate] as number | null,
      teachersBachelor: parsed[STAGE_AT.teachersBachelor] as number | null,
      teachersAssociate: parsed[STAGE_AT.teachersAssociate] as number | null,
      teachersHighSchool: parsed[STAGE_AT.teachersHighSchool] as number | null,
      backboneTeachers: parsed[STAGE_AT.backboneTeachers] as number | null,
      peTeachers: parsed[STAGE_AT.peTeachers] as number | null,
      musicTeachers: parsed[STAGE_AT.musicTeachers] as number | null,
      fineArtTeachers: parsed[STAGE_AT.fineArtTeachers] as number | null,
      artsTeachers: parsed[STAGE_AT.artsTeachers] as number | null,
      certifiedTeachers: parsed[STAGE_AT.certifiedTeachers] as number | null,
      trainedTeachers: parsed[STAGE_AT.trainedTeachers] as number | null,
      zonedAdmissions: parsed[STAGE_AT.zonedAdmissions] as number | null,
      bad,
      row: r,
    };
    const school = placeStageRow(ctx, row, schools, schoolsSheet, seen);
    if (!school) continue;
    checkStageRow(ctx, row, school);
    checkStageAdditions(ctx, row, settings);
    checkClassSizes(ctx, row, school);
    rows.push(row);
  }
  checkGradeTotals(rows, layout, grid.name, issues);
  checkMissingStageRows(schools.values(), seen, schoolsSheet, schoolsLayout, grid.name, issues);
  return { rows, layout };
}

/** The layout with the sheet's merged areas, when it has any (SheetLayout.merges). */
function withMerges(layout: SheetLayout, grid: CellGrid): SheetLayout {
  return grid.merges?.length ? { ...layout, merges: grid.merges } : layout;
}

/** Reads the template. Throws FatalError when the workbook cannot be read as the template. */
export function readTemplateOrThrow(grids: readonly CellGrid[], settings: ReadSettings = NATIONAL_READ_SETTINGS): TemplateRead {
  const issues: Issue[] = [];
  const { schoolsGrid, stagesGrid, countyGrid } = checkSheetsAndStray(grids, issues);
  const { schools, layout: schoolsLayout } = readSchools(schoolsGrid, issues);
  const byCode = new Map<string, School>();
  for (const s of schools) byCode.set(s.code, s);
  const { rows, layout: stagesLayout } = readStages(stagesGrid, byCode, schoolsLayout, schoolsGrid.name, issues, settings);
  const county = countyGrid ? readCounty(countyGrid, issues) : null;
  if (county) checkCountyAdditions(county.values, county.layout, rows, issues, settings);
  checkCountySheet(countyGrid, issues);
  checkSomeSchools(schools.length, schoolsGrid.name, schoolsLayout, issues);
  oneMessagePerCell(issues);
  return {
    county: { schools, stageRows: rows, countyValues: county?.values ?? {}, hasCountySheet: !!countyGrid },
    issues,
    layout: {
      schools: withMerges(schoolsLayout, schoolsGrid),
      stages: withMerges(stagesLayout, stagesGrid),
      county: county && countyGrid ? withMerges(county.layout, countyGrid) : undefined,
    },
  };
}

export function readTemplate(grids: readonly CellGrid[], settings: ReadSettings = NATIONAL_READ_SETTINGS): ReadResult {
  try {
    return { ok: true, ...readTemplateOrThrow(grids, settings) };
  } catch (e) {
    if (e instanceof FatalError) return { ok: false, fatal: e.fatal, issues: [] };
    throw e;
  }
}
