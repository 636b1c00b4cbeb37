/**
 * The inputs of the standard as data: the columns of 「学校基本信息」 and 「分学段信息」 with their canonical
 * headers, kinds and hints. The domain owns them (rules name their inputs by field; shortfalls and plans
 * name the column an amount goes into); the template reader and the blank-template writer read them
 * through src/template/schema.ts.
 */
import type { SchoolField, StageField } from './model';
import { NATIONAL, type Profile } from './profile';
export type ColumnKind =
  | 'code' // identifier text, keep leading zeros
  | 'text'
  | 'enum'
  | 'count' // whole number >= 0
  | 'number' // real number >= 0
  | 'money'; // real number >= 0, header says 万元 or 元

/** yes = always; resource = required except for 特殊教育学校 rows; no = optional. */
export type Requirement = 'yes' | 'resource' | 'no';

export interface ColumnSpec<F extends string = string> {
  field: F;
  /** Canonical header as printed in the blank template. */
  header: string;
  kind: ColumnKind;
  required: Requirement;
  /** Accepted values (canonical first) for enum columns, with aliases mapping to canonical. */
  values?: readonly string[];
  aliases?: Readonly<Record<string, string>>;
  /** Short Chinese input hint shown in the blank template. */
  hint: string;
  width?: number;
  /** An addition of template 2017-v2: its absence gives no missing-optional-column warning. */
  v2?: boolean;
  /** The message of a value outside the list (bad-enum), when not the generic one. */
  enumMessage?: 'ownerType';
}

/** 举办者类型 (template-additions §1): code 1–10 with its name, as the dropdown shows it. */
export const OWNER_TYPES = ['中央教育部门', '中央其他部门', '省级教育部门', '省级其他部门', '地级教育部门', '地级其他部门', '县级教育部门', '县级其他部门', '地方企业', '民办'] as const;
export const OWNER_TYPE_VALUES: readonly string[] = OWNER_TYPES.map((n, i) => `${i + 1} ${n}`);
const OWNER_TYPE_ALIASES: Record<string, string> = Object.fromEntries(
  OWNER_TYPES.flatMap((n, i) => [[`${i + 1}${n}`, `${i + 1} ${n}`], [String(i + 1), `${i + 1} ${n}`], [n, `${i + 1} ${n}`]]),
);
/** The code 1–10 of a canonical 举办者类型 value. */
export function ownerTypeCode(value: string): number {
  return Number.parseInt(value, 10);
}

const SCHOOL_TYPE_VALUES = ['小学', '初中', '九年一贯制学校', '十二年一贯制学校', '完全中学', '小学教学点', '特殊教育学校'];

export const SCHOOL_COLUMNS: readonly ColumnSpec<SchoolField>[] = [
  { field: 'code', header: '学校标识码', kind: 'code', required: 'yes', hint: '10位学校标识码，以文本填写，保留前导0', width: 14 },
  { field: 'name', header: '学校名称', kind: 'text', required: 'yes', hint: '学校全称', width: 22 },
  {
    field: 'type', header: '学校类型', kind: 'enum', required: 'yes', values: SCHOOL_TYPE_VALUES,
    aliases: { 九年一贯制: '九年一贯制学校', 十二年一贯制: '十二年一贯制学校', 教学点: '小学教学点', 特教学校: '特殊教育学校' },
    hint: '从下拉列表选择', width: 16,
  },
  { field: 'ownership', header: '办学性质', kind: 'enum', required: 'yes', values: ['公办', '民办'], hint: '公办或民办', width: 10 },
  {
    field: 'ownerType', header: '举办者类型', kind: 'enum', required: 'no', values: OWNER_TYPE_VALUES, aliases: OWNER_TYPE_ALIASES, v2: true, enumMessage: 'ownerType',
    hint: '从下拉列表选择；县教育局举办的公办学校选7，民办学校选10；空白时申报表按公办7、民办10填写', width: 16,
  },
  { field: 'locality', header: '城乡分类', kind: 'enum', required: 'yes', values: ['城区', '镇区', '乡村'], hint: '城区、镇区或乡村', width: 10 },
  { field: 'boarding', header: '是否寄宿制学校', kind: 'enum', required: 'no', values: ['是', '否'], hint: '是或否，空白视为否', width: 10 },
  { field: 'studentsPrimary', header: '小学在校生数(人)', kind: 'count', required: 'no', hint: '有小学部的学校必填，整数', width: 12 },
  { field: 'studentsJunior', header: '初中在校生数(人)', kind: 'count', required: 'no', hint: '有初中部的学校必填，整数', width: 12 },
  { field: 'studentsSenior', header: '高中在校生数(人)', kind: 'count', required: 'no', hint: '仅完全中学、十二年一贯制学校填写', width: 12 },
  { field: 'migrantStudents', header: '随迁子女在校生数(人)', kind: 'count', required: 'no', hint: '整数，不超过在校生总数', width: 12 },
  { field: 'teachingArea', header: '教学及辅助用房面积(㎡)', kind: 'number', required: 'resource', hint: '全校合计，≥0', width: 14 },
  { field: 'indoorSportsArea', header: '其中室内体育用房面积(㎡)', kind: 'number', required: 'no', hint: '不超过教学及辅助用房面积，空白视为0', width: 14 },
  { field: 'outdoorSportsArea', header: '室外运动场地面积(㎡)', kind: 'number', required: 'resource', hint: '全校合计，≥0', width: 14 },
  { field: 'equipmentYuan', header: '教学仪器设备资产值(万元)', kind: 'money', required: 'resource', hint: '全校合计；表头写(元)则按元读取', width: 14 },
  { field: 'multimediaRooms', header: '网络多媒体教室数(间)', kind: 'count', required: 'resource', hint: '全校合计，整数', width: 12 },
  { field: 'musicRooms', header: '音乐专用教室数(间)', kind: 'count', required: 'no', hint: '整数', width: 10 },
  { field: 'musicRooms96', header: '其中面积不小于96㎡的音乐专用教室数(间)', kind: 'count', required: 'no', hint: '不超过音乐专用教室数', width: 14 },
  { field: 'artRooms', header: '美术专用教室数(间)', kind: 'count', required: 'no', hint: '整数', width: 10 },
  { field: 'artRooms90', header: '其中面积不小于90㎡的美术专用教室数(间)', kind: 'count', required: 'no', hint: '不超过美术专用教室数', width: 14 },
  { field: 'publicBudgetYuan', header: '年度公用经费预算(万元)', kind: 'money', required: 'no', hint: '用于Q4，≥0', width: 12 },
  { field: 'trainingSpendYuan', header: '教师培训经费(万元)', kind: 'money', required: 'no', hint: '用于Q4，≥0', width: 12 },
  { field: 'fundedStudents', header: '核定公用经费学生数(人)', kind: 'count', required: 'no', hint: '用于G6，整数', width: 12 },
];

export const STAGE_COLUMNS: readonly ColumnSpec<StageField>[] = [
  { field: 'code', header: '学校标识码', kind: 'code', required: 'yes', hint: '须与「学校基本信息」一致', width: 14 },
  { field: 'stage', header: '学段', kind: 'enum', required: 'yes', values: ['小学', '初中'], hint: '小学或初中', width: 8 },
  { field: 'classes', header: '班级数(个)', kind: 'count', required: 'yes', hint: '整数，>0', width: 10 },
  { field: 'grades', header: '年级数(个)', kind: 'count', required: 'no', v2: true, hint: '该学段开设的年级数：六三制小学6、初中3，五四制小学5、初中4，教学点按实际', width: 10 },
  { field: 'maxClassSize', header: '最大班额(人)', kind: 'count', required: 'no', hint: '最大班级人数（G5）', width: 10 },
  { field: 'oversizeClasses', header: '超过标准班额的班级数(个)', kind: 'count', required: 'no', v2: true, hint: oversizeHint(NATIONAL), width: 12 },
  { field: 'teachers', header: '专任教师数(人)', kind: 'count', required: 'yes', hint: '整数', width: 10 },
  { field: 'teachersPostgraduate', header: '研究生学历专任教师数(人)', kind: 'count', required: 'yes', hint: '四类学历之和须等于专任教师数', width: 12 },
  { field: 'teachersBachelor', header: '本科学历专任教师数(人)', kind: 'count', required: 'yes', hint: '整数', width: 12 },
  { field: 'teachersAssociate', header: '专科学历专任教师数(人)', kind: 'count', required: 'yes', hint: '整数', width: 12 },
  { field: 'teachersHighSchool', header: '高中及以下学历专任教师数(人)', kind: 'count', required: 'yes', hint: '整数', width: 12 },
  { field: 'backboneTeachers', header: '县级及以上骨干教师数(人)', kind: 'count', required: 'yes', hint: '不超过专任教师数', width: 12 },
  { field: 'peTeachers', header: '体育专任教师数(人)', kind: 'count', required: 'yes', hint: '体育+音乐+美术+艺术不超过专任教师数', width: 10 },
  { field: 'musicTeachers', header: '音乐专任教师数(人)', kind: 'count', required: 'yes', hint: '整数', width: 10 },
  { field: 'fineArtTeachers', header: '美术专任教师数(人)', kind: 'count', required: 'yes', hint: '整数', width: 10 },
  { field: 'artsTeachers', header: '艺术专任教师数(人)', kind: 'count', required: 'no', hint: '综合艺术教师，空白视为0', width: 10 },
  { field: 'certifiedTeachers', header: '持有教师资格证专任教师数(人)', kind: 'count', required: 'no', hint: '不超过专任教师数（G12）', width: 12 },
  { field: 'trainedTeachers', header: '5年内完成360学时培训专任教师数(人)', kind: 'count', required: 'no', hint: '不超过专任教师数（G9）', width: 14 },
  { field: 'zonedAdmissions', header: '就近划片入学学生数(人)', kind: 'count', required: 'no', hint: '不超过该学段在校生数（G13）', width: 12 },
];

/** 超过标准班额的班级数's hint: the 班额 limits are the profile's G5 (template-additions §2). */
function oversizeHint(profile: Pick<Profile, 'items'>): string {
  return `小学填超过${profile.items.G5.小学}人的班级数，初中填超过${profile.items.G5.初中}人的班级数；没有填0`;
}

/** A column's input hint as the template shows it under a profile (the static `hint` is the national one). */
export function columnHint(spec: Pick<ColumnSpec<string>, 'field' | 'hint'>, profile: Pick<Profile, 'items'>): string {
  return spec.field === 'oversizeClasses' ? oversizeHint(profile) : spec.hint;
}
