import { OFFICIAL_SHEETS } from '../../src/template/schema';

/**
 * Input issues only: the 申报表's warnings (first-template inputs missing) are tested in tests/report/shenbao. They are
 * on the official sheets, except owner-type-defaulted, which is said on 「学校基本信息」 (template-additions §1).
 */
export const inputOnly = <T extends { sheet?: string; code?: string }>(l: T[]): T[] =>
  l.filter((i) => !(OFFICIAL_SHEETS as readonly string[]).includes(i.sheet ?? '') && i.code !== 'owner-type-defaulted');
