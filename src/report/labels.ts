/** The Chinese words for verdicts, shared by the validate summary and the generated sheets. */
import type { Report } from './types';

export function verdictText(v: boolean | null, none = '未评估'): string {
  return v === true ? '达标' : v === false ? '未达标' : none;
}

/** The county's resource-allocation conclusion (null while errors remain or a value is unknown). */
export function resourceConclusion(s: Report['summary']): string {
  return s.resourcePasses === null ? (s.errors ? '有错误，改正后才能得出结论' : '无法得出结论') : verdictText(s.resourcePasses);
}
