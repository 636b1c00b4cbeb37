/**
 * The two record sheets (shenbao.md §1): the mark record and 「均衡核验_生成记录」, the list of the sheets the product
 * generated, one per row. Records of format 2 (the list inside the mark record) and older ones (no list) are read.
 */
import { blockedOfficialSheets } from '../../src/report/build';
import { decodeGenerated, encodeGenerated, encodeStore, GENERATED_RECORD_SHEET, isOurs, isRecordSheet, keptOriginal, MARK_STORE_SHEET, noteText } from '../../src/report/markstore';
import type { CellGrid } from '../../src/template/grid';

const HEADER = ['工作表', '单元格', '级别', '原填充色', '原有批注', '原批注内容'];
const FORMAT2 = [HEADER, ['表Ⅲ', '', '生成的工作表', '', '', ''], ['核验_问题清单', '', '生成的工作表', '', '', ''], ['', '', '记录格式', '2', '', '']];

describe('the list of generated sheets', () => {
  it('is written one name per row in its own sheet; the mark record keeps only cells, its format (3) and the settings', () => {
    expect(GENERATED_RECORD_SHEET).toBe('均衡核验_生成记录');
    expect(encodeGenerated(['表Ⅰ', '核验_问题清单(核验)'])).toEqual([['表Ⅰ'], ['核验_问题清单(核验)']]);
    expect(encodeStore([{ sheet: '学校基本信息', address: 'N6', level: 'fail', fill: '', hadNote: false, note: '' }], { profile: 'national' })).toEqual([
      HEADER,
      ['学校基本信息', 'N6', 'fail', '', '否', ''],
      ['', '', '记录格式', '3', '', ''],
      ['', '', '规则设置', '{"profile":"national"}', '', ''],
    ]);
  });

  it('is read from 均衡核验_生成记录 when it lists any (a stale list in a format-2 record then does not count)', () => {
    expect(decodeGenerated(FORMAT2, [['表Ⅰ'], ['表Ⅱ-1'], [null], ['']])).toEqual({ sheets: ['表Ⅰ', '表Ⅱ-1'], legacy: false });
    // A list sheet made by a run that stopped before writing it: the format-2 record's list still counts.
    expect(decodeGenerated(FORMAT2, [])).toEqual({ sheets: ['表Ⅲ', '核验_问题清单'], legacy: false });
    expect(decodeGenerated([HEADER], [])).toEqual({ sheets: [], legacy: true });
    expect(decodeGenerated([HEADER, ['', '', '记录格式', '3', '', '']], [])).toEqual({ sheets: [], legacy: false });
  });

  it('is read from a format-2 mark record without the list sheet; a record without any list is legacy', () => {
    expect(decodeGenerated(FORMAT2, null)).toEqual({ sheets: ['表Ⅲ', '核验_问题清单'], legacy: false });
    expect(decodeGenerated([HEADER], null)).toEqual({ sheets: [], legacy: true });
    expect(decodeGenerated([], null)).toEqual({ sheets: [], legacy: false });
  });

  it('decides which official sheets are the user\'s: only those not listed (shenbao-sheet-exists)', () => {
    const sheet = (name: string, values: unknown[][] = [['x']]): CellGrid => ({ name, values } as CellGrid);
    const grids = [sheet('表Ⅲ'), sheet('表Ⅳ'), sheet(MARK_STORE_SHEET, FORMAT2)];
    expect(blockedOfficialSheets(grids)).toEqual(['表Ⅳ']);
    expect(blockedOfficialSheets([...grids, sheet(GENERATED_RECORD_SHEET, [['表Ⅳ']])])).toEqual(['表Ⅲ']);
    expect([isRecordSheet(' 均衡核验_生成记录 '), isRecordSheet(MARK_STORE_SHEET), isRecordSheet('表Ⅲ')]).toEqual([true, true, false]);
  });
});

describe('our notes', () => {
  const END = '——均衡核验生成，重新核验时替换';
  it('end with our last line; text written after it makes a note the user\'s, whatever line ends the host saved', () => {
    const ours = noteText('R4 低于标准', null);
    expect(ours).toBe(`【均衡核验】R4 低于标准\n${END}`);
    expect([ours, `${ours}  \n`, ours.replace(/\n/g, '\r\n'), '【均衡核验】旧版本的说明'].map(isOurs)).toEqual([true, true, true, true]);
    expect([`${ours}\n王科长：已核实`, `${ours}\r\n王科长：已核实`, `${ours}王科长`, '我的批注'].map(isOurs)).toEqual([false, false, false, false]);
  });

  it('give back the user\'s note they were wrapped around as it was, also with \\r\\n line ends', () => {
    expect(keptOriginal(noteText('说明', '我的批注\n第二行 '))).toBe('我的批注\n第二行 ');
    expect(keptOriginal(noteText('说明', '我的批注').replace(/\n/g, '\r\n'))).toBe('我的批注');
    // An earlier version's note (no last line), as WPS saves it with \r\n: before, the user's note was not found and went with ours.
    expect(keptOriginal('【均衡核验】旧说明\r\n【原批注】\r\n我的原注释')).toBe('我的原注释');
    expect(keptOriginal(noteText('说明', null))).toBeNull();
  });
});
