/**
 * The sheets the add-in writes (the 申报表, the 核验_ working sheets and the hidden record), and a workbook's
 * snapshot without them (and without the two record sheets): what the user wrote, which no run and no 清除标记 may change. Names are copied from
 * spec/shenbao.md and the README, not imported from src/.
 */
import type { FakeSnapshot, FakeWorkbook } from '../../../src/hosts/fake-excel';

/** The product's two very hidden record sheets (shenbao.md §1). */
export const RECORDS = ['均衡核验_标记记录', '均衡核验_生成记录'];

export const GENERATED = ['表Ⅰ', '表Ⅱ-1', '表Ⅱ-2', '表Ⅲ', '表Ⅳ', '表Ⅴ', '表Ⅵ', '一票否决', '核验_学校达标', '核验_校际均衡', '核验_问题清单'];

/** The snapshot of the user's own sheets: the generated ones and the record left out. */
export function userPart(wb: FakeWorkbook): FakeSnapshot {
  const s = wb.snapshot();
  return { ...s, sheets: s.sheets.filter((x) => !GENERATED.includes(x.name) && !RECORDS.includes(x.name)) };
}
