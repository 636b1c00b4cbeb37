// Lints source texts as if they were files at the given paths, with the project's ESLint config.
// Runs outside jest (the flat config is an ES module). stdin: [{ file, code }]; stdout: [[message, …], …].
import { ESLint } from 'eslint';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');
const eslint = new ESLint({ cwd: root });
const cases = JSON.parse(readFileSync(0, 'utf8'));
const out = [];
for (const c of cases) {
  const [r] = await eslint.lintText(c.code, { filePath: join(root, c.file) });
  out.push(r.messages.filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId?.startsWith('office-addins/')).map((m) => m.message));
}
process.stdout.write(JSON.stringify(out));
