/** G5 班额 under a province's limits: the requirement and each failure say the applied limits (issue 12). */
import { resolveProfile } from '../../../src/domain/profile';
import { analyse } from '../../../src/report/build';
import { marksOf } from '../../../src/report/marks';
import { toCellGrids } from '../../helpers/county-model';
import { TemplateBuilder } from '../../helpers/template-builder';

describe('G5 with a 40-student limit for 小学 and 48 for 初中', () => {
  const p = resolveProfile({ id: 'g5', name: '省级班额', items: { G5: { 小学: 40, 初中: 48 } } });
  const r = analyse(toCellGrids(TemplateBuilder.base().grids()), p);
  if (!r.ok) throw new Error(r.fatal.message);
  const a = r.analysis;

  it('says 40 and 48, never 45 or 50', () => {
    expect(a.report.items.find((i) => i.id === 'G5')!.message).toBe(
      '未达标：小学、初中所有班级学生数分别不超过40人、48人。城关小学小学最大班额45人（上限40人）；城关初中初中最大班额50人（上限48人）；河西九年一贯制学校小学最大班额42人（上限40人）',
    );
  });

  it('the note on a failing cell states the applied requirement', () => {
    const notes = marksOf(a).filter((m) => m.note.includes('G5')).map((m) => m.note);
    expect(notes[0]).toBe('城关小学 小学：G5 班额未达标。要求：小学、初中所有班级学生数分别不超过40人、48人。');
  });
});
