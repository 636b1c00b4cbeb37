/** Checks across the fields of one 「学校基本信息」 row: students against the school type, parts against wholes. */
import type { ColumnSpec } from '../../domain/columns';
import type { School, SchoolField } from '../../domain/model';
import { TYPE_STAGES } from '../../domain/model';
import { SCHOOL_COLUMNS } from '../schema';
import { defineCheck, issueAt, type RowCtx } from './define';
import { requiredBlank } from './rows';

export const studentsRequired = defineCheck({
  meta: { code: 'students-required', severity: 'error', meaning: '学校类型应有该学段在校生，但为空或0' },
  messages: { missing: { text: '{{type}}应有{{stage}}在校生，但「{{header}}」{{state}}', fix: '请填写{{stage}}在校生数；如学校类型填错，请更正「学校类型」' } },
});

export const studentsNotInType = defineCheck({
  meta: { code: 'students-not-in-type', severity: 'error', meaning: '学校类型没有该学段，却填了在校生' },
  messages: {
    extra: { text: '学校类型为{{type}}，不应有{{stage}}在校生，但「{{header}}」为 {{value}}', fix: '请核对学校类型；若确有{{stage}}学生，请将学校类型改为相应的一贯制或完全中学' },
  },
});

const PART_TEXT = '「{{part}}」{{value}} 大于「{{whole}}」{{total}}';

export const subareaExceeds = defineCheck({
  meta: { code: 'subarea-exceeds', severity: 'error', meaning: '“其中”项大于总数（室内体育用房、达标音乐/美术教室）' },
  messages: {
    indoorSports: { text: PART_TEXT, fix: '室内体育用房面积是教学及辅助用房面积的一部分，不能大于后者，请核对' },
    music96: { text: PART_TEXT, fix: '面积达标的音乐专用教室是音乐专用教室的一部分，请核对' },
    art90: { text: PART_TEXT, fix: '面积达标的美术专用教室是美术专用教室的一部分，请核对' },
  },
});

export const migrantExceeds = defineCheck({
  meta: { code: 'migrant-exceeds', severity: 'error', meaning: '随迁子女数大于在校生总数' },
  messages: { exceeds: { text: '「随迁子女在校生数(人)」{{value}} 大于在校生总数 {{total}}', fix: '随迁子女是在校生的一部分，请核对' } },
});

/**
 * 元 typed into a (万元) column, or 万元 into a (元) column: the equipment value per student lies far outside any
 * school's (the standard asks 2 000 and 2 500 元). A warning: the value is used as it is read.
 */
export const moneyScaleDoubtful = defineCheck({
  meta: { code: 'money-scale-doubtful', severity: 'warning', meaning: '金额与表头单位（元/万元）明显不符：表头为万元时生均教学仪器设备值超过10万元，表头为元时不足2元（数值照读照用）' },
  messages: {
    yuanInWan: {
      text: '按表头「{{header}}」的万元计，生均教学仪器设备值为{{perStudent}}元，是标准值的数十倍以上，可能把元填进了万元列',
      fix: '该列以万元为单位，如 356000 元应填 35.6；若整列填的都是元，请把表头改为「教学仪器设备资产值(元)」',
    },
    wanInYuan: {
      text: '按表头「{{header}}」的元计，生均教学仪器设备值仅{{perStudent}}元，可能把万元填进了元列',
      fix: '该列以元为单位，如 35.6 万元应填 356000；若整列填的都是万元，请把表头改为「教学仪器设备资产值(万元)」',
    },
  },
});

/**
 * An area per student far beyond any school's (about 50 times the standard: 5.8 ㎡ of 教学及辅助用房, 10.2 ㎡ of
 * 室外运动场地 for 初中): a digit typed twice, or ㎡ and 亩 confused. A warning: the value is used as it is read, and
 * the plan is computed with it (it says so).
 */
export const areaDoubtful = defineCheck({
  meta: { code: 'area-doubtful', severity: 'warning', meaning: '生均面积明显超出实际：教学及辅助用房超过300㎡/生且超过5万㎡，或室外运动场地超过500㎡/生且超过10万㎡（数值照读照用）' },
  messages: {
    perStudent: {
      text: '按在校生 {{students}} 人计，生均{{what}}为 {{perStudent}}㎡，远超标准值，可能多打了位数或填错了列',
      fix: '请核对「{{header}}」；数值照读照用，补充方案也按它计算',
    },
  },
});

/**
 * Areas per student (㎡) beyond these read as a typing slip (area-doubtful), when the area is also larger than any
 * school's (a village 教学点 of 4 pupils in an old 村小 building of 1 300 ㎡ is not one).
 */
const AREA_PER_STUDENT_MAX = { teachingArea: 300, outdoorSportsArea: 500 } as const;
const AREA_MIN = { teachingArea: 50_000, outdoorSportsArea: 100_000 } as const;

/** Equipment per student above this (元) reads as 元 typed into 万元 (50 times the 初中 standard of 2 500). */
const EQUIPMENT_PER_STUDENT_MAX = 100_000;
/** …and below this with a (元) header as 万元 typed into 元. */
const EQUIPMENT_PER_STUDENT_MIN = 2;

export function headerOf(specs: readonly ColumnSpec[], field: string): string {
  return specs.find((s) => s.field === field)?.header ?? field;
}

/** The columns that must be filled in, always or for a school with resources; the others are never checked for blanks. */
const REQUIRED_COLUMNS = SCHOOL_COLUMNS.filter((spec) => spec.required !== 'no');

/** The student counts by the part of the school type they belong to. */
const STUDENT_PARTS = [
  ['studentsPrimary', '小学'],
  ['studentsJunior', '初中'],
  ['studentsSenior', '高中'],
] as const;

/** An “其中” count may not exceed its whole (室内体育用房 ≤ 教学及辅助用房, 达标音乐/美术教室 ≤ 音乐/美术教室). */
function checkPartOfWhole(ctx: RowCtx, s: School, part: keyof School & SchoolField, whole: keyof School & SchoolField, id: 'indoorSports' | 'music96' | 'art90'): void {
  const p = s[part] as number | null;
  const w = s[whole] as number | null;
  if (p === null || w === null || s.bad.has(part) || s.bad.has(whole)) return;
  if (p > w) {
    s.bad.add(part);
    issueAt(ctx, part, subareaExceeds, id, { part: headerOf(SCHOOL_COLUMNS, part), value: p, whole: headerOf(SCHOOL_COLUMNS, whole), total: w });
  }
}

/** The checks of one school row, after its cells are parsed; a field found wrong is marked bad. */
export function checkSchool(ctx: RowCtx, s: School): void {
  for (const spec of REQUIRED_COLUMNS) {
    // The name is kept as '' when blank (for messages), so '' counts as blank here.
    const value = (s as unknown as Record<string, unknown>)[spec.field];
    const blank = value === null || value === '';
    if (!blank || s.bad.has(spec.field)) continue;
    if (spec.required === 'yes' || (spec.required === 'resource' && s.type !== '特殊教育学校' && s.type !== null)) {
      s.bad.add(spec.field);
      issueAt(ctx, spec.field, requiredBlank, spec.required === 'resource' ? 'resource' : 'required', { header: spec.header });
    }
  }
  if (s.type) {
    const parts = TYPE_STAGES[s.type];
    for (const [field, stage] of STUDENT_PARTS) {
      if (s.bad.has(field)) continue;
      const has = parts[stage];
      const v = s[field];
      if (has && field !== 'studentsSenior' && (v === null || v === 0)) {
        s.bad.add(field);
        issueAt(ctx, field, studentsRequired, 'missing', { type: s.type, stage, header: headerOf(SCHOOL_COLUMNS, field), state: v === null ? '为空' : '为0' });
      } else if (has && field === 'studentsSenior' && v === null) {
        s.bad.add(field);
        issueAt(ctx, field, requiredBlank, 'seniorStudents', { type: s.type, header: headerOf(SCHOOL_COLUMNS, field) });
      } else if (!has && v !== null && v > 0 && s.type !== '特殊教育学校') {
        // A 特殊教育学校 is out of the resource computation (template.md): its pupils by 学段 are not a contradiction.
        s.bad.add(field);
        issueAt(ctx, field, studentsNotInType, 'extra', { type: s.type, stage, header: headerOf(SCHOOL_COLUMNS, field), value: v });
      }
    }
  }
  checkPartOfWhole(ctx, s, 'indoorSportsArea', 'teachingArea', 'indoorSports');
  checkPartOfWhole(ctx, s, 'musicRooms96', 'musicRooms', 'music96');
  checkPartOfWhole(ctx, s, 'artRooms90', 'artRooms', 'art90');
  // Compared only with usable counts: a student count with an error of its own would give a false second error.
  const studentsUsable = !s.bad.has('studentsPrimary') && !s.bad.has('studentsJunior') && !s.bad.has('studentsSenior');
  if (s.migrantStudents !== null && !s.bad.has('migrantStudents') && studentsUsable) {
    const total = (s.studentsPrimary ?? 0) + (s.studentsJunior ?? 0) + (s.studentsSenior ?? 0);
    if (s.migrantStudents > total) issueAt(ctx, 'migrantStudents', migrantExceeds, 'exceeds', { value: s.migrantStudents, total });
  }
  if (s.equipmentYuan !== null && s.equipmentYuan > 0 && !s.bad.has('equipmentYuan') && studentsUsable) {
    const students = (s.studentsPrimary ?? 0) + (s.studentsJunior ?? 0) + (s.studentsSenior ?? 0);
    const scale = ctx.layout.scales.equipmentYuan ?? 10_000;
    const perStudent = students > 0 ? s.equipmentYuan / students : null;
    const data = () => ({ header: ctx.grid.values[ctx.layout.headerRow]?.[ctx.layout.columns.equipmentYuan]?.toString().trim() ?? headerOf(SCHOOL_COLUMNS, 'equipmentYuan'), perStudent: Math.round(perStudent!) });
    if (perStudent !== null && scale === 10_000 && perStudent > EQUIPMENT_PER_STUDENT_MAX) issueAt(ctx, 'equipmentYuan', moneyScaleDoubtful, 'yuanInWan', data());
    else if (perStudent !== null && scale === 1 && perStudent < EQUIPMENT_PER_STUDENT_MIN) issueAt(ctx, 'equipmentYuan', moneyScaleDoubtful, 'wanInYuan', { ...data(), perStudent: Number(perStudent.toPrecision(2)) });
  }
  if (studentsUsable && s.type !== '特殊教育学校') {
    const students = (s.studentsPrimary ?? 0) + (s.studentsJunior ?? 0) + (s.studentsSenior ?? 0);
    for (const [field, what] of [['teachingArea', '教学及辅助用房面积'], ['outdoorSportsArea', '室外运动场地面积']] as const) {
      const area = s[field];
      if (students <= 0 || area === null || s.bad.has(field) || area / students <= AREA_PER_STUDENT_MAX[field] || area <= AREA_MIN[field]) continue;
      issueAt(ctx, field, areaDoubtful, 'perStudent', { students, what, perStudent: Math.round(area / students), header: headerOf(SCHOOL_COLUMNS, field) });
    }
  }
}
