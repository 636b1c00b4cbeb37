/**
 * The fake Excel behaves like the real API where the adapter depends on it: proxies queue, load+sync
 * fill properties, unloaded properties throw PropertyNotLoaded, syncs are counted and measured, size
 * limits and protection throw the real error codes, and a failed batch applies nothing.
 */
import { escapedJsonLength, requestBytes } from '../../../src/hosts/request-bytes';
import { createFakeOffice, FakeOfficeError, FakeWorkbook, installFakeOffice, uninstallFakeOffice, type FakeOfficeGlobals } from '../../../src/hosts/fake-excel';

function setup(options: Parameters<typeof createFakeOffice>[1] = {}) {
  const wb = FakeWorkbook.fromGrids([
    { name: 'Data', values: [['code', 'n'], ['0012', 5], [null, 7]] },
    { name: 'Other', values: [['x']] },
  ]);
  const fake: FakeOfficeGlobals = createFakeOffice(wb, options);
  return { wb, Excel: fake.Excel, Office: fake.Office };
}

async function rejection(p: Promise<unknown>): Promise<FakeOfficeError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof FakeOfficeError) return e;
    throw e;
  }
  throw new Error('expected the promise to reject');
}

describe('loading', () => {
  it('throws PropertyNotLoaded before load + sync, with the real message, and fills the property after', async () => {
    const { Excel } = setup();
    await Excel.run(async (ctx) => {
      const range = ctx.workbook.worksheets.getItem('Data').getRange('A1:B2');
      expect(() => range.values).toThrow(FakeOfficeError);
      range.load('values,address');
      try {
        void range.values;
        throw new Error('unreachable');
      } catch (e) {
        const err = e as FakeOfficeError;
        expect(err.code).toBe('PropertyNotLoaded');
        expect(err.message).toBe(
          "The property 'values' is not available. Before reading the property's value, call the load method on the containing object and call \"context.sync()\" on the associated request context.",
        );
      }
      await ctx.sync();
      expect(range.values).toEqual([['code', 'n'], ['0012', 5]]);
      expect(range.address).toBe('Data!A1:B2');
      expect(() => range.numberFormat).toThrow(/numberFormat/);
    });
  });

  it('loads navigation paths and collection items, and item proxies work in later syncs', async () => {
    const { Excel } = setup();
    await Excel.run(async (ctx) => {
      const sheets = ctx.workbook.worksheets;
      sheets.load('items/name,items/protection/protected');
      await ctx.sync();
      expect(sheets.items.map((s) => s.name)).toEqual(['Data', 'Other']);
      expect(sheets.items[0].protection.protected).toBe(false);
      const cell = sheets.items[1].getRange('A1');
      cell.load('values');
      await ctx.sync();
      expect(cell.values).toEqual([['x']]);
    });
  });

  it('reports isNullObject only after a sync, and ignores actions on a null object', async () => {
    const { Excel, wb } = setup();
    await Excel.run(async (ctx) => {
      const missing = ctx.workbook.worksheets.getItemOrNullObject('Nope');
      expect(() => missing.isNullObject).toThrow(/isNullObject/);
      const used = missing.getUsedRangeOrNullObject(true);
      used.load('values');
      missing.delete();
      await ctx.sync();
      expect(missing.isNullObject).toBe(true);
      expect(used.isNullObject).toBe(true);
    });
    expect(wb.sheetNames()).toEqual(['Data', 'Other']);
  });

  it('reads "no fill" as #FFFFFF with tintAndShade null, a fill with tintAndShade 0', async () => {
    const { Excel, wb } = setup();
    wb.setFill('Data', 'B3', '#ffc7ce');
    await Excel.run(async (ctx) => {
      const areas = ctx.workbook.worksheets.getItem('Data').getRanges('A2,B3').areas;
      areas.load('items/address,items/format/fill/color,items/format/fill/tintAndShade');
      await ctx.sync();
      expect(areas.items.map((a) => [a.address, a.format.fill.color, a.format.fill.tintAndShade])).toEqual([
        ['Data!A2', '#FFFFFF', null],
        ['Data!B3', '#FFC7CE', 0],
      ]);
    });
  });
});

describe('defaults that follow Excel (issue 14, point 10)', () => {
  // A batch that fails keeps what ran before the failing action (the batch is not a transaction:
  // https://learn.microsoft.com/office/dev/add-ins/testing/application-specific-api-error-handling).
  it('a failed batch keeps the actions queued before the failure', async () => {
    const { Excel, wb } = setup();
    wb.setSheetProtected('Data');
    await expect(Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('Other').getRange('B1').values = [['applied first']];
      ctx.workbook.worksheets.getItem('Data').getRange('A1').values = [['refused']];
      await ctx.sync();
    })).rejects.toMatchObject({ code: 'AccessDenied' });
    expect(wb.cell('Other', 'B1').value).toBe('applied first');
  });

  it('touching cells of getRanges come back as one area ("K5,K6" is "K5:K6"); a look that differs reads null', async () => {
    const { Excel, wb } = setup();
    wb.setFill('Data', 'K6', '#FFC7CE');
    await Excel.run(async (ctx) => {
      const areas = ctx.workbook.worksheets.getItem('Data').getRanges('K5,K6,M5').areas;
      areas.load('items/address,items/format/fill/color');
      await ctx.sync();
      expect(areas.items.map((a) => [a.address, a.format.fill.color])).toEqual([['Data!K5:K6', null], ['Data!M5', '#FFFFFF']]);
    });
  });

  it.each([
    ['+5', 5, 'General'],
    ['-7', -7, 'General'],
    ['3-15', 'date', 'd-mmm'],
    ['2024-01-05', 45296, 'yyyy/m/d'],
    ['-x', 'formula', 'General'],
  ])('converts %s as Excel does when entered into a General cell', async (input, want, format) => {
    const { Excel, wb } = setup();
    await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('Other').getRange('C1:D1').numberFormat = [['General', '@']];
      ctx.workbook.worksheets.getItem('Other').getRange('C1:D1').values = [[input, input]];
      await ctx.sync();
    });
    const c = wb.cell('Other', 'C1');
    if (want === 'date') expect(typeof c.value).toBe('number');
    else if (want === 'formula') expect([c.formula, c.value]).toEqual([`=${input}`, '#NAME?']);
    else expect(c.value).toBe(want);
    expect(c.numberFormat).toBe(format);
    expect(wb.cell('Other', 'D1').value).toBe(input); // text ('@') stays text
  });
});

describe('syncs and sizes', () => {
  it('counts every sync, including Excel.run’s final sync of pending actions', async () => {
    const { Excel, wb } = setup();
    await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('Data').getRange('C1').values = [['y']];
      await ctx.sync();
      await ctx.sync();
    });
    expect(wb.syncCount).toBe(2);
    await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('Data').getRange('C2').values = [['z']];
    });
    expect(wb.syncCount).toBe(3);
    expect(wb.cell('Data', 'C2').value).toBe('z');
    await Excel.run(async () => undefined);
    expect(wb.syncCount).toBe(3);
    expect(wb.requestSizes).toHaveLength(3);
    expect(wb.responseSizes).toHaveLength(3);
  });

  // How Excel on the web counts its 5 MB is not documented
  // (https://learn.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins):
  // the fake counts the larger way, as escaped JSON (a Chinese character is \uXXXX, 6 bytes, not UTF-8's 3).
  it('measures the request as JSON of the queued actions and values, non-ASCII escaped as \\uXXXX', async () => {
    const { Excel, wb } = setup();
    const text = '学'.repeat(1000);
    for (const v of ['a', text, '𠀀'.repeat(1000)])
      await Excel.run(async (ctx) => {
        ctx.workbook.worksheets.getItem('Data').getRange('D1').values = [[v]];
        await ctx.sync();
      });
    expect(wb.requestSizes[1] - wb.requestSizes[0]).toBe(6 * 1000 - 1);
    expect(wb.requestSizes[2] - wb.requestSizes[0]).toBe(12 * 1000 - 1);
  });

  it('the adapter counts a string as the fake does', () => {
    expect(requestBytes('ab')).toBe(2);
    expect(requestBytes('学校')).toBe(12);
    expect(requestBytes('a"b\\c\n')).toBe(3 + 2 + 2 + 2);
    expect(requestBytes('\u0001')).toBe(6);
    // ["学校","a\\"b"]: 11 ASCII characters and two escaped ones.
    expect(escapedJsonLength(JSON.stringify(['学校', 'a"b']))).toBe(11 + 12);
  });

  it('refuses a request over the limit with RequestPayloadSizeLimitExceeded and applies nothing', async () => {
    const { Excel, wb } = setup({ requestLimit: 20_000 });
    const before = wb.snapshot();
    const big = Array.from({ length: 100 }, (_, i) => [`row ${i} ${'x'.repeat(200)}`]);
    const err = await rejection(
      Excel.run(async (ctx) => {
        const ws = ctx.workbook.worksheets.getItem('Data');
        ws.getRange('A1').values = [['changed']];
        ws.getRange('E1:E100').values = big;
        await ctx.sync();
      }),
    );
    expect(err.code).toBe('RequestPayloadSizeLimitExceeded');
    expect(err.message).toMatch(/request payload size has exceeded the limit/);
    expect(wb.snapshot()).toEqual(before);
    expect(wb.requestSizes[0]).toBeGreaterThan(20_000);
  });

  it('refuses a response over the limit with ResponsePayloadSizeLimitExceeded', async () => {
    const { Excel, wb } = setup({ responseLimit: 5_000 });
    wb.setValue('Other', 'A1000', 'far');
    const err = await rejection(
      Excel.run(async (ctx) => {
        const r = ctx.workbook.worksheets.getItem('Other').getRange('A1:C1000');
        r.load('values,numberFormat');
        await ctx.sync();
      }),
    );
    expect(err.code).toBe('ResponsePayloadSizeLimitExceeded');
  });

  it('refuses a getRanges address longer than the limit', async () => {
    const { Excel } = setup({ maxAddressLength: 50 });
    const list = Array.from({ length: 20 }, (_, i) => `A${i + 1}`).join(',');
    const err = await rejection(
      Excel.run(async (ctx) => {
        ctx.workbook.worksheets.getItem('Data').getRanges(list).format.fill.color = '#FF0000';
        await ctx.sync();
      }),
    );
    expect(err.code).toBe('InvalidArgument');
  });
});

describe('protection', () => {
  it('fails a batch writing to a protected sheet with AccessDenied and (rolled back) applies none of it', async () => {
    const { Excel, wb } = setup({ partialBatches: false });
    wb.setSheetProtected('Data');
    const before = wb.snapshot();
    const err = await rejection(
      Excel.run(async (ctx) => {
        ctx.workbook.worksheets.getItem('Other').getRange('B1').values = [['applied first']];
        ctx.workbook.worksheets.getItem('Data').getRange('A2').format.fill.color = '#FFC7CE';
        await ctx.sync();
      }),
    );
    expect(err.code).toBe('AccessDenied');
    expect(wb.snapshot()).toEqual(before);
  });

  it('still reads a protected sheet, and reports its protection', async () => {
    const { Excel, wb } = setup();
    wb.setSheetProtected('Data');
    await Excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem('Data');
      ws.protection.load('protected');
      const r = ws.getUsedRange(true);
      r.load('values');
      await ctx.sync();
      expect(ws.protection.protected).toBe(true);
      expect(r.values[1]).toEqual(['0012', 5]);
    });
  });

  it('refuses to add a sheet when the workbook structure is protected', async () => {
    const { Excel, wb } = setup();
    wb.setStructureProtected(true);
    const err = await rejection(
      Excel.run(async (ctx) => {
        ctx.workbook.worksheets.add('New');
        await ctx.sync();
      }),
    );
    expect(err.code).toBe('AccessDenied');
    expect(wb.sheetNames()).toEqual(['Data', 'Other']);
  });
});

describe('sheet names', () => {
  // "Office requires that sheet names are case-insensitive unique in any locale" ([MS-OI29500] 2.1.578): Unicode case,
  // so 「表ⅲ」 (U+2172) is the official 「表Ⅲ」 (U+2162), and a final sigma is a sigma.
  it.each([['表Ⅲ', '表ⅲ'], ['Σ表', 'ς表']])('are compared as Excel compares them: 「%s」 then 「%s」 is refused, and found by either', async (first, second) => {
    const { Excel, wb } = setup();
    wb.addSheet(first);
    const err = await rejection(
      Excel.run(async (ctx) => {
        ctx.workbook.worksheets.add(second);
        await ctx.sync();
      }),
    );
    expect(err.code).toBe('ItemAlreadyExists');
    await Excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItemOrNullObject(second);
      ws.load('name');
      await ctx.sync();
      expect(ws.isNullObject).toBe(false);
      expect(ws.name).toBe(first);
    });
    expect(wb.sheetNames()).toEqual(['Data', 'Other', first]);
  });
});

describe('Range.getUsedRangeOrNullObject (ExcelApi 1.4)', () => {
  it('is the used range within the range, or a null object when none of its cells is used', async () => {
    const { Excel } = setup();
    await Excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem('Data');
      const inside = ws.getRange('B1:D9').getUsedRangeOrNullObject(true);
      inside.load('address');
      const none = ws.getRange('C1:D9').getUsedRangeOrNullObject(true);
      none.load('address');
      await ctx.sync();
      expect(inside.address).toBe('Data!B1:B3');
      expect(none.isNullObject).toBe(true);
    });
  });
});

describe('features the host claims but does not implement', () => {
  // OfficeDev/office-js-docs-pr#2006: `workbook.comments` answered "This operation is not implemented." on an Excel
  // reporting ExcelApi 1.10.
  it('fail the batch that uses them with NotImplemented, the collection load included; other batches work', async () => {
    const { Excel } = setup({ requirementSets: { ExcelApi: '1.18' }, notImplemented: ['comments'] });
    const err = await rejection(
      Excel.run(async (ctx) => {
        ctx.workbook.comments.load('items/content');
        await ctx.sync();
      }),
    );
    expect([err.code, err.message]).toEqual(['NotImplemented', 'This operation is not implemented.']);
    await Excel.run(async (ctx) => {
      const count = ctx.workbook.notes.getCount();
      await ctx.sync();
      expect(count.value).toBe(0);
    });
  });
});

describe('entering values as Excel does', () => {
  it('turns numeric text into numbers unless the cell is text, keeps formulas, and skips nulls', async () => {
    const { Excel, wb } = setup();
    await Excel.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem('Data').getRange('A1:D2');
      r.numberFormat = [['@', null, null, null], [null, null, null, null]];
      r.values = [['0012', '0012', '=HYPERLINK("#Other!A1","去")', null], ['TRUE', '12%', "'=x", 'text']];
      await ctx.sync();
    });
    expect(wb.cell('Data', 'A1').value).toBe('0012');
    expect(wb.cell('Data', 'B1').value).toBe(12);
    expect(wb.cell('Data', 'C1')).toMatchObject({ value: '去', link: 'Other!A1' });
    expect(wb.cell('Data', 'A2').value).toBe(true);
    expect(wb.cell('Data', 'B2').value).toBe(0.12);
    expect(wb.cell('Data', 'C2').value).toBe('=x');
    expect(wb.cell('Data', 'D1').value).toBeNull();
  });

  it('refuses values whose shape does not match the range', async () => {
    const { Excel } = setup();
    const err = await rejection(
      Excel.run(async (ctx) => {
        ctx.workbook.worksheets.getItem('Data').getRange('A1:B2').values = [['a', 'b']];
        await ctx.sync();
      }),
    );
    expect(err.code).toBe('InvalidArgument');
  });
});

describe('notes, comments and requirement sets', () => {
  it('adds, reads and deletes notes with ExcelApi 1.18', async () => {
    const { Excel, Office, wb } = setup();
    expect(Office.context.requirements.isSetSupported('ExcelApi', '1.18')).toBe(true);
    await Excel.run(async (ctx) => {
      ctx.workbook.notes.add("'Data'!B2", '说明');
      const n = ctx.workbook.notes.getItemOrNullObject('Data!B2');
      n.load('content');
      await ctx.sync();
      expect(n.content).toBe('说明');
      n.delete();
      await ctx.sync();
    });
    expect(wb.cell('Data', 'B2').note).toBeNull();
  });

  it('an item of a loaded note collection is addressed by its index, as office.js addresses items without an id', async () => {
    // Excel.Note has no id: office.js gives a loaded item the path getItemAt(index), so after a delete the next
    // index names the note that moved into it. Deleting items[0] and items[1] in one request removes the first and
    // the third note; from the last index down removes the ones meant.
    const { Excel, wb } = setup();
    const seed = async () =>
      Excel.run(async (ctx) => {
        for (const [cell, text] of [['B2', '甲'], ['B3', '乙'], ['B4', '丙']]) ctx.workbook.notes.add(`Data!${cell}`, text);
        await ctx.sync();
      });
    const deleteFirstTwo = (backwards: boolean) =>
      Excel.run(async (ctx) => {
        const notes = ctx.workbook.notes;
        notes.load('items/content');
        await ctx.sync();
        const [a, b] = notes.items;
        expect([a.content, b.content]).toEqual(['甲', '乙']);
        if (backwards) {
          b.delete();
          a.delete();
        } else {
          a.delete();
          b.delete();
        }
        await ctx.sync();
      });
    await seed();
    await deleteFirstTwo(false);
    expect(['B2', 'B3', 'B4'].map((c) => wb.cell('Data', c).note)).toEqual([null, '乙', null]);
    await Excel.run(async (ctx) => {
      ctx.workbook.notes.getItem('Data!B3').delete(); // by address: the key office.js gives getItem
      await ctx.sync();
    });
    await seed();
    await deleteFirstTwo(true);
    expect(['B2', 'B3', 'B4'].map((c) => wb.cell('Data', c).note)).toEqual([null, null, '丙']);
  });

  it('fails with ApiNotFound when the host lacks the requirement set', async () => {
    const { Excel, Office } = setup({ requirementSets: { ExcelApi: '1.17' } });
    expect(Office.context.requirements.isSetSupported('ExcelApi', '1.18')).toBe(false);
    expect(Office.context.requirements.isSetSupported('ExcelApi', '1.10')).toBe(true);
    const err = await rejection(
      Excel.run(async (ctx) => {
        ctx.workbook.notes.add('Data!B2', 'x');
        await ctx.sync();
      }),
    );
    expect(err.code).toBe('ApiNotFound');
  });

  it('adds comments by full address and finds them by cell', async () => {
    const { Excel, wb } = setup({ requirementSets: { ExcelApi: '1.12' } });
    await Excel.run(async (ctx) => {
      ctx.workbook.comments.add('Data!A2', '批注');
      await ctx.sync();
      const c = ctx.workbook.comments.getItemByCell('Data!A2');
      c.load('content');
      const loc = c.getLocation();
      loc.load('address');
      await ctx.sync();
      expect([c.content, loc.address]).toEqual(['批注', 'Data!A2']);
    });
    expect(wb.comments()).toEqual([expect.objectContaining({ sheet: 'Data', address: 'A2', content: '批注' })]);
  });
});

describe('workbook-level behaviour', () => {
  it('keeps a sheet added in one sync as the same sheet in the next', async () => {
    const { Excel, wb } = setup();
    await Excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.add('Added');
      await ctx.sync();
      ws.getRange('A1').values = [['in added']];
      ws.visibility = 'VeryHidden';
      await ctx.sync();
    });
    expect(wb.sheetNames()).toEqual(['Data', 'Other', 'Added']);
    expect(wb.sheetInfo('Added')?.visibility).toBe('VeryHidden');
    expect(wb.cell('Added', 'A1').value).toBe('in added');
  });

  it('saves document settings with saveAsync', async () => {
    const { Office, wb } = setup();
    Office.context.document.settings.set('k', { a: 1 });
    expect(wb.savedSettings()).toEqual({});
    await new Promise<void>((resolve) => Office.context.document.settings.saveAsync(() => resolve()));
    expect(wb.savedSettings()).toEqual({ k: { a: 1 } });
    expect(Office.context.document.settings.get('k')).toEqual({ a: 1 });
  });

  it('tells listeners which sheets a sync changed', async () => {
    const { Excel, wb } = setup();
    const seen: string[][] = [];
    const stop = wb.onChange((e) => seen.push(e.sheets));
    await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('Other').getRange('A2').values = [[1]];
      await ctx.sync();
      const r = ctx.workbook.worksheets.getItem('Data').getRange('A1');
      r.load('values');
      await ctx.sync();
    });
    stop();
    expect(seen).toEqual([['Other']]);
  });

  it('installs and uninstalls the globals', () => {
    const g = globalThis as Record<string, unknown>;
    expect(g.Excel).toBeUndefined();
    const wb = new FakeWorkbook();
    const fake = installFakeOffice(wb);
    expect(g.Excel).toBe(fake.Excel);
    expect(g.Office).toBe(fake.Office);
    uninstallFakeOffice();
    expect(g.Excel).toBeUndefined();
    expect(g.Office).toBeUndefined();
  });
});

describe('merged areas as Excel has them', () => {
  it('merging keeps only the top-left value; an overlapping merge is refused; clearing formats unmerges', async () => {
    const wb = FakeWorkbook.fromGrids([{ name: 'S', values: [['a', 'b'], ['c', 'd'], ['e', 'f']], merges: [{ top: 0, left: 0, bottom: 1, right: 0 }] }]);
    expect(wb.cell('S', 'A1').value).toBe('a');
    expect(wb.cell('S', 'A2').value).toBeNull();
    expect(wb.sheetInfo('S')!.merges).toEqual(['A1:A2']);
    const { Excel } = createFakeOffice(wb);
    const err = await rejection(Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('S').getRange('A2:B2').merge();
      await ctx.sync();
    }));
    expect(err.code).toBe('InvalidOperation');
    await Excel.run(async (ctx) => {
      const s = ctx.workbook.worksheets.getItem('S');
      s.getRange('B2:B3').merge();
      await ctx.sync();
    });
    expect([wb.cell('S', 'B2').value, wb.cell('S', 'B3').value]).toEqual(['d', null]);
    await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('S').getRange('A2').clear('Formats');
      await ctx.sync();
    });
    expect(wb.sheetInfo('S')!.merges).toEqual(['B2:B3']);
  });

  it('getMergedAreasOrNullObject: each merged area whose top-left cell is in the range, whole; a null object when none', async () => {
    const wb = FakeWorkbook.fromGrids([{ name: 'S', values: [['k', 1], [null, 2], ['m', 3], [null, 4], [null, 5]] }]);
    wb.merge('S', 'A1:A2');
    wb.merge('S', 'A3:A4');
    const { Excel } = createFakeOffice(wb);
    await Excel.run(async (ctx) => {
      const s = ctx.workbook.worksheets.getItem('S');
      const all = s.getRange('A1:B5').getMergedAreasOrNullObject();
      all.areas.load('items/address');
      // A4 lies in the range but the area's top-left cell A3 does not.
      const below = s.getRange('A4:B5').getMergedAreasOrNullObject();
      below.areas.load('items/address');
      const none = s.getRange('B1:B5').getMergedAreasOrNullObject();
      none.areas.load('items/address');
      await ctx.sync();
      // Two touching merged areas are reported apart, not as one area A1:A4.
      expect(all.areas.items.map((a) => a.address)).toEqual(['S!A1:A2', 'S!A3:A4']);
      expect(below.isNullObject).toBe(true);
      expect(none.isNullObject).toBe(true);
    });
  });

  it('is missing from an office.js older than ExcelApi 1.13, and fails with ApiNotFound on a host without it', async () => {
    const wb = FakeWorkbook.fromGrids([{ name: 'S', values: [['k']] }]);
    await createFakeOffice(wb, { library: { ExcelApi: '1.12' } }).Excel.run(async (ctx) => {
      expect((ctx.workbook.worksheets.getItem('S').getRange('A1') as unknown as Record<string, unknown>).getMergedAreasOrNullObject).toBeUndefined();
    });
    const err = await rejection(createFakeOffice(wb, { requirementSets: { ExcelApi: '1.12' } }).Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('S').getRange('A1').getMergedAreasOrNullObject().load('address');
      await ctx.sync();
    }));
    expect(err.code).toBe('ApiNotFound');
  });
});
