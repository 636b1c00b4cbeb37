/**
 * Command line entry: validate, annotate, template, sample (spec/cli.md).
 * No stack trace ever reaches the user: an unexpected failure is a Chinese message and exit 2.
 */
import { adviceOf } from '../domain/advice';
import { planOf } from '../report/plan';
import { ProfileError } from '../domain/profile';
import { analyse } from '../report/build';
import type { Fatal } from '../template/issues';
import { ArgsError, parseArgs, USAGE, type Args } from './args';
import { commands } from './commands';
import type { Io } from './io';
import { jsonPieces } from './json-out';
import { reportText } from './text';
import { loadProfile } from './profile-file';
import { readXlsxFile } from '../hosts/xlsx/node-read';
import { ReadFailure } from '../hosts/xlsx/read';

export { loadProfile };
/** The reader on its own, for the benchmark's read-only measurement (scripts/lib/measure-cli.js). */
export { readXlsxFile };

export type { Io };


function fatalOut(io: Io, json: boolean, fatal: Fatal): number {
  const where = fatal.sheet ? `（${fatal.sheet}${fatal.cell ? `!${fatal.cell}` : ''}）` : '';
  io.stderr(`错误：${fatal.message}${where}\n`);
  if (json) io.stdout(JSON.stringify({ fatal }, null, 1) + '\n');
  return 2;
}

async function validate(args: Args, io: Io): Promise<number> {
  if (!args.file) throw new ArgsError('validate 需要一个工作簿文件路径');
  const profile = loadProfile(args.profile);
  const result = analyse(await readXlsxFile(args.file), profile, { contributions: args.contributions ? 'all' : 'top' });
  if (!result.ok) return fatalOut(io, args.json, result.fatal);
  const plan = args.plan ? planOf(result.analysis) : undefined;
  if (args.json) {
    for (const piece of jsonPieces(plan ? { ...result.analysis.report, plan } : result.analysis.report)) io.stdout(piece);
    io.stdout('\n');
  }
  else io.stdout(reportText(result.analysis.report, args.file, adviceOf(result.analysis), plan));
  return result.analysis.report.summary.errors > 0 ? 1 : 0;
}

export async function run(argv: readonly string[], io: Io): Promise<number> {
  let args: Args | null = null;
  // --json holds even when the arguments could not be parsed: exit 2 still prints one JSON document.
  const json = () => (args ? args.json : argv.includes('--json'));
  try {
    args = parseArgs(argv);
    if (args.help) {
      io.stdout(USAGE);
      return 0;
    }
    if (!args.command) throw new ArgsError('缺少命令（validate、annotate、shenbao、template 或 sample）');
    if (args.command === 'validate') return await validate(args, io);
    const load = Object.hasOwn(commands, args.command) ? commands[args.command] : undefined;
    if (!load) throw new ArgsError(`不认识的命令「${args.command}」`);
    return await (await load())(args, io);
  } catch (e) {
    if (e instanceof ArgsError) {
      const code = fatalOut(io, json(), { code: 'bad-arguments', message: e.message });
      io.stderr(USAGE);
      return code;
    }
    if (e instanceof ReadFailure) return fatalOut(io, json(), e.fatal);
    if (e instanceof ProfileError) return fatalOut(io, json(), { code: 'bad-profile', message: e.message });
    const err = e as NodeJS.ErrnoException;
    if (err && typeof err.code === 'string' && /^E[A-Z]+$/.test(err.code))
      return fatalOut(io, json(), { code: 'io-error', message: `读写文件失败（${err.code}）：${err.path ?? ''}` });
    return fatalOut(io, json(), { code: 'unexpected', message: `程序内部错误，未能完成：${err && err.message ? err.message : String(e)}。请把这条信息和所用文件反馈给我们` });
  }
}

/**
 * Process entry: runs with the process's arguments and sets the exit status. A reader that stops early
 * (`validate --json … | head`) closes the pipe: the rest of the output is dropped quietly, without a stack
 * trace; any other failure to write the output is said in Chinese (exit 2).
 */
export function main(): void {
  let closed = false;
  const guard = (stream: NodeJS.WriteStream) =>
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE' || e.code === 'ERR_STREAM_DESTROYED') {
        closed = true;
        return;
      }
      if (stream !== process.stderr) process.stderr.write(`错误：写出结果失败（${e.code ?? e.message}）\n`);
      process.exit(2);
    });
  guard(process.stdout);
  guard(process.stderr);
  const write = (stream: NodeJS.WriteStream) => (s: string) => {
    if (!closed) stream.write(s);
  };
  run(process.argv.slice(2), { stdout: write(process.stdout), stderr: write(process.stderr) }).then(
    (code) => {
      process.exitCode = code;
    },
    () => {
      if (!closed) process.stderr.write('错误：程序内部错误\n');
      process.exitCode = 2;
    },
  );
}

if (require.main === module) main();
