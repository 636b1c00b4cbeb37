/**
 * A large, valid, deterministic county as template grids, for the benchmark: about `units` school units
 * (小学, 初中 and 九年一贯制 schools mixed), every input consistent so the reader finds no error.
 */
import type { CellGrid, CellValue } from '../../src/template/grid';
import { countyGrid, fieldColumns, gridOf, prng, templateCountyRows } from '../../src/sample/builder';
import { SCHOOL_COLUMNS, STAGE_COLUMNS } from '../../src/template/schema';

export function bigCountyGrids(units: number, seed = 1): CellGrid[] {
  const rnd = prng(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const schools: Record<string, CellValue>[] = [];
  const stages: Record<string, CellValue>[] = [];
  let made = 0;
  let n = 0;
  while (made < units) {
    n++;
    const kind = made + 2 <= units && n % 5 === 0 ? '九年一贯制学校' : n % 3 === 0 ? '初中' : '小学';
    const code = String(1000000000 + n).padStart(10, '0');
    const primary = kind === '初中' ? null : int(200, 2000);
    const junior = kind === '小学' ? null : int(200, 1800);
    const total = (primary ?? 0) + (junior ?? 0);
    const row: Record<string, CellValue> = {
      code, name: `学校${n}`, type: kind, ownership: '公办', locality: n % 4 === 0 ? '乡村' : '城区', boarding: '否',
      studentsPrimary: primary, studentsJunior: junior, studentsSenior: null, migrantStudents: int(0, Math.floor(total / 10)),
      teachingArea: Math.round(total * (4 + rnd() * 4) * 100) / 100, indoorSportsArea: int(0, 300),
      outdoorSportsArea: Math.round(total * (7 + rnd() * 6)), equipmentYuan: Math.round(total * (0.2 + rnd() * 0.2) * 100) / 100,
      multimediaRooms: Math.ceil(total * (0.022 + rnd() * 0.02)), musicRooms: 3, musicRooms96: 3, artRooms: 3, artRooms90: 3,
      publicBudgetYuan: 100, trainingSpendYuan: 6, fundedStudents: null,
    };
    schools.push(row);
    for (const [stage, students] of [['小学', primary], ['初中', junior]] as const) {
      if (students === null) continue;
      made++;
      const teachers = Math.ceil(students / 14) + int(0, 10);
      const pg = int(0, 3);
      const ba = Math.floor(teachers * 0.6);
      const as = Math.floor((teachers - pg - ba) * 0.8);
      const r: Record<string, CellValue> = {
        code, stage, classes: Math.ceil(students / 42), maxClassSize: stage === '小学' ? 44 : 49, teachers,
        teachersPostgraduate: pg, teachersBachelor: ba, teachersAssociate: as, teachersHighSchool: teachers - pg - ba - as,
        backboneTeachers: Math.ceil(students * 0.012), peTeachers: Math.ceil(students * 0.005), musicTeachers: Math.ceil(students * 0.003),
        fineArtTeachers: Math.ceil(students * 0.003), artsTeachers: 0, certifiedTeachers: teachers, trainedTeachers: teachers, zonedAdmissions: students,
      };
      stages.push(r);
    }
  }
  const countyValues: Record<string, CellValue> = {
    countyName: '基准测试县', year: 2025, specialEdFunding: 6500, teacherPay: 100000, civilServantPay: 98000, eligibleExchange: 1000,
    exchanged: 120, exchangedBackbone: 30, quotaPlan: 3000, quotaAllocated: 1600, migrantEligible: 5000, migrantPublic: 4500,
    retentionRate: 97, disabledEnrolment: 96, monitoringLevel3: '是', monitoringGap: 0.1, recognition: 90,
  };
  return [
    gridOf('学校基本信息', fieldColumns(SCHOOL_COLUMNS), schools),
    gridOf('分学段信息', fieldColumns(STAGE_COLUMNS), stages),
    countyGrid('县级指标', templateCountyRows(countyValues, (spec) => (spec.kind === 'yesno' ? '是' : null))),
  ];
}
