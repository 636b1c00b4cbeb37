/** The worker's result in slices (offline/chunked.ts) and the page's view of a workbook (offline/gridbook.ts). */
import { Assembler, SLICE, takeApart, type Part } from '../../offline/chunked';
import { GridBook } from '../../offline/gridbook';
import { MARK_COLORS } from '../../src/report/model';

describe('takeApart / Assembler', () => {
  it('sends every long array as slices and puts it back exactly, nested anywhere', () => {
    const units = Array.from({ length: SLICE * 3 + 7 }, (_, i) => ({ code: `S${i}`, values: [i, i / 2], bad: new Set(['x']) }));
    const value = { report: { units, summary: { errors: 1 } }, marks: [{ sheet: 'a', address: 'A1' }], grid: [units.map((u) => u.code)] };
    const parts: Part[] = [];
    const skeleton = takeApart(value, (p) => parts.push(structuredClone(p)));
    expect(parts.length).toBe(2 * 4);
    expect(Math.max(...parts.map((p) => p.items.length))).toBe(SLICE);
    // The skeleton itself carries no long array.
    expect(JSON.stringify(skeleton).length).toBeLessThan(300);
    const a = new Assembler();
    for (const p of parts) a.add(p);
    const back = a.assemble<typeof value>(structuredClone(skeleton));
    expect(back).toEqual(value);
    expect(back.report.units[SLICE * 3 + 6].bad).toEqual(new Set(['x']));
  });

  it('leaves short arrays and other values as they are', () => {
    const v = { a: [1, 2, 3], b: 'x', c: null, d: new Map([[1, 2]]) };
    const parts: Part[] = [];
    expect(new Assembler().assemble(takeApart(v, (p) => parts.push(p)))).toEqual(v);
    expect(parts).toEqual([]);
  });
});

describe('GridBook', () => {
  const book = () => {
    const b = new GridBook();
    b.addSheet({ name: '学校基本信息', visibility: 'visible', rows: 3, cols: 2, merges: [] });
    b.addSheet({ name: '隐藏', visibility: 'hidden', rows: 1, cols: 1, merges: [] });
    b.addRows('学校基本信息', 0, [['代码', '人数'], ['001', 12]], [[null, null], [null, '0.00']]);
    b.addRows('学校基本信息', 2, [['002', 30]], null);
    return b;
  };

  it('shows the visible sheets with the values and number formats read, rows arriving in pieces', () => {
    const b = book();
    expect(b.sheetNames()).toEqual(['学校基本信息']);
    expect(b.size('学校基本信息')).toEqual({ rows: 3, cols: 2 });
    expect(b.cell('学校基本信息', 1, 1)).toEqual({ value: 12, format: '0.00', fill: null, note: null });
    expect(b.cell('学校基本信息', 2, 0).value).toBe('002');
    expect(b.cell('学校基本信息', 9, 9).value).toBeNull();
  });

  it('draws marks over the cells and clears them, counting the cells', () => {
    const b = book();
    b.setMarks([{ sheet: '学校基本信息', address: 'B2', level: 'error', note: '人数不是整数' }]);
    expect(b.cell('学校基本信息', 1, 1)).toMatchObject({ value: 12, fill: MARK_COLORS.error, note: '人数不是整数' });
    expect(b.clearMarks()).toBe(1);
    expect(b.cell('学校基本信息', 1, 1).fill).toBeNull();
  });

  it('adds the generated sheets after the user\'s, with their widths', () => {
    const b = book();
    b.setGenerated([{ name: '问题清单', rows: [[{ value: '问题清单', style: 'title' }]], widths: [20, 10], frozenRows: 1 } as never]);
    expect(b.sheetNames()).toEqual(['学校基本信息', '问题清单']);
    expect(b.cell('问题清单', 0, 0)).toMatchObject({ value: '问题清单', bold: true });
    expect(b.columnWidths('问题清单')).toEqual({ 0: 145, 1: 75 });
    expect(b.hasSheet('问题清单')).toBe(true);
  });
});
