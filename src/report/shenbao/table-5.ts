/**
 * 表Ⅴ 教育质量评估指标指标 (shenbao.md §8): items Q1–Q9 in rows 4–12 under a two-row header. Q1 and Q2 are
 * computed from the counts of template-additions §3.5–§3.6 when all are given, else the typed rate is printed;
 * Q9 prints each subject's level (Ⅰ–Ⅳ) and 校际差异率 (as entered, at most 3 decimals).
 */
import type { Issue } from '../../template/issues';
import { disabledRateFromCounts, isBlocked, retentionFromCounts } from '../../domain/county-derived';
import type { Analysis } from '../analysis';
import type { SheetCell, SheetGrid } from '../model';
import { Blanks, countyAny, countyConclusion, countyInputName, countyNum, formLabel, head, n, pct, plain, Q9_SUBJECTS, row, schoolChecks, t, text, title, verdictWord } from './kit';
import { Filler } from './table-4';
import { printed } from './round';

export const SHEET_V = '表Ⅴ';

const LEVELS = ['Ⅰ', 'Ⅱ', 'Ⅲ', 'Ⅳ'];
const NOT_MONITORED = '未监测';

function q9Sentence(a: Analysis, f: Filler): string {
  const clauses: string[] = [];
  for (const [name, key] of Q9_SUBJECTS) {
    const level = countyAny(a, `q9Level${key}`);
    const gap = countyAny(a, `q9Gap${key}`);
    if (level === NOT_MONITORED || gap === NOT_MONITORED) {
      clauses.push(`${name}${NOT_MONITORED}`);
      continue;
    }
    const lv = typeof level === 'number' && Number.isInteger(level) && level >= 1 && level <= 4 ? LEVELS[level - 1] : null;
    if (lv === null) f.miss(countyInputName(a, `q9Level${key}`));
    const g = typeof gap === 'number' && Number.isFinite(gap) ? gap : null;
    if (g === null) f.miss(countyInputName(a, `q9Gap${key}`));
    f.fills.push(lv === null ? null : t(lv), g === null ? null : t(gapText(g)));
    clauses.push(`${name}＿＿级、校际差异率＿＿`);
  }
  return `${clauses.join('；')}。`;
}

/** A 校际差异率 as entered, at most 3 decimals (shenbao.md §2.2): 0.12 stays 0.12, 0.12345 prints 0.123. */
export function gapText(x: number): string {
  return String(Number(printed(x, 3)));
}

export function table5(a: Analysis, issues: Issue[]): SheetGrid {
  const blanks = new Blanks();
  const rows: SheetCell[][] = [];
  rows.push(row(3, { 0: title('表Ⅴ 教育质量评估指标指标') }));
  rows.push([head('名称'), head('指标值或简要结论'), head('是否达标')]);
  rows.push([head(''), head(''), head('')]);
  const labels: Record<number, string> = {
    3: '所有学校建立章程，实现学校管理与教学信息化',
    5: '教师能熟练运用信息化手段组织教学，设施设备利用率达到较高水平',
    6: '所有学校德育工作、校园文化建设达到良好以上',
    7: '课程开齐开足，教学秩序规范，综合实践活动有效开展',
    8: '无过重课业负担',
  };
  for (let k = 1; k <= 9; k++) {
    const id = `Q${k}`;
    const cell = `B${rows.length + 1}`;
    const f = new Filler(a);
    let b: string | null;
    switch (k) {
      case 1: {
        f.county('q1Graduates');
        f.county('q1Entrants');
        f.county('q1TransfersIn');
        f.county('q1Deaths');
        f.county('q1TransfersOut');
        // The rate Q1 is judged on (template-additions §3.5). Counts given but unusable (an error, a denominator of 0
        // or less): Q1 is not decided, and no typed rate is printed instead.
        const rate = retentionFromCounts(a.read.county.countyValues, a.profile.items.Q1.formula ?? 'adjust-graduates');
        if (isBlocked(rate)) f.push(null, ...rate.blocked.map((k) => countyInputName(a, k)));
        else if (rate !== null) f.ratio(rate, 100, a.profile.items.Q1.minPercent);
        else f.againstMin(countyNum(a, 'retentionRate'), 1, a.profile.items.Q1.minPercent, '', countyInputName(a, 'retentionRate'));
        b = f.text('全县初中毕业班学生数为＿＿人，三年前该年级入学学生数为＿＿人，毕业年级三年转入学生数为＿＿人，死亡学生数为＿＿人，转出学生数为＿＿人，全县初中三年巩固率为＿＿%');
        break;
      }
      case 2: {
        const all = f.county('disabledChildren');
        const enrolled = f.county('disabledEnrolled');
        const blockedRate = disabledRateFromCounts(a.read.county.countyValues);
        if (isBlocked(blockedRate)) f.push(null, ...blockedRate.blocked.map((k) => countyInputName(a, k)));
        else if (all !== null && enrolled !== null) f.ratio(enrolled, all, a.profile.items.Q2.minPercent);
        else f.againstMin(countyNum(a, 'disabledEnrolment'), 1, a.profile.items.Q2.minPercent, '', countyInputName(a, 'disabledEnrolment'));
        const special = f.county('disabledInSpecial');
        f.push(pct(special, enrolled));
        b = f.text('全县残疾儿童少年为＿＿人，入学＿＿人，入学率为＿＿%。其中，在特殊教育学校就读＿＿人，占比＿＿%。');
        break;
      }
      case 4: {
        const c = schoolChecks(a, 'Q4');
        f.push(n(c.scope), '「学校基本信息」“学校类型”（有错误，见问题清单）');
        f.push(n(c.passing), ...c.missing);
        b = f.text(`全县义务教育学校＿＿所，教师培训经费不低于年度公用经费预算总额${plain(a.profile.items.Q4.rate * 100)}%的＿＿所。`);
        break;
      }
      case 9:
        b = f.text(q9Sentence(a, f));
        break;
      default:
        b = countyConclusion(a, id);
    }
    f.report(blanks, cell, issues, SHEET_V);
    rows.push([text(`${k}.${formLabel(a, id, labels[k] ?? '')}`), text(b), verdictWord(a, id)]);
  }
  const blank = blanks.issue(SHEET_V, '保留“＿＿”');
  if (blank) issues.push(blank);
  return { name: SHEET_V, rows, widths: [46, 80, 10], frozenRows: 0, landscape: true, merges: ['A2:A3', 'B2:B3', 'C2:C3'] };
}
