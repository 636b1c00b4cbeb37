/**
 * Where the earlier look of every marked cell is kept, so that 「清除标记」 restores it exactly.
 * Both adapters (Office.js and exceljs) keep it in the same very-hidden sheet, one row per marked cell,
 * so a workbook marked by one can be cleared by the other.
 */

export const MARK_STORE_SHEET = '均衡核验_标记记录';

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

export function encodeStore(looks: readonly StoredLook[]): string[][] {
  return [[...MARK_STORE_HEADER], ...looks.map((l) => [l.sheet, l.address, l.level, l.fill, l.hadNote ? '是' : '否', l.note])];
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

export function isOurs(content: string): boolean {
  return content.startsWith(NOTE_MARKER);
}

/** The user's note kept inside one of ours, or null. */
export function keptOriginal(content: string): string | null {
  const i = content.indexOf(NOTE_ORIGINAL);
  return i >= 0 ? content.slice(i + NOTE_ORIGINAL.length) : null;
}

/** The note a marked cell carries: our marker and explanation, then the user's earlier note if any. */
export function noteText(explanation: string, original: string | null): string {
  return `${NOTE_MARKER}${explanation}${original !== null ? `${NOTE_ORIGINAL}${original}` : ''}`;
}
