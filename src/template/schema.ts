/**
 * The standard submission template (template.md, version 2017-v1) as data: sheets, columns, county rows.
 * The reader, the blank-template writer and the marks all work from this one description.
 */
export { SCHOOL_COLUMNS, STAGE_COLUMNS, type ColumnKind, type ColumnSpec, type Requirement } from '../domain/columns';

export const TEMPLATE_VERSION = '2017-v1';

export const SHEET_SCHOOLS = '学校基本信息';
export const SHEET_STAGES = '分学段信息';
export const SHEET_COUNTY = '县级指标';
export const SHEET_GUIDE = '填报说明';
export const SHEET_UNITS_REPORT = '学校达标情况';
export const SHEET_BALANCE_REPORT = '校际均衡情况';
export const SHEET_ISSUES_REPORT = '问题清单';
export const GENERATED_SHEETS = [SHEET_UNITS_REPORT, SHEET_BALANCE_REPORT, SHEET_ISSUES_REPORT] as const;


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
