/**
 * The worker's result in slices (offline/chunked.ts), its marks packed (offline/packed-marks.ts), and the page's
 * view of a workbook (offline/gridbook.ts).
 */
import { Assembler, SLICE, takeApart, type Part } from '../../offline/chunked';
import { GridBook } from '../../offline/gridbook';
import { markAt, packMarks, type PackedMarks } from '../../offline/packed-marks';
import { MARK_COLORS, type Mark } from '../../src/report/model';

/** Packed as the worker packs them, then through structured clone with the buffers moved, as postMessage does. */
function sent(marks: readonly Mark[]): PackedMarks {
  const { packed, transfer } = packMarks(marks);
  return structuredClone(packed, { transfer });
}

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

describe('packMarks / markAt', () => {
  const marks: Mark[] = [
    { sheet: '分学段信息', address: 'C10', level: 'fail', note: '低于标准' },
    { sheet: '学校基本信息', address: '$XFD$1048576', level: 'warning', note: '最后一格' },
    { sheet: '学校基本信息', address: 'A1', level: 'error', note: '第一格' },
    { sheet: '学校基本信息', address: 'AA2', level: 'fail', note: '低于标准' },
    { sheet: '学校基本信息', address: 'Z2', level: 'error', note: '先标' },
    { sheet: '学校基本信息', address: 'Z2', level: 'warning', note: '后标' },
    { sheet: '学校基本信息', address: '不是地址', level: 'error', note: '略过' },
    // One column past XFD would take the key of A2 (row 2, column 0); no sheet has it, and it is left out.
    { sheet: '学校基本信息', address: 'XFE1', level: 'error', note: '越界' },
    { sheet: '学校基本信息', address: 'B3', level: 'error', note: '' },
  ];

  it('finds every cell marked, its level and note, the last mark of a cell marked twice, on each sheet', () => {
    const p = sent(marks);
    const at = (sheet: string, row: number, col: number) => markAt(p, p.sheets.find((s) => s.sheet === sheet), row, col);
    expect(at('学校基本信息', 0, 0)).toEqual({ level: 'error', note: '第一格' });
    expect(at('学校基本信息', 1048575, 16383)).toEqual({ level: 'warning', note: '最后一格' });
    expect(at('学校基本信息', 1, 26)).toEqual({ level: 'fail', note: '低于标准' });
    expect(at('学校基本信息', 1, 25)).toEqual({ level: 'warning', note: '后标' });
    expect(at('分学段信息', 9, 2)).toEqual({ level: 'fail', note: '低于标准' });
    expect(at('学校基本信息', 2, 1)).toEqual({ level: 'error', note: '' });
    // Neighbours, and the same cell on the other sheet, are not marked.
    for (const [sheet, row, col] of [['学校基本信息', 0, 1], ['学校基本信息', 1, 0], ['学校基本信息', 9, 2], ['分学段信息', 0, 0], ['县级指标', 0, 0]] as const) expect(at(sheet, row, col)).toBeNull();
    // The count is the run's (as the add-in reports it); each note travels once.
    expect(p.count).toBe(marks.length);
    expect(p.text).toBe('低于标准最后一格第一格先标后标');
    expect([...p.noteStarts]).toEqual([0, 4, 8, 11, 13, 15, 15]);
    expect(p.sheets.map((s) => [s.sheet, [...s.cells]])).toEqual([
      ['分学段信息', [9 * 16384 + 2]],
      ['学校基本信息', [0, 1 * 16384 + 25, 1 * 16384 + 26, 2 * 16384 + 1, 1048575 * 16384 + 16383]],
    ]);
  });

  it('moves its arrays instead of copying them', () => {
    const { packed, transfer } = packMarks(marks);
    expect(transfer).toHaveLength(7);
    structuredClone(packed, { transfer });
    expect(packed.sheets[0].cells.byteLength).toBe(0);
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
    b.setMarks(sent([
      { sheet: '学校基本信息', address: 'B2', level: 'error', note: '人数不是整数' },
      { sheet: '学校基本信息', address: 'A3', level: 'warning', note: '代码重复' },
    ]));
    expect(b.cell('学校基本信息', 1, 1)).toMatchObject({ value: 12, fill: MARK_COLORS.error, note: '人数不是整数' });
    expect(b.cell('学校基本信息', 2, 0)).toMatchObject({ value: '002', fill: MARK_COLORS.warning, note: '代码重复' });
    expect(b.cell('学校基本信息', 1, 0)).toMatchObject({ value: '001', fill: null, note: null });
    expect(b.clearMarks()).toBe(2);
    expect(b.cell('学校基本信息', 1, 1).fill).toBeNull();
    expect(b.clearMarks()).toBe(0);
  });

  it('changes its content version with values and sheets, not with marks (the grid keeps its column widths over a run)', () => {
    const b = book();
    const v = b.contentVersion();
    b.setMarks(sent([{ sheet: '学校基本信息', address: 'B2', level: 'error', note: '人数不是整数' }]));
    b.clearMarks();
    expect(b.contentVersion()).toBe(v);
    b.addRows('学校基本信息', 2, [['003', 31]], null);
    expect(b.contentVersion()).toBeGreaterThan(v);
    const w = b.contentVersion();
    b.setGenerated([]);
    expect(b.contentVersion()).toBeGreaterThan(w);
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
