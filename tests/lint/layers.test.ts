/** The ESLint layer guard (eslint.config.mjs): an import that crosses a layer the wrong way fails lint. */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const REFUSED: [string, string, string][] = [
  ['src/domain/x.ts', "import { readTemplate } from '../template/read';\nexport const x = readTemplate;", 'src/domain must not import template'],
  ['src/domain/x.ts', "import { analyse } from '../report/build';\nexport const x = analyse;", 'src/domain must not import report'],
  ['src/domain/x.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;", 'src/domain is pure'],
  ['src/template/x.ts', "import { marksOf } from '../report/marks';\nexport const x = marksOf;", 'src/template must not import report'],
  ['src/report/x.ts', "import { run } from '../cli/main';\nexport const x = run;", 'src/report must not import cli'],
  ['src/report/x.ts', "import ExcelJS from 'exceljs';\nexport const x = ExcelJS;", 'src/report is pure'],
  ['src/hosts/excel/x.ts', "import { run } from '../../cli/main';\nexport const x = run;", 'src/hosts/excel must not import cli'],
  ['src/hosts/excel/x.ts', "import { FakeWorkbook } from '../fake-excel';\nexport const x = FakeWorkbook;", 'src/hosts/excel must not import fake-excel'],
  ['src/hosts/fake-excel/x.ts', "import { createExcelHost } from '../excel/adapter';\nexport const x = createExcelHost;", 'src/hosts/fake-excel must not import excel'],
  ['src/hosts/xlsx/x.ts', "import { addInputSheet } from '../exceljs/write';\nexport const x = addInputSheet;", 'src/hosts/xlsx must not import exceljs'],
  ['src/commands/x.ts', "import { FakeWorkbook } from '../hosts/fake-excel';\nexport const x = FakeWorkbook;", 'src/commands must not import fake-excel'],
  ['src/taskpane/x.ts', "import { run } from '../cli/main';\nexport const x = run;", 'src/taskpane must not import cli'],
];
const ALLOWED: [string, string][] = [
  ['src/template/x.ts', "import { evaluate } from '../domain/evaluate';\nexport const x = evaluate;"],
  ['src/report/x.ts', "import { readTemplate } from '../template/read';\nexport const x = readTemplate;"],
  ['src/cli/x.ts', "import { analyse } from '../report/build';\nexport const x = analyse;"],
  ['src/hosts/fake-excel/x.ts', "import { utf8Length } from '../request-bytes';\nexport const x = utf8Length;"],
  ['src/taskpane/x.ts', "import { createExcelHost } from '../hosts/excel/adapter';\nexport const x = createExcelHost;"],
  ['src/commands/x.ts', "export const f = () =>\n  Excel.run(async (context) => {\n    const r = context.workbook.getSelectedRange();\n    r.load('values');\n    await context.sync();\n    return r.values;\n  });"],
];

// One ESLint process for every case (the flat config is an ES module, which jest cannot import).
// eslint-plugin-office-addins on the Office code (pane and ribbon): a property read before context.sync().
const OFFICE_READ_BEFORE_SYNC: [string, string] = [
  'src/commands/x.ts',
  "export const f = () =>\n  Excel.run(async (context) => {\n    const r = context.workbook.getSelectedRange();\n    r.load('values');\n    return r.values;\n  });",
];
const CASES = [...REFUSED, ...ALLOWED, OFFICE_READ_BEFORE_SYNC];

const results: string[][] = JSON.parse(
  execFileSync(process.execPath, [join(__dirname, 'probe.mjs')], {
    input: JSON.stringify(CASES.map(([file, code]) => ({ file, code }))),
    encoding: 'utf8',
  }),
);
const errorsOf = async (file: string, code: string): Promise<string[]> =>
  results[CASES.findIndex(([f, c]) => f === file && c === code)];

describe('layers', () => {
  it.each(REFUSED)('%s: %s is refused', async (file, code, message) => {
    const errors = await errorsOf(file, code);
    expect(errors.length).toBe(1);
    expect(errors[0]).toContain(message);
  });

  it.each(ALLOWED)('%s: an import downwards is allowed', async (file, code) => {
    expect(await errorsOf(file, code)).toEqual([]);
  });

  it('eslint-plugin-office-addins refuses a property read before context.sync() in the Office code', async () => {
    expect(await errorsOf(...OFFICE_READ_BEFORE_SYNC)).toEqual([
      "Call context.sync() after calling load on 'r' for the property 'values' and before reading the property.",
      "Call context.sync() before trying to read 'r'.",
    ]);
  });
});
