/**
 * `validate`, `annotate` and `shenbao` do not load exceljs (only `template` and `sample` write with it): loading it was a tenth of a
 * second of every validation. Checked on the bundled command line in a fresh node process.
 */
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

function modulesAfter(args: string[]): { code: number; exceljs: boolean } {
  spawnSync(process.execPath, [join(root, 'scripts', 'cli.js'), '--help'], { cwd: root }); // builds build/cli.js when stale
  const script = `
    const cli = require(${JSON.stringify(join(root, 'build', 'cli.js'))});
    cli.run(${JSON.stringify(args)}, { stdout: () => {}, stderr: () => {} }).then((code) => {
      const exceljs = Object.keys(require.cache).some((k) => /[\\\\/]node_modules[\\\\/]exceljs[\\\\/]/.test(k));
      process.stdout.write(JSON.stringify({ code, exceljs }));
    });`;
  const p = spawnSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8' });
  return JSON.parse(p.stdout);
}

describe('start-up of the command line', () => {
  it('validate --json reads and checks a workbook without loading exceljs', () => {
    expect(modulesAfter(['validate', join(root, 'tests', 'fixtures', 'conformance', '01-worked-example.xlsx'), '--json'])).toEqual({ code: 0, exceljs: false });
  });
  it('annotate and shenbao do not load it either (they read with our reader and write by patching the package)', () => {
    const dir = join(tmpdir(), `startup-test-${process.pid}`);
    try {
      const fixture = join(root, 'tests', 'fixtures', 'conformance', '01-worked-example.xlsx');
      expect(modulesAfter(['annotate', fixture, '-o', `${dir}-a.xlsx`])).toEqual({ code: 0, exceljs: false });
      expect(modulesAfter(['shenbao', fixture, '-o', `${dir}-s.xlsx`])).toEqual({ code: 0, exceljs: false });
    } finally {
      rmSync(`${dir}-a.xlsx`, { force: true });
      rmSync(`${dir}-s.xlsx`, { force: true });
    }
  });
  it('the template command still loads it (it writes with exceljs)', () => {
    const out = join(tmpdir(), `startup-test-${process.pid}.xlsx`);
    try {
      expect(modulesAfter(['template', '-o', out])).toEqual({ code: 0, exceljs: true });
    } finally {
      rmSync(out, { force: true });
    }
  });
});
