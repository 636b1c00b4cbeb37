/** G4 学校规模 (standard §6 政府保障程度(4); 表Ⅳ-4): 小学、初中 ≤ single, 一贯制 (义务教育阶段) ≤ through. */
import { atMost } from '../numbers';
import type { School } from '../model';
import { blocked, compulsorySchools, num, PASS, schoolIn, sref, typeUnknown, type Check, type Ctx, type ItemRule } from './item-kit';

type StudentField = 'studentsPrimary' | 'studentsJunior';
const THROUGH: readonly StudentField[] = ['studentsPrimary', 'studentsJunior'];
const JUNIOR: readonly StudentField[] = ['studentsJunior'];
const PRIMARY: readonly StudentField[] = ['studentsPrimary'];

export const G4: ItemRule = {
  id: 'G4', name: '学校规模', category: '政府保障程度', kind: 'computed', schoolBased: true,
  source: '教督〔2017〕6号 政府保障程度(4)',
  profile: {
    single: { path: 'items.G4.single', get: (p) => p.items.G4.single },
    through: { path: 'items.G4.through', get: (p) => p.items.G4.through },
  },
  inputs: [schoolIn('studentsPrimary', '人', true), schoolIn('studentsJunior', '人', true)],
  messages: {
    requirement: '小学、初中规模不超过{{single}}人，九年一贯制、十二年一贯制学校义务教育阶段规模不超过{{through}}人',
    form: '所有小学、初中学校规模不超过{{single}}人，九年一贯制学校、十二年一贯制学校义务教育阶段规模不超过{{through}}人',
    'fail-single': '{{school}}{{total}}人（上限{{single}}人）',
    'fail-through': '{{school}}{{total}}人（上限{{through}}人）',
  },
  checks: (ctx) => {
    const out = typeUnknown(ctx);
    for (const s of compulsorySchools(ctx)) out.push(schoolCheck(ctx, s));
    return out;
  },
};

/** One school's check: its 义务教育 students against the limit of its type. */
function schoolCheck(ctx: Ctx, s: School): Check {
  const through = s.type === '九年一贯制学校' || s.type === '十二年一贯制学校';
  const fields = through ? THROUGH : s.type === '初中' || s.type === '完全中学' ? JUNIOR : PRIMARY;
  // A needed count is never blank without an error (students-required): null means an error.
  let total = 0;
  for (const f of fields) {
    const v = num(s, f);
    if (v === null) return blocked(fields.filter((g) => num(s, g) === null).map((g) => sref(s, g)));
    total += v;
  }
  const limit = through ? ctx.profile.items.G4.through : ctx.profile.items.G4.single;
  return atMost(total, limit, ctx.tol)
    ? PASS
    : { outcome: 'fail', refs: fields.map((f) => sref(s, f)), detail: { id: through ? 'fail-through' : 'fail-single', params: { school: s.name, total } } };
}
