/**
 * Metamorphic properties of the reader + engine (issue 7, item 2): 元 vs 万元, row and column order,
 * split shares, a unit at the county mean, scaling every resource, values exactly at a threshold.
 */
import fc from 'fast-check';
import { builtInProfile, NATIONAL } from '../../src/domain/profile';
import { unitShare } from '../../src/domain/split';
import { analyse, type Analysis } from '../../src/report/build';
import type { CellGrid } from '../../src/template/grid';
import {
  close,
  codeOf,
  countyArb,
  CV_LIMITS,
  IDS,
  oracle,
  oracleShare,
  plainSchool,
  plainStage,
  render,
  STAGES,
  THRESHOLDS,
  type GCounty,
  type GSchool,
  type Id,
  type Stage,
} from './county';

function analysisOf(grids: CellGrid[], profileId = 'national'): Analysis {
  const r = analyse(grids, profileId === 'national' ? NATIONAL : builtInProfile(profileId));
  if (!r.ok) throw new Error(`fatal on a valid county: ${JSON.stringify(r.fatal)}`);
  return r.analysis;
}
const reportOf = (grids: CellGrid[]) => analysisOf(grids).report;
const errorCount = (report: any) => report.issues.filter((i: any) => i.severity === 'error').length;

/** Everything computed, keyed so that row and column order do not matter. */
function computed(report: any) {
  const units = new Map<string, any>(report.units.map((u: any) => [`${u.schoolCode}|${u.stage}`, u]));
  return {
    units,
    excluded: report.excluded.map((e: any) => `${e.schoolCode}|${e.stage ?? ''}|${e.reason}`).sort(),
    balance: report.balance,
    items: report.items.map((i: any) => `${i.id}:${i.passes}`),
    issues: report.issues.map((i: any) => `${i.severity}:${i.code}`).sort(),
    summary: report.summary,
  };
}

/**
 * The report without its money-scale-doubtful warnings: they are about the header's unit (元 under 万元 is the
 * mistake to suspect, not the other way round), so the same 元 amounts under the two headers may differ there.
 */
function withoutScaleWarnings(report: any): any {
  const issues = report.issues.filter((i: any) => i.code !== 'money-scale-doubtful');
  return { ...report, issues, summary: { ...report.summary, warnings: report.summary.warnings - (report.issues.length - issues.length) } };
}

/** Differences between two reports of the same county, numbers to a relative 1e-9. */
function sameComputation(a: any, b: any): string[] {
  const x = computed(a);
  const y = computed(b);
  const d: string[] = [];
  if (x.units.size !== y.units.size) d.push(`units ${x.units.size} vs ${y.units.size}`);
  for (const [k, u] of x.units) {
    const v = y.units.get(k);
    if (!v) {
      d.push(`unit ${k} missing`);
      continue;
    }
    if (u.students !== v.students || u.metCount !== v.metCount || u.passes !== v.passes) d.push(`unit ${k} students/metCount/passes differ`);
    for (const id of IDS) {
      const p = u.indicators[id];
      const q = v.indicators[id];
      if (!close(p.value, q.value) || p.met !== q.met || p.aboveFloor !== q.aboveFloor) d.push(`unit ${k} ${id}: ${JSON.stringify(p)} vs ${JSON.stringify(q)}`);
    }
  }
  for (const stage of STAGES) {
    const p = x.balance[stage];
    const q = y.balance[stage];
    if (!p !== !q) d.push(`balance ${stage} present in one only`);
    if (!p || !q) continue;
    if (p.units !== q.units || p.students !== q.students) d.push(`balance ${stage} units/students differ`);
    for (const id of IDS) {
      const i = p.indicators[id];
      const j = q.indicators[id];
      if (!close(i.mean, j.mean) || !close(i.cv, j.cv) || i.passes !== j.passes) d.push(`balance ${stage} ${id}: ${JSON.stringify(i)} vs ${JSON.stringify(j)}`);
    }
  }
  for (const key of ['excluded', 'items', 'issues'] as const) if (JSON.stringify(x[key]) !== JSON.stringify(y[key])) d.push(`${key}: ${JSON.stringify(x[key])} vs ${JSON.stringify(y[key])}`);
  const sx = { ...x.summary };
  const sy = { ...y.summary };
  if (JSON.stringify(sx) !== JSON.stringify(sy)) d.push(`summary ${JSON.stringify(sx)} vs ${JSON.stringify(sy)}`);
  return d;
}

/** The same workbook with every money column given in 元: header (万元) → (元), values × 10 000. */
function toYuan(grids: CellGrid[]): CellGrid[] {
  return grids.map((g) => {
    if (g.name !== '学校基本信息') return g;
    const values = g.values.map((r) => [...r]);
    const h = values.findIndex((r) => r.some((v) => typeof v === 'string' && v.replace(/\s/g, '') === '学校标识码'));
    values[h].forEach((v, c) => {
      if (typeof v !== 'string' || !/[(（]万元[)）]$/.test(v)) return;
      values[h][c] = v.replace('万元', '元');
      for (let r = h + 1; r < values.length; r++) if (typeof values[r][c] === 'number') values[r][c] = (values[r][c] as number) * 10000;
    });
    return { ...g, values };
  });
}

const RUNS = 150;

describe('invariants', () => {
  it('设备值 given in 元 instead of 万元 (header changed, values × 10 000) changes no value, mean or CV', () => {
    fc.assert(
      fc.property(countyArb(), fc.integer(), (county, seed) => {
        const wanGrids = render(county, { seed, textNumbers: 0.05, decorations: true });
        const a = withoutScaleWarnings(reportOf(wanGrids));
        const b = withoutScaleWarnings(reportOf(toYuan(wanGrids)));
        expect(sameComputation(a, b)).toEqual([]);
        // and rendering the model directly in 元 (not a float round trip of ÷/× 10 000) agrees too
        expect(sameComputation(a, withoutScaleWarnings(reportOf(render(county, { seed, yuan: true, textNumbers: 0.05, decorations: true }))))).toEqual([]);
      }),
      { seed: 7001, numRuns: RUNS },
    );
  });

  it('permuting rows, columns, sheets and header spellings changes nothing', () => {
    fc.assert(
      fc.property(countyArb(), fc.integer(), fc.integer(), (county, s1, s2) => {
        const base = reportOf(render(county, { seed: 0, fixedOrder: true }));
        expect(errorCount(base)).toBe(0);
        expect(sameComputation(base, reportOf(render(county, { seed: s1 })))).toEqual([]);
        expect(sameComputation(base, reportOf(render(county, { seed: s2 })))).toEqual([]);
      }),
      { seed: 7002, numRuns: RUNS },
    );
  });

  it('split shares of the engine equal the §5 table and add up to the whole school', () => {
    const students = fc.integer({ min: 0, max: 5000 });
    fc.assert(
      fc.property(fc.constantFrom('九年一贯制学校', '十二年一贯制学校', '完全中学' as const), students, students, students, (type, A0, B0, C) => {
        const A = type === '完全中学' ? 0 : A0 + 1;
        const B = B0 + 1;
        const parts = { 小学: A, 初中: B, 高中: type === '九年一贯制学校' ? 0 : C };
        const high = type === '十二年一贯制学校' ? (1.32 * C) / (A + 1.1 * B + 1.32 * C) : type === '完全中学' ? (1.2 * C) / (B + 1.2 * C) : 0;
        const primary = type === '完全中学' ? 0 : unitShare(type, '小学', parts, NATIONAL)!;
        const junior = unitShare(type, '初中', parts, NATIONAL)!;
        if (type !== '完全中学') expect(close(primary, oracleShare(type, '小学', A, B, parts.高中))).toBe(true);
        expect(close(junior, oracleShare(type, '初中', A, B, parts.高中))).toBe(true);
        expect(Math.abs(primary + junior + high - 1)).toBeLessThanOrEqual(1e-12);
      }),
      { seed: 7003, numRuns: 2000 },
    );
  });

  it('in a whole county, the units of a school carry exactly its resources (split parts add up to the school)', () => {
    fc.assert(
      fc.property(countyArb({ minSchools: 1, maxSchools: 12 }), fc.integer(), (county, seed) => {
        const { evaluation } = analysisOf(render(county, { seed, yuan: true }));
        for (const s of county.schools) {
          const us = evaluation.units.filter((u) => u.schoolCode === s.code);
          if (us.length === 0 || us.length !== s.stages.length) continue; // excluded (教学点 < 50, 特教)
          const A = s.A ?? 0, B = s.B ?? 0, C = s.C ?? 0;
          const compulsory = s.type === '十二年一贯制学校' ? (A + 1.1 * B) / (A + 1.1 * B + 1.32 * C) : s.type === '完全中学' ? B / (B + 1.2 * C) : 1;
          const whole: Partial<Record<Id, number>> = { R4: s.teachingArea! - (s.indoor ?? 0), R5: s.outdoor! + s.indoor!, R6: s.equipYuan!, R7: s.rooms! * 100 };
          for (const id of ['R4', 'R5', 'R6', 'R7'] as const) {
            const sum = us.reduce((a, u) => a + u.numerators[id]! * (id === 'R7' ? 100 : 1), 0);
            expect(close(sum, whole[id]! * compulsory)).toBe(true);
            // value × students gives the numerator back: nothing is rounded on the way
            for (const u of us) expect(close(u.indicators[id].value! * u.students!, u.numerators[id]! * (id === 'R7' ? 100 : 1))).toBe(true);
          }
          if (us.length === 2) expect(Math.abs(us[0].share! + us[1].share! - compulsory)).toBeLessThanOrEqual(1e-12);
        }
      }),
      { seed: 7004, numRuns: RUNS },
    );
  });

  it('adding a unit exactly at the county mean leaves every mean unchanged and shrinks the CV by √(P/(P+P_new))', () => {
    fc.assert(
      fc.property(countyArb({ minSchools: 1, maxSchools: 14 }), fc.integer({ min: 1, max: 3 }), (county, k) => {
        const before = oracle(county);
        const extra: GSchool[] = [];
        const roomsIntegral: Partial<Record<Stage, boolean>> = {};
        for (const stage of STAGES) {
          const us = before.units.filter((u) => u.stage === stage);
          if (!us.length) continue;
          const t = { P: 0, pg: 0, ba: 0, as: 0, hs: 0, bb: 0, pe: 0, mu: 0, fi: 0, ar: 0, area: 0, indoor: 0, outdoor: 0, equip: 0, rooms: 0 };
          for (const u of us) {
            const s = county.schools.find((x) => x.code === u.code)!;
            const r = s.stages.find((x) => x.stage === stage)!;
            t.P += u.students;
            t.pg += r.pg; t.ba += r.ba; t.as += r.as; t.hs += r.hs; t.bb += r.backbone;
            t.pe += r.pe; t.mu += r.music; t.fi += r.fine; t.ar += r.arts ?? 0;
            t.area += s.teachingArea! * u.share; t.indoor += s.indoor! * u.share; t.outdoor += s.outdoor! * u.share;
            t.equip += s.equipYuan! * u.share; t.rooms += s.rooms! * u.share;
          }
          roomsIntegral[stage] = Math.abs(t.rooms - Math.round(t.rooms)) < 1e-9;
          const P = k * t.P;
          extra.push(
            plainSchool(900 + extra.length, stage, {
              [stage === '小学' ? 'A' : 'B']: P,
              teachingArea: k * t.area, indoor: Math.min(k * t.indoor, k * t.area), outdoor: k * t.outdoor, equipYuan: k * t.equip, rooms: Math.round(k * t.rooms),
              stages: [plainStage(stage, { classes: Math.ceil(P / 40), pg: k * t.pg, ba: k * t.ba, as: k * t.as, hs: k * t.hs, backbone: k * t.bb, pe: k * t.pe, music: k * t.mu, fine: k * t.fi, arts: k * t.ar })],
            }),
          );
        }
        const a = reportOf(render(county, { seed: 1, yuan: true }));
        const b = reportOf(render({ ...county, schools: [...county.schools, ...extra] }, { seed: 2, yuan: true }));
        expect(errorCount(b)).toBe(0);
        for (const stage of STAGES) {
          if (!a.balance[stage]) continue;
          const shrink = Math.sqrt(1 / (1 + k));
          for (const id of IDS) {
            if (id === 'R7' && !roomsIntegral[stage]) continue; // rooms must be whole: only exact when the county total is
            const p = a.balance[stage]!.indicators[id];
            const q = b.balance[stage]!.indicators[id];
            expect([stage, id, close(q.mean, p.mean)]).toEqual([stage, id, true]);
            expect([stage, id, close(q.cv, p.cv === null ? null : p.cv * shrink)]).toEqual([stage, id, true]);
          }
        }
      }),
      { seed: 7005, numRuns: RUNS },
    );
  });

  it('scaling every unit’s resource by the same factor leaves every CV unchanged and scales the mean', () => {
    fc.assert(
      fc.property(
        countyArb({ minSchools: 1, maxSchools: 16 }),
        fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
        fc.integer({ min: 2, max: 9 }),
        (county, f, k) => {
          const scaled: GCounty = {
            ...county,
            schools: county.schools.map((s) => ({
              ...s,
              teachingArea: s.teachingArea === null ? null : s.teachingArea * f,
              indoor: s.indoor === null ? null : s.indoor * f,
              outdoor: s.outdoor === null ? null : s.outdoor * f,
              equipYuan: s.equipYuan === null ? null : s.equipYuan * f,
              rooms: s.rooms === null ? null : s.rooms * k,
              stages: s.stages.map((r) => ({
                ...r, pg: r.pg * k, ba: r.ba * k, as: r.as * k, hs: r.hs * k, backbone: r.backbone * k, pe: r.pe * k, music: r.music * k, fine: r.fine * k,
                arts: r.arts === null ? null : r.arts * k, certified: r.certified === null ? null : r.certified * k, trained: r.trained === null ? null : r.trained * k,
              })),
            })),
          };
          const a = reportOf(render(county, { seed: 3, yuan: true }));
          const b = reportOf(render(scaled, { seed: 4, yuan: true }));
          expect(errorCount(b)).toBe(0);
          const factor: Record<Id, number> = { R1: k, R2: k, R3: k, R4: f, R5: f, R6: f, R7: k };
          for (const stage of STAGES) {
            if (!a.balance[stage]) continue;
            for (const id of IDS) {
              const p = a.balance[stage]!.indicators[id];
              const q = b.balance[stage]!.indicators[id];
              expect([stage, id, close(q.cv, p.cv)]).toEqual([stage, id, true]);
              expect([stage, id, close(q.mean, p.mean === null ? null : p.mean * factor[id])]).toEqual([stage, id, true]);
            }
          }
        },
      ),
      { seed: 7006, numRuns: RUNS },
    );
  });
});

// ───────────────────────────── exact thresholds ─────────────────────────────

/**
 * A single-学段 school whose seven values are exactly at the thresholds (or, for `floorId`, exactly at
 * 85 % of it). P = 20 000·m makes every count a whole number.
 */
function atThreshold(i: number, stage: Stage, m: number, floorId: Id | null): GSchool {
  const P = 20000 * m;
  const f = (id: Id) => (id === floorId ? 0.85 : 1);
  const count = (id: Id) => Math.round(THRESHOLDS[stage][id] * f(id) * (P / 100)); // per-hundred indicators
  const amount = (id: Id) => Math.round(THRESHOLDS[stage][id] * f(id) * P); // per-student indicators (exact integers)
  const r1 = count('R1');
  const arts = count('R3');
  const as = stage === '小学' ? Math.floor(r1 / 3) : 7;
  const pg = Math.floor(r1 / 5);
  const ba = stage === '小学' ? r1 - pg - as : r1 - pg;
  const r5 = amount('R5');
  // R4 = (教学及辅助用房 − 室内体育用房) / P (national, P10): the indoor part comes on top of the R4 amount.
  const indoor = Math.floor(r5 / 3);
  const area = amount('R4') + indoor;
  return plainSchool(i, stage, {
    [stage === '小学' ? 'A' : 'B']: P,
    teachingArea: area, indoor, outdoor: r5 - indoor, equipYuan: amount('R6'), rooms: count('R7'),
    stages: [plainStage(stage, { classes: P / 40, pg, ba, as, hs: 3, backbone: count('R2'), pe: Math.floor(arts / 3), music: Math.floor(arts / 3), fine: arts - 2 * Math.floor(arts / 3), arts: 0 })],
  });
}

describe('a value exactly at a threshold passes (≥ with the §7 tolerance, never rounding)', () => {
  it('seven values exactly at the thresholds: 7 met; six at the threshold and one exactly at 85 %: passes with 6', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<Stage>('小学', '初中'),
        fc.integer({ min: 1, max: 5 }),
        fc.option(fc.constantFrom(...IDS), { freq: 2 }),
        fc.boolean(),
        fc.integer(),
        (stage, m, floorId, yuan, seed) => {
          const county: GCounty = { schools: [atThreshold(0, stage, m, floorId)], countyRows: null };
          const report = reportOf(render(county, { seed, yuan }));
          expect(errorCount(report)).toBe(0);
          const u = report.units[0];
          for (const id of IDS) {
            expect([id, u.indicators[id].met]).toEqual([id, id !== floorId]);
            expect([id, u.indicators[id].aboveFloor]).toEqual([id, true]);
          }
          expect(u.metCount).toBe(floorId ? 6 : 7);
          expect(u.passes).toBe(true);
        },
      ),
      { seed: 7007, numRuns: 300 },
    );
  });

  it('the 小学部 of a 九年一贯制 school exactly at all seven thresholds after the 1 : 1.1 split passes all seven', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 2 }), fc.boolean(), fc.integer(), (a, b, yuan, seed) => {
        const A = 1000 * a;
        const B = 10000 * b;
        const weighted = (t: number) => Math.round(t * (A + 1.1 * B) * 100) / 100; // t·(A + 1.1B): the school total
        const s = plainSchool(0, '九年一贯制学校', {
          A, B,
          teachingArea: weighted(4.5), indoor: 0, outdoor: weighted(7.5), equipYuan: weighted(2000), rooms: Math.round(0.023 * (A + 1.1 * B)),
          stages: [
            plainStage('小学', { classes: A / 40, ba: 42 * a, hs: 1, backbone: 10 * a, pe: 3 * a, music: 3 * a, fine: 3 * a }),
            plainStage('初中', { classes: B / 40, ba: 600 * b, backbone: 100 * b, pe: 90 * b }),
          ],
        });
        const report = reportOf(render({ schools: [s], countyRows: null }, { seed, yuan }));
        expect(errorCount(report)).toBe(0);
        const u = report.units.find((x: any) => x.stage === '小学')!;
        for (const id of IDS) expect([id, u.indicators[id].met, close(u.indicators[id].value, THRESHOLDS['小学'][id])]).toEqual([id, true, true]);
      }),
      { seed: 7008, numRuns: 100 },
    );
  });

  it('decimal areas and 万元 typed exactly at the R4/R5/R6 thresholds (or at 85 %) for any number of students', () => {
    fc.assert(
      fc.property(fc.constantFrom<Stage>('小学', '初中'), fc.integer({ min: 1, max: 5000 }), fc.boolean(), fc.integer(), (stage, P, floor, seed) => {
        const f = floor ? 0.85 : 1;
        // the decimal a person types: T·f·P rounded to the cent is exact here (T has ≤ 3 decimals after × 0.85)
        const typed = (id: Id) => Math.round(THRESHOLDS[stage][id] * f * P * 1000) / 1000;
        const s = plainSchool(0, stage, {
          [stage === '小学' ? 'A' : 'B']: P,
          teachingArea: typed('R4'), indoor: 0, outdoor: typed('R5'), equipYuan: typed('R6'), rooms: 0,
          stages: [plainStage(stage, { classes: 1, ba: 1 })],
        });
        const report = reportOf(render({ schools: [s], countyRows: null }, { seed })); // 设备值 written in 万元 = 元 ÷ 10 000
        expect(errorCount(report)).toBe(0);
        const u = report.units[0];
        for (const id of ['R4', 'R5', 'R6'] as const) {
          expect([id, u.indicators[id].met, u.indicators[id].aboveFloor]).toEqual([id, !floor, true]);
          expect(close(u.indicators[id].value, THRESHOLDS[stage][id] * f)).toBe(true);
        }
      }),
      { seed: 7010, numRuns: 300 },
    );
  });

  it('a CV exactly at its limit (0.50 小学, 0.45 初中) passes', () => {
    fc.assert(
      fc.property(fc.constantFrom<Stage>('小学', '初中'), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 500 }), fc.integer(), (stage, m, q, seed) => {
        // two units with equal P and R4 values in ratio 3 : 1 (CV 0.5) or 29 : 11 (CV 0.45)
        const [hi, lo] = stage === '小学' ? [3, 1] : [29, 11];
        const s1 = atThreshold(0, stage, m, null);
        const s2 = atThreshold(1, stage, m, null);
        const P = 20000 * m;
        s1.teachingArea = hi * q * P / 100;
        s2.teachingArea = lo * q * P / 100;
        s1.indoor = s2.indoor = 0;
        const report = reportOf(render({ schools: [s1, s2], countyRows: null }, { seed }));
        expect(errorCount(report)).toBe(0);
        const r4 = report.balance[stage]!.indicators.R4;
        expect(close(r4.cv, CV_LIMITS[stage])).toBe(true);
        expect(r4.passes).toBe(true);
      }),
      { seed: 7009, numRuns: 200 },
    );
  });
});

it('codeOf keeps a leading zero (10 characters)', () => {
  expect(codeOf(0)).toMatch(/^0\d{9}$/);
});
