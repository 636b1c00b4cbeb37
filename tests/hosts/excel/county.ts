/**
 * Generated counties of any size for the Office.js adapter tests: valid standard-template grids
 * (a title row above each header, every required column, every county item), with a mix of school
 * types and a steady share of schools that miss something, so that marks land on every input sheet.
 *
 * Headers and item labels are copied from spec/template.md (not imported from src/).
 */
import { countyGrid, gridOf, positionalColumns } from '../../../src/sample/builder';
import type { CellGrid, CellValue } from '../../../src/template/grid';

const SCHOOL_HEADERS = [
  '学校标识码', '学校名称', '学校类型', '办学性质', '城乡分类', '是否寄宿制学校', '小学在校生数(人)', '初中在校生数(人)',
  '高中在校生数(人)', '随迁子女在校生数(人)', '教学及辅助用房面积(㎡)', '其中室内体育用房面积(㎡)', '室外运动场地面积(㎡)',
  '教学仪器设备资产值(万元)', '网络多媒体教室数(间)', '音乐专用教室数(间)', '其中面积不小于96㎡的音乐专用教室数(间)',
  '美术专用教室数(间)', '其中面积不小于90㎡的美术专用教室数(间)', '年度公用经费预算(万元)', '教师培训经费(万元)', '核定公用经费学生数(人)',
];

const STAGE_HEADERS = [
  '学校标识码', '学段', '班级数(个)', '最大班额(人)', '专任教师数(人)', '研究生学历专任教师数(人)', '本科学历专任教师数(人)',
  '专科学历专任教师数(人)', '高中及以下学历专任教师数(人)', '县级及以上骨干教师数(人)', '体育专任教师数(人)', '音乐专任教师数(人)',
  '美术专任教师数(人)', '艺术专任教师数(人)', '持有教师资格证专任教师数(人)', '5年内完成360学时培训专任教师数(人)', '就近划片入学学生数(人)',
];

/** 县级指标, all passing; 初中三年巩固率 is a fraction shown as a percentage (number format '0.00%'). */
const COUNTY_ROWS: [string, CellValue, string?][] = [
  ['区县名称', '测试县'], ['统计年度', 2024], ['特殊教育学校生均公用经费(元)', 6500], ['义务教育学校教师年平均工资收入(元)', 98000],
  ['当地公务员年平均工资收入(元)', 96000], ['符合交流条件教师数(人)', 1000], ['交流轮岗教师数(人)', 150], ['其中交流轮岗骨干教师数(人)', 40],
  ['优质高中招生计划数(人)', 2000], ['分配到初中学校的招生名额数(人)', 1200], ['符合条件的随迁子女数(人)', 900],
  ['在公办学校和政府购买服务的民办学校就读的随迁子女数(人)', 850], ['初中三年巩固率(%)', 0.9712, '0.00%'], ['残疾儿童少年入学率(%)', 97],
  ['质量监测学业水平达到Ⅲ级以上', '是'], ['质量监测校际差异率', 0.1], ['社会认可度(%)', 90], ['学校规划布局合理', '是'],
  ['城乡学校建设、编制、经费、装备标准统一', '是'], ['县级统筹分配各校教职工编制和岗位', '是'], ['学校制定章程并实现管理与教学信息化', '是'],
  ['教师熟练运用信息化手段组织教学', '是'], ['德育工作和校园文化建设达到良好以上', '是'], ['课程开齐开足、综合实践活动有效开展', '是'], ['无过重课业负担', '是'],
];

const TYPES = ['小学', '小学', '小学', '初中', '小学', '九年一贯制学校', '初中', '小学', '小学教学点', '初中'] as const;
const LOCALITIES = ['城区', '镇区', '乡村'] as const;

export interface CountyOptions {
  /** Every n-th school (from the 4th) has too little equipment (R6 fails); 1 for all, 0 for none. Default 7. */
  failEvery?: number;
}

/** The three template sheets of a county of `n` schools. */
export function generateCounty(n: number, options: CountyOptions = {}): CellGrid[] {
  const failEvery = options.failEvery ?? 7;
  const schools: CellValue[][] = [];
  const stages: CellValue[][] = [];
  const stageRow = (code: string, stage: '小学' | '初中', students: number, i: number): CellValue[] => {
    const teachers = Math.ceil(students * 0.07);
    const backbone = Math.ceil(students * 0.015);
    const classes = Math.ceil(students / 40);
    const certifiedShort = failEvery > 0 && i % (failEvery * 5) === 1;
    const bigClass = failEvery > 0 && i % (failEvery * 3) === 5;
    return [
      code, stage, classes, bigClass ? 56 : 42, teachers, 1, teachers - 3, 2, 0, backbone, Math.ceil(students * 0.006),
      Math.ceil(students * 0.004), Math.ceil(students * 0.004), 0, certifiedShort ? teachers - 1 : teachers, teachers, students,
    ];
  };
  for (let i = 0; i < n; i++) {
    const type = TYPES[i % TYPES.length];
    const code = `36${String(10_000_000 + i).slice(-8)}`;
    const through = type === '九年一贯制学校';
    const primary = type === '小学' ? 600 + ((i * 37) % 900) : type === '小学教学点' ? 60 + (i % 30) : through ? 500 + (i % 600) : null;
    const junior = type === '初中' ? 500 + ((i * 53) % 800) : through ? 400 + (i % 500) : null;
    const weighted = (primary ?? 0) + 1.1 * (junior ?? 0);
    const total = (primary ?? 0) + (junior ?? 0);
    const classes = Math.ceil((primary ?? 0) / 40) + Math.ceil((junior ?? 0) / 40);
    const rooms = Math.ceil(classes / 12) + 1;
    const poorEquipment = failEvery > 0 && i % failEvery === 3 % failEvery;
    const budget = Math.round(weighted * 0.08 * 100) / 100;
    const name = `测试县第${i + 1}${type === '初中' ? '中学' : type === '九年一贯制学校' ? '学校' : type === '小学教学点' ? '教学点' : '小学'}`;
    const studentsCell: CellValue = primary !== null && i % 97 === 0 ? ` ${primary} ` : primary;
    schools.push([
      code, name, type, '公办', LOCALITIES[i % 3], '否', studentsCell, junior, null, Math.floor(total * 0.05),
      Math.round(weighted * 7), Math.round(weighted * 0.5), Math.round(weighted * 12),
      Math.round(weighted * (poorEquipment ? 1500 : 3000)) / 10000, Math.ceil(weighted * 0.03), rooms, rooms, rooms, rooms,
      budget, Math.round(budget * 0.06 * 100) / 100, Math.max(100, total),
    ]);
    if (primary !== null) stages.push(stageRow(code, '小学', primary, i));
    if (junior !== null) stages.push(stageRow(code, '初中', junior, i));
  }
  return [
    { name: '填报说明', values: [['请按标准模板填写各表。']] },
    gridOf('学校基本信息', positionalColumns(SCHOOL_HEADERS), schools, { title: [['测试县义务教育学校基本信息（统计年度：2024）']] }),
    gridOf('分学段信息', positionalColumns(STAGE_HEADERS), stages, { title: [['测试县分学段信息']] }),
    countyGrid('县级指标', COUNTY_ROWS.map(([label, value, format]) => ({ label, value, format: format ?? null }))),
  ];
}
