/**
 * 表Ⅳ 政府保障程度评估指标指标 (shenbao.md §7): 15 items in two blocks (rows 3–10 and 13–19, a second header
 * at row 12 as the source). Column A: the form's label with the profile's thresholds; B: the form's
 * sentence with its 「＿＿」 filled from the data (or the 简要结论 of an evidence item); C: the engine's verdict.
 */
import { atLeast, atMost } from '../../domain/numbers';
import { num, stageRowsByCode } from '../../domain/rules/item-kit';
import { g6StudentFields } from '../../domain/rules/g6-small-school-funding';
import { COLUMN_AREA } from '../../domain/rules/g3-music-art-rooms';
import { isBlocked, migrantSplitSum, specialEdPerStudent } from '../../domain/county-derived';
import { roundHalfUp } from './round';
import { STAGES, TYPE_STAGES, type School, type Stage } from '../../domain/model';
import type { Issue } from '../../template/issues';
import type { Analysis } from '../analysis';
import type { SheetCell, SheetGrid } from '../model';
import {
  Blanks, countyConclusion, countyInputName, countyNum, fieldInputName, footnote, formLabel, hasBlank, head, missingStageRows, n, pct, plain, row, schoolBad,
  roundedWarning, schoolChecks, sentence, stageBad, stageExtra, stageRowInputName, t, text, title, verdictWord, type Fill,
} from './kit';

export const SHEET_IV = '表Ⅳ';

/** A sentence being filled: the values of its blanks and the inputs that leave some open. */
export class Filler {
  readonly fills: Fill[] = [];
  readonly missing: string[] = [];
  /** Values printed rounded that seem to meet their minimum while the real value misses it (shenbao.md §2.2). */
  private readonly near: { shown: number; digits: number; value: number; limit: number; label: string }[] = [];
  /** Why a blank stays open when no input is missing (a clause: 「因…」). */
  private readonly reasons: string[] = [];
  constructor(private readonly a: Analysis) {}
  /** A county number, or 「＿＿」 naming its row. */
  county(key: string, d = 0, scale = 1): number | null {
    const v = countyNum(this.a, key);
    this.fills.push(n(v === null ? null : v / scale, d));
    if (v === null) this.miss(countyInputName(this.a, key));
    return v;
  }
  push(f: Fill, ...missing: string[]): void {
    this.fills.push(f);
    if (f === null) this.miss(...missing);
  }
  /** A number printed with `d` decimals that is compared with a minimum `limit` (null: nothing to compare with). */
  againstMin(x: number | null, d: number, limit: number | null, label = '', ...missing: string[]): void {
    this.push(n(x, d), ...missing);
    this.watch(x, d, limit, label);
  }
  /** A ratio (%) compared with a minimum `limit` (%): printed as pct(), watched like againstMin. */
  ratio(part: number | null, whole: number | null, limit: number, label = ''): void {
    const f = pct(part, whole);
    this.fills.push(f);
    if (f && 'n' in f) this.watch(f.n, 1, limit, label);
  }
  /**
   * The one check of §2.2 for every value a sentence prints against a minimum: rounded to the printed digits it
   * reaches the limit as printed, while the unrounded value misses it (the engine's comparison, with its tolerance).
   */
  watch(value: number | null, digits: number, limit: number | null, label = ''): void {
    if (value === null || limit === null || !Number.isFinite(value) || !Number.isFinite(limit)) return;
    const shown = roundHalfUp(value, digits);
    if (shown >= roundHalfUp(limit, digits) && !atLeast(value, limit, this.a.profile.tolerance)) this.near.push({ shown, digits, value, limit, label });
  }
  miss(...inputs: string[]): void {
    for (const i of inputs) if (!this.missing.includes(i)) this.missing.push(i);
  }
  /** An open blank that no input can fill: `reason` says why (the warning names it instead of an input). */
  because(reason: string): void {
    if (!this.reasons.includes(reason)) this.reasons.push(reason);
  }
  text(template: string): string {
    return sentence(template, this.fills);
  }
  /** Records the open blanks of the sentence in `cell`. */
  report(blanks: Blanks, cell: string, issues?: Issue[], sheet?: string): void {
    if (issues && sheet) for (const w of this.near) issues.push(roundedWarning(sheet, cell, w.shown, w.digits, w.value, w.limit, 'below', w.label));
    if (!hasBlank(this.fills)) return;
    for (const r of this.reasons) blanks.because(cell, r);
    for (const m of this.missing.length || this.reasons.length ? this.missing : ['相关数据']) blanks.add(cell, m);
  }
}

/** Σ of a field over rows: null (with the inputs named) when any is blank or erroneous. */
export function sumOf<T>(list: T[], get: (x: T) => number | null, bad: (x: T) => boolean, input: (bad: boolean) => string): { v: number | null; missing: string[] } {
  let s = 0;
  const missing = new Set<string>();
  for (const x of list) {
    const v = get(x);
    if (v === null) missing.add(input(bad(x)));
    else s += v;
  }
  return missing.size ? { v: null, missing: [...missing] } : { v: s, missing: [] };
}

/** Σ of a field over every 学段 row: unknown while a row is missing (a school's 学段 absent from 「分学段信息」). */
function stageSum(a: Analysis, field: 'teachers' | 'trainedTeachers' | 'certifiedTeachers'): { v: number | null; missing: string[] } {
  const sum = sumOf(a.read.county.stageRows, (r) => (stageBad(r, field) ? null : r[field]), (r) => stageBad(r, field), (b) => fieldInputName('stages', field, b));
  const gone = STAGES.flatMap((stage) => missingStageRows(a, stage));
  return gone.length ? { v: null, missing: [...sum.missing, ...gone] } : sum;
}

const compulsory = (a: Analysis) => a.read.county.schools.filter((s) => s.type !== '特殊教育学校');

function item4(a: Analysis, f: Filler, schools: readonly School[]): void {
  const { single, through } = a.profile.items.G4;
  const tol = a.profile.tolerance;
  const typeMissing = schools.some((s) => s.type === null);
  const count = (pick: (s: School) => boolean, fields: ('studentsPrimary' | 'studentsJunior')[], limit: number) => {
    if (typeMissing) return f.push(null, fieldInputName('schools', 'type', true));
    let c = 0;
    const missing = new Set<string>();
    for (const s of schools.filter(pick)) {
      const vs = fields.map((fl) => num(s, fl));
      vs.forEach((v, i) => v === null && missing.add(fieldInputName('schools', fields[i], schoolBad(s, fields[i]))));
      if (vs.every((v) => v !== null) && !atMost((vs as number[]).reduce((x, y) => x + y, 0), limit, tol)) c++;
    }
    f.push(missing.size ? null : n(c), ...missing);
  };
  count((s) => s.type === '小学' || s.type === '小学教学点', ['studentsPrimary'], single);
  count((s) => s.type === '初中' || s.type === '完全中学', ['studentsJunior'], single);
  count((s) => s.type === '九年一贯制学校' || s.type === '十二年一贯制学校', ['studentsPrimary', 'studentsJunior'], through);
}

function item5(a: Analysis, f: Filler): void {
  for (const stage of STAGES) {
    const limit = a.profile.items.G5[stage];
    let c = 0;
    const gone = missingStageRows(a, stage);
    let open = gone.length > 0;
    f.miss(...gone);
    for (const r of a.read.county.stageRows.filter((x) => x.stage === stage)) {
      const v = stageExtra(r, 'oversizeClasses');
      if (v !== null) c += v;
      else if (stageBad(r, 'oversizeClasses')) {
        open = true;
        f.miss(fieldInputName('stages', 'oversizeClasses', true));
      } else if (r.maxClassSize === null || stageBad(r, 'maxClassSize') || !atMost(r.maxClassSize, limit, a.profile.tolerance)) {
        // blank counts as 0 only when the row's 最大班额 is within the limit
        open = true;
        f.miss(fieldInputName('stages', 'oversizeClasses'));
      }
    }
    f.push(open ? null : n(c));
  }
}

function item6(a: Analysis, f: Filler, schools: readonly School[]): void {
  const min = a.profile.items.G6.minFundedStudents;
  const scopeKey = (a.profile.items.G6 as { scope?: unknown }).scope;
  if (schools.some((s) => s.type === null)) {
    f.push(null, fieldInputName('schools', 'type', true));
    f.push(null);
    return;
  }
  const missing = new Set<string>();
  const small: [School, number][] = [];
  for (const s of schools) {
    let students: number | null;
    if (scopeKey === 'all-small') {
      const fields = g6StudentFields(s);
      const vs = fields.map((fl) => num(s, fl));
      vs.forEach((v, i) => v === null && missing.add(fieldInputName('schools', fields[i], schoolBad(s, fields[i]))));
      students = vs.some((v) => v === null) ? null : (vs as number[]).reduce((x, y) => x + y, 0);
    } else {
      if (s.type === '小学' && s.locality === null) {
        missing.add(fieldInputName('schools', 'locality', schoolBad(s, 'locality')));
        continue;
      }
      if (!((s.type === '小学' && s.locality === '乡村') || s.type === '小学教学点')) continue;
      students = num(s, 'studentsPrimary');
      if (students === null) missing.add(fieldInputName('schools', 'studentsPrimary', schoolBad(s, 'studentsPrimary')));
    }
    if (students !== null && students < min) small.push([s, students]);
  }
  if (missing.size) {
    f.push(null, ...missing);
    f.push(null);
    return;
  }
  f.push(n(small.reduce((x, [, st]) => x + st, 0)));
  const budget = sumOf(small.map(([s]) => s), (s) => (schoolBad(s, 'publicBudgetYuan') ? null : s.publicBudgetYuan), (s) => schoolBad(s, 'publicBudgetYuan'), (b) => fieldInputName('schools', 'publicBudgetYuan', b));
  f.push(n(budget.v), ...budget.missing);
}

function item7(a: Analysis, f: Filler): void {
  const min = a.profile.items.G7.minFunding;
  const total = f.county('specialFundingTotal', 0, 10000);
  const students = f.county('specialStudents');
  // The 生均 G7 is judged on. Counts given but unusable: G7 is not decided, and the typed 生均 is not printed in its place.
  const perStudent = specialEdPerStudent(a.read.county.countyValues);
  if (isBlocked(perStudent)) f.push(null, ...perStudent.blocked.map((k) => countyInputName(a, k)));
  else if (perStudent !== null) f.againstMin(perStudent, 0, min);
  // No 特殊教育学校 (总额 0, 在校生数 0): the typed 生均 as G7 uses it when there is one, else nothing to divide.
  else if (total !== null && students === 0 && countyNum(a, 'specialEdFunding') === null && !a.read.county.countyValues.specialEdFunding?.error) f.push(t('——'));
  else f.againstMin(countyNum(a, 'specialEdFunding'), 0, min, '', countyInputName(a, 'specialEdFunding'));
}

function item13(a: Analysis, f: Filler, schools: readonly School[]): void {
  const scopeBad = (s: School) => (['locality', 'ownership', 'boarding'] as const).filter((fl) => schoolBad(s, fl));
  if (schools.some((s) => s.type === null)) {
    f.push(null, fieldInputName('schools', 'type', true));
    f.push(null);
    return;
  }
  const unsure: School[] = [];
  const concerned: School[] = [];
  for (const s of schools) {
    if (scopeBad(s).length > 0) unsure.push(s);
    else if ((s.locality === '城区' || s.locality === '镇区') && s.ownership !== '民办' && !s.boarding) concerned.push(s);
  }
  const rowsByCode = stageRowsByCode(a.read.county.stageRows);
  for (const stage of STAGES as readonly Stage[]) {
    if (unsure.length) {
      f.push(null, ...unsure.flatMap((s) => scopeBad(s).map((fl) => fieldInputName('schools', fl, true))));
      continue;
    }
    const field = stage === '小学' ? 'studentsPrimary' : 'studentsJunior';
    let zoned = 0;
    let students = 0;
    const missing = new Set<string>();
    for (const s of concerned) {
      const rs = rowsByCode.get(s.code) ?? [];
      if (TYPE_STAGES[s.type!][stage] && !rs.some((r) => r.stage === stage)) missing.add(stageRowInputName(s, stage));
      for (const r of rs) {
        if (r.stage !== stage) continue;
        const z = stageBad(r, 'zonedAdmissions') ? null : r.zonedAdmissions;
        const st = num(s, field);
        if (z === null) missing.add(fieldInputName('stages', 'zonedAdmissions', stageBad(r, 'zonedAdmissions')));
        if (st === null) missing.add(fieldInputName('schools', field, schoolBad(s, field)));
        zoned += z ?? 0;
        students += st ?? 0;
      }
    }
    if (missing.size) f.push(null, ...missing);
    else f.ratio(zoned, students, a.profile.items.G13[stage] * 100, `${stage}就近划片入学比例`);
  }
}

export function table4(a: Analysis, issues: Issue[]): SheetGrid {
  const p = a.profile;
  const blanks = new Blanks();
  const rows: SheetCell[][] = [];
  rows.push(row(3, { 0: title('表Ⅳ 政府保障程度评估指标指标') }));
  rows.push([head('名称'), head('指标值或简要结论'), head('是否达标')]);
  const G = p.items;
  const labels: Record<number, string> = {
    1: '县域内义务教育学校规划布局合理，符合国家规定要求',
    2: '县域内城乡义务教育学校建设标准统一、教师编制标准统一、生均公用经费基准定额统一、基本装备配置标准统一',
    10: '县级教育行政部门在核定的教职工编制总额和岗位总量内，统筹分配各校教职工编制和岗位数量',
  };
  // Σ 专任教师 is the base of both 表Ⅳ-9 and 表Ⅳ-12: summed once.
  let teachers: ReturnType<typeof stageSum> | undefined;
  const allTeachers = () => (teachers ??= stageSum(a, 'teachers'));
  // The schools of 表Ⅳ-4, -6 and -13: all but 特殊教育学校 (those without a 学校类型 too), listed once.
  let schools: School[] | undefined;
  const nonSpecial = () => (schools ??= compulsory(a));
  const body = (k: number): SheetCell[] => {
    const id = `G${k}`;
    const label = `${k}.${formLabel(a, id, labels[k] ?? '')}`;
    const r = rows.length;
    const cell = `B${r + 1}`;
    const f = new Filler(a);
    let b: string | null = null;
    switch (k) {
      case 1:
      case 2:
      case 10:
        b = countyConclusion(a, id);
        break;
      case 3: {
        const c = schoolChecks(a, 'G3');
        f.push(n(c.scope), fieldInputName('schools', 'type', true));
        f.push(n(c.passing), ...c.missing);
        // A profile's room areas other than the template's columns (96㎡, 90㎡): no input can settle some schools.
        if (c.undecided)
          f.because(
            `因模板统计的是面积不小于${COLUMN_AREA.music}㎡的音乐专用教室和不小于${COLUMN_AREA.art}㎡的美术专用教室，` +
              `不能判断部分学校是否达到所用规则的${plain(G.G3.musicRoomArea)}㎡、${plain(G.G3.artRoomArea)}㎡，无法计算`,
          );
        b = f.text('全县义务教育学校＿＿所，音乐、美术专用教室配备均达到要求的＿＿所。');
        break;
      }
      case 4:
        item4(a, f, nonSpecial());
        b = f.text(`超过${plain(G.G4.single)}人的小学＿＿所，初中＿＿所，超过${plain(G.G4.through)}人的一贯制学校＿＿所`);
        break;
      case 5:
        item5(a, f);
        b = f.text(`超过${plain(G.G5.小学)}人的小学班级＿＿个，超过${plain(G.G5.初中)}人的初中班级＿＿个`);
        break;
      case 6:
        item6(a, f, nonSpecial());
        b = f.text(`不足${plain(G.G6.minFundedStudents)}人的规模较小学校学生数＿＿人，公用经费＿＿元。`);
        break;
      case 7:
        item7(a, f);
        b = f.text('特殊教育学校公用经费为＿＿万元，特殊教育学生数为＿＿人，特殊教育学校生均公用经费为＿＿元');
        break;
      case 8:
        // 表Ⅳ-8 compares the two pays: the teachers' is watched against the civil servants' as printed.
        f.watch(f.county('teacherPay'), 0, f.county('civilServantPay'), '教师年平均工资收入');
        b = f.text('全县义务教育学校教师年平均工资收入为＿＿元，当地公务员年平均工资收入＿＿元');
        break;
      case 9: {
        const trained = stageSum(a, 'trainedTeachers');
        const all = allTeachers();
        f.push(n(trained.v), ...trained.missing);
        f.push(n(all.v), ...all.missing);
        f.ratio(trained.v, all.v, G.G9.rate * 100);
        b = f.text('完成360学时培训的教师＿＿人，全县教师＿＿人，教师培训完成率＿＿%');
        break;
      }
      case 11: {
        const eligible = f.county('eligibleExchange');
        const exchanged = f.county('exchanged');
        f.ratio(exchanged, eligible, G.G11.exchangeRate * 100, '交流轮岗教师比例');
        const backbone = f.county('exchangedBackbone');
        f.ratio(backbone, exchanged, G.G11.backboneRate * 100, '骨干教师比例');
        b = f.text('全县符合交流轮岗条件教师总数＿＿名，上一年度交流轮岗教师＿＿名，交流轮岗教师占符合交流轮岗条件教师总数的比例＿＿%；交流轮岗的骨干教师＿＿名，占交流轮岗教师总数的比例＿＿%');
        break;
      }
      case 12: {
        const all = allTeachers();
        const cert = stageSum(a, 'certifiedTeachers');
        f.push(n(all.v), ...all.missing);
        f.push(n(cert.v), ...cert.missing);
        f.ratio(cert.v, all.v, G.G12.rate * 100);
        b = f.text('全县在岗专任教师＿＿人，其中持有教师资格证的专任教师＿＿人，占比＿＿%');
        break;
      }
      case 13:
        item13(a, f, nonSpecial());
        b = f.text('城区和镇区公办小学、初中（均不含寄宿制学校）就近划片入学比例分别＿＿%、＿＿%。');
        break;
      case 14: {
        const plan = f.county('quotaPlan');
        const allocated = f.county('quotaAllocated');
        f.ratio(allocated, plan, G.G14.rate * 100);
        const rural = f.county('quotaRural');
        f.push(pct(rural, allocated));
        b = f.text('全县优质高中招生名额总数＿＿人，分配名额＿＿人，占比＿＿%。其中分配农村学校的名额＿＿人，占分配名额总数的＿＿%');
        break;
      }
      case 15: {
        const eligible = f.county('migrantEligible');
        f.county('migrantPublicOnly');
        f.county('migrantPurchased');
        let total: number | null;
        const split = migrantSplitSum(a.read.county.countyValues);
        if (isBlocked(split)) {
          // The split rows given but unusable: no 合计 from the combined row beside them.
          total = null;
          for (const k of split.blocked) f.miss(countyInputName(a, k));
        } else if (split !== null) total = split;
        else {
          total = countyNum(a, 'migrantPublic');
          if (total === null) f.miss(countyInputName(a, 'migrantPublic'));
        }
        f.push(n(total));
        f.ratio(total, eligible, G.G15.rate * 100);
        b = f.text('全县符合条件的随迁子女数＿＿人，在公办学校就读＿＿人，在政府购买服务的民办学校就读＿＿人，合计＿＿人，占比＿＿%');
        break;
      }
    }
    f.report(blanks, cell, issues, SHEET_IV);
    return [text(label), text(b), verdictWord(a, id)];
  };
  for (let k = 1; k <= 8; k++) rows.push(body(k));
  rows.push(row(3));
  rows.push([head('指标名称'), head('指标值或简要结论'), head('是否达标')]);
  const secondHeader = rows.length - 1;
  for (let k = 9; k <= 15; k++) rows.push(body(k));
  rows.push(row(3, { 0: footnote('注：表中所有比例数值保留一位小数，其余保留整数。') }));
  const blank = blanks.issue(SHEET_IV, '保留“＿＿”');
  if (blank) issues.push(blank);
  // Landscape and narrower than the source's 71/110 (widths are cosmetic): the sentences wrap and print at
  // about full size on A4.
  return { name: SHEET_IV, rows, widths: [46, 80, 10], frozenRows: 0, landscape: true, rowBreaks: [secondHeader] };
}
