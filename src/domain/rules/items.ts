/**
 * Government (G), quality (Q) and recognition (SR) items (standard §6) as a catalogue.
 * Computable items are computed; evidence items come from 是/否; an item with blank inputs is
 * 未填报 (passes: null) unless an entity that was filled in already fails it. Never silently passed.
 */
import type { County, School, StageRow } from '../model';
import { STAGES, TYPE_STAGES } from '../model';
import { atLeast, atMost, below, fixedAgainst } from '../numbers';
import type { Profile } from '../profile';
import type { CellRef } from '../refs';

export type ItemCategory = '政府保障程度' | '教育质量' | '社会认可度';

export interface ItemResult {
  id: string;
  name: string;
  category: ItemCategory;
  kind: 'computed' | 'evidence';
  passes: boolean | null;
  /** Chinese explanation of the outcome. */
  message: string;
  /** Cells behind a failure. */
  cells: CellRef[];
  /** Blank input cells that left the item 未填报 (each becomes a warning). */
  blanks: CellRef[];
  /** Input cells with an error (or rows missing by an error) that left the item 无法评估 (passes: null). */
  errors: CellRef[];
  /** Keys of 「县级指标」 rows (template schema) that are absent from the sheet. */
  missingRows: string[];
}

interface Check {
  outcome: 'pass' | 'fail' | 'blank' | 'unknown';
  /** Cells behind a failure, blank cells, or (for unknown) the cells whose error blocks the check. */
  refs?: CellRef[];
  /** What failed, for the message. */
  detail?: string;
}

interface Ctx {
  county: County;
  profile: Profile;
  tol: number;
  rowsOf: Map<string, StageRow[]>;
  names: Map<string, string>;
}

export interface ItemRule {
  id: string;
  name: string;
  category: ItemCategory;
  kind: 'computed' | 'evidence';
  source: string;
  /** Short statement of the requirement, in Chinese. */
  requirement: string;
  checks(ctx: Ctx): Check[];
}

const sref = (s: School, field: string): CellRef => ({ sheet: 'schools', row: s.row, field });
const rref = (r: StageRow, field: string): CellRef => ({ sheet: 'stages', row: r.row, field });

/** Schools covered by the government and quality items (§2): all but 特殊教育学校 and unknown types. */
function compulsorySchools(ctx: Ctx): School[] {
  return ctx.county.schools.filter((s) => s.type !== null && s.type !== '特殊教育学校');
}

/** An unknown outcome blocked by the error in these cells. */
const blocked = (refs: CellRef[]): Check => ({ outcome: 'unknown', refs });

/**
 * Schools whose type has an error: whether an item concerns them is unknown, so a per-school item cannot
 * pass (or fail) over the other schools only.
 */
function typeUnknown(ctx: Ctx): Check[] {
  return ctx.county.schools.filter((s) => s.type === null).map((s) => blocked([sref(s, 'type')]));
}

/**
 * The 学段 rows a school's type needs but that are missing (an error at the school's 学校标识码 was
 * reported): a per-row item cannot pass over the rows that are present only.
 */
function missingRows(ctx: Ctx, schools: School[] = compulsorySchools(ctx)): Check[] {
  const out: Check[] = [];
  for (const s of schools) {
    const have = new Set(stageRowsOf(ctx, s).map((r) => r.stage));
    if (STAGES.some((st) => TYPE_STAGES[s.type!][st] && !have.has(st))) out.push(blocked([sref(s, 'code')]));
  }
  return out;
}

function num(s: School, field: keyof School): number | null {
  return s.bad.has(field as never) ? null : (s[field] as number | null);
}
function rnum(r: StageRow, field: keyof StageRow): number | null {
  return r.bad.has(field as never) ? null : (r[field] as number | null);
}

interface CountyInput<T> {
  v: T | null;
  ref: CellRef | null;
  missing: string | null;
  /** The cell holds an error (its value is not used). */
  bad: boolean;
}

function countyInput<T>(ctx: Ctx, key: string, pick: (v: unknown) => T | null): CountyInput<T> {
  const cv = ctx.county.countyValues[key];
  if (!cv) return { v: null, ref: null, missing: key, bad: false };
  const bad = cv.error === true;
  return { v: bad ? null : pick(cv.value), ref: { sheet: 'county', row: cv.row, field: 'value' }, missing: null, bad };
}

const countyNumber = (ctx: Ctx, key: string) => countyInput(ctx, key, (v) => (typeof v === 'number' ? v : null));
const countyBool = (ctx: Ctx, key: string) => countyInput(ctx, key, (v) => (typeof v === 'boolean' ? v : null));

/** A check on county values: unknown if any has an error, blank if any is blank, else the predicate. */
function countyCheck(ctx: Ctx, keys: string[], predicate: (v: number[]) => boolean, detail: (v: number[]) => string): Check[] {
  const got = keys.map((k) => countyNumber(ctx, k));
  const bad = got.filter((g) => g.bad);
  if (bad.length) return [blocked(bad.map((g) => g.ref!))];
  const blanks = got.filter((g) => g.v === null);
  if (blanks.length) return [{ outcome: 'blank', refs: blanks.map((g) => g.ref).filter((r): r is CellRef => r !== null), detail: blanks.map((g) => g.missing ?? '').join(',') }];
  const v = got.map((g) => g.v!);
  return [{ outcome: predicate(v) ? 'pass' : 'fail', refs: got.map((g) => g.ref!), detail: detail(v) }];
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

function evidence(id: string, name: string, category: ItemCategory, source: string): ItemRule {
  return {
    id, name, category, kind: 'evidence', source, requirement: `${name}（县级指标表填“是”或“否”）`,
    checks: (ctx) => {
      const b = countyBool(ctx, id);
      if (b.bad) return [blocked([b.ref!])];
      if (b.v === null) return [{ outcome: 'blank', refs: b.ref ? [b.ref] : [], detail: b.missing ?? '' }];
      return [{ outcome: b.v ? 'pass' : 'fail', refs: b.ref ? [b.ref] : [], detail: b.v ? '填报为“是”' : '填报为“否”' }];
    },
  };
}

function stageRowsOf(ctx: Ctx, s: School): StageRow[] {
  return ctx.rowsOf.get(s.code) ?? [];
}

export const ITEMS: readonly ItemRule[] = [
  evidence('G1', '县域内义务教育学校规划布局合理，符合国家规定要求', '政府保障程度', '教督〔2017〕6号 政府保障程度(1)'),
  evidence('G2', '县级人民政府制定义务教育学校办学标准，执行城乡统一的建设、编制、经费、装备标准', '政府保障程度', '教督〔2017〕6号 政府保障程度(2)'),
  {
    id: 'G3', name: '音乐、美术专用教室配备', category: '政府保障程度', kind: 'computed', source: '教督〔2017〕6号 政府保障程度(3)',
    requirement: '每12个班级配备音乐、美术专用教室1间以上，其中音乐教室面积不小于96㎡、美术教室面积不小于90㎡',
    checks: (ctx) => [...typeUnknown(ctx), ...compulsorySchools(ctx).map((s): Check => {
      const rows = stageRowsOf(ctx, s);
      const have = new Set(rows.map((r) => r.stage));
      // A 学段 row missing (an error at the 学校标识码) leaves the class total unknown: the rows present give
      // only a lower bound of the rooms needed, enough to fail but not to pass.
      const rowMissing = STAGES.some((st) => TYPE_STAGES[s.type!][st] && !have.has(st));
      if (rowMissing && rows.length === 0) return blocked([sref(s, 'code')]);
      const badClasses = rows.filter((r) => rnum(r, 'classes') === null);
      if (badClasses.length) return blocked(badClasses.map((r) => rref(r, 'classes')));
      const classes = rows.map((r) => rnum(r, 'classes'));
      const need = Math.ceil(classes.reduce((a: number, c) => a + c!, 0) / ctx.profile.items.G3.classesPerRoom);
      const music = num(s, 'musicRooms96');
      const art = num(s, 'artRooms90');
      // A cell with an error is not blank: it makes the school not evaluable (unless the other count fails).
      const hasError = s.bad.has('musicRooms96') || s.bad.has('artRooms90');
      const failing: CellRef[] = [];
      const blank: CellRef[] = [];
      if (music === null) {
        if (!s.bad.has('musicRooms96')) blank.push(sref(s, 'musicRooms96'));
      } else if (music < need) failing.push(sref(s, 'musicRooms96'));
      if (art === null) {
        if (!s.bad.has('artRooms90')) blank.push(sref(s, 'artRooms90'));
      } else if (art < need) failing.push(sref(s, 'artRooms90'));
      if (failing.length) return { outcome: 'fail' as const, refs: failing, detail: `${s.name}需${need}间，达标音乐教室${music ?? '未填'}间、美术教室${art ?? '未填'}间` };
      if (rowMissing) return blocked([sref(s, 'code')]);
      if (hasError) return blocked((['musicRooms96', 'artRooms90'] as const).filter((f) => s.bad.has(f)).map((f) => sref(s, f)));
      if (blank.length) return { outcome: 'blank' as const, refs: blank };
      return { outcome: 'pass' as const };
    })],
  },
  {
    id: 'G4', name: '学校规模', category: '政府保障程度', kind: 'computed', source: '教督〔2017〕6号 政府保障程度(4)',
    requirement: '小学、初中规模不超过2000人，九年一贯制、十二年一贯制学校义务教育阶段规模不超过2500人',
    checks: (ctx) => [...typeUnknown(ctx), ...compulsorySchools(ctx).map((s): Check => {
      const through = s.type === '九年一贯制学校' || s.type === '十二年一贯制学校';
      const fields: ('studentsPrimary' | 'studentsJunior')[] = through
        ? ['studentsPrimary', 'studentsJunior']
        : s.type === '初中' || s.type === '完全中学' ? ['studentsJunior'] : ['studentsPrimary'];
      const values = fields.map((f) => num(s, f));
      // A needed count is never blank without an error (students-required): null means an error.
      if (values.some((v) => v === null)) return blocked(fields.filter((f) => num(s, f) === null).map((f) => sref(s, f)));
      const total = values.reduce((a: number, v) => a + v!, 0);
      const limit = through ? ctx.profile.items.G4.through : ctx.profile.items.G4.single;
      return atMost(total, limit, ctx.tol)
        ? { outcome: 'pass' as const }
        : { outcome: 'fail' as const, refs: fields.map((f) => sref(s, f)), detail: `${s.name}${total}人（上限${limit}人）` };
    })],
  },
  {
    id: 'G5', name: '班额', category: '政府保障程度', kind: 'computed', source: '教督〔2017〕6号 政府保障程度(5)',
    requirement: '小学、初中所有班级学生数分别不超过45人、50人',
    checks: (ctx) => [...missingRows(ctx), ...ctx.county.stageRows.map((r): Check => {
      const v = rnum(r, 'maxClassSize');
      if (r.bad.has('maxClassSize')) return blocked([rref(r, 'maxClassSize')]);
      if (v === null) return { outcome: 'blank' as const, refs: [rref(r, 'maxClassSize')] };
      const limit = ctx.profile.items.G5[r.stage];
      return atMost(v, limit, ctx.tol)
        ? { outcome: 'pass' as const }
        : { outcome: 'fail' as const, refs: [rref(r, 'maxClassSize')], detail: `${schoolName(ctx, r.code)}${r.stage}最大班额${v}人（上限${limit}人）` };
    })],
  },
  {
    id: 'G6', name: '小规模学校公用经费', category: '政府保障程度', kind: 'computed', source: '教督〔2017〕6号 政府保障程度(6)',
    requirement: '不足100名学生的村小学和教学点按100名学生核定公用经费',
    checks: (ctx) => [
      ...typeUnknown(ctx),
      // A 小学 whose 城乡分类 has an error may be a 村小学.
      ...compulsorySchools(ctx).filter((s) => s.type === '小学' && s.locality === null).map((s) => blocked([sref(s, 'locality')])),
      ...compulsorySchools(ctx)
      .filter((s) => (s.type === '小学' && s.locality === '乡村') || s.type === '小学教学点')
      .map((s): Check => {
        const students = num(s, 'studentsPrimary');
        if (students === null) return blocked([sref(s, 'studentsPrimary')]);
        if (students >= 100) return { outcome: 'pass' as const };
        const funded = num(s, 'fundedStudents');
        const min = ctx.profile.items.G6.minFundedStudents;
        if (s.bad.has('fundedStudents')) return blocked([sref(s, 'fundedStudents')]);
        if (funded === null) return { outcome: 'blank' as const, refs: [sref(s, 'fundedStudents')] };
        return funded >= min
          ? { outcome: 'pass' as const }
          : { outcome: 'fail' as const, refs: [sref(s, 'fundedStudents')], detail: `${s.name}在校生${students}人，核定公用经费学生数${funded}人（应不少于${min}人）` };
      }),
    ],
  },
  {
    id: 'G7', name: '特殊教育学校生均公用经费', category: '政府保障程度', kind: 'computed', source: '教督〔2017〕6号 政府保障程度(7)',
    requirement: '特殊教育学校生均公用经费不低于6000元',
    checks: (ctx) => countyCheck(ctx, ['specialEdFunding'], ([v]) => atLeast(v, ctx.profile.items.G7.minFunding, ctx.tol), ([v]) => `${v}元（标准${ctx.profile.items.G7.minFunding}元）`),
  },
  {
    id: 'G8', name: '教师工资收入', category: '政府保障程度', kind: 'computed', source: '教督〔2017〕6号 政府保障程度(8)',
    requirement: '义务教育学校教师平均工资收入水平不低于当地公务员平均工资收入水平',
    checks: (ctx) => countyCheck(ctx, ['teacherPay', 'civilServantPay'], ([t, c]) => atLeast(t, c, ctx.tol), ([t, c]) => `教师${t}元，公务员${c}元`),
  },
  {
    id: 'G9', name: '教师培训', category: '政府保障程度', kind: 'computed', source: '教督〔2017〕6号 政府保障程度(9)',
    requirement: '教师5年360学时培训完成率达到100%',
    checks: (ctx) => [...missingRows(ctx), ...ctx.county.stageRows.map((r) => ratioRow(ctx, r, 'trainedTeachers', rnum(r, 'teachers'), rref(r, 'teachers'), ctx.profile.items.G9.rate, '完成360学时培训'))],
  },
  evidence('G10', '县级教育行政部门在核定的编制总额内，统筹分配各校教职工编制和岗位数量', '政府保障程度', '教督〔2017〕6号 政府保障程度(10)'),
  {
    id: 'G11', name: '教师交流轮岗', category: '政府保障程度', kind: 'computed', source: '教督〔2017〕6号 政府保障程度(11)',
    requirement: '全县每年交流轮岗教师的比例不低于符合交流条件教师总数的10%，其中骨干教师不低于交流轮岗教师总数的20%',
    checks: (ctx) => countyCheck(ctx, ['eligibleExchange', 'exchanged', 'exchangedBackbone'], ([e, x, b]) => {
      const rateOk = e === 0 || atLeast(x / e, ctx.profile.items.G11.exchangeRate, ctx.tol);
      const backboneOk = x === 0 ? e === 0 : atLeast(b / x, ctx.profile.items.G11.backboneRate, ctx.tol);
      return rateOk && backboneOk;
    }, ([e, x, b]) => `交流比例${e ? pct(x / e) : '—'}，其中骨干教师占${x ? pct(b / x) : '—'}`),
  },
  {
    id: 'G12', name: '教师持证上岗', category: '政府保障程度', kind: 'computed', source: '教督〔2017〕6号 政府保障程度(12)',
    requirement: '专任教师持有教师资格证上岗率达到100%',
    checks: (ctx) => [...missingRows(ctx), ...ctx.county.stageRows.map((r) => ratioRow(ctx, r, 'certifiedTeachers', rnum(r, 'teachers'), rref(r, 'teachers'), ctx.profile.items.G12.rate, '持证'))],
  },
  {
    id: 'G13', name: '就近划片入学', category: '政府保障程度', kind: 'computed', source: '教督〔2017〕6号 政府保障程度(13)',
    requirement: '城区和镇区公办小学、初中（不含寄宿制学校）就近划片入学比例分别达到100%、95%',
    checks: (ctx) => {
      // Whether a school is concerned (城区/镇区, 公办, not 寄宿制) is unknown when one of these cells has an error.
      const scopeBad = (s: School) => (['locality', 'ownership', 'boarding'] as const).filter((f) => s.bad.has(f));
      const maybe = (s: School) =>
        (s.locality === null || s.locality === '城区' || s.locality === '镇区') && s.ownership !== '民办' && (s.bad.has('boarding') || !s.boarding);
      const concerned = compulsorySchools(ctx).filter((s) => scopeBad(s).length === 0 && maybe(s));
      const unsure = compulsorySchools(ctx).filter((s) => scopeBad(s).length > 0 && maybe(s));
      return [
        ...typeUnknown(ctx),
        ...unsure.map((s) => blocked(scopeBad(s).map((f) => sref(s, f)))),
        ...missingRows(ctx, concerned),
        ...concerned.flatMap((s) => stageRowsOf(ctx, s).map((r) => {
          const field = r.stage === '小学' ? 'studentsPrimary' : 'studentsJunior';
          return ratioRow(ctx, r, 'zonedAdmissions', num(s, field), sref(s, field), ctx.profile.items.G13[r.stage], '就近划片入学');
        })),
      ];
    },
  },
  {
    id: 'G14', name: '优质高中招生名额分配', category: '政府保障程度', kind: 'computed', source: '教督〔2017〕6号 政府保障程度(14)',
    requirement: '优质高中招生名额分配比例不低于50%，并向农村初中倾斜',
    checks: (ctx) => countyCheck(ctx, ['quotaPlan', 'quotaAllocated'], ([p, a]) => p > 0 && atLeast(a / p, ctx.profile.items.G14.rate, ctx.tol), ([p, a]) => `分配比例${p ? pct(a / p) : '—'}`),
  },
  {
    id: 'G15', name: '随迁子女就读', category: '政府保障程度', kind: 'computed', source: '教督〔2017〕6号 政府保障程度(15)',
    requirement: '符合条件的随迁子女在公办学校和政府购买服务的民办学校就读的比例不低于85%',
    checks: (ctx) => countyCheck(ctx, ['migrantEligible', 'migrantPublic'], ([e, p]) => e === 0 || atLeast(p / e, ctx.profile.items.G15.rate, ctx.tol), ([e, p]) => `比例${e ? pct(p / e) : '—'}`),
  },
  {
    id: 'Q1', name: '初中三年巩固率', category: '教育质量', kind: 'computed', source: '教督〔2017〕6号 教育质量(1)',
    requirement: '全县初中三年巩固率达到95%以上',
    checks: (ctx) => countyCheck(ctx, ['retentionRate'], ([v]) => atLeast(v, ctx.profile.items.Q1.minPercent, ctx.tol), ([v]) => `${v}%`),
  },
  {
    id: 'Q2', name: '残疾儿童少年入学率', category: '教育质量', kind: 'computed', source: '教督〔2017〕6号 教育质量(2)',
    requirement: '全县残疾儿童少年入学率达到95%以上',
    checks: (ctx) => countyCheck(ctx, ['disabledEnrolment'], ([v]) => atLeast(v, ctx.profile.items.Q2.minPercent, ctx.tol), ([v]) => `${v}%`),
  },
  evidence('Q3', '所有学校制定章程，实现学校管理与教学信息化', '教育质量', '教督〔2017〕6号 教育质量(3)'),
  {
    id: 'Q4', name: '教师培训经费', category: '教育质量', kind: 'computed', source: '教督〔2017〕6号 教育质量(4)',
    requirement: '所有学校按照不低于学校年度公用经费预算总额的5%安排教师培训经费',
    checks: (ctx) => [...typeUnknown(ctx), ...compulsorySchools(ctx).map((s): Check => {
      const bad = (['publicBudgetYuan', 'trainingSpendYuan'] as const).filter((f) => s.bad.has(f));
      if (bad.length) return blocked(bad.map((f) => sref(s, f)));
      const budget = s.publicBudgetYuan;
      const spend = s.trainingSpendYuan;
      const blank = [budget === null ? sref(s, 'publicBudgetYuan') : null, spend === null ? sref(s, 'trainingSpendYuan') : null].filter((r): r is CellRef => r !== null);
      if (blank.length) return { outcome: 'blank' as const, refs: blank };
      const need = ctx.profile.items.Q4.rate * budget!;
      return atLeast(spend!, need, ctx.tol)
        ? { outcome: 'pass' as const }
        : { outcome: 'fail' as const, refs: [sref(s, 'trainingSpendYuan')], detail: `${s.name}培训经费占${budget ? pct(spend! / budget) : '—'}` };
    })],
  },
  evidence('Q5', '教师能熟练运用信息化手段组织教学', '教育质量', '教督〔2017〕6号 教育质量(5)'),
  evidence('Q6', '德育工作、校园文化建设水平达到良好以上', '教育质量', '教督〔2017〕6号 教育质量(6)'),
  evidence('Q7', '课程开齐开足，教学秩序规范，综合实践活动有效开展', '教育质量', '教督〔2017〕6号 教育质量(7)'),
  evidence('Q8', '无过重课业负担', '教育质量', '教督〔2017〕6号 教育质量(8)'),
  {
    id: 'Q9', name: '国家义务教育质量监测', category: '教育质量', kind: 'computed', source: '教督〔2017〕6号 教育质量(9)',
    requirement: '相关科目学生学业水平达到Ⅲ级以上，且校际差异率低于0.15',
    checks: (ctx) => {
      const level = countyBool(ctx, 'monitoringLevel3');
      const gap = countyNumber(ctx, 'monitoringGap');
      const out: Check[] = [];
      if (level.bad) out.push(blocked([level.ref!]));
      else if (level.v === false) out.push({ outcome: 'fail', refs: level.ref ? [level.ref] : [], detail: '学业水平未达到Ⅲ级以上' });
      else if (level.v === null) out.push({ outcome: 'blank', refs: level.ref ? [level.ref] : [], detail: level.missing ?? '' });
      else out.push({ outcome: 'pass' });
      if (gap.bad) out.push(blocked([gap.ref!]));
      else if (gap.v === null) out.push({ outcome: 'blank', refs: gap.ref ? [gap.ref] : [], detail: gap.missing ?? '' });
      else if (below(gap.v, ctx.profile.items.Q9.maxGap, ctx.tol)) out.push({ outcome: 'pass' });
      else out.push({ outcome: 'fail', refs: gap.ref ? [gap.ref] : [], detail: `校际差异率${gap.v}（应低于${ctx.profile.items.Q9.maxGap}）` });
      return out;
    },
  },
  {
    id: 'SR', name: '社会认可度', category: '社会认可度', kind: 'computed', source: '教督〔2017〕6号 社会认可度',
    requirement: '社会认可度达到85%以上',
    checks: (ctx) => countyCheck(ctx, ['recognition'], ([v]) => atLeast(v, ctx.profile.items.SR.minPercent, ctx.tol), ([v]) => `${v}%`),
  },
];

function schoolName(ctx: Ctx, code: string): string {
  return ctx.names.get(code) ?? code;
}

/** part ÷ whole ≥ rate for one 学段 row; a whole of 0 passes (nothing to count). */
function ratioRow(ctx: Ctx, r: StageRow, field: 'trainedTeachers' | 'certifiedTeachers' | 'zonedAdmissions', whole: number | null, wholeRef: CellRef, rate: number, what: string): Check {
  if (r.bad.has(field)) return blocked([rref(r, field)]);
  // The whole (专任教师数, 在校生数) is required: null means an error in its cell.
  if (whole === null) return blocked([wholeRef]);
  const part = r[field];
  if (part === null) return { outcome: 'blank', refs: [rref(r, field)] };
  if (whole === 0 || atLeast(part / whole, rate, ctx.tol)) return { outcome: 'pass' };
  return { outcome: 'fail', refs: [rref(r, field)], detail: `${schoolName(ctx, r.code)}${r.stage}${what}比例${fixedAgainst((part / whole) * 100, rate * 100, 1)}%（标准${pct(rate)}）` };
}


/** Items computed from school or 学段 rows: with no school at all they are 未填报, never passed. */
const SCHOOL_BASED = new Set(['G3', 'G4', 'G5', 'G6', 'G9', 'G12', 'G13', 'Q4']);

export function evaluateItems(county: County, profile: Profile): ItemResult[] {
  const rowsOf = new Map<string, StageRow[]>();
  for (const r of county.stageRows) {
    const list = rowsOf.get(r.code) ?? [];
    list.push(r);
    rowsOf.set(r.code, list);
  }
  const names = new Map(county.schools.map((s) => [s.code, s.name] as const));
  const ctx: Ctx = { county, profile, tol: profile.tolerance, rowsOf, names };
  return ITEMS.map((rule) => {
    const checks = rule.checks(ctx);
    const fails = checks.filter((c) => c.outcome === 'fail');
    const blanks = checks.filter((c) => c.outcome === 'blank');
    const unknown = checks.filter((c) => c.outcome === 'unknown');
    const errors = unknown.flatMap((c) => c.refs ?? []);
    const base = { id: rule.id, name: rule.name, category: rule.category, kind: rule.kind };
    if (SCHOOL_BASED.has(rule.id) && county.schools.length === 0)
      return { ...base, passes: null, message: `未填报：${rule.requirement}。没有学校数据，未评估`, cells: [], blanks: [], errors: [], missingRows: [] };
    // The detail of a blank check lists the absent 县级指标 rows (a check can have blank cells and absent rows at once).
    const missingRows = blanks.flatMap((b) => (b.detail ?? '').split(',').filter(Boolean));
    const blankRefs = blanks.flatMap((b) => b.refs ?? []);
    if (fails.length) {
      const details = fails.map((f) => f.detail).filter(Boolean) as string[];
      const shown = details.slice(0, 5).join('；') + (details.length > 5 ? `；等${details.length}处` : '');
      return { ...base, passes: false, message: `未达标：${rule.requirement}。${shown}`, cells: fails.flatMap((f) => f.refs ?? []), blanks: blankRefs, errors, missingRows };
    }
    // An input with an error blocks the verdict before a blank does: the error is what to fix first.
    if (unknown.length) {
      return { ...base, passes: null, message: `无法评估：${rule.requirement}。相关单元格有错误，请先改正错误`, cells: [], blanks: blankRefs, errors, missingRows };
    }
    if (blanks.length) {
      return { ...base, passes: null, message: `未填报：${rule.requirement}。相关数据空白，未评估`, cells: [], blanks: blankRefs, errors: [], missingRows };
    }
    const details = checks.map((c) => c.detail).filter(Boolean) as string[];
    return { ...base, passes: true, message: `达标：${rule.requirement}${details.length === 1 ? `。${details[0]}` : ''}`, cells: [], blanks: [], errors: [], missingRows };
  });
}

