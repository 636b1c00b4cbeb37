/** The ESLint layer guard (eslint.config.mjs): an import that crosses a layer the wrong way fails lint. */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const REFUSED: [string, string, string][] = [
  ['src/domain/x.ts', "import { readTemplate } from '../template/read';\nexport const x = readTemplate;", 'src/domain must not import src/template'],
  ['src/domain/x.ts', "import { analyse } from '../report/build';\nexport const x = analyse;", 'src/domain must not import src/report'],
  ['src/domain/x.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;", 'src/domain is pure'],
  ['src/template/x.ts', "import { marksOf } from '../report/marks';\nexport const x = marksOf;", 'src/template must not import src/report'],
  ['src/report/x.ts', "import { run } from '../cli/main';\nexport const x = run;", 'src/report must not import src/cli'],
  ['src/report/x.ts', "import ExcelJS from 'exceljs';\nexport const x = ExcelJS;", 'src/report is pure'],
  ['src/excel/x.ts', "import { run } from '../cli/main';\nexport const x = run;", 'src/excel must not import src/cli'],
  ['src/taskpane/x.ts', "import { run } from '../cli/main';\nexport const x = run;", 'src/taskpane must not import src/cli'],
];
const ALLOWED: [string, string][] = [
  ['src/template/x.ts', "import { evaluate } from '../domain/evaluate';\nexport const x = evaluate;"],
  ['src/report/x.ts', "import { readTemplate } from '../template/read';\nexport const x = readTemplate;"],
  ['src/cli/x.ts', "import { analyse } from '../report/build';\nexport const x = analyse;"],
];

// One ESLint process for every case (the flat config is an ES module, which jest cannot import).
const results: string[][] = JSON.parse(
  execFileSync(process.execPath, [join(__dirname, 'probe.mjs')], {
    input: JSON.stringify([...REFUSED, ...ALLOWED].map(([file, code]) => ({ file, code }))),
    encoding: 'utf8',
  }),
);
const errorsOf = async (file: string, code: string): Promise<string[]> =>
  results[[...REFUSED, ...ALLOWED].findIndex(([f, c]) => f === file && c === code)];

describe('layers', () => {
  it.each(REFUSED)('%s: %s is refused', async (file, code, message) => {
    const errors = await errorsOf(file, code);
    expect(errors.length).toBe(1);
    expect(errors[0]).toContain(message);
  });

  it.each(ALLOWED)('%s: an import downwards is allowed', async (file, code) => {
    expect(await errorsOf(file, code)).toEqual([]);
  });
});
