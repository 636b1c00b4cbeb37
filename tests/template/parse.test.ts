/**
 * Single-cell parsing (numbers, numbers stored as text, enumerations, 是/否) and header normalisation.
 */
import { a1, columnLetter, parseA1, wholeNumberAsShown } from '../../src/template/grid';
import { isBlank, parseEnum, parseNumber, parseText, parseYesNo } from '../../src/template/parse';
import { normaliseHeader, splitMoneyUnit } from '../../src/template/schema';

describe('parseNumber', () => {
  it.each([null, '', '   ', '\u3000'])('%j is blank', (v) => {
    expect(parseNumber(v)).toEqual({ kind: 'blank' });
  });

  it.each([
    [12, 12],
    [0, 0],
    [-3, -3],
    [4.25, 4.25],
  ])('the number %j is read as %j, not as text', (v, n) => {
    expect(parseNumber(v)).toEqual({ kind: 'ok', value: n });
  });

  it.each([
    ['123', 123],
    [' 45 ', 45],
    ['1,234', 1234],
    ['1,234,567.5', 1234567.5],
    ['-5', -5],
    ['+7', 7],
    ['.5', 0.5],
    ['12.50', 12.5],
    ['１２３', 123],
    ['１２．５', 12.5],
  ])('the text %j is a number stored as text: %j', (v, n) => {
    expect(parseNumber(v)).toEqual({ kind: 'ok', value: n, asText: true });
  });

  it.each([
    ['12人', '“12人”不是数字'],
    ['约300', '“约300”不是数字'],
    ['1,23', '“1,23”不是数字'],
    ['12%', '“12%”不是数字'],
    ['1e3', '“1e3”不是数字'],
    ['无', '“无”不是数字'],
  ])('the text %j is not a number', (v, message) => {
    expect(parseNumber(v)).toEqual({ kind: 'bad', code: 'not-a-number', message, fix: '请只填写数字，不要带单位或文字说明' });
  });

  it('a logical value is not a number', () => {
    expect(parseNumber(true)).toEqual({ kind: 'bad', code: 'not-a-number', message: '填写的是逻辑值“TRUE”，不是数字', fix: '请填写数字' });
  });

  it('NaN and Infinity are not numbers', () => {
    expect(parseNumber(Number.NaN)).toMatchObject({ kind: 'bad', code: 'not-a-number' });
    expect(parseNumber(Number.POSITIVE_INFINITY)).toMatchObject({ kind: 'bad', code: 'not-a-number' });
  });

  it.each(['#DIV/0!', '#N/A', '#VALUE!', '#REF!'])('the formula error %s is reported as such', (v) => {
    expect(parseNumber(v)).toEqual({ kind: 'bad', code: 'formula-error', message: `公式结果为错误值“${v}”`, fix: '请检查该单元格的公式，使其得出数字' });
  });

  it('a date is not a number', () => {
    expect(parseNumber('2024-09-01')).toEqual({
      kind: 'bad', code: 'date-value', message: '填写的是日期“2024-09-01”，不是数字', fix: '请将单元格格式改为“常规”或“数值”后重新填写数字',
    });
  });
});

describe('parseText', () => {
  it('trims text and keeps leading zeros', () => {
    expect(parseText(' 0360000001 ')).toEqual({ kind: 'ok', value: '0360000001' });
    expect(parseText('城关 小学')).toEqual({ kind: 'ok', value: '城关 小学' });
  });

  it('a number becomes its decimal text', () => {
    expect(parseText(3600000001)).toEqual({ kind: 'ok', value: '3600000001' });
  });

  it('blank is blank', () => {
    expect(parseText('  ')).toEqual({ kind: 'blank' });
    expect(isBlank(null)).toBe(true);
    expect(isBlank(0)).toBe(false);
  });
});

describe('parseEnum (学校类型 with its aliases)', () => {
  const values = ['小学', '初中', '九年一贯制学校', '十二年一贯制学校', '完全中学', '小学教学点', '特殊教育学校'];
  const aliases = { 九年一贯制: '九年一贯制学校', 十二年一贯制: '十二年一贯制学校', 教学点: '小学教学点', 特教学校: '特殊教育学校' };

  it.each([
    ['小学', '小学'],
    [' 初中 ', '初中'],
    ['九年一贯制', '九年一贯制学校'],
    ['九年 一贯制', '九年一贯制学校'],
    ['十二年一贯制', '十二年一贯制学校'],
    ['教学点', '小学教学点'],
    ['特教学校', '特殊教育学校'],
    ['\u3000完全中学\u3000', '完全中学'],
  ])('%j → %j', (v, out) => {
    expect(parseEnum(v, values, aliases)).toEqual({ kind: 'ok', value: out });
  });

  it('a text naming a property every object has (toString, constructor) is not an alias: an error, not a function as the value', () => {
    for (const text of ['toString', 'constructor', '__proto__', 'hasOwnProperty'])
      expect(parseEnum(text, values, aliases)).toMatchObject({ kind: 'bad', code: 'bad-enum', message: `“${text}”不是可选值` });
  });

  it('an unknown value is an error listing the choices', () => {
    expect(parseEnum('高级中学', values, aliases)).toEqual({
      kind: 'bad', code: 'bad-enum', message: '“高级中学”不是可选值', fix: '请从下列值中选择：小学、初中、九年一贯制学校、十二年一贯制学校、完全中学、小学教学点、特殊教育学校',
    });
  });
});

describe('parseYesNo', () => {
  it.each([
    ['是', true], ['否', false], ['y', true], ['N', false], ['√', true], ['×', false], ['达标', true], ['未达标', false], [true, true], [false, false], [' 是 ', true],
  ])('%j → %j', (v, b) => {
    expect(parseYesNo(v)).toEqual({ kind: 'ok', value: b });
  });

  it('anything else is an error', () => {
    expect(parseYesNo('基本')).toEqual({ kind: 'bad', code: 'bad-enum', message: '“基本”不是“是”或“否”', fix: '请填写“是”或“否”' });
  });
});

describe('normaliseHeader', () => {
  it.each([
    [' 学校 标识码 ', '学校标识码'],
    ['学校\n标识码', '学校标识码'],
    ['学校\r\n标识码', '学校标识码'],
    ['学校\u3000标识码', '学校标识码'],
    ['学校\u00a0标识码', '学校标识码'],
    ['小学在校生数（人）', '小学在校生数(人)'],
    ['教学及辅助用房面积(m²)', '教学及辅助用房面积(㎡)'],
    ['教学及辅助用房面积(m2)', '教学及辅助用房面积(㎡)'],
    ['教学及辅助用房面积(M2)', '教学及辅助用房面积(㎡)'],
    ['教学及辅助用房面积（平方米）', '教学及辅助用房面积(㎡)'],
    ['其中面积不小于96平方米的音乐专用教室数(间)', '其中面积不小于96㎡的音乐专用教室数(间)'],
  ])('%j → %j', (h, n) => {
    expect(normaliseHeader(h)).toBe(n);
  });
});

describe('splitMoneyUnit', () => {
  it('(万元) scales by 10 000, (元) by 1', () => {
    expect(splitMoneyUnit('教学仪器设备资产值(万元)')).toEqual({ base: '教学仪器设备资产值', scale: 10000 });
    expect(splitMoneyUnit('教学仪器设备资产值(元)')).toEqual({ base: '教学仪器设备资产值', scale: 1 });
  });

  it('no money unit: no scale', () => {
    expect(splitMoneyUnit('教学仪器设备资产值')).toEqual({ base: '教学仪器设备资产值', scale: null });
    expect(splitMoneyUnit('教学仪器设备资产值(千元)')).toEqual({ base: '教学仪器设备资产值(千元)', scale: null });
  });
});

describe('A1 addresses', () => {
  it.each([
    [0, 0, 'A1'],
    [11, 10, 'K12'],
    [0, 25, 'Z1'],
    [4, 26, 'AA5'],
    [9, 701, 'ZZ10'],
    [0, 702, 'AAA1'],
  ])('row %d col %d → %s and back', (r, c, s) => {
    expect(a1(r, c)).toBe(s);
    expect(parseA1(s)).toEqual({ row: r, col: c });
  });

  it('columnLetter and $ addresses', () => {
    expect(columnLetter(21)).toBe('V');
    expect(parseA1('$K$12')).toEqual({ row: 11, col: 10 });
    expect(() => parseA1('12K')).toThrow('not an A1 address: 12K');
  });
});

describe('wholeNumberAsShown (a code stored as a number, as its format shows it)', () => {
  it.each([
    ['0000000000', 361230101, '0361230101'],
    ['"0"#########', 361230101, '0361230101'],
    ['\\0#########', 361230101, '0361230101'],
    ['0#########', 361230101, '0361230101'],
    ['"03"00000000', 61230101, '0361230101'],
    ['0000-000000', 361230101, '0361-230101'],
    ['[Red]0000000000', 361230101, '0361230101'],
    ['[$-804]0000000000', 361230101, '0361230101'],
    ['0000000000', 12345678901, '12345678901'],
    ['000000000', 361230101, '361230101'],
    ['0000', 0, '0000'],
    ['"No."000', 12, 'No.012'],
    ['0000;-0000', 5, '0005'],
  ])('%s shows %d as %s', (format, n, shown) => {
    expect(wholeNumberAsShown(n, format)).toBe(shown);
  });

  it.each([
    ['', 361230101],
    ['General', 361230101],
    ['@', 361230101],
    ['#,##0', 361230101],
    ['0.00', 361230101],
    ['0.00E+00', 361230101],
    ['?????????0', 361230101],
    ['[$¥-804]0000000000', 361230101],
    ['[>0]0000000000', 361230101],
    ['_(0000000000', 361230101],
    ['"0', 361230101],
    ['####', 0],
    ['0000;-0000', 0],
    ['0000000000', 361230101.5],
    ['0000000000', -361230101],
  ])('%s with %d is not rendered: null', (format, n) => {
    expect(wholeNumberAsShown(n, format)).toBeNull();
  });
});
