/** Display helpers of the pane (rounding for display only; every verdict comes from the report). */
import { fixed, fixedAgainst, indicatorLimits } from '../domain/numbers';
import type { IndicatorId } from '../domain/profile';
import { INDICATORS } from '../domain/rules';
import type { ReportIndicator } from '../report/types';

export { fixed, fixedAgainst };

export function indicatorName(id: IndicatorId): string {
  return INDICATORS.find((r) => r.id === id)?.name ?? id;
}

export function indicatorShortName(id: IndicatorId): string {
  return INDICATORS.find((r) => r.id === id)?.shortName ?? id;
}

export function indicatorUnit(id: IndicatorId): string {
  return INDICATORS.find((r) => r.id === id)?.unit ?? '';
}

/** Digits shown for an indicator value: 元 values are large, the rest have two decimals. */
export function valueDigits(id: IndicatorId): number {
  return id === 'R6' ? 0 : 2;
}

/** A unit's indicator value as shown in the table (more digits only where needed to show it misses, and which side of the floor it is). */
export function indicatorValueText(id: IndicatorId, i: ReportIndicator, floorRatio: number): string {
  if (i.value === null) return '—';
  return i.met === false ? fixedAgainst(i.value, indicatorLimits(i.threshold, floorRatio), valueDigits(id)) : fixed(i.value, valueDigits(id));
}

export type Tone = 'pass' | 'warn' | 'fail' | 'unknown';

/** met → pass; below the threshold but above the floor → warn; below the floor → fail. */
export function indicatorTone(i: ReportIndicator): Tone {
  if (i.met === null || i.value === null) return 'unknown';
  if (i.met) return 'pass';
  return i.aboveFloor ? 'warn' : 'fail';
}

export function indicatorVerdictText(i: ReportIndicator, floorPercent: string): string {
  const t = indicatorTone(i);
  if (t === 'pass') return '达标';
  if (t === 'warn') return `未达标（达到标准的${floorPercent}以上）`;
  if (t === 'fail') return `未达标（低于标准的${floorPercent}）`;
  return '无法计算';
}

export function percentText(ratio: number): string {
  return `${Math.round(ratio * 1000) / 10}%`;
}

/** "学校基本信息!K12" → { sheet, cell }; tolerates quoted sheet names. */
export function splitRef(ref: string): { sheet: string; cell: string } | null {
  const at = ref.lastIndexOf('!');
  if (at <= 0) return null;
  let sheet = ref.slice(0, at);
  if (sheet.startsWith("'") && sheet.endsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
  return { sheet, cell: ref.slice(at + 1) };
}

/** Chinese collation for names. */
export const zhCompare = new Intl.Collator('zh-CN').compare;
