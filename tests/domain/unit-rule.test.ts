/**
 * The per-unit rule (standard §3): a unit passes when at least 6 of the 7 values reach their threshold
 * and every value reaches 85 % of its threshold.
 */
import { evaluate, type UnitResult } from '../../src/domain/evaluate';
import type { Stage } from '../../src/domain/model';
import { INDICATOR_IDS, NATIONAL, resolveProfile, type IndicatorId, type ResolvedProfile } from '../../src/domain/profile';
import { county, unitWith, type UnitValues } from '../helpers/county-model';

const T: Record<Stage, UnitValues> = {
  小学: { R1: 4.2, R2: 1, R3: 0.9, R4: 4.5, R5: 7.5, R6: 2000, R7: 2.3 },
  初中: { R1: 5.3, R2: 1, R3: 0.9, R4: 5.8, R5: 10.2, R6: 2500, R7: 2.4 },
};

/** Values at `factor` × threshold for the given indicators, at 1.2 × threshold for the others. */
function values(stage: Stage, at: Partial<Record<IndicatorId, number>>): UnitValues {
  const v = {} as UnitValues;
  for (const id of INDICATOR_IDS) v[id] = T[stage][id] * (at[id] ?? 1.2);
  return v;
}

function unit(stage: Stage, at: Partial<Record<IndicatorId, number>>, profile: ResolvedProfile = NATIONAL): UnitResult {
  const { school, row } = unitWith('3600000001', stage, 20000, values(stage, at));
  return evaluate(county([school], [row]), profile).units[0];
}

describe.each(['小学', '初中'] as Stage[])('%s', (stage) => {
  it('7 met: passes', () => {
    const u = unit(stage, {});
    expect(u.metCount).toBe(7);
    expect(u.passes).toBe(true);
  });

  it.each(INDICATOR_IDS)('6 met and %s at 90 % (≥ 85 %): passes', (id) => {
    const u = unit(stage, { [id]: 0.9 });
    expect(u.indicators[id].met).toBe(false);
    expect(u.indicators[id].aboveFloor).toBe(true);
    expect(u.metCount).toBe(6);
    expect(u.passes).toBe(true);
  });

  it.each(INDICATOR_IDS)('6 met and %s at 80 % (< 85 %): fails', (id) => {
    const u = unit(stage, { [id]: 0.8 });
    expect(u.indicators[id].met).toBe(false);
    expect(u.indicators[id].aboveFloor).toBe(false);
    expect(u.metCount).toBe(6);
    expect(u.passes).toBe(false);
  });

  it('5 met, the other two at 95 % (both above the floor): fails', () => {
    const u = unit(stage, { R2: 0.95, R6: 0.95 });
    expect(u.metCount).toBe(5);
    expect(INDICATOR_IDS.every((id) => u.indicators[id].aboveFloor)).toBe(true);
    expect(u.passes).toBe(false);
  });

  it('6 met and one at 84 %, just under the floor: fails', () => {
    const u = unit(stage, { R5: 0.84 });
    expect(u.metCount).toBe(6);
    expect(u.passes).toBe(false);
  });
});

describe('unknown values', () => {
  it('a unit with an unknown value has metCount null and passes null (not a pass, not a fail)', () => {
    const { school, row } = unitWith('3600000001', '小学', 1000, values('小学', {}));
    school.teachingArea = null;
    school.bad.add('teachingArea');
    const e = evaluate(county([school], [row]), NATIONAL);
    const u = e.units[0];
    expect(u.indicators.R4.value).toBeNull();
    expect(u.indicators.R4.met).toBeNull();
    expect(u.indicators.R4.aboveFloor).toBeNull();
    expect(u.metCount).toBeNull();
    expect(u.passes).toBeNull();
    expect(e.resourcePasses).toBeNull();
  });
});

describe('profile values of the rule', () => {
  it('minMet 7 makes 6 met fail', () => {
    const p = resolveProfile({ id: 'all7', name: '七项全达标', minMet: 7 });
    expect(unit('小学', { R3: 0.9 }, p).passes).toBe(false);
    expect(unit('小学', {}, p).passes).toBe(true);
  });

  it('floorRatio 0.9 makes 88 % fail', () => {
    const p = resolveProfile({ id: 'f90', name: '九成底线', floorRatio: 0.9 });
    expect(unit('初中', { R7: 0.88 }, p).passes).toBe(false);
    expect(unit('初中', { R7: 0.88 }).passes).toBe(true);
  });
});
