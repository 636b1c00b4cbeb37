/** R3 每百名学生拥有体育、艺术（美术、音乐）专任教师数 (standard §3 (3); 表Ⅱ-1 L3). */
import type { StageField } from '../model';
import { FLOOR_NEED_MESSAGES, floorNeed, stageValues, thresholdValues, type IndicatorRule } from './indicator-kit';

const ARTS: ('peTeachers' | 'musicTeachers' | 'fineArtTeachers' | 'artsTeachers')[] = ['peTeachers', 'musicTeachers', 'fineArtTeachers', 'artsTeachers'];
/** 艺术专任教师数 is optional: blank counts as 0. */
const ARTS_BLANK_ZERO: ReadonlySet<StageField> = new Set<StageField>(['artsTeachers']);

export const R3: IndicatorRule = {
  id: 'R3', name: '每百名学生拥有体育、艺术（美术、音乐）专任教师数', shortName: '体育艺术专任教师', category: '资源配置',
  source: '教督〔2017〕6号 资源配置(3)', unit: '人', per100: true, shared: false,
  profile: thresholdValues('R3'),
  // The subject column is chosen per unit (the subject with the fewest teachers, shortfall.ts nextArtsSubject).
  resource: { sheet: 'stages', field: 'peTeachers', unit: '人', integer: true, cost: 'teacher', name: '体育、艺术专任教师' },
  messages: { need: '需增加 {{amount}} 名体育、艺术（音乐、美术）专任教师', ...FLOOR_NEED_MESSAGES },
  threshold: (p, stage) => p.thresholds[stage].R3,
  inputs: () => ({ schoolFields: [], stageFields: ARTS }),
  numerator: (u) => stageValues(u.row, ARTS, ARTS_BLANK_ZERO),
  need: (n) => (n.floor ? floorNeed('人', n.shown) : { id: 'need', params: { amount: n.shown } }),
};
