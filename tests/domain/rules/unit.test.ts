/**
 * UNIT, the per-unit rule (at least `minMet` of 7 at their thresholds, none below `floorRatio`): every
 * place that words the floor or the count says the applied profile's (issue 12).
 */
import { adviceOf } from '../../../src/domain/advice';
import { resolveProfile } from '../../../src/domain/profile';
import { reportText } from '../../../src/cli/text';
import { analyse } from '../../../src/report/build';
import { marksOf } from '../../../src/report/marks';
import { planOf, reasonText } from '../../../src/report/plan';
import { summarySheets } from '../../../src/report/sheets';
import { toCellGrids } from '../../helpers/county-model';
import { TemplateBuilder } from '../../helpers/template-builder';

const S1 = '0360000001';
const p = resolveProfile({ id: 'u', name: '省级达标规则', floorRatio: 0.9, minMet: 5 });
// 城关小学: 3 骨干 for 1 000 students, R2 = 0.30 (threshold 1, floor 0.90).
const r = analyse(toCellGrids(TemplateBuilder.base().setStage(S1, '小学', { backbone: 3 }).grids()), p);
if (!r.ok) throw new Error(r.fatal.message);
const a = r.analysis;

describe('UNIT under floorRatio 0.9 and minMet 5', () => {
  it('advice: the floor is 90%, and the fix names it', () => {
    expect(adviceOf(a).map((x) => x.text)).toEqual([
      '城关小学 小学部 每百名学生拥有县级以上骨干教师数 0.30人，低于 1人，需认定 7 名现有教师为县级及以上骨干教师（低于标准值的90%即 0.9人，至少需认定 6 名现有教师）',
      '城关小学 小学部 未达标（6项达到标准值，1项低于90%）：最经济的补足办法是使县级以上骨干教师达到标准值的90%，估算约 3 万元',
      '小学 每百名学生拥有县级以上骨干教师数 差异系数 0.843，高于 0.5；差异主要来自 河西九年一贯制学校（1.50人，占71%）、城关小学（0.30人，占29%）；若 城关小学 提高到县均值 0.64人，差异系数可降至 0.436',
    ]);
  });

  it('the note of the marked cell, the 备注 and the rule line of 表Ⅱ, the validate summary', () => {
    expect(marksOf(a).map((m) => m.note)).toEqual(['城关小学 小学部：R2 每百名学生拥有县级以上骨干教师数 0.30人，低于标准 1人（未达到90%）']);
    const units = summarySheets(a)[0];
    expect(units.rows[1][0].value).toContain('达标规则：至少5项达到标准值，且每项不低于标准值的90%');
    expect(String(units.rows[3][13].value).split('\n')[0]).toBe('达标：R1,R3,R4,R5,R6,R7；低于90%：R2');
    expect(reportText(a.report, 'x.xlsx')).toContain('R2 0.30<1（低于90%）');
  });

  it('the plan: its reason is data, worded with 90%; its method says 5 and 90%', () => {
    const plan = planOf(a);
    const backbone = plan.additions.find((x) => x.column.startsWith('县级及以上骨干教师数'))!;
    expect(backbone.reasons).toEqual([{ stage: '小学', indicator: 'R2', goal: 'floor' }]);
    expect(reasonText(backbone.reasons[0], p)).toBe('小学 R2 达到90%');
    expect(plan.method).toContain('精确枚举“至少5项达到标准值、全部达到90%”的各种补足组合');
  });
});
