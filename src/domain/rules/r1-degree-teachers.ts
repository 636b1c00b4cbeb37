/** R1 每百名学生拥有高于规定学历教师数 (standard §3 (1); 表Ⅱ-1 L1). */
import { FLOOR_NEED_MESSAGES, floorNeed, stageValues, thresholdValues, type IndicatorRule, type UnitInputs } from './indicator-kit';

const ASSOCIATE_UP = ['teachersPostgraduate', 'teachersBachelor', 'teachersAssociate'] as const;
const BACHELOR_UP = ['teachersPostgraduate', 'teachersBachelor'] as const;

/** The 学历 columns that count: 小学 counts 专科 and above under the national cut, else 本科 and above. */
function degreeFields(u: Pick<UnitInputs, 'stage' | 'profile'>): readonly ('teachersPostgraduate' | 'teachersBachelor' | 'teachersAssociate')[] {
  return u.stage === '小学' && u.profile.primaryDegreeCut === '专科' ? ASSOCIATE_UP : BACHELOR_UP;
}

export const R1: IndicatorRule = {
  id: 'R1', name: '每百名学生拥有高于规定学历教师数', shortName: '高于规定学历教师', category: '资源配置',
  source: '教督〔2017〕6号 资源配置(1)', unit: '人', per100: true, shared: false,
  profile: { ...thresholdValues('R1'), primaryDegreeCut: { path: 'primaryDegreeCut', get: (p) => p.primaryDegreeCut } },
  resource: { sheet: 'stages', field: 'teachersBachelor', unit: '人', integer: true, cost: 'teacher', name: '达到学历要求的专任教师' },
  messages: { need: '需增加 {{amount}} 名{{degree}}及以上学历专任教师', ...FLOOR_NEED_MESSAGES },
  threshold: (p, stage) => p.thresholds[stage].R1,
  inputs: (u) => ({ schoolFields: [], stageFields: [...degreeFields(u)] }),
  numerator: (u) => stageValues(u.row, degreeFields(u)),
  need: (n) => (n.floor ? floorNeed('人', n.shown) : { id: 'need', params: { amount: n.shown, degree: degreeFields(n).includes('teachersAssociate') ? '专科' : '本科' } }),
};
