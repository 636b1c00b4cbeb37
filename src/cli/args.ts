/** Argument parsing for the command line (no dependency; every mistake is a Chinese message, exit 2). */
export interface Args {
  command: string;
  file?: string;
  out?: string;
  json: boolean;
  plan: boolean;
  /** List every unit's contribution to each CV in the JSON (default: the largest 10). */
  contributions: boolean;
  profile?: string;
  help: boolean;
}

export class ArgsError extends Error {}

type Option = '-o' | '--profile' | '--plan' | '--contributions';

/** The options each command uses (--json and --help: all of them). Any other is refused, not silently ignored. */
const OPTIONS: Readonly<Record<string, readonly Option[]>> = {
  validate: ['--profile', '--plan', '--contributions'],
  annotate: ['-o', '--profile'],
  shenbao: ['-o', '--profile'],
  template: ['-o', '--profile'],
  sample: ['-o'],
};

/** Why a command does not take an option, in the user's terms. */
function notUsed(command: string, option: Option): string {
  if (command === 'validate' && option === '-o') return 'validate 只检查、不写文件，不使用 -o；要写出带标注的工作簿请用 annotate，写出申报表请用 shenbao';
  if (option === '--plan' || option === '--contributions') return `选项 ${option} 只用于 validate，${command} 不使用它`;
  return `${command} 不使用选项 ${option}`;
}

export function parseArgs(argv: readonly string[]): Args {
  const a: Args = { command: '', json: false, plan: false, contributions: false, help: false };
  const rest: string[] = [];
  const given: Option[] = [];
  const once = (o: Option) => {
    if ((o === '-o' || o === '--profile') && given.includes(o)) throw new ArgsError(`选项 ${o} 只能给一次`);
    given.push(o);
  };
  for (let i = 0; i < argv.length; i++) {
    const t = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new ArgsError(`选项 ${t} 后面需要一个值`);
      return v;
    };
    if (t === '--json') a.json = true;
    else if (t === '--plan') {
      a.plan = true;
      once('--plan');
    } else if (t === '--contributions') {
      a.contributions = true;
      once('--contributions');
    } else if (t === '-h' || t === '--help') a.help = true;
    else if (t === '-o' || t === '--out' || t === '--output') {
      once('-o');
      a.out = value();
    } else if (t === '--profile') {
      once('--profile');
      a.profile = value();
    } else if (t.startsWith('--profile=')) {
      once('--profile');
      a.profile = t.slice('--profile='.length);
      if (!a.profile) throw new ArgsError('选项 --profile 后面需要一个值');
    }
    else if (t.startsWith('-') && t.length > 1) throw new ArgsError(`不认识的选项「${t}」`);
    else rest.push(t);
  }
  a.command = rest[0] ?? '';
  if (rest.length > 2) throw new ArgsError(`多余的参数：${rest.slice(2).join(' ')}`);
  a.file = rest[1];
  const uses = Object.hasOwn(OPTIONS, a.command) ? OPTIONS[a.command] : undefined;
  const unused = uses && !a.help ? given.find((o) => !uses.includes(o)) : undefined;
  if (uses && unused) throw new ArgsError(notUsed(a.command, unused));
  return a;
}

export const USAGE = `用法：
  npm run --silent cli -- validate <工作簿.xlsx> [--json] [--plan] [--contributions] [--profile <名称或 profile.json>]
  npm run --silent cli -- annotate <工作簿.xlsx> -o <输出.xlsx> [--profile ...]
  npm run --silent cli -- shenbao <工作簿.xlsx> -o <申报表.xlsx> [--profile ...]
  npm run --silent cli -- template -o <空白模板.xlsx> [--profile ...]
  npm run --silent cli -- sample -o <示例县.xlsx>

退出状态：0 无错误；1 有错误；2 无法按模板读取或参数有误。
`;
