/**
 * Factories for the domain model (src/domain/model.ts) and a conversion of builder grids to the
 * reader's CellGrid, for tests that call the engine without writing a file.
 */
import type { County, CountyValue, School, StageRow } from '../../src/domain/model';
import type { CellGrid, CellValue } from '../../src/template/grid';
import type { SheetGrid } from './template-builder';

/** A 小学 of 1 000 students with every number blank; pass the fields a test needs. */
export function school(over: Partial<School> & { code: string }): School {
  return {
    name: `学校${over.code}`,
    type: '小学',
    ownership: '公办',
    locality: '城区',
    boarding: false,
    row: 1,
    bad: new Set(),
    studentsPrimary: null,
    studentsJunior: null,
    studentsSenior: null,
    migrantStudents: null,
    teachingArea: null,
    indoorSportsArea: null,
    outdoorSportsArea: null,
    equipmentYuan: null,
    multimediaRooms: null,
    musicRooms: null,
    musicRooms96: null,
    artRooms: null,
    artRooms90: null,
    publicBudgetYuan: null,
    trainingSpendYuan: null,
    fundedStudents: null,
    ...over,
  };
}

export function stageRow(over: Partial<StageRow> & { code: string; stage: StageRow['stage'] }): StageRow {
  return {
    row: 1,
    bad: new Set(),
    classes: null,
    maxClassSize: null,
    teachers: null,
    teachersPostgraduate: null,
    teachersBachelor: null,
    teachersAssociate: null,
    teachersHighSchool: null,
    backboneTeachers: null,
    peTeachers: null,
    musicTeachers: null,
    fineArtTeachers: null,
    artsTeachers: null,
    certifiedTeachers: null,
    trainedTeachers: null,
    zonedAdmissions: null,
    ...over,
  };
}

export function county(schools: School[], stageRows: StageRow[], countyValues: Partial<Record<string, CountyValue>> = {}): County {
  schools.forEach((s, i) => (s.row = i + 1));
  stageRows.forEach((r, i) => (r.row = i + 1));
  return { schools, stageRows, countyValues, hasCountySheet: true };
}

/**
 * Numbers that give one unit exactly the wanted indicator values (R1–R7), for P students.
 * Teachers: R1 from 研究生 (counted for both 学段), R2 骨干, R3 体育; physical resources for the whole school.
 */
export interface UnitValues {
  R1: number;
  R2: number;
  R3: number;
  R4: number;
  R5: number;
  R6: number;
  R7: number;
}

/** A single-学段 school and its 学段 row whose seven values are `v` (numerators = v × P, or v × P / 100). */
export function unitWith(code: string, stage: StageRow['stage'], students: number, v: UnitValues): { school: School; row: StageRow } {
  const per100 = (x: number) => (x * students) / 100;
  const s = school({
    code,
    type: stage === '小学' ? '小学' : '初中',
    studentsPrimary: stage === '小学' ? students : null,
    studentsJunior: stage === '初中' ? students : null,
    teachingArea: v.R4 * students,
    indoorSportsArea: 0,
    outdoorSportsArea: v.R5 * students,
    equipmentYuan: v.R6 * students,
    multimediaRooms: per100(v.R7),
  });
  const r = stageRow({
    code,
    stage,
    classes: 10,
    teachersPostgraduate: per100(v.R1),
    teachersBachelor: 0,
    teachersAssociate: 0,
    teachersHighSchool: 0,
    backboneTeachers: per100(v.R2),
    peTeachers: per100(v.R3),
    musicTeachers: 0,
    fineArtTeachers: 0,
    artsTeachers: 0,
  });
  return { school: s, row: r };
}

/** The builder's grids as the reader's CellGrids (formulas by their result, number formats kept). */
export function toCellGrids(grids: readonly SheetGrid[]): CellGrid[] {
  return grids.map((g) => {
    const values: CellValue[][] = [];
    const numberFormats: (string | null)[][] = [];
    g.rows.forEach((row, r) => {
      values[r] = row.map((v) => {
        if (v !== null && typeof v === 'object') return 'numFmt' in v ? v.value : (v.result ?? null);
        return v;
      });
      numberFormats[r] = row.map((v) => (v !== null && typeof v === 'object' && 'numFmt' in v ? v.numFmt : null));
    });
    return { name: g.name, values, numberFormats };
  });
}
