/**
 * The in-memory workbook as Excel shows it: a name box and content bar, a grid with column letters and
 * row numbers (rows virtualised, so that large workbooks stay fast), marked cells in their fill colour
 * with their note on hover, and the sheet tabs below.
 */
import { makeStyles, mergeClasses, Tab, TabList, tokens } from '@fluentui/react-components';
import { useEffect, useMemo, useRef, useState } from 'react';
import { a1, columnLetter, parseA1 } from '../src/template/grid';
import type { ShownBook } from './book';
import { cellText, isNumeric } from './format';

const ROW_H = 24;
const HEAD_W = 44;
const OVERSCAN = 12;

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    minHeight: 0,
    minWidth: 0,
    flexGrow: 1,
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  bar: {
    display: 'grid',
    gridTemplateColumns: '84px 1fr',
    borderBottom: `1px solid ${tokens.colorNeutralStroke1}`,
    fontSize: tokens.fontSizeBase200,
    minHeight: '26px',
    flexShrink: 0,
  },
  nameBox: {
    padding: '3px 6px',
    borderRight: `1px solid ${tokens.colorNeutralStroke1}`,
    fontFamily: tokens.fontFamilyMonospace,
  },
  content: { padding: '3px 8px', whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', maxHeight: '88px', overflowY: 'auto' },
  noteText: { color: tokens.colorNeutralForeground2, display: 'block' },
  scroller: { flexGrow: 1, overflow: 'auto', position: 'relative', minHeight: '200px' },
  table: {
    borderCollapse: 'separate',
    borderSpacing: 0,
    tableLayout: 'fixed',
    fontSize: tokens.fontSizeBase200,
    color: tokens.colorNeutralForeground1,
  },
  colHead: {
    position: 'sticky',
    top: 0,
    zIndex: 2,
    height: `${ROW_H}px`,
    backgroundColor: tokens.colorNeutralBackground3,
    color: tokens.colorNeutralForeground2,
    fontWeight: tokens.fontWeightRegular,
    borderRight: `1px solid ${tokens.colorNeutralStroke2}`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke1}`,
    textAlign: 'center',
    padding: 0,
  },
  corner: { left: 0, zIndex: 3 },
  rowHead: {
    position: 'sticky',
    left: 0,
    zIndex: 1,
    backgroundColor: tokens.colorNeutralBackground3,
    color: tokens.colorNeutralForeground2,
    textAlign: 'center',
    borderRight: `1px solid ${tokens.colorNeutralStroke1}`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    padding: 0,
    fontWeight: tokens.fontWeightRegular,
  },
  headActive: { backgroundColor: tokens.colorNeutralBackground3Selected, color: tokens.colorBrandForeground1, fontWeight: tokens.fontWeightSemibold },
  cell: {
    height: `${ROW_H - 1}px`,
    padding: '0 4px',
    borderRight: `1px solid ${tokens.colorNeutralStroke3}`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke3}`,
    whiteSpace: 'nowrap',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    position: 'relative',
    cursor: 'cell',
  },
  num: { textAlign: 'right', fontVariantNumeric: 'tabular-nums' },
  /** Text running on over empty cells to its right, as in Excel (a merged title, a long heading). */
  spills: { overflow: 'visible', textOverflow: 'clip' },
  spill: { display: 'block', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', position: 'relative', zIndex: 1, pointerEvents: 'none' },
  filled: { color: '#1f1f1f' },
  hasNote: {
    '::after': {
      content: '""',
      position: 'absolute',
      top: 0,
      right: 0,
      borderTop: `6px solid ${tokens.colorPaletteRedBorderActive}`,
      borderLeft: '6px solid transparent',
    },
  },
  selected: { outline: `2px solid ${tokens.colorBrandStroke1}`, outlineOffset: '-2px', zIndex: 1 },
  flash: { animationName: { from: { boxShadow: `inset 0 0 0 3px ${tokens.colorBrandStroke1}` }, to: { boxShadow: 'none' } }, animationDuration: '1.2s' },
  bold: { fontWeight: tokens.fontWeightSemibold },
  tabs: {
    borderTop: `1px solid ${tokens.colorNeutralStroke1}`,
    backgroundColor: tokens.colorNeutralBackground2,
    overflowX: 'auto',
    flexShrink: 0,
  },
  empty: { padding: tokens.spacingHorizontalL, color: tokens.colorNeutralForeground2 },
});

export interface Selection {
  sheet: string;
  address: string;
  /** Changes on every programmatic selection, to scroll and flash again. */
  seq: number;
}

export interface WorkbookViewProps {
  book: ShownBook;
  /** Bumped on every change of the workbook. */
  version: number;
  active: string;
  onActivate(sheet: string): void;
  selection: Selection | null;
  onSelect(sheet: string, address: string): void;
}

/** About how wide a text is drawn, in px (CJK characters count double). */
function textWidth(t: string): number {
  let n = 0;
  for (const ch of t) n += /[\u2e80-\u9fff\uff00-\uffef\u3000-\u303f]/.test(ch) ? 2 : 1;
  return n * 7 + 8;
}

/** Column widths in px from the text of the first rows (CJK characters count double). */
function columnWidths(book: WorkbookViewProps['book'], sheet: string, rows: number, cols: number): number[] {
  const widths: number[] = [];
  const sample = Math.min(rows, 300);
  const set = book.columnWidths?.(sheet) ?? {};
  for (let c = 0; c < cols; c++) {
    if (set[c]) {
      widths.push(Math.min(480, Math.max(40, set[c])));
      continue;
    }
    let w = 4;
    for (let r = 0; r < sample; r++) {
      const look = book.cell(sheet, r, c);
      const t = cellText(look.value, look.format);
      let n = 0;
      for (const ch of t) n += /[\u2e80-\u9fff\uff00-\uffef\u3000-\u303f]/.test(ch) ? 2 : 1;
      w = Math.max(w, n);
    }
    widths.push(Math.min(220, Math.max(56, w * 7 + 12)));
  }
  return widths;
}

export function WorkbookView({ book, version, active, onActivate, selection, onSelect }: WorkbookViewProps) {
  const s = useStyles();
  const names = book.sheetNames();
  const sheet = names.includes(active) ? active : names[0];
  const { rows, cols } = sheet ? book.size(sheet) : { rows: 0, cols: 0 };
  const shownRows = Math.max(rows + 5, 30);
  const shownCols = Math.max(cols + 1, 8);
  const widths = useMemo(
    () => (sheet ? columnWidths(book, sheet, rows, shownCols) : []),
    // Measured again when the values change; a run that only marks cells (a new `version`) keeps them.
    [book, sheet, book.contentVersion ? book.contentVersion() : version, rows, shownCols],
  );
  const scroller = useRef<HTMLDivElement | null>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewH, setViewH] = useState(600);

  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const ro = typeof ResizeObserver !== 'undefined' ? new ResizeObserver(() => setViewH(el.clientHeight)) : null;
    ro?.observe(el);
    setViewH(el.clientHeight);
    return () => ro?.disconnect();
  }, []);

  const sel = selection && selection.sheet === sheet ? safeA1(selection.address) : null;

  // Scroll a programmatic selection into view.
  useEffect(() => {
    const el = scroller.current;
    if (!el || !sel || !selection) return;
    const top = (sel.row + 1) * ROW_H;
    if (top < el.scrollTop + ROW_H || top + ROW_H > el.scrollTop + el.clientHeight) el.scrollTop = Math.max(0, top - el.clientHeight / 3);
    let left = HEAD_W;
    for (let c = 0; c < sel.col; c++) left += widths[c] ?? 64;
    const w = widths[sel.col] ?? 64;
    if (left < el.scrollLeft + HEAD_W || left + w > el.scrollLeft + el.clientWidth) el.scrollLeft = Math.max(0, left - HEAD_W - 40);
  }, [selection?.seq, sheet]);

  const first = Math.max(0, Math.floor(scrollTop / ROW_H) - OVERSCAN);
  const last = Math.min(shownRows, Math.ceil((scrollTop + viewH) / ROW_H) + OVERSCAN);
  const selLook = sel && sheet ? book.cell(sheet, sel.row, sel.col) : null;
  const totalW = HEAD_W + widths.reduce((a, b) => a + b, 0);

  return (
    <section className={s.root} aria-label="工作簿预览">
      <div className={s.bar}>
        <div className={s.nameBox} aria-label="名称框" data-testid="name-box">
          {sel ? a1(sel.row, sel.col) : ''}
        </div>
        <div className={s.content} aria-label="单元格内容" aria-live="polite" data-testid="cell-content">
          {selLook ? cellText(selLook.value, selLook.format) : ''}
          {selLook?.note ? <span className={s.noteText}>批注：{selLook.note}</span> : null}
        </div>
      </div>
      <div className={s.scroller} ref={scroller} onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)} data-testid="grid-scroller">
        {sheet ? (
          <table className={s.table} style={{ width: totalW }} aria-label={`工作表「${sheet}」`} data-sheet={sheet}>
            <colgroup>
              <col style={{ width: HEAD_W }} />
              {widths.map((w, c) => (
                <col key={c} style={{ width: w }} />
              ))}
            </colgroup>
            <thead>
              <tr>
                <th className={mergeClasses(s.colHead, s.corner)} aria-label="全选" />
                {widths.map((_w, c) => (
                  <th key={c} scope="col" className={mergeClasses(s.colHead, sel?.col === c && s.headActive)}>
                    {columnLetter(c)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {first > 0 ? <tr style={{ height: first * ROW_H }} aria-hidden="true" /> : null}
              {range(first, last).map((r) => (
                <tr key={r} style={{ height: ROW_H }}>
                  <th scope="row" className={mergeClasses(s.rowHead, sel?.row === r && s.headActive)}>
                    {r + 1}
                  </th>
                  {widths.map((_w, c) => {
                    const look = book.cell(sheet, r, c);
                    const isSel = sel?.row === r && sel.col === c;
                    const address = a1(r, c);
                    const text = cellText(look.value, look.format);
                    // Text that does not fit runs on over the empty cells to its right (at most 12), as in Excel.
                    let room = 0;
                    if (text && !isNumeric(look.value) && textWidth(text) > widths[c]) {
                      for (let k = c + 1; k < widths.length && k <= c + 12; k++) {
                        const next = book.cell(sheet, r, k);
                        if ((next.value !== null && next.value !== undefined && next.value !== '') || next.fill) break;
                        room += widths[k];
                      }
                    }
                    return (
                      <td
                        key={`${c}-${isSel ? selection?.seq : 0}`}
                        data-address={address}
                        data-fill={look.fill ?? undefined}
                        data-note={look.note ? '1' : undefined}
                        title={look.note ?? undefined}
                        aria-selected={isSel || undefined}
                        className={mergeClasses(
                          s.cell,
                          isNumeric(look.value) && s.num,
                          room > 0 && s.spills,
                          look.fill ? s.filled : undefined,
                          look.note ? s.hasNote : undefined,
                          look.bold && s.bold,
                          isSel && s.selected,
                          isSel && s.flash,
                        )}
                        style={look.fill ? { backgroundColor: look.fill } : undefined}
                        onClick={() => onSelect(sheet, address)}
                      >
                        {room > 0 ? (
                          <span className={s.spill} style={{ width: widths[c] + room - 9 }}>
                            {text}
                          </span>
                        ) : (
                          text
                        )}
                      </td>
                    );
                  })}
                </tr>
              ))}
              {last < shownRows ? <tr style={{ height: (shownRows - last) * ROW_H }} aria-hidden="true" /> : null}
            </tbody>
          </table>
        ) : (
          <div className={s.empty}>工作簿中没有可见的工作表</div>
        )}
      </div>
      <TabList
        className={s.tabs}
        size="small"
        selectedValue={sheet}
        onTabSelect={(_e, d) => onActivate(String(d.value))}
        aria-label="工作表"
      >
        {names.map((n) => (
          <Tab key={n} value={n} data-sheet-tab={n}>
            {n}
          </Tab>
        ))}
      </TabList>
    </section>
  );
}

function range(a: number, b: number): number[] {
  const out: number[] = [];
  for (let i = a; i < b; i++) out.push(i);
  return out;
}

function safeA1(address: string): { row: number; col: number } | null {
  try {
    return parseA1(address.split(':')[0]);
  } catch {
    return null;
  }
}
