/** Placeholder until this command lands (being written now). */
import type { Args } from './args';
import type { Io } from './main';

export async function templateCommand(_args: Args, io: Io): Promise<number> {
  io.stderr('错误：该命令尚未完成\n');
  return 2;
}
