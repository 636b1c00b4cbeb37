import fc from 'fast-check';
import { jsonPieces, RUN } from '../../src/cli/json-out';

describe('jsonPieces: the report in pieces, joined exactly JSON.stringify', () => {
  it('on any object, with members JSON.stringify leaves out or writes as null', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.anything({ withNullPrototype: false })), fc.integer({ min: 1, max: 64 }), (o, size) => {
        expect([...jsonPieces(o, size)].join('')).toBe(JSON.stringify(o));
      }),
      { numRuns: 500 },
    );
  });
  it('leaves out undefined and function members, writes them as null in arrays', () => {
    const o = { a: undefined, b: [1, undefined, () => 1, 'x'], c: () => 2, d: { e: undefined, f: 1 }, g: null };
    expect([...jsonPieces(o, 1)].join('')).toBe('{"b":[1,null,null,"x"],"d":{"f":1},"g":null}');
  });
  it('cuts a long array into pieces of about the given size (at most one run of elements more)', () => {
    const o = { units: Array.from({ length: 10 * RUN + 7 }, (_, i) => ({ i, name: `学校${i}` })), n: 1 };
    const longest = Math.max(...o.units.map((u) => JSON.stringify(u).length + 1));
    const pieces = [...jsonPieces(o, 1000)];
    expect(pieces.join('')).toBe(JSON.stringify(o));
    expect(pieces.length).toBeGreaterThanOrEqual(10);
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThan(1000 + RUN * longest);
  });
  it('arrays of any length around the run size, holes and left-out members included', () => {
    for (const n of [0, 1, RUN - 1, RUN, RUN + 1, 2 * RUN + 3]) {
      const units: unknown[] = Array.from({ length: n }, (_, i) => (i % 5 === 0 ? undefined : i % 7 === 0 ? () => i : { i }));
      if (n > 3) delete units[3];
      const o = { units, after: 'x' };
      expect([...jsonPieces(o, 50)].join('')).toBe(JSON.stringify(o));
    }
  });
  it('a value that is not a plain object is one piece', () => {
    for (const v of [null, 1, 'x', [1, 2], new Date(0), { toJSON: () => 'y' }]) expect([...jsonPieces(v, 1)]).toEqual([JSON.stringify(v)]);
  });
});
