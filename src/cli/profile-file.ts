/** `--profile <name or file.json>`: a built-in rule profile by name, or a profile JSON file. */
import { readFileSync } from 'node:fs';
import { builtInProfile, ProfileError, resolveProfile, type ResolvedProfile } from '../domain/profile';

export function loadProfile(spec: string | undefined): ResolvedProfile {
  if (!spec) return builtInProfile('national');
  if (!/\.json$/i.test(spec)) return builtInProfile(spec);
  let raw: unknown;
  try {
    // A byte-order mark (Windows Notepad saves UTF-8 with one) is not part of the JSON.
    raw = JSON.parse(readFileSync(spec, 'utf8').replace(/^\uFEFF/, ''));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new ProfileError(
      `无法读取规则配置文件「${spec}」：${
        code === 'ENOENT' ? '文件不存在' : code === 'EISDIR' ? '这是一个文件夹' : '不是有效的 JSON（JSON 中不能有注释，最后一项之后不能有逗号，文字和键名要用英文双引号）'
      }`,
    );
  }
  return resolveProfile(raw);
}
