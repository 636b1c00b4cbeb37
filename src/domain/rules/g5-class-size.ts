/**
 * G5 班额 (standard §6 政府保障程度(5); 表Ⅳ-5): every 学段 row's 最大班额 ≤ the 学段's limit and, where given,
 * no class above it (超过标准班额的班级数 0, template 2017-v2). A row is blank only when both are blank.
 */
import { atMost } from '../numbers';
import type { StageRow } from '../model';
import { blocked, missingRows, PASS, rnum, rref, schoolName, stageIn, type Check, type Ctx, type ItemRule } from './item-kit';

export const G5: ItemRule = {
  id: 'G5', name: '班额', category: '政府保障程度', kind: 'computed', schoolBased: true,
  source: '教督〔2017〕6号 政府保障程度(5)',
  profile: {
    小学: { path: 'items.G5.小学', get: (p) => p.items.G5['小学'] },
    初中: { path: 'items.G5.初中', get: (p) => p.items.G5['初中'] },
  },
  inputs: [stageIn('maxClassSize', '人', true), stageIn('oversizeClasses', '个', true)],
  messages: {
    requirement: '小学、初中所有班级学生数分别不超过{{小学}}人、{{初中}}人',
    form: '小学、初中所有班级学生数分别不超过{{小学}}人、{{初中}}人',
    'fail-小学': '{{school}}小学最大班额{{value}}人（上限{{小学}}人）',
    'fail-初中': '{{school}}初中最大班额{{value}}人（上限{{初中}}人）',
    'oversize-小学': '{{school}}小学有{{count}}个班超过{{小学}}人',
    'oversize-初中': '{{school}}初中有{{count}}个班超过{{初中}}人',
  },
  checks: (ctx) => {
    const out = missingRows(ctx);
    for (const r of ctx.county.stageRows) out.push(rowCheck(ctx, r));
    return out;
  },
};

/** The message ids per 学段. */
const FAIL_ID = { 小学: 'fail-小学', 初中: 'fail-初中' } as const;
const OVERSIZE_ID = { 小学: 'oversize-小学', 初中: 'oversize-初中' } as const;

/** One 学段 row's check. */
function rowCheck(ctx: Ctx, r: StageRow): Check {
  const v = rnum(r, 'maxClassSize');
  const n = rnum(r, 'oversizeClasses') ?? null;
  const limit = ctx.profile.items.G5[r.stage];
  if (v !== null && !atMost(v, limit, ctx.tol))
    return { outcome: 'fail', refs: [rref(r, 'maxClassSize')], detail: { id: FAIL_ID[r.stage], params: { school: schoolName(ctx, r.code), value: v } } };
  if (n !== null && n > 0)
    return { outcome: 'fail', refs: [rref(r, 'oversizeClasses')], detail: { id: OVERSIZE_ID[r.stage], params: { school: schoolName(ctx, r.code), count: n } } };
  if (r.bad.has('maxClassSize')) return blocked([rref(r, 'maxClassSize')]);
  // 超过标准班额的班级数 with an error (or at odds with 最大班额: some classes over the limit, the largest within it):
  // which of the two is right is not known, so the row is not decided.
  if (r.bad.has('oversizeClasses')) return blocked([rref(r, 'oversizeClasses')]);
  if (v !== null || n === 0) return PASS;
  return { outcome: 'blank', refs: [rref(r, 'maxClassSize')] };
}
