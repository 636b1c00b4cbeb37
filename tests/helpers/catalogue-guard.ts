/**
 * Every issue carries the severity its code has in the catalogue (src/template/codes.ts), and every fatal
 * a fatal code. Called by the helpers that read workbooks in tests (readTemplate results, validate --json),
 * so that every workbook the tests read is also a case of this rule.
 */
import { ISSUE_CODES } from '../../src/template/codes';

interface Coded {
  code: string;
  severity?: string;
}

/** The issues (and fatal) whose severity is not the catalogue's, as readable lines; [] when all agree. */
export function severityMismatches(issues: readonly Coded[] | undefined, fatal?: Coded | null): string[] {
  const out: string[] = [];
  const known = ISSUE_CODES as Readonly<Record<string, { severity: string }>>;
  for (const i of issues ?? []) {
    const c = known[i.code];
    if (!c) out.push(`${i.code}: not in the catalogue`);
    else if (c.severity !== i.severity) out.push(`${i.code}: emitted as ${i.severity}, catalogued as ${c.severity}`);
  }
  if (fatal) {
    const c = known[fatal.code];
    if (!c) out.push(`${fatal.code}: not in the catalogue`);
    else if (c.severity !== 'fatal') out.push(`${fatal.code}: a fatal, catalogued as ${c.severity}`);
  }
  return out;
}

/** Throws when an issue or the fatal of a read disagrees with the catalogue. */
export function guardSeverities(issues: readonly Coded[] | undefined, fatal?: Coded | null): void {
  const bad = severityMismatches(issues, fatal);
  if (bad.length) throw new Error(`severity differs from the catalogue (src/template/codes.ts):\n${bad.join('\n')}`);
}
