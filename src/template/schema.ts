/**
 * The standard submission template (template.md, version 2017-v1) as data: sheets, columns, county rows.
 * The reader, the blank-template writer and the marks all work from this one description.
 */
import { VETO_LABELS } from '../domain/county-derived';
export { SCHOOL_COLUMNS, STAGE_COLUMNS, type ColumnKind, type ColumnSpec, type Requirement } from '../domain/columns';

export const TEMPLATE_VERSION = '2017-v2';

export const SHEET_SCHOOLS = '学校基本信息';
export const SHEET_STAGES = '分学段信息';
export const SHEET_COUNTY = '县级指标';
export const SHEET_GUIDE = '填报说明';
/** The product's working sheets (shenbao.md §12), written after the official 申报表 tables. */
export const SHEET_UNITS_REPORT = '核验_学校达标';
export const SHEET_BALANCE_REPORT = '核验_校际均衡';
export const SHEET_ISSUES_REPORT = '核验_问题清单';
/** The official 申报表 tables (shenbao.md §1), in the order they are written. */
export const OFFICIAL_SHEETS = ['表Ⅰ', '表Ⅱ-1', '表Ⅱ-2', '表Ⅲ', '表Ⅳ', '表Ⅴ', '表Ⅵ', '一票否决'] as const;
/** The product's three working sheets (shenbao.md §12), in the order they are added after the official tables. */
export const WORKING_SHEETS = [SHEET_UNITS_REPORT, SHEET_BALANCE_REPORT, SHEET_ISSUES_REPORT] as const;
export const GENERATED_SHEETS = [...OFFICIAL_SHEETS, ...WORKING_SHEETS] as const;
/** Names of the working sheets before issue 13: a recorded sheet of these names is deleted (migration). */
export const LEGACY_GENERATED_SHEETS = ['学校达标情况', '校际均衡情况', '问题清单'] as const;

/** The product's two very hidden record sheets (shenbao.md §1; src/report/markstore.ts): never input, never listed to the user. */
export const MARK_STORE_SHEET = '均衡核验_标记记录';
export const GENERATED_RECORD_SHEET = '均衡核验_生成记录';
export const RECORD_SHEETS: readonly string[] = [MARK_STORE_SHEET, GENERATED_RECORD_SHEET];
export const isRecordSheet = (name: string): boolean => RECORD_SHEETS.includes(name.trim());
/** Tab colour of the working sheets. */
export const WORKING_TAB_COLOR = '#808080';
/** The start of row 2 of every working sheet. */
export const WORKING_SHEET_WARNING = '核验用工作表，不是申报表，请勿粘贴到申报表；申报表见「表Ⅰ」至「表Ⅵ」。';


/**
 * count: a whole number ≥ 0; level: a 学业水平 Ⅰ–Ⅳ (stored 1–4) or 「未监测」; ratio-or-na: a 校际差异率 0 ≤ x < 1 or
 * 「未监测」 (template-additions §3).
 */
export type CountyRowKind = 'text' | 'number' | 'count' | 'percent' | 'ratio' | 'ratio-or-na' | 'level' | 'yesno';

export interface CountyRowSpec {
  key: string;
  label: string;
  kind: CountyRowKind;
  /** Item that uses this row (for messages and the 填报说明). */
  item?: string;
  /** Other labels read as this row. */
  aliases?: readonly string[];
  /** A row added by template 2017-v2: what it feeds, printed at the end of its 填写要求 (「用于 表Ⅰ …」). */
  feeds?: string;
}

const Q9_SUBJECTS = [
  ['Chinese', '语文'],
  ['Math', '数学'],
  ['Science', '科学'],
  ['PE', '体育'],
  ['Arts', '艺术'],
  ['Moral', '德育'],
] as const;

export { VETO_LABELS };

/** The 51 rows added by template 2017-v2, in the order of template-additions §3.1–§3.9. */
export const COUNTY_ROWS_V2: readonly CountyRowSpec[] = [
  { key: 'population', label: '人口总数(万人)', kind: 'number', feeds: '表Ⅰ' },
  { key: 'ruralPopulation', label: '农业人口数(万人)', kind: 'number', feeds: '表Ⅰ' },
  { key: 'townships', label: '乡镇数(个)', kind: 'count', feeds: '表Ⅰ' },
  { key: 'villages', label: '行政村数(个)', kind: 'count', feeds: '表Ⅰ' },
  { key: 'gdpPerCapita', label: '年人均国内生产总值(元)', kind: 'number', feeds: '表Ⅰ' },
  { key: 'revenuePerCapita', label: '年人均地方财政收入(元)', kind: 'number', feeds: '表Ⅰ' },
  { key: 'ruralIncome', label: '农民年人均纯收入(元)', kind: 'number', aliases: ['农村居民人均可支配收入(元)'], feeds: '表Ⅰ' },
  { key: 'urbanIncome', label: '城镇居民年人均可支配收入(元)', kind: 'number', feeds: '表Ⅰ' },
  { key: 'primaryStaff', label: '小学教职工数(人)', kind: 'count', feeds: '表Ⅰ' },
  { key: 'juniorStaff', label: '初中教职工数(人)', kind: 'count', feeds: '表Ⅰ' },
  { key: 'specialFundingTotal', label: '特殊教育学校公用经费总额(元)', kind: 'number', item: 'G7', feeds: '表Ⅳ-7、G7' },
  { key: 'specialStudents', label: '特殊教育学校在校生数(人)', kind: 'count', item: 'G7', feeds: '表Ⅳ-7、G7' },
  { key: 'quotaRural', label: '其中分配到农村初中的名额数(人)', kind: 'count', feeds: '表Ⅳ-14' },
  { key: 'migrantPublicOnly', label: '其中在公办学校就读的随迁子女数(人)', kind: 'count', item: 'G15', feeds: '表Ⅳ-15、G15' },
  { key: 'migrantPurchased', label: '其中在政府购买服务的民办学校就读的随迁子女数(人)', kind: 'count', item: 'G15', feeds: '表Ⅳ-15、G15' },
  { key: 'q1Graduates', label: '初中毕业班学生数(人)', kind: 'count', item: 'Q1', feeds: '表Ⅴ-1、Q1' },
  { key: 'q1Entrants', label: '三年前该年级入学学生数(人)', kind: 'count', item: 'Q1', feeds: '表Ⅴ-1、Q1' },
  { key: 'q1TransfersIn', label: '毕业年级三年转入学生数(人)', kind: 'count', item: 'Q1', feeds: '表Ⅴ-1、Q1' },
  { key: 'q1TransfersOut', label: '毕业年级三年转出学生数(人)', kind: 'count', item: 'Q1', feeds: '表Ⅴ-1、Q1' },
  { key: 'q1Deaths', label: '毕业年级三年死亡学生数(人)', kind: 'count', item: 'Q1', feeds: '表Ⅴ-1、Q1' },
  { key: 'disabledChildren', label: '适龄残疾儿童少年数(人)', kind: 'count', item: 'Q2', feeds: '表Ⅴ-2、Q2' },
  { key: 'disabledEnrolled', label: '其中已入学的适龄残疾儿童少年数(人)', kind: 'count', item: 'Q2', feeds: '表Ⅴ-2、Q2' },
  { key: 'disabledInSpecial', label: '其中在特殊教育学校就读的残疾儿童少年数(人)', kind: 'count', feeds: '表Ⅴ-2' },
  { key: 'srSurveys', label: '社会认可度问卷总数(份)', kind: 'count', feeds: '表Ⅵ' },
  { key: 'srValid', label: '社会认可度回收有效问卷数(份)', kind: 'count', feeds: '表Ⅵ' },
  { key: 'srSatisfied', label: '社会认可度满意问卷数(份)', kind: 'count', feeds: '表Ⅵ' },
  { key: 'srVisits', label: '社会认可度实地走访人数(人)', kind: 'count', feeds: '表Ⅵ' },
  { key: 'srVisitsSatisfied', label: '社会认可度实地走访满意人数(人)', kind: 'count', feeds: '表Ⅵ' },
  { key: 'srParentSurveys', label: '其中家长问卷总数(份)', kind: 'count', feeds: '表Ⅵ' },
  { key: 'srParentValid', label: '其中家长回收有效问卷数(份)', kind: 'count', feeds: '表Ⅵ' },
  { key: 'srParentSatisfied', label: '其中家长满意问卷数(份)', kind: 'count', feeds: '表Ⅵ' },
  { key: 'srParentVisits', label: '其中家长实地走访人数(人)', kind: 'count', feeds: '表Ⅵ' },
  { key: 'srParentVisitsSatisfied', label: '其中家长实地走访满意人数(人)', kind: 'count', feeds: '表Ⅵ' },
  ...Q9_SUBJECTS.flatMap(([k, zh]): CountyRowSpec[] => [
    { key: `q9Level${k}`, label: `质量监测${zh}学业水平`, kind: 'level', item: 'Q9', feeds: '表Ⅴ-9、Q9' },
    { key: `q9Gap${k}`, label: `质量监测${zh}校际差异率`, kind: 'ratio-or-na', item: 'Q9', feeds: '表Ⅴ-9、Q9' },
  ]),
  ...VETO_LABELS.map((label, i): CountyRowSpec => ({ key: `veto${i + 1}`, label, kind: 'yesno', item: `V${i + 1}`, feeds: `一票否决、V${i + 1}` })),
];

/** The Q9 subject row keys, in order: [level key, gap key, subject]. */
export const Q9_SUBJECT_ROWS: readonly (readonly [string, string, string])[] = Q9_SUBJECTS.map(([k, zh]) => [`q9Level${k}`, `q9Gap${k}`, zh] as const);

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
  ...COUNTY_ROWS_V2,
];

/** The rows of template 2017-v1 (the first 25). */
export const COUNTY_ROWS_V1: readonly CountyRowSpec[] = COUNTY_ROWS.slice(0, COUNTY_ROWS.length - COUNTY_ROWS_V2.length);

/** The 8 evidence rows whose 简要结论 (column E) the tables print. */
export const CONCLUSION_ROWS = ['G1', 'G2', 'G10', 'Q3', 'Q5', 'Q6', 'Q7', 'Q8'] as const;

/**
 * Normalises a header or item label for matching: spaces and line breaks removed, full-width
 * brackets to ASCII, m²/m2/平方米 to ㎡. Money units are handled by the caller.
 */
export function normaliseHeader(text: string): string {
  return text
    .replace(/[\s\u3000\u00a0\u200b-\u200d\u2060\ufeff]+/g, '')
    .replace(/;/g, '；')
    .replace(/[“”"]/g, '')
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
