/** Every issue code the code base can emit is catalogued, and the README documents every catalogued code. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ISSUE_CODES } from '../../src/template/codes';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sources(p) : /\.tsx?$/.test(f) ? [p] : [];
  });
}

const SRC = join(__dirname, '..', '..', 'src');

it('every code literal used for an issue or fatal in src/ is in the catalogue', () => {
  const used = new Set<string>();
  for (const file of sources(SRC)) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/code: '([a-z][a-z0-9-]*)'/g)) used.add(m[1]);
    for (const m of text.matchAll(/'(?:error|warning)', '([a-z][a-z0-9-]*)'/g)) used.add(m[1]);
  }
  expect(used.size).toBeGreaterThan(30);
  const missing = [...used].filter((c) => !(c in ISSUE_CODES));
  expect(missing).toEqual([]);
});

it('the README lists every catalogued code', () => {
  const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
  const missing = Object.keys(ISSUE_CODES).filter((c) => !readme.includes(`| \`${c}\` |`));
  expect(missing).toEqual([]);
});
