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

export function parseArgs(argv: readonly string[]): Args {
  const a: Args = { command: '', json: false, plan: false, contributions: false, help: false };
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const t = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new ArgsError(`选项 ${t} 后面需要一个值`);
      return v;
    };
    if (t === '--json') a.json = true;
    else if (t === '--plan') a.plan = true;
    else if (t === '--contributions') a.contributions = true;
    else if (t === '-h' || t === '--help') a.help = true;
    else if (t === '-o' || t === '--out' || t === '--output') a.out = value();
    else if (t === '--profile') a.profile = value();
    else if (t.startsWith('--profile=')) {
      a.profile = t.slice('--profile='.length);
      if (!a.profile) throw new ArgsError('选项 --profile 后面需要一个值');
    }
    else if (t.startsWith('-') && t.length > 1) throw new ArgsError(`不认识的选项「${t}」`);
    else rest.push(t);
  }
  a.command = rest[0] ?? '';
  if (rest.length > 2) throw new ArgsError(`多余的参数：${rest.slice(2).join(' ')}`);
  a.file = rest[1];
  return a;
}

export const USAGE = `用法：
  npm run --silent cli -- validate <工作簿.xlsx> [--json] [--plan] [--contributions] [--profile <名称或 profile.json>]
  npm run --silent cli -- annotate <工作簿.xlsx> -o <输出.xlsx> [--profile ...]
  npm run --silent cli -- shenbao <工作簿.xlsx> -o <申报表.xlsx> [--profile ...]
  npm run --silent cli -- template -o <空白模板.xlsx>
  npm run --silent cli -- sample -o <示例县.xlsx>

退出状态：0 无错误；1 有错误；2 无法按模板读取或参数有误。
`;
