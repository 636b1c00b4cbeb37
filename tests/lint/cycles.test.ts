/**
 * Import cycles in src/. None at run time; with type imports counted, only the template's check catalogue, by
 * design: IssueCode (codes.ts) is derived from the catalogue, and the checks emit issues typed with it.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const ROOT = join(__dirname, '..', '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

const IMPORT = /^(?:import|export)\s+(type\s+)?[^;]*?from\s+['"](\.{1,2}\/[^'"]+)['"]/gms;

function graph(withTypes: boolean): Map<string, string[]> {
  const g = new Map<string, string[]>();
  for (const file of sources(join(ROOT, 'src'))) {
    const deps: string[] = [];
    for (const m of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      if (m[1] && !withTypes) continue;
      const base = resolve(dirname(file), m[2]);
      const hit = ['.ts', '.tsx', '/index.ts'].map((e) => base + e).find((p) => existsSync(p));
      if (hit) deps.push(relative(ROOT, hit));
    }
    g.set(relative(ROOT, file), deps);
  }
  return g;
}

/** Strongly connected components with more than one module (Tarjan). */
function cycles(g: Map<string, string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of g.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const c: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        c.push(w);
      } while (w !== v);
      if (c.length > 1) out.push(c.sort());
    }
  };
  for (const v of g.keys()) if (!index.has(v)) visit(v);
  return out;
}

describe('import cycles in src/', () => {
  it('there is none at run time', () => {
    expect(cycles(graph(false))).toEqual([]);
  });

  it('with type imports, only the check catalogue and the IssueCode derived from it (no cli or report cycle)', () => {
    const found = cycles(graph(true));
    expect(found).toHaveLength(1);
    expect(found[0].every((f) => f.startsWith('src/template/'))).toBe(true);
    expect(found[0]).toEqual(expect.arrayContaining(['src/template/codes.ts', 'src/template/issues.ts', 'src/template/checks/index.ts']));
  });
});
