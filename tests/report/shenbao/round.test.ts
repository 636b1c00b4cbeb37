import { printed, roundHalfUp } from '../../../src/report/shenbao/round';

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
