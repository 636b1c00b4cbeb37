/** The county as read from the template: plain data, no cells (cells live in the template Layout). */

export const STAGES = ['小学', '初中'] as const;
export type Stage = (typeof STAGES)[number];

export const SCHOOL_TYPES = [
  '小学',
  '初中',
  '九年一贯制学校',
  '十二年一贯制学校',
  '完全中学',
  '小学教学点',
  '特殊教育学校',
] as const;
export type SchoolType = (typeof SCHOOL_TYPES)[number];

export type Ownership = '公办' | '民办';
export type Locality = '城区' | '镇区' | '乡村';

/** Which 学段 parts each school type has (高中 is tracked only for the split). */
export const TYPE_STAGES: Record<SchoolType, { 小学: boolean; 初中: boolean; 高中: boolean }> = {
  小学: { 小学: true, 初中: false, 高中: false },
  初中: { 小学: false, 初中: true, 高中: false },
  九年一贯制学校: { 小学: true, 初中: true, 高中: false },
  十二年一贯制学校: { 小学: true, 初中: true, 高中: true },
  完全中学: { 小学: false, 初中: true, 高中: true },
  小学教学点: { 小学: true, 初中: false, 高中: false },
  特殊教育学校: { 小学: false, 初中: false, 高中: false },
};

/** Numeric fields of 「学校基本信息」 (null = blank, or unusable because of an error). */
export interface SchoolNumbers {
  studentsPrimary: number | null;
  studentsJunior: number | null;
  studentsSenior: number | null;
  migrantStudents: number | null;
  teachingArea: number | null;
  indoorSportsArea: number | null;
  outdoorSportsArea: number | null;
  /** 教学仪器设备资产值, always in 元 (converted from 万元 by the reader). */
  equipmentYuan: number | null;
  multimediaRooms: number | null;
  musicRooms: number | null;
  musicRooms96: number | null;
  artRooms: number | null;
  artRooms90: number | null;
  /** 年度公用经费预算, in 元. */
  publicBudgetYuan: number | null;
  /** 教师培训经费, in 元. */
  trainingSpendYuan: number | null;
  fundedStudents: number | null;
}

export type SchoolField = keyof SchoolNumbers | 'code' | 'name' | 'type' | 'ownership' | 'ownerType' | 'locality' | 'boarding';

export interface School extends SchoolNumbers {
  code: string;
  name: string;
  /** null when the type cell is blank or unknown (an error was reported). */
  type: SchoolType | null;
  ownership: Ownership | null;
  /** 举办者类型 code 1–10 (template 2017-v2); null or absent when blank, unusable or the column is absent. */
  ownerType?: number | null;
  locality: Locality | null;
  boarding: boolean;
  /** 0-based row in 「学校基本信息」. */
  row: number;
  /** Fields whose cell holds an error: any value computed from them is null. */
  bad: Set<SchoolField>;
}

export interface StageNumbers {
  classes: number | null;
  maxClassSize: number | null;
  teachers: number | null;
  teachersPostgraduate: number | null;
  teachersBachelor: number | null;
  teachersAssociate: number | null;
  teachersHighSchool: number | null;
  backboneTeachers: number | null;
  peTeachers: number | null;
  musicTeachers: number | null;
  fineArtTeachers: number | null;
  artsTeachers: number | null;
  certifiedTeachers: number | null;
  trainedTeachers: number | null;
  zonedAdmissions: number | null;
  /** 年级数 (template 2017-v2); absent in older rows. */
  grades?: number | null;
  /** 超过标准班额的班级数 (template 2017-v2). */
  oversizeClasses?: number | null;
}

export type StageField = keyof StageNumbers | 'code' | 'stage';

export interface StageRow extends StageNumbers {
  code: string;
  stage: Stage;
  /** 0-based row in 「分学段信息」. */
  row: number;
  bad: Set<StageField>;
}

export interface CountyValue {
  /** number, 是/否 as boolean, or text; null when blank or unusable. */
  value: number | boolean | string | null;
  /** 0-based row of the item in 「县级指标」. */
  row: number;
  /** The cell holds an error (reported by the reader): the value is not used by any item. */
  error?: boolean;
  /** 简要结论 (column E of 「县级指标」, template 2017-v2), trimmed; absent when blank. */
  conclusion?: string;
}

export interface County {
  schools: School[];
  stageRows: StageRow[];
  /** County items by key (see template schema); absent key = row not in the sheet. */
  countyValues: Partial<Record<string, CountyValue>>;
  /** Whether the 「县级指标」 sheet exists at all. */
  hasCountySheet: boolean;
}
