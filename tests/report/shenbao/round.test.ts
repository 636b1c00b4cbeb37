import fc from 'fast-check';
import { printed, roundDecimal, roundHalfUp } from '../../../src/report/shenbao/round';

describe('roundHalfUp (shenbao.md §2.2 test table)', () => {
  it.each([
    [1.005, 2, 1.01],
    [201 / 200, 2, 1.01],
    [7784.1 / 1860, 2, 4.19],
    [929 / 200, 2, 4.65],
    [(100.0011 * 10000) / 200, 2, 5000.06],
    [2.675, 2, 2.68],
    [0.1235, 3, 0.124],
    [(27 / 28) * 100, 1, 96.4],
    [96.45, 1, 96.5],
    [2499.5, 0, 2500],
    [1.0049999, 2, 1.0],
  ])('%p to %p decimals is %p', (x, d, want) => {
    expect(roundHalfUp(x, d)).toBe(want);
  });

  it('where toFixed is wrong', () => {
    expect((1.005).toFixed(2)).toBe('1.00');
    expect(roundHalfUp(1.005, 2)).toBe(1.01);
  });

  it('carries through nines, handles zero, negatives, small and large values', () => {
    expect(roundHalfUp(9.995, 2)).toBe(10);
    expect(roundHalfUp(99.95, 1)).toBe(100);
    expect(roundHalfUp(0, 2)).toBe(0);
    expect(roundHalfUp(-2.675, 2)).toBe(-2.68);
    expect(roundHalfUp(0.0004, 3)).toBe(0);
    expect(roundHalfUp(0.0005, 3)).toBe(0.001);
    expect(roundHalfUp(0.00049, 2)).toBe(0);
    expect(roundHalfUp(123456789.5, 0)).toBe(123456790);
    expect(roundHalfUp(4.1958041958, 2)).toBe(4.2);
    expect(roundHalfUp(5, 2)).toBe(5);
  });

  it('prints with exactly the table digits', () => {
    expect(printed(1.3, 2)).toBe('1.30');
    expect(printed(52.46, 1)).toBe('52.5');
    expect(printed(2499.5, 0)).toBe('2500');
  });
});

describe('roundHalfUp: the fast path gives the decimal rounding', () => {
  const digits = fc.integer({ min: 0, max: 4 });
  it('on any double', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), digits, (x, d) => Object.is(roundHalfUp(x, d), roundDecimal(x, d))),
      { numRuns: 20000 },
    );
  });
  it('on values the tables hold, ties and near-ties included', () => {
    const near = fc.record({ k: fc.integer({ min: -10_000_000, max: 10_000_000 }), d: digits, off: fc.constantFrom(0, 1e-12, -1e-12, 1e-9, -1e-9, 3e-7, -3e-7, 0.01, 0.25) });
    fc.assert(
      fc.property(near, ({ k, d, off }) => {
        const xs = [(k + 0.5) / 10 ** d + off, (k + 0.5 + off) / 10 ** d, k / 10 ** d, (k * 7) / 3 / 10 ** d];
        expect(xs.filter((x) => !Object.is(roundHalfUp(x, d), roundDecimal(x, d)))).toEqual([]);
      }),
      { numRuns: 20000 },
    );
  });
  it('on ratios of counts as the tables compute them', () => {
    const differ: string[] = [];
    for (let a = 0; a <= 3000; a += 7)
      for (let b = 1; b <= 400; b += 3) for (const d of [0, 1, 2, 3]) if (!Object.is(roundHalfUp(a / b, d), roundDecimal(a / b, d))) differ.push(`${a}/${b}:${d}`);
    expect(differ).toEqual([]);
  });
  it('keeps the sign of a negative value that rounds to zero', () => {
    expect(Object.is(roundHalfUp(-0.001, 2), -0)).toBe(true);
    expect(Object.is(roundHalfUp(-0, 2), 0)).toBe(true);
  });
});
