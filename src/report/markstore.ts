/**
 * Where the earlier look of every marked cell is kept, so that 「清除标记」 restores it exactly, and the list of the
 * sheets the product generated. Both adapters (Office.js and the file adapter) keep them in the same two very
 * hidden sheets, so a workbook marked by one can be cleared by the other:
 * - MARK_STORE_SHEET (「均衡核验_标记记录」): one row per marked cell, the record's format and the settings;
 * - GENERATED_RECORD_SHEET (「均衡核验_生成记录」): one generated sheet's name per row in column A (shenbao.md §1):
 *   only those are ever replaced, so a user's own 「表Ⅲ」 or 「问题清单」 is never touched.
 */

import type { CellGrid } from '../template/grid';
import { GENERATED_RECORD_SHEET, isRecordSheet, LEGACY_GENERATED_SHEETS, MARK_STORE_SHEET, RECORD_SHEETS } from '../template/schema';
import { sameExcelName } from '../template/sheet-names';

export { GENERATED_RECORD_SHEET, isRecordSheet, MARK_STORE_SHEET, RECORD_SHEETS };

export const MARK_STORE_HEADER = ['工作表', '单元格', '级别', '原填充色', '原有批注', '原批注内容'] as const;

export interface StoredLook {
  sheet: string;
  address: string;
  level: string;
  /** Earlier fill colour as #RRGGBB, or '' when the cell had no fill. */
  fill: string;
  /** Whether the cell had a note or comment before it was marked. */
  hadNote: boolean;
  /** The earlier note or comment text ('' when none). */
  note: string;
}

/**
 * 级别 of the mark-record rows that named a generated sheet in records of format 2 (address left empty), before
 * the list had its own sheet: still read, and kept by 清除标记 while the workbook has no list sheet (olderListRows).
 */
export const GENERATED_LEVEL = '生成的工作表';

const text = (v: unknown) => (v === null || v === undefined ? '' : String(v));

/** A mark-record row of format 2 that names a generated sheet (its 级别 GENERATED_LEVEL, no address). */
export const isOlderListRow = (r: readonly unknown[] | null | undefined): boolean => !!r && text(r[2]) === GENERATED_LEVEL && !text(r[1]);

/** Format-2 rows naming `sheets`, for a mark record rewritten while the workbook has no list sheet yet. */
export function olderListRows(sheets: readonly string[]): string[][] {
  return sheets.map((n) => [n, '', GENERATED_LEVEL, '', '', '']);
}
/**
 * 级别 of the row that keeps the pane's settings (rule profile and options, the record the pane saves with
 * host.saveSettings) as JSON in 原填充色's column: a file annotated by the page or `annotate` carries the
 * settings it was checked with, wherever it is opened next. Readers of the cell rows skip it (no address).
 */
export const SETTINGS_LEVEL = '规则设置';
/**
 * 级别 of the row that tells a record of a product that lists its generated sheets from an older one (format 2:
 * the list in this record; format 3: in 「均衡核验_生成记录」).
 */
export const VERSION_LEVEL = '记录格式';
const STORE_VERSION = '3';

/**
 * The record rows: the header, one row per marked cell, the version row (so that a record is never taken for
 * one of before the list of generated sheets) and, when given, the settings row. Rows without an address are
 * skipped by every reader of the cell rows, older ones included.
 */
export function encodeStore(looks: readonly StoredLook[], settings?: Record<string, unknown> | null): string[][] {
  const rows = [[...MARK_STORE_HEADER], ...looks.map((l) => [l.sheet, l.address, l.level, l.fill, l.hadNote ? '是' : '否', l.note])];
  rows.push(['', '', VERSION_LEVEL, STORE_VERSION, '', '']);
  if (settings) rows.push(['', '', SETTINGS_LEVEL, JSON.stringify(settings), '', '']);
  return rows;
}

/** The rows of 「均衡核验_生成记录」: one sheet name per row, in column A. */
export function encodeGenerated(sheets: readonly string[]): string[][] {
  return sheets.map((n) => [n]);
}

/** The settings a record keeps (its 规则设置 row), or null when it has none or they are not a JSON object. */
export function decodeSettings(rows: readonly (readonly unknown[])[]): Record<string, unknown> | null {
  const row = rows.find((r) => r && String(r[2] ?? '') === SETTINGS_LEVEL && !String(r[1] ?? ''));
  if (!row) return null;
  try {
    const v: unknown = JSON.parse(String(row[3] ?? ''));
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/**
 * The sheets the product generated: those 「均衡核验_生成记录」 lists (`listRows`, null when the workbook has no such
 * sheet); while that sheet lists none (absent, or made by a run that stopped before writing it), those a mark
 * record of format 2 lists. A mark record without the version row and no list were written before sheets were
 * listed: then the sheets named exactly as the generated ones are taken as the product's (the record shows the
 * product wrote to this workbook); `legacy` says so.
 */
export function decodeGenerated(storeRows: readonly (readonly unknown[])[], listRows: readonly (readonly unknown[])[] | null = null): { sheets: string[]; legacy: boolean } {
  const listed = (listRows ?? []).map((r) => text(r?.[0])).filter((n) => n !== '');
  const older = storeRows.filter((r) => isOlderListRow(r) && text(r[0])).map((r) => text(r[0]));
  const versioned = storeRows.some((r) => r && text(r[2]) === VERSION_LEVEL && !text(r[1]));
  return { sheets: [...new Set(listed.length ? listed : older)], legacy: listed.length === 0 && !versioned && storeRows.length > 0 };
}

/** The rows of the two record sheets among a workbook's grids (rows that hold anything), or null for an absent sheet. */
export function recordRowsOf(grids: readonly CellGrid[]): { store: unknown[][] | null; list: unknown[][] | null } {
  const rowsOf = (name: string) => grids.find((g) => g.name.trim() === name)?.values.filter((r) => r && r.length) ?? null;
  return { store: rowsOf(MARK_STORE_SHEET), list: rowsOf(GENERATED_RECORD_SHEET) };
}

/** Where a generated sheet is written: under its own name, or, when a user's sheet has that name, another. */
export interface Placement {
  /** The name the product wants (「问题清单」). */
  base: string;
  /** The name it is written under. */
  name: string;
  /** Existing sheets of the product's own that this one replaces (deleted first). */
  replaces: string[];
}

/** Names Excel takes for the same sheet (case as Excel ignores it, sheet-names.ts), spaces around them aside. */
const sameName = (a: string, b: string) => sameExcelName(a.trim(), b.trim());

/** The names tried for a generated sheet: 「问题清单」, 「问题清单(核验)」, 「问题清单(核验2)」… */
export function alternativeNames(base: string): string[] {
  return [base, `${base}(核验)`, ...Array.from({ length: 20 }, (_, i) => `${base}(核验${i + 2})`)];
}

/**
 * Places the generated sheets among the existing ones. `ours` are the existing sheets the product recorded as
 * its own; with a legacy record, those named exactly as a generated sheet count as ours too. A user's sheet
 * is never replaced: the product writes under the next free alternative name instead.
 */
export function placeGenerated(bases: readonly string[], existing: readonly string[], ours: readonly string[], legacy = false, keep: readonly string[] = []): Placement[] {
  const isOurs = (n: string) => !keep.includes(n) && (ours.some((o) => o === n) || (legacy && bases.some((b) => sameName(b, n))));
  const taken = existing.filter((n) => !isOurs(n));
  const chosen: string[] = [];
  return bases.map((base) => {
    const names = alternativeNames(base);
    const name = names.find((c) => !taken.some((t) => sameName(t, c)) && !chosen.some((t) => sameName(t, c))) ?? names[names.length - 1];
    chosen.push(name);
    const replaces = existing.filter((n) => isOurs(n) && names.some((c) => sameName(c, n)));
    return { base, name, replaces };
  });
}

/** The warning shown when a user's sheet has a generated sheet's name. */
export function renamedText(p: Placement): string {
  return `工作表「${p.base}」是您自己的工作表，未作改动；本次结果写入「${p.name}」`;
}

/** Reads the stored rows back (skips the header and malformed rows). */
export function decodeStore(rows: readonly (readonly unknown[])[]): StoredLook[] {
  const out: StoredLook[] = [];
  rows.forEach((r, i) => {
    if (i === 0 && r[0] === MARK_STORE_HEADER[0]) return;
    const [sheet, address, level, fill, hadNote, note] = r.map((v) => (v === null || v === undefined ? '' : String(v)));
    if (!sheet || !address) return;
    out.push({ sheet, address, level, fill, hadNote: hadNote === '是', note });
  });
  return out;
}

/** First characters of every note or comment the product writes (both adapters). */
export const NOTE_MARKER = '【均衡核验】';
/** Separates our explanation from the user's earlier note, kept below it while the cell is marked. */
export const NOTE_ORIGINAL = '\n【原批注】\n';

/**
 * Last line of every note the product writes (since 2026-12): says that the note is replaced. A colleague who
 * writes on below it (a plain note has no replies) makes the note theirs: it is then kept as any user's note.
 */
export const NOTE_END = '——均衡核验生成，重新核验时替换';
/** NOTE_ORIGINAL as written, or with the line ends a host saved it with (\r\n). */
const NOTE_ORIGINAL_ANY_EOL = new RegExp(NOTE_ORIGINAL.replace(/\n/g, '\\r?\\n'));
/** Our last line closing a text (on its own line, or right after the user's note), trailing space included. */
const NOTE_END_AT_TAIL = new RegExp(`\\r?\\n?${NOTE_END}\\s*$`);

/**
 * One of the product's notes: it starts with the marker and nobody wrote after its last line. A note of an
 * earlier version has no last line and is ours by its marker alone.
 */
export function isOurs(content: string): boolean {
  if (!content.startsWith(NOTE_MARKER)) return false;
  const text = content.replace(/\s+$/, '');
  return !text.includes(NOTE_END) || text.endsWith(NOTE_END);
}

/** The user's note kept inside one of ours, or null. */
export function keptOriginal(content: string): string | null {
  const sep = NOTE_ORIGINAL_ANY_EOL.exec(content);
  if (!sep) return null;
  const rest = content.slice(sep.index + sep[0].length);
  // Our last line goes; the user's note comes back as it was, its own trailing spaces and lines included.
  const end = NOTE_END_AT_TAIL.exec(rest);
  return end ? rest.slice(0, end.index) : rest;
}

/** The note a marked cell carries: our marker and explanation, then the user's earlier note if any, then our last line. */
export function noteText(explanation: string, original: string | null): string {
  return `${NOTE_MARKER}${explanation}${original !== null ? `${NOTE_ORIGINAL}${original}` : ''}\n${NOTE_END}`;
}

/**
 * A sheet an earlier run wrote under a name of before issue 13 (「学校达标情况」, 「问题清单(核验)」…): listed in
 * the record, or, with a record older than the list, named exactly as one. Such a sheet is deleted (migration).
 */
export function legacyGenerated(name: string, recorded: readonly string[], legacy: boolean): boolean {
  const old = LEGACY_GENERATED_SHEETS.some((b) => alternativeNames(b).some((c) => c === name.trim()));
  return old && (recorded.includes(name) || (legacy && (LEGACY_GENERATED_SHEETS as readonly string[]).includes(name.trim())));
}
