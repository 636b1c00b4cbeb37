import { OFFICIAL_SHEETS } from '../../src/template/schema';

/** Input issues only: the 申报表's warnings (first-template inputs missing) are tested in tests/report/shenbao. */
export const inputOnly = <T extends { sheet?: string }>(l: T[]): T[] => l.filter((i) => !(OFFICIAL_SHEETS as readonly string[]).includes(i.sheet ?? ''));
