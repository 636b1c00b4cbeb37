/**
 * Fuzzing the command line in-process (issue 7, item 3): corrupted templates written as real .xlsx files
 * with exceljs (merged cells, hidden rows, dates, error values, formulas, percent formats, extra or
 * renamed sheets), truncated and random-bytes files, and random argument lists. The CLI always exits
 * 0, 1 or 2 (0 only without errors), --json prints exactly one JSON document, every issue points at a
 * sheet and cell of the input, every message is Chinese without a stack trace, and the input file is
 * left byte-identical.
 */
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { readXlsxFile } from '../../src/hosts/xlsx/node-read';
import type { CellGrid } from '../../src/template/grid';
import { cli } from '../helpers/run-cli';
import { countyArb, prng, render } from '../property/county';
import { NATIONAL } from '../../src/domain/profile';
import { analyse } from '../../src/report/build';
import {
  badMessage, bookOf, checkFatal, checkReport, corruptedBookArb, gridsOfBook, inputTextOf, namesStorable, profileTriggersKnownHang, storable, triggersKnownHang, withoutKnownBugs, writeXlsx,
} from './harness';

jest.setTimeout(170_000);

let dir = '';
let n = 0;
let cases = 0;
let skipped = 0;
const next = (ext = '.xlsx') => join(dir, `case-${n++}${ext}`);
const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'yzjh-fuzz-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  process.stdout.write(`cli fuzz: ${cases} cases run, ${skipped} skipped (BUG-3 hang)\n`);
});

/** The grids the CLI itself sees (same adapter), or null when the file is not a readable workbook. */
async function gridsAsRead(path: string): Promise<CellGrid[] | null> {
  try {
    return await readXlsxFile(path);
  } catch {
    return null;
  }
}

/**
 * Runs `validate <file> --json` (and, when `text`, without --json) and returns every violated invariant.
 */
async function validateViolations(path: string, text: boolean, extra: string[] = []): Promise<string[]> {
  const before = existsSync(path) ? sha(path) : null;
  const v: string[] = [];
  let r;
  try {
    r = await cli('validate', path, '--json', ...extra);
  } catch (e) {
    return [`cli threw: ${(e as Error)?.stack ?? String(e)}`];
  }
  const grids = await gridsAsRead(path);
  const inputText = grids ? inputTextOf(grids) : '';
  if (![0, 1, 2].includes(r.code)) v.push(`exit ${r.code}`);
  let json: any;
  try {
    json = JSON.parse(r.stdout);
  } catch {
    v.push(`stdout is not one JSON document: ${r.stdout.slice(0, 300)}`);
  }
  if (r.stderr) v.push(...badMessage('stderr', r.stderr, inputText));
  if (json) {
    if (r.code === 2) {
      if (!json.fatal) v.push(`exit 2 without {fatal}: ${r.stdout.slice(0, 200)}`);
      else v.push(...checkFatal(json.fatal, inputText));
      if (!r.stderr.includes(json.fatal?.message ?? '\u0000')) v.push('exit 2: the fatal message is not on stderr');
    } else {
      if (json.fatal || json.standard !== '2017') v.push(`exit ${r.code} but not a report: ${r.stdout.slice(0, 200)}`);
      else {
        if ((json.summary.errors > 0) !== (r.code === 1)) v.push(`exit ${r.code} with ${json.summary.errors} errors`);
        if (!grids) v.push('a report for a file the adapter cannot read');
        else v.push(...withoutKnownBugs(checkReport(json, grids, inputText), grids));
      }
    }
  }
  if (text) {
    const t = await cli('validate', path, ...extra);
    if (t.code !== r.code) v.push(`exit ${t.code} without --json, ${r.code} with it`);
    if (!/[\u3400-\u9fff]/.test(t.stdout + t.stderr)) v.push(`no Chinese in the text output: ${(t.stdout + t.stderr).slice(0, 200)}`);
    if (/(^|\n)\s+at\s|Error:/.test(t.stdout + t.stderr)) v.push(`stack trace in text output: ${(t.stdout + t.stderr).slice(0, 300)}`);
  }
  if (before !== null && sha(path) !== before) v.push('the input file changed');
  return v;
}

describe('CLI fuzz on real .xlsx files', () => {
  it('corrupted templates written with exceljs', async () => {
    await fc.assert(
      fc.asyncProperty(corruptedBookArb({ maxMutations: 8, maxWide: 400, maxFar: 2000, maxSchools: 6 }), fc.boolean(), async ({ book }, text) => {
        const hang = triggersKnownHang(gridsOfBook(book));
        if (hang) skipped++;
        fc.pre(!hang);
        cases++;
        const path = next();
        await writeXlsx(book, path);
        expect(await validateViolations(path, text)).toEqual([]);
        rmSync(path);
      }),
      { seed: 9201, numRuns: 240, timeout: 20_000 },
    );
  });

  it('the CLI (exceljs adapter) gives exactly the report of analyse() on the same cells in memory', async () => {
    await fc.assert(
      fc.asyncProperty(corruptedBookArb({ maxMutations: 5, maxWide: 60, maxFar: 200, maxSchools: 6 }), async ({ book }) => {
        const grids = gridsOfBook(storable(book));
        const skip = triggersKnownHang(grids) || !namesStorable(book);
        if (triggersKnownHang(grids)) skipped++;
        fc.pre(!skip);
        cases++;
        const path = next();
        await writeXlsx(book, path);
        const r = await cli('validate', path, '--json');
        const mem = analyse(grids, NATIONAL);
        const expected = mem.ok ? mem.analysis.report : { fatal: mem.fatal };
        expect(JSON.parse(r.stdout)).toEqual(JSON.parse(JSON.stringify(expected)));
        rmSync(path);
      }),
      { seed: 9204, numRuns: 150, timeout: 20_000 },
    );
  });

  it('valid templates written with exceljs exit 0 or 1 as their errors say, under every profile', async () => {
    await fc.assert(
      fc.asyncProperty(countyArb({ maxSchools: 8 }), fc.integer(), fc.constantFrom('national', 'primary-bachelor', 'strict-scope'), async (county, seed, profile) => {
        cases++;
        const path = next();
        await writeXlsx(bookOf(render(county, { seed, decorations: true, textNumbers: 0.05 })), path);
        const v = await validateViolations(path, false, ['--profile', profile]);
        expect(v).toEqual([]);
        const r = await cli('validate', path, '--json', '--profile', profile);
        expect(r.code).toBe(0);
        rmSync(path);
      }),
      { seed: 9202, numRuns: 40, timeout: 20_000 },
    );
  });

  it('truncated, bit-flipped and random-bytes files', async () => {
    const template = next();
    const county = fc.sample(countyArb({ minSchools: 3, maxSchools: 5 }), { seed: 9203, numRuns: 1 })[0];
    await writeXlsx(bookOf(render(county, { seed: 1 })), template);
    const good = readFileSync(template);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.record({ k: fc.constant('truncate' as const), at: fc.nat() }),
          fc.record({ k: fc.constant('flip' as const), seed: fc.integer(), count: fc.integer({ min: 1, max: 40 }) }),
          fc.record({ k: fc.constant('random' as const), bytes: fc.uint8Array({ maxLength: 4000 }) }),
          fc.record({ k: fc.constant('zipHeader' as const), bytes: fc.uint8Array({ maxLength: 2000 }) }),
          fc.record({ k: fc.constant('text' as const), s: fc.constantFrom('', '学校标识码,学校名称\n0001,甲\n', '<?xml version="1.0"?><x/>', '%PDF-1.4', '\u0000'.repeat(100)) }),
        ),
        fc.constantFrom('.xlsx', '.XLSX', '.xls', '', '.csv', ' 副本.xlsx'),
        async (c, ext) => {
          cases++;
          let bytes: Buffer;
          if (c.k === 'truncate') bytes = good.subarray(0, c.at % good.length);
          else if (c.k === 'flip') {
            bytes = Buffer.from(good);
            const rnd = prng(c.seed);
            for (let i = 0; i < c.count; i++) bytes[Math.floor(rnd() * bytes.length)] ^= 1 + Math.floor(rnd() * 255);
          } else if (c.k === 'random') bytes = Buffer.from(c.bytes);
          else if (c.k === 'zipHeader') bytes = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from(c.bytes)]);
          else bytes = Buffer.from(c.s, 'utf8');
          const path = next(ext);
          writeFileSync(path, bytes);
          expect(await validateViolations(path, false)).toEqual([]);
          rmSync(path);
        },
      ),
      { seed: 9203, numRuns: 160, timeout: 20_000 },
    );
  });

  it('paths that are not files: missing, a directory, an empty name', async () => {
    const sub = join(dir, '目录.xlsx');
    mkdirSync(sub);
    for (const path of [join(dir, '不存在.xlsx'), sub, dir]) {
      cases++;
      const r = await cli('validate', path, '--json');
      expect(r.code).toBe(2);
      expect(checkFatal(JSON.parse(r.stdout).fatal, '')).toEqual([]);
    }
  });
});

describe('CLI fuzz on arguments and profiles', () => {
  let file = '';
  let hash = '';
  beforeAll(async () => {
    file = next();
    const county = fc.sample(countyArb({ minSchools: 2, maxSchools: 4 }), { seed: 9301, numRuns: 1 })[0];
    await writeXlsx(bookOf(render(county, { seed: 2 })), file);
    // Read-only: a random `annotate x -o <this file>` is then refused (as for any read-only file), not obeyed.
    chmodSync(file, 0o444);
    hash = sha(file);
  });
  afterAll(() => {
    expect(sha(file)).toBe(hash);
  });

  it('random argument lists: exit 0/1/2, Chinese messages, no stack trace; --json prints one JSON document', async () => {
    const badProfile = join(dir, 'bad.json');
    writeFileSync(badProfile, '{ not json');
    const emptyProfile = join(dir, 'empty.json');
    writeFileSync(emptyProfile, '{}');
    const files = [file, join(dir, 'nope.xlsx'), dir, '', ' ', '中文参数'];
    const options = [
      '--json', '--plan', '--profile', 'national', 'strict-scope', 'primary-bachelor', 'guangdong', badProfile, emptyProfile, join(dir, 'missing.json'),
      '--profile=national', '--profile=', '--profile=strict-scope', '-o', '--out', join(dir, 'out.xlsx'), '-h', '--help', '-', '--', '--verbose', '-x',
    ];
    const random = fc.array(fc.constantFrom('validate', 'annotate', 'template', 'sample', 'check', ...files, ...options), { maxLength: 7 });
    // a command, maybe a file, and whole options (an option and its value stay together) in random order
    const structured = fc
      .tuple(
        fc.constantFrom('validate', 'validate', 'validate', 'annotate', 'template', 'sample'),
        fc.option(fc.constantFrom(file, file, file, ...files), { freq: 6 }),
        fc.shuffledSubarray([['--json'], ['--json'], ['--plan'], ['--profile', 'strict-scope'], ['--profile=national'], ['-o', join(dir, 'out.xlsx')]]),
        fc.nat(),
      )
      .map(([cmd, f, opts, at]) => {
        // Only the options the command uses (an option it does not use is an argument error, which the random
        // lists above reach): validate writes nothing (no -o), --plan is validate's, sample takes no profile.
        const uses = (o: string) => o === '--json' || (cmd === 'validate' ? o !== '-o' : o !== '--plan' && (cmd !== 'sample' || !o.startsWith('--profile')));
        const rest = opts.filter((o) => uses(o[0])).flat();
        if (f !== null) rest.splice(at % (rest.length + 1), 0, f);
        return [cmd, ...rest];
      });
    let validated = 0;
    await fc.assert(
      fc.asyncProperty(fc.oneof({ arbitrary: random, weight: 1 }, { arbitrary: structured, weight: 2 }), async (argv) => {
        cases++;
        const r = await cli(...argv);
        expect([0, 1, 2]).toContain(r.code);
        expect(/(^|\n)\s+at\s|Error:/.test(r.stdout + r.stderr)).toBe(false);
        if (r.stderr) expect(badMessage('stderr', r.stderr, argv.join(' '))).toEqual([]);
        if (argv.includes('--json') && !argv.includes('-h') && !argv.includes('--help')) {
          expect(() => JSON.parse(r.stdout)).not.toThrow();
          const json = JSON.parse(r.stdout);
          if (r.code === 2) expect(checkFatal(json.fatal, argv.join(' '))).toEqual([]);
          else if (json.summary) validated++;
        }
      }),
      { seed: 9301, numRuns: 400, timeout: 20_000 },
    );
    expect(validated).toBeGreaterThan(10); // the fuzz reaches real validations, not only argument errors
  });

  it('random rule profiles (--profile x.json): a report or a bad-profile fatal, never an internal error', async () => {
    const leaves: string[] = [];
    const walk = (o: any, path: string) => {
      for (const [k, v] of Object.entries(o)) {
        const p = path ? `${path}.${k}` : k;
        if (v && typeof v === 'object') walk(v, p);
        else leaves.push(p);
      }
    };
    walk(JSON.parse(readFileSync(join(__dirname, '..', '..', 'src', 'domain', 'profiles', 'national.json'), 'utf8')), '');
    const value = fc.constantFrom<unknown>(0, -1, 0.5, 1, 2, 7, 100, 1e308, 1e-300, '', '专科', '本科', 'subtract', 'x', null, true, false, [], {}, { a: 1 });
    const profileArb = fc.oneof(
      { weight: 8, arbitrary: fc.record({ ext: fc.constantFrom(undefined, 'national', 'strict-scope', 'primary-bachelor', 'fuzz', 'nope'), overrides: fc.array(fc.tuple(fc.constantFrom(...leaves, 'unknownKey', 'scope.unknown'), value), { maxLength: 4 }) }) },
      { weight: 1, arbitrary: fc.constantFrom<unknown>(null, [], 'national', 3, { id: 'national', name: '国家', thresholds: { 小学: { R1: 4 } } }) },
    );
    await fc.assert(
      fc.asyncProperty(profileArb, async (p) => {
        if (profileTriggersKnownHang(p)) skipped++;
        fc.pre(!profileTriggersKnownHang(p));
        cases++;
        let raw: any = p;
        if (p && typeof p === 'object' && 'overrides' in (p as any)) {
          const { ext, overrides } = p as { ext?: string; overrides: [string, unknown][] };
          raw = { id: 'fuzz', name: '模糊测试配置', ...(ext ? { extends: ext } : {}) };
          for (const [path, v] of overrides) {
            const keys = path.split('.');
            let o = raw;
            for (const k of keys.slice(0, -1)) o = o[k] = o[k] && typeof o[k] === 'object' ? o[k] : {};
            o[keys[keys.length - 1]] = v;
          }
        }
        const pf = join(dir, `profile-${n++}.json`);
        writeFileSync(pf, JSON.stringify(raw));
        const v = await validateViolations(file, false, ['--profile', pf]);
        expect([JSON.stringify(raw), v]).toEqual([JSON.stringify(raw), []]);
      }),
      { seed: 9302, numRuns: 200, timeout: 20_000 },
    );
  });
});
