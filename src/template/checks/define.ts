/**
 * The shape of an input check of the template reader, the same as an ESLint rule's: meta (the stable code,
 * its severity and Chinese meaning, as the README's table prints them), messages by id with {{placeholders}},
 * and the check itself (exported beside it by each module). Every issue is built here, its severity taken
 * from the catalogue, never written at the call.
 */
import type { CellGrid } from '../grid';
import { a1 } from '../grid';
import type { Fatal, Issue } from '../issues';
import type { SheetLayout } from '../layout';

export type CheckSeverity = 'error' | 'warning' | 'fatal';

/** One message: what is wrong and (for an issue) what to do, each a template with {{placeholders}}. */
export interface Message {
  text: string;
  fix?: string;
}

export interface Check<C extends string = string, S extends CheckSeverity = CheckSeverity, M extends string = string> {
  meta: {
    code: C;
    severity: S;
    /** Chinese meaning, as printed in the README's table of codes. */
    meaning: string;
  };
  messages: Readonly<Record<M, Message>>;
}

/** Declares a check; keeps its code and message ids as literal types (an unknown id is a type error). */
export function defineCheck<const C extends string, const S extends CheckSeverity, M extends string>(check: Check<C, S, M>): Check<C, S, M> {
  return check;
}

export type Data = Readonly<Record<string, string | number>>;

/** Fills {{name}} placeholders; a placeholder without a value is a programming error. */
export function fill(template: string, data: Data = {}): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, k: string) => {
    if (!(k in data)) throw new Error(`no value for {{${k}}} in “${template}”`);
    return String(data[k]);
  });
}

type IssueCheck = Check<string, 'error' | 'warning'>;
type MessageId<C extends Check> = C extends Check<string, CheckSeverity, infer M> ? M : never;

/** The message and fix of a check's message, filled in. */
export function render<C extends Check>(check: C, id: MessageId<C>, data: Data = {}): { message: string; fix?: string } {
  const m = (check.messages as Record<string, Message>)[id];
  return m.fix === undefined ? { message: fill(m.text, data) } : { message: fill(m.text, data), fix: fill(m.fix, data) };
}

/** An issue of a check at a sheet (and cell), with the catalogue's severity. */
export function issue<C extends IssueCheck>(check: C, id: MessageId<C>, data: Data, sheet: string, cell?: string): Issue {
  const { message, fix } = render(check, id, data);
  const code = check.meta.code as Issue['code'];
  return { severity: check.meta.severity, code, sheet, ...(cell === undefined ? {} : { cell }), message, ...(fix === undefined ? {} : { fix }) };
}

/** What makes the workbook unreadable as the template (exit status 2). */
export class FatalError extends Error {
  constructor(readonly fatal: Fatal) {
    super(fatal.message);
    this.name = 'FatalError';
  }
}

/** The fatal of a fatal check, to throw. */
export function fatal<C extends Check<string, 'fatal'>>(check: C, id: MessageId<C>, data: Data, sheet?: string, cell?: string): FatalError {
  const code = check.meta.code as Fatal['code'];
  const { message } = render(check, id, data);
  return new FatalError({ code, ...(sheet === undefined ? {} : { sheet }), ...(cell === undefined ? {} : { cell }), message });
}

/** One data row being read: where its issues go. */
export interface RowCtx {
  grid: CellGrid;
  layout: SheetLayout;
  row: number;
  issues: Issue[];
  /** Cells ("row,col") whose value cannot be used, already reported elsewhere (a numeric merge over rows). */
  blocked?: ReadonlySet<string>;
}

/** An issue of a check at a field's cell in the current row (column A when the column is absent). */
export function issueAt<C extends IssueCheck>(ctx: RowCtx, field: string, check: C, id: MessageId<C>, data: Data = {}): void {
  const col = ctx.layout.columns[field];
  ctx.issues.push(issue(check, id, data, ctx.grid.name, a1(ctx.row, col ?? 0)));
}
