/**
 * The command line as a process whose output goes to a pipe or a file that fails: a reader that stops early
 * (`validate --json … | head -c 100`) is not an error and prints no stack trace; a full disk is said in Chinese.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const CLI = join(root, 'scripts', 'cli.js');
const MESSY = join(root, 'tests', 'fixtures', 'conformance', '04-county-messy.xlsx');

beforeAll(() => {
  spawnSync(process.execPath, [CLI, '--help'], { cwd: root }); // builds build/cli.js when stale
});

/** Runs the command, reads `keep` bytes of its output (none: the pipe is closed at once), then closes the pipe. */
function readThenClose(args: string[], keep: number): Promise<{ code: number | null; signal: NodeJS.Signals | null; got: number; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let got = 0;
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    if (keep === 0) child.stdout.destroy();
    child.stdout.on('data', (d: Buffer) => {
      got += d.length;
      if (got >= keep) child.stdout.destroy();
    });
    child.on('close', (code, signal) => resolve({ code, signal, got, stderr }));
  });
}

describe('output to a pipe closed early', () => {
  it('validate --json (82 kB of JSON for 04-county-messy): the pipe closed after the first bytes gives no stack trace and the exit status of the result', async () => {
    const r = await readThenClose(['validate', MESSY, '--json'], 100);
    expect(r.got).toBeGreaterThanOrEqual(100);
    expect(r.stderr).toBe('');
    expect([r.code, r.signal]).toEqual([0, null]);
  });

  it('closed before the first byte (as `| head -c 0`): no stack trace either, for the JSON and the text report', async () => {
    for (const args of [['validate', MESSY, '--json'], ['validate', MESSY]]) {
      const r = await readThenClose(args, 0);
      expect([args, r.stderr, r.code, r.signal]).toEqual([args, '', 0, null]);
    }
  });

  it('the text report read in part', async () => {
    const r = await readThenClose(['validate', MESSY], 10);
    expect(r.stderr).toBe('');
    expect([r.code, r.signal]).toEqual([0, null]);
  });
});

(existsSync('/dev/full') ? describe : describe.skip)('output to a full disk', () => {
  it('is said in Chinese, exit 2, no stack trace', () => {
    const p = spawnSync('sh', ['-c', `"${process.execPath}" "${CLI}" validate "${MESSY}" --json > /dev/full`], { cwd: root, encoding: 'utf8' });
    expect(p.stderr).toBe('错误：写出结果失败（ENOSPC）\n');
    expect(p.status).toBe(2);
  });
});
