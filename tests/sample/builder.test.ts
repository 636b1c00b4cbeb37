/** The one county builder (src/sample/builder.ts): records laid out as the template's sheets. */
import { buildSheet, countyGrid, fieldColumns, gridOf, positionalColumns, prng, templateCountyRows } from '../../src/sample/builder';
import { STAGE_COLUMNS } from '../../src/template/schema';

it('a sheet: title rows, the header with extra columns, rows inserted before a record, a trailer; 1-based rows of the records', () => {
  const b = buildSheet(positionalColumns(['学校标识码', '学校名称']), [['01', '甲'], ['02', '乙']], {
    title: [['某县']],
    extra: [{ header: '备注', value: '—' }, { header: '空' }],
    insertBefore: { 1: [[]] },
    trailer: [['合计']],
  });
  expect(b.rows).toEqual([['某县'], ['学校标识码', '学校名称', '备注', '空'], ['01', '甲', '—', null], [], ['02', '乙', '—', null], ['合计']]);
  expect(b.rowOf).toEqual([3, 5]);
  expect(b.headerRow).toBe(1);
  expect(b.formats).toBeNull();
});

it('columns from the schema by field, blank where a record has no value; number formats only where a column has one', () => {
  const g = gridOf('分学段信息', fieldColumns(STAGE_COLUMNS.slice(0, 3)), [{ code: '0360000001', stage: '小学' }]);
  expect(g).toEqual({ name: '分学段信息', values: [['学校标识码', '学段', '班级数(个)'], ['0360000001', '小学', null]] });
  const f = gridOf('S', [{ header: 'A', value: (r: { a: number }) => r.a, format: () => '0.00' }], [{ a: 1 }], { title: [['t']] });
  expect(f.numberFormats).toEqual([[], [null], ['0.00']]);
});

it('「县级指标」: 指标 | 数值 | 备注, every template row in order, a format where given', () => {
  const rows = templateCountyRows({ countyName: '测试县', recognition: 0.9 }, (s) => (s.kind === 'yesno' ? '是' : null));
  expect(rows[0]).toEqual({ label: '区县名称', value: '测试县' });
  expect(rows.find((r) => r.label === '学校规划布局合理')!.value).toBe('是');
  const g = countyGrid('县级指标', [{ label: '社会认可度(%)', value: 0.9, format: '0%' }, { label: '区县名称', value: '测试县', remark: '注' }]);
  expect(g.values).toEqual([['指标', '数值', '备注'], ['社会认可度(%)', 0.9, null], ['区县名称', '测试县', '注']]);
  expect(g.numberFormats).toEqual([[null, null, null], [null, '0%', null], [null, null, null]]);
});

it('prng: the same seed, the same numbers in [0, 1)', () => {
  const a = prng(7);
  const b = prng(7);
  const xs = Array.from({ length: 5 }, () => a());
  expect(xs).toEqual(Array.from({ length: 5 }, () => b()));
  expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  // Mulberry32, as every generator had it: the sample county and the fixed-seed corpora stay the same.
  expect(xs[0]).toBe(0.011704753153026104);
});
