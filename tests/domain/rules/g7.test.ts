/** G7 特殊教育学校生均公用经费 under 8000 元 (several provinces): a fail reads as a fail (issue 12). */
import { NATIONAL, resolveProfile } from '../../../src/domain/profile';
import { analyse } from '../../../src/report/build';
import { toCellGrids } from '../../helpers/county-model';
import { TemplateBuilder } from '../../helpers/template-builder';

function g7(funding: number, minFunding?: number) {
  const p = minFunding === undefined ? NATIONAL : resolveProfile({ id: 'g7', name: '特教经费', items: { G7: { minFunding } } });
  const r = analyse(toCellGrids(TemplateBuilder.base().setCounty('G7', funding).grids()), p);
  if (!r.ok) throw new Error(r.fatal.message);
  return r.analysis.report.items.find((i) => i.id === 'G7')!;
}

describe('G7', () => {
  it('national: 6850 元 passes against 6000 元', () => {
    expect(g7(6850)).toMatchObject({ passes: true, message: '达标：特殊教育学校生均公用经费不低于6000元。6850元（标准6000元）' });
  });

  it('8000 元: 6850 元 fails, and the requirement says 8000', () => {
    expect(g7(6850, 8000)).toMatchObject({ passes: false, message: '未达标：特殊教育学校生均公用经费不低于8000元。6850元（标准8000元）' });
  });
});
