/**
 * G13 就近划片入学 (standard §6 政府保障程度(13); 表Ⅳ-13): per 学段 row of the 城区/镇区 公办 non-寄宿制
 * schools, 就近划片入学 ÷ 在校生 ≥ the 学段's rate.
 */
import type { School } from '../model';
import { blocked, compulsorySchools, missingRows, num, ratioRow, schoolIn, sref, stageIn, stageRowsOf, typeUnknown, type ItemRule } from './item-kit';

export const G13: ItemRule = {
  id: 'G13', name: '就近划片入学', category: '政府保障程度', kind: 'computed', schoolBased: true,
  source: '教督〔2017〕6号 政府保障程度(13)',
  profile: {
    小学: { path: 'items.G13.小学', get: (p) => p.items.G13['小学'], format: 'pct' },
    初中: { path: 'items.G13.初中', get: (p) => p.items.G13['初中'], format: 'pct' },
  },
  inputs: [stageIn('zonedAdmissions', '人', true), schoolIn('studentsPrimary', '人', true), schoolIn('studentsJunior', '人', true), schoolIn('locality', ''), schoolIn('ownership', ''), schoolIn('boarding', '')],
  messages: {
    requirement: '城区和镇区公办小学、初中（不含寄宿制学校）就近划片入学比例分别达到{{小学}}、{{初中}}',
    form: '城区和镇区公办小学、初中（均不含寄宿制学校）就近划片入学比例分别达到{{小学}}、{{初中}}以上',
    'fail-小学': '{{school}}小学就近划片入学比例{{value}}%（标准{{小学|pct1}}）',
    'fail-初中': '{{school}}初中就近划片入学比例{{value}}%（标准{{初中|pct1}}）',
  },
  checks: (ctx) => {
    // Whether a school is concerned (城区/镇区, 公办, not 寄宿制) is unknown when one of these cells has an error.
    const concerned: School[] = [];
    const unsure: School[] = [];
    for (const s of compulsorySchools(ctx)) {
      if (!maybe(s)) continue;
      if (s.bad.has('locality') || s.bad.has('ownership') || s.bad.has('boarding')) unsure.push(s);
      else concerned.push(s);
    }
    const out = typeUnknown(ctx);
    for (const s of unsure) out.push(blocked(SCOPE_FIELDS.filter((f) => s.bad.has(f)).map((f) => sref(s, f))));
    for (const c of missingRows(ctx, concerned)) out.push(c);
    for (const s of concerned)
      for (const r of stageRowsOf(ctx, s)) {
        const field = r.stage === '小学' ? 'studentsPrimary' : 'studentsJunior';
        out.push(ratioRow(ctx, r, 'zonedAdmissions', num(s, field), 'schools', s.row, field, ctx.profile.items.G13[r.stage], FAIL_ID[r.stage]));
      }
    return out;
  },
};

/** The failure's message id per 学段. */
const FAIL_ID = { 小学: 'fail-小学', 初中: 'fail-初中' } as const;

/** The cells that decide whether a school is concerned (城区/镇区, 公办, not 寄宿制). */
const SCOPE_FIELDS = ['locality', 'ownership', 'boarding'] as const;

/** Whether a school may be concerned, its scope cells with an error aside. */
function maybe(s: School): boolean {
  return (s.locality === null || s.locality === '城区' || s.locality === '镇区') && s.ownership !== '民办' && (s.bad.has('boarding') || !s.boarding);
}

