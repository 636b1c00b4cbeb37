/**
 * The standard submission template (template.md, version 2017-v1) as data: sheets, columns, county rows.
 * The reader, the blank-template writer and the marks all work from this one description.
 */
import type { SchoolField, StageField } from '../domain/model';

export const TEMPLATE_VERSION = '2017-v1';

export const SHEET_SCHOOLS = '学校基本信息';
export const SHEET_STAGES = '分学段信息';
export const SHEET_COUNTY = '县级指标';
export const SHEET_GUIDE = '填报说明';
export const SHEET_UNITS_REPORT = '学校达标情况';
export const SHEET_BALANCE_REPORT = '校际均衡情况';
export const SHEET_ISSUES_REPORT = '问题清单';
export const GENERATED_SHEETS = [SHEET_UNITS_REPORT, SHEET_BALANCE_REPORT, SHEET_ISSUES_REPORT] as const;

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
  { field: 'maxClassSize', header: '最大班额(人)', kind: 'count', required: 'no', hint: '最大班级人数（G5）', width: 10 },
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

export type CountyRowKind = 'text' | 'number' | 'percent' | 'ratio' | 'yesno';

export interface CountyRowSpec {
  key: string;
  label: string;
  kind: CountyRowKind;
  /** Item that uses this row (for messages and the 填报说明). */
  item?: string;
}

export const COUNTY_ROWS: readonly CountyRowSpec[] = [
  { key: 'countyName', label: '区县名称', kind: 'text' },
  { key: 'year', label: '统计年度', kind: 'number' },
  { key: 'specialEdFunding', label: '特殊教育学校生均公用经费(元)', kind: 'number', item: 'G7' },
  { key: 'teacherPay', label: '义务教育学校教师年平均工资收入(元)', kind: 'number', item: 'G8' },
  { key: 'civilServantPay', label: '当地公务员年平均工资收入(元)', kind: 'number', item: 'G8' },
  { key: 'eligibleExchange', label: '符合交流条件教师数(人)', kind: 'number', item: 'G11' },
  { key: 'exchanged', label: '交流轮岗教师数(人)', kind: 'number', item: 'G11' },
  { key: 'exchangedBackbone', label: '其中交流轮岗骨干教师数(人)', kind: 'number', item: 'G11' },
  { key: 'quotaPlan', label: '优质高中招生计划数(人)', kind: 'number', item: 'G14' },
  { key: 'quotaAllocated', label: '分配到初中学校的招生名额数(人)', kind: 'number', item: 'G14' },
  { key: 'migrantEligible', label: '符合条件的随迁子女数(人)', kind: 'number', item: 'G15' },
  { key: 'migrantPublic', label: '在公办学校和政府购买服务的民办学校就读的随迁子女数(人)', kind: 'number', item: 'G15' },
  { key: 'retentionRate', label: '初中三年巩固率(%)', kind: 'percent', item: 'Q1' },
  { key: 'disabledEnrolment', label: '残疾儿童少年入学率(%)', kind: 'percent', item: 'Q2' },
  { key: 'monitoringLevel3', label: '质量监测学业水平达到Ⅲ级以上', kind: 'yesno', item: 'Q9' },
  { key: 'monitoringGap', label: '质量监测校际差异率', kind: 'ratio', item: 'Q9' },
  { key: 'recognition', label: '社会认可度(%)', kind: 'percent', item: 'SR' },
  { key: 'G1', label: '学校规划布局合理', kind: 'yesno', item: 'G1' },
  { key: 'G2', label: '城乡学校建设、编制、经费、装备标准统一', kind: 'yesno', item: 'G2' },
  { key: 'G10', label: '县级统筹分配各校教职工编制和岗位', kind: 'yesno', item: 'G10' },
  { key: 'Q3', label: '学校制定章程并实现管理与教学信息化', kind: 'yesno', item: 'Q3' },
  { key: 'Q5', label: '教师熟练运用信息化手段组织教学', kind: 'yesno', item: 'Q5' },
  { key: 'Q6', label: '德育工作和校园文化建设达到良好以上', kind: 'yesno', item: 'Q6' },
  { key: 'Q7', label: '课程开齐开足、综合实践活动有效开展', kind: 'yesno', item: 'Q7' },
  { key: 'Q8', label: '无过重课业负担', kind: 'yesno', item: 'Q8' },
];

/**
 * Normalises a header or item label for matching: spaces and line breaks removed, full-width
 * brackets to ASCII, m²/m2/平方米 to ㎡. Money units are handled by the caller.
 */
export function normaliseHeader(text: string): string {
  return text
    .replace(/[\s\u3000\u00a0\u200b-\u200d\u2060\ufeff]+/g, '')
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .replace(/平方米|m²|m2|M²|M2|㎡/g, '㎡');
}

/** Header without its money unit, and the scale that unit implies (1 for 元, 10 000 for 万元). */
export function splitMoneyUnit(normalised: string): { base: string; scale: number | null } {
  const m = /^(.*)\((万元|元)\)$/.exec(normalised);
  if (!m) return { base: normalised, scale: null };
  return { base: m[1], scale: m[2] === '万元' ? 10000 : 1 };
}
