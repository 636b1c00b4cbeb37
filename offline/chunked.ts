/**
 * Sending a large result from the worker without blocking the page: every long array in it travels as
 * slices in messages of its own, so that the page unpacks (structured-clone deserialises) many small
 * messages, each in its own short task, instead of one that takes half a second for 10 000 schools.
 * Plain objects and arrays are walked; anything else (Set, Map, primitives) travels as it is.
 */

/** Items per slice. */
export const SLICE = 150;

export interface Part {
  key: number;
  items: unknown[];
}

interface Placeholder {
  __slices: number;
}

/** A plain object (also one made in another realm, as structured clone may do). */
const isPlain = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && Object.prototype.toString.call(v) === '[object Object]';

/** The value with its long arrays taken out (sent through `send` as parts) and placeholders left instead. */
export function takeApart<T>(value: T, send: (p: Part) => void): unknown {
  let next = 0;
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) {
      if (v.length > SLICE) {
        const key = next++;
        for (let i = 0; i < v.length; i += SLICE) send({ key, items: v.slice(i, i + SLICE) });
        return { __slices: key } satisfies Placeholder;
      }
      return v.map(walk);
    }
    if (isPlain(v)) {
      const o: Record<string, unknown> = {};
      for (const k of Object.keys(v)) o[k] = walk(v[k]);
      return o;
    }
    return v;
  };
  return walk(value);
}

/** Collects parts as they arrive; `assemble` puts the arrays back into the skeleton. */
export class Assembler {
  private readonly arrays = new Map<number, unknown[]>();

  add(p: Part): void {
    let a = this.arrays.get(p.key);
    if (!a) this.arrays.set(p.key, (a = []));
    for (const x of p.items) a.push(x);
  }

  assemble<T>(skeleton: unknown): T {
    const walk = (v: unknown): unknown => {
      if (Array.isArray(v)) return v.map(walk);
      if (isPlain(v)) {
        if (typeof v.__slices === 'number' && Object.keys(v).length === 1) return this.arrays.get(v.__slices) ?? [];
        for (const k of Object.keys(v)) v[k] = walk(v[k]);
        return v;
      }
      return v;
    };
    const out = walk(skeleton) as T;
    this.arrays.clear();
    return out;
  }
}
