/** `--profile <name or file.json>`: a built-in rule profile by name, or a profile JSON file. */
import { readFileSync } from 'node:fs';
import { builtInProfile, ProfileError, resolveProfile, type ResolvedProfile } from '../domain/profile';

export function loadProfile(spec: string | undefined): ResolvedProfile {
  if (!spec) return builtInProfile('national');
  if (!/\.json$/i.test(spec)) return builtInProfile(spec);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(spec, 'utf8'));
  } catch (e) {
    throw new ProfileError(`无法读取规则配置文件「${spec}」：${(e as NodeJS.ErrnoException).code === 'ENOENT' ? '文件不存在' : '不是有效的 JSON'}`);
  }
  return resolveProfile(raw);
}
