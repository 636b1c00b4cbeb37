import fc from 'fast-check';
import { jsonPieces } from '../../src/cli/json-out';

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
  it('cuts a long array into pieces of about the given size', () => {
    const o = { units: Array.from({ length: 1000 }, (_, i) => ({ i, name: `学校${i}` })), n: 1 };
    const pieces = [...jsonPieces(o, 1000)];
    expect(pieces.join('')).toBe(JSON.stringify(o));
    expect(pieces.length).toBeGreaterThan(20);
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThan(1100);
  });
  it('a value that is not a plain object is one piece', () => {
    for (const v of [null, 1, 'x', [1, 2], new Date(0), { toJSON: () => 'y' }]) expect([...jsonPieces(v, 1)]).toEqual([JSON.stringify(v)]);
  });
});
