/** G6 小规模学校公用经费: one profile value, `items.G6.minFundedStudents`, for who is concerned and for the funding (issue 12). */
import { NATIONAL, resolveProfile, type ResolvedProfile } from '../../../src/domain/profile';
import { analyse } from '../../../src/report/build';
import { toCellGrids } from '../../helpers/county-model';
import { TemplateBuilder } from '../../helpers/template-builder';

const S1 = '0360000001';

function g6(p: ResolvedProfile) {
  // A 乡村 小学 of 110 students funded for 100.
  const b = TemplateBuilder.base().setSchool(S1, { locality: '乡村', studentsPrimary: 110, fundedStudents: 100 });
  const r = analyse(toCellGrids(b.grids()), p);
  if (!r.ok) throw new Error(r.fatal.message);
  return r.analysis.report.items.find((i) => i.id === 'G6')!;
}

describe('G6 under the profile', () => {
  it('national: 110 students is not a small school', () => {
    expect(g6(NATIONAL)).toMatchObject({ passes: true, message: '达标：不足100名学生的村小学和教学点按100名学生核定公用经费' });
  });

  it('120: a school of 110 is small, and funding for 100 is short', () => {
    const p = resolveProfile({ id: 'g6', name: 'G6', items: { G6: { minFundedStudents: 120 } } });
    expect(g6(p)).toMatchObject({
      passes: false,
      message: '未达标：不足120名学生的村小学和教学点按120名学生核定公用经费。城关小学在校生110人，核定公用经费学生数100人（应不少于120人）',
    });
  });
});
