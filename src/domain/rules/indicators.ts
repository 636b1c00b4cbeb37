/**
 * The seven resource indicators (standard §3) as a catalogue: meta first, then a small function that
 * gives the unit's numerator (per-100 indicators multiply by 100 after dividing by students).
 */
import type { School, SchoolField, Stage, StageField, StageRow } from '../model';
import type { IndicatorId, Profile } from '../profile';

export interface UnitInputs {
  school: School;
  stage: Stage;
  /** The unit's own 学段 row (teacher counts); null when missing. */
  row: StageRow | null;
  /** Share of the school's physical resources that goes to this unit (1 for single-stage schools). */
  share: number | null;
  profile: Profile;
}

/** The numerator, or null when an input is blank or has an error. */
export type Numerator = number | null;

export interface IndicatorRule {
  id: IndicatorId;
  /** Name as printed in the official reports. */
  name: string;
  shortName: string;
  /** Display unit of the value. */
  unit: string;
  /** Value = numerator ÷ students × 100 (per hundred students) or ÷ students. */
  per100: boolean;
  /** Physical resources reported for the whole school and split between units. */
  shared: boolean;
  source: string;
  /** Input columns behind the value: the cells marked when the indicator fails. */
  inputs(u: UnitInputs): { schoolFields: SchoolField[]; stageFields: StageField[] };
  numerator(u: UnitInputs): Numerator;
}

function sum(values: (number | null)[]): number | null {
  let s = 0;
  for (const v of values) {
    if (v === null) return null;
    s += v;
  }
  return s;
}

const NONE: ReadonlySet<StageField> = new Set();
/** 艺术专任教师数 is optional: blank counts as 0. */
const ARTS_BLANK_ZERO: ReadonlySet<StageField> = new Set<StageField>(['artsTeachers']);

function stageValues(row: StageRow | null, fields: readonly (keyof StageRow & StageField)[], blankZero: ReadonlySet<StageField> = NONE): number | null {
  if (!row) return null;
  const vals: (number | null)[] = [];
  for (const f of fields) {
    if (row.bad.has(f)) return null;
    const v = row[f] as number | null;
    vals.push(v === null && blankZero.has(f) ? 0 : v);
  }
  return sum(vals);
}

function schoolValue(s: School, f: keyof School & SchoolField, blankZero = false): number | null {
  if (s.bad.has(f)) return null;
  const v = s[f] as number | null;
  return v === null && blankZero ? 0 : v;
}

function shared(u: UnitInputs, total: number | null): number | null {
  if (total === null || u.share === null) return null;
  return total * u.share;
}

const DEGREES_ASSOCIATE_UP = ['teachersPostgraduate', 'teachersBachelor', 'teachersAssociate'] as const;
const DEGREES_BACHELOR_UP = ['teachersPostgraduate', 'teachersBachelor'] as const;

function degreeFields(u: UnitInputs): readonly ('teachersPostgraduate' | 'teachersBachelor' | 'teachersAssociate')[] {
  const withAssociate = u.stage === '小学' && u.profile.primaryDegreeCut === '专科';
  return withAssociate ? DEGREES_ASSOCIATE_UP : DEGREES_BACHELOR_UP;
}

const ARTS: ('peTeachers' | 'musicTeachers' | 'fineArtTeachers' | 'artsTeachers')[] = ['peTeachers', 'musicTeachers', 'fineArtTeachers', 'artsTeachers'];

export const INDICATORS: readonly IndicatorRule[] = [
  {
    id: 'R1', name: '每百名学生拥有高于规定学历教师数', shortName: '高于规定学历教师', unit: '人', per100: true, shared: false,
    source: '教督〔2017〕6号 资源配置(1)',
    inputs: (u) => ({ schoolFields: [], stageFields: [...degreeFields(u)] }),
    numerator: (u) => stageValues(u.row, degreeFields(u)),
  },
  {
    id: 'R2', name: '每百名学生拥有县级以上骨干教师数', shortName: '县级以上骨干教师', unit: '人', per100: true, shared: false,
    source: '教督〔2017〕6号 资源配置(2)',
    inputs: () => ({ schoolFields: [], stageFields: ['backboneTeachers'] }),
    numerator: (u) => stageValues(u.row, ['backboneTeachers']),
  },
  {
    id: 'R3', name: '每百名学生拥有体育、艺术（美术、音乐）专任教师数', shortName: '体育艺术专任教师', unit: '人', per100: true, shared: false,
    source: '教督〔2017〕6号 资源配置(3)',
    inputs: () => ({ schoolFields: [], stageFields: ARTS }),
    numerator: (u) => stageValues(u.row, ARTS, ARTS_BLANK_ZERO),
  },
  {
    id: 'R4', name: '生均教学及辅助用房面积', shortName: '生均教学及辅助用房', unit: '㎡', per100: false, shared: true,
    source: '教督〔2017〕6号 资源配置(4)',
    inputs: (u) => ({ schoolFields: u.profile.indoorSportsInR4 === 'subtract' ? ['teachingArea', 'indoorSportsArea'] : ['teachingArea'], stageFields: [] }),
    numerator: (u) => {
      const area = schoolValue(u.school, 'teachingArea');
      if (u.profile.indoorSportsInR4 !== 'subtract') return shared(u, area);
      const indoor = schoolValue(u.school, 'indoorSportsArea', true);
      return shared(u, area === null || indoor === null ? null : area - indoor);
    },
  },
  {
    id: 'R5', name: '生均体育运动场馆面积', shortName: '生均体育运动场馆', unit: '㎡', per100: false, shared: true,
    source: '教督〔2017〕6号 资源配置(5)',
    inputs: () => ({ schoolFields: ['outdoorSportsArea', 'indoorSportsArea'], stageFields: [] }),
    numerator: (u) => shared(u, sum([schoolValue(u.school, 'outdoorSportsArea'), schoolValue(u.school, 'indoorSportsArea', true)])),
  },
  {
    id: 'R6', name: '生均教学仪器设备值', shortName: '生均教学仪器设备值', unit: '元', per100: false, shared: true,
    source: '教督〔2017〕6号 资源配置(6)',
    inputs: () => ({ schoolFields: ['equipmentYuan'], stageFields: [] }),
    numerator: (u) => shared(u, schoolValue(u.school, 'equipmentYuan')),
  },
  {
    id: 'R7', name: '每百名学生拥有网络多媒体教室数', shortName: '网络多媒体教室', unit: '间', per100: true, shared: true,
    source: '教督〔2017〕6号 资源配置(7)',
    inputs: () => ({ schoolFields: ['multimediaRooms'], stageFields: [] }),
    numerator: (u) => shared(u, schoolValue(u.school, 'multimediaRooms')),
  },
];

export function indicatorRule(id: IndicatorId): IndicatorRule {
  const r = INDICATORS.find((x) => x.id === id);
  if (!r) throw new Error(`unknown indicator ${id}`);
  return r;
}
