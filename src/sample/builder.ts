/**
 * The one county builder: records of schools, 学段 rows and 县级指标 rendered as the template's sheets.
 * The sample county (src/sample/county.ts), the benchmark's large county (scripts/lib/big-county.ts) and the
 * test generators (tests/helpers/template-builder.ts, tests/hosts/excel/county.ts, tests/domain/issue6-fixtures.ts,
 * tests/property/county.ts) describe what their counties hold; this module lays the records out as sheets:
 * title rows, the header, one row per record, inserted and trailing rows, extra columns, number formats.
 *
 * Headers come from the caller: the sample and the benchmark pass the schema's (fieldColumns), the tests
 * pass headers copied from the spec, so that a drift in src/template/schema.ts is still caught by them.
 * Pure and deterministic (prng is a fixed-seed generator): it runs in the browser preview too.
 */
import type { CellGrid, CellValue } from '../template/grid';
import { COUNTY_ROWS, type CountyRowSpec } from '../template/schema';

/** Mulberry32: a small, fast, fixed-seed PRNG (uniform in [0, 1)). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A column of a sheet: its header, the value of a record in it, and (optionally) the cell's number format. */
export interface Column<R, V = CellValue> {
  header: V;
  value: (record: R) => V;
  format?: (record: R) => string | null;
}

/** Columns named by the fields of a schema (SCHOOL_COLUMNS, STAGE_COLUMNS): record[field], blank when absent. */
export function fieldColumns(specs: readonly { field: string; header: string }[]): Column<Readonly<Record<string, CellValue | undefined>>>[] {
  return specs.map((s) => ({ header: s.header, value: (r) => r[s.field] ?? null }));
}

export interface SheetOptions<V> {
  /** Rows above the header (titles, notes). */
  title?: V[][];
  /** Columns after the known ones: a header, and the value every record gets in it. */
  extra?: { header: V; value?: V }[];
  /** Raw rows inserted before the record of this 0-based index. */
  insertBefore?: Readonly<Record<number, V[][]>>;
  /** Raw rows after the records (footers, stray rows). */
  trailer?: V[][];
  /** Number format of the title and header cells (default none). */
  headerFormat?: string | null;
}

export interface BuiltSheet<V> {
  rows: V[][];
  /** Number formats by row and column (null: none), where any column has a format. */
  formats: (string | null)[][] | null;
  /** 1-based row of each record. */
  rowOf: number[];
  /** 0-based header row. */
  headerRow: number;
}

/** Lays records out under a header row, one row per record. */
export function buildSheet<R, V>(columns: readonly Column<R, V>[], records: readonly R[], o: SheetOptions<V> = {}, blank: V = null as V): BuiltSheet<V> {
  const rows: V[][] = [];
  const hasFormats = columns.some((c) => c.format);
  const formats: (string | null)[][] = [];
  const push = (row: V[], fmt: (string | null)[] = []) => {
    rows.push(row);
    formats.push(fmt);
  };
  for (const t of o.title ?? []) push(t);
  const headerRow = rows.length;
  push([...columns.map((c) => c.header), ...(o.extra ?? []).map((e) => e.header)], columns.map(() => o.headerFormat ?? null));
  const rowOf: number[] = [];
  records.forEach((rec, i) => {
    for (const raw of o.insertBefore?.[i] ?? []) push(raw);
    push(
      [...columns.map((c) => c.value(rec)), ...(o.extra ?? []).map((e) => e.value ?? blank)],
      columns.map((c) => c.format?.(rec) ?? null),
    );
    rowOf.push(rows.length);
  });
  for (const t of o.trailer ?? []) push(t);
  return { rows, formats: hasFormats ? formats : null, rowOf, headerRow };
}

/** A sheet as a CellGrid (number formats only where the columns have them). */
export function gridOf<R>(name: string, columns: readonly Column<R>[], records: readonly R[], o: SheetOptions<CellValue> = {}): CellGrid {
  const b = buildSheet(columns, records, o);
  return b.formats ? { name, values: b.rows, numberFormats: b.formats } : { name, values: b.rows };
}

/** One row of 「县级指标」: its label, value, and optional 备注, further cells and number format of the value. */
export interface CountyRow<V = CellValue> {
  label: V;
  value: V;
  remark?: V;
  /** Cells after 备注 (the template's 填写要求). */
  more?: V[];
  format?: string | null;
}

/** The headers of 「县级指标」: the two key headers and the optional 备注. */
export const COUNTY_KEY_HEADERS = ['指标', '数值', '备注'] as const;

/** The rows of 「县级指标」 under the header 指标 | 数值 | 备注 (and any further headers). */
export function buildCountySheet<V = CellValue>(rows: readonly CountyRow<V>[], o: { title?: V[][]; trailer?: V[][]; headers?: readonly V[] } = {}): BuiltSheet<V> {
  const headers = o.headers ?? (COUNTY_KEY_HEADERS as readonly unknown[] as readonly V[]);
  const columns: Column<CountyRow<V>, V>[] = [
    { header: headers[0], value: (r) => r.label },
    { header: headers[1], value: (r) => r.value, format: (r) => r.format ?? null },
    { header: headers[2], value: (r) => r.remark ?? (null as V) },
    ...headers.slice(3).map((h, i): Column<CountyRow<V>, V> => ({ header: h, value: (r) => r.more?.[i] ?? (null as V) })),
  ];
  return buildSheet(columns, rows, { title: o.title, trailer: o.trailer });
}

/** 「县级指标」 as a CellGrid; number formats only when a row has one. */
export function countyGrid(name: string, rows: readonly CountyRow[], o: { title?: CellValue[][]; headers?: readonly CellValue[] } = {}): CellGrid {
  const b = buildCountySheet(rows, o);
  return rows.some((r) => r.format) ? { name, values: b.rows, numberFormats: b.formats! } : { name, values: b.rows };
}

/** Every row of the template's 「县级指标」 in order, each value from `values` by key (else `missing(spec)`, or blank). */
export function templateCountyRows(values: Readonly<Record<string, CellValue | undefined>>, missing: (spec: CountyRowSpec) => CellValue = () => null): CountyRow[] {
  return COUNTY_ROWS.map((spec) => ({ label: spec.label, value: values[spec.key] ?? missing(spec) }));
}

/** Columns for records written as arrays in header order (the n-th cell under the n-th header). */
export function positionalColumns(headers: readonly CellValue[]): Column<readonly CellValue[]>[] {
  return headers.map((header, i) => ({ header, value: (r) => r[i] }));
}
