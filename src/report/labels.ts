/** The Chinese words for verdicts, shared by the validate summary and the generated sheets. */
import type { Report, ReportItem } from './types';

export function verdictText(v: boolean | null, none = '未评估'): string {
  return v === true ? '达标' : v === false ? '未达标' : none;
}

/**
 * An item's verdict in words: 达标, 未达标, 未填报 (a blank input), or 无法评估 (an input with an error). A 一票否决
 * item names the situation instead (「存在以考试方式招生」 达标 would read as if it existed): 无此情形 or 一票否决.
 */
export function itemVerdictText(item: Pick<ReportItem, 'passes' | 'message' | 'category'>): string {
  if (item.passes === null) return undecidedWord(item);
  const words = itemPassWords(item);
  return item.passes ? words.pass : words.fail;
}

/** The words for an item that passes and for one that fails (itemVerdictText). */
export function itemPassWords(item: Pick<ReportItem, 'category'>): { pass: string; fail: string } {
  return item.category === '一票否决' ? { pass: '无此情形', fail: '一票否决' } : { pass: '达标', fail: '未达标' };
}

/** Why an item is not decided: 未填报 (a blank input) or 无法评估 (an input with an error). */
export function undecidedWord(item: Pick<ReportItem, 'message'>): '未填报' | '无法评估' {
  return item.message.startsWith('未填报') ? '未填报' : '无法评估';
}

/** The county's resource-allocation conclusion (null while errors remain or a value is unknown). */
export function resourceConclusion(s: Report['summary']): string {
  return s.resourcePasses === null ? (s.errors ? '有错误，改正后才能得出结论' : '无法得出结论') : verdictText(s.resourcePasses);
}
