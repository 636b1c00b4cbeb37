/**
 * Evaluation of the government (G), quality (Q) and recognition (SR) items (standard §6). The rules are
 * modules (g1-…ts to sr-…ts, listed in index.ts). Computable items are computed; evidence items come from
 * 是/否; an item with blank inputs is 未填报 (passes: null) unless an entity that was filled in already fails
 * it. Never silently passed. The outcome is data (a verdict and message references): the words are
 * rendered by render.ts from the applied profile (itemText).
 */
import type { County, StageRow } from '../model';
import type { Profile } from '../profile';
import type { CellRef } from '../refs';
import { ITEMS, rule } from './index';
import { itemContext, PASS, type Check } from './item-kit';
import { renderMessage } from './render';
import type { ItemCategory, MessageRef, RuleBase } from './types';

export { ITEMS };
export type { ItemRule } from './item-kit';
export type { ItemCategory };

/** How an item came out; the message frames are in ITEM_FRAMES. */
export type ItemVerdict = 'pass' | 'fail' | 'error' | 'blank' | 'no-schools' | 'undecided';

export interface ItemResult {
  id: string;
  name: string;
  category: ItemCategory;
  kind: 'computed' | 'evidence';
  passes: boolean | null;
  verdict: ItemVerdict;
  /** The details behind the verdict (the failures, the undecided checks, or the one detail of a pass). */
  details: MessageRef[];
  /** Cells behind a failure; for V1–V6 (一票否决) their 县级指标 value cell, whatever the verdict. */
  cells: CellRef[];
  /** Blank input cells that left the item 未填报 (each becomes a warning). */
  blanks: CellRef[];
  /** Input cells with an error (or rows missing by an error) that left the item 无法评估 (passes: null). */
  errors: CellRef[];
  /** Keys of 「县级指标」 rows (template schema) that are absent from the sheet. */
  missingRows: string[];
}

/** The frames of an item's message: {{requirement}} is the rule's own requirement, rendered. */
export const ITEM_FRAMES: RuleBase = {
  id: 'ITEM', name: '县级项目结论', category: '政府保障程度', source: '', profile: {},
  messages: {
    pass: '达标：{{requirement}}',
    'pass-detail': '达标：{{requirement}}。{{details}}',
    fail: '未达标：{{requirement}}。{{details}}',
    // 一票否决 (V1–V6): the verdict in the words the pane and the sheets use (itemPassWords), not 达标/未达标.
    'veto-pass': '无此情形：{{requirement}}',
    'veto-pass-detail': '无此情形：{{requirement}}。{{details}}',
    'veto-fail': '一票否决：{{requirement}}。{{details}}',
    more: '{{details}}；等{{count}}处',
    error: '无法评估：{{requirement}}。相关单元格有错误，请先改正错误',
    'error-at': '无法评估：{{requirement}}。{{cells}} 有错误，请先改正{{which}}',
    'cells-more': '{{cells}} 等{{count}}处',
    blank: '未填报：{{requirement}}。相关数据空白，未评估',
    'no-schools': '未填报：{{requirement}}。没有学校数据，未评估',
    undecided: '无法评估：{{requirement}}。{{details}}',
  },
};

/**
 * Every item's verdict. `checksOut`, when given, receives each item's checks by id: the 申报表 (表Ⅳ-3, 表Ⅴ-9)
 * counts the schools of G3 and Q4 from them instead of running the checks again. `rowsOf`, when given, is
 * stageRowsByCode(county.stageRows), already made by the caller.
 */
export function evaluateItems(county: County, profile: Profile, checksOut?: Map<string, Check[]>, rowsOf?: Map<string, StageRow[]>): ItemResult[] {
  const ctx = itemContext(county, profile, rowsOf);
  return ITEMS.map((rule): ItemResult => {
    const checks = rule.checks(ctx);
    checksOut?.set(rule.id, checks);
    const base = { id: rule.id, name: rule.name, category: rule.category, kind: rule.kind };
    const none = { cells: [], blanks: [], errors: [], missingRows: [] };
    if (rule.schoolBased && county.schools.length === 0) return { ...base, ...none, passes: null, verdict: 'no-schools', details: [] };
    // The checks by outcome, in one pass (passes are most of them and are not kept).
    const fails: Check[] = [];
    const blanks: Check[] = [];
    const unknown: Check[] = [];
    const undecided: Check[] = [];
    for (let k = 0; k < checks.length; k++) {
      const c = checks[k];
      if (c === PASS) continue;
      if (c.outcome === 'fail') fails.push(c);
      else if (c.outcome === 'blank') blanks.push(c);
      else if (c.outcome === 'unknown') unknown.push(c);
      else if (c.outcome === 'undecided') undecided.push(c);
    }
    const errors = unknown.flatMap((c) => c.refs ?? []);
    // V1–V6: `cells` is the 县级指标 value cell whatever the verdict (template-additions §4); marks still go
    // to failing items only.
    const vetoCells = rule.category === '一票否决' ? checks.flatMap((c) => c.refs ?? []) : null;
    const refsOf = (list: readonly Check[]) => {
      const out: MessageRef[] = [];
      for (let k = 0; k < list.length; k++) {
        const d = list[k].detail;
        if (d) out.push(d.params ? { rule: rule.id, id: d.id, params: d.params } : { rule: rule.id, id: d.id });
      }
      return out;
    };
    const missingRows = blanks.flatMap((b) => b.missing ?? []);
    const blankRefs = blanks.flatMap((b) => b.refs ?? []);
    if (fails.length)
      return { ...base, passes: false, verdict: 'fail', details: refsOf(fails), cells: fails.flatMap((f) => f.refs ?? []), blanks: blankRefs, errors, missingRows };
    // An input with an error blocks the verdict before a blank does: the error is what to fix first.
    if (unknown.length) return { ...base, passes: null, verdict: 'error', details: [], cells: vetoCells ?? [], blanks: blankRefs, errors, missingRows };
    if (undecided.length) return { ...base, passes: null, verdict: 'undecided', details: refsOf(undecided), cells: vetoCells ?? [], blanks: blankRefs, errors: [], missingRows };
    if (blanks.length) return { ...base, passes: null, verdict: 'blank', details: [], cells: vetoCells ?? [], blanks: blankRefs, errors: [], missingRows };
    return { ...base, ...none, cells: vetoCells ?? [], passes: true, verdict: 'pass', details: refsOf(checks) };
  });
}

/** An item's requirement (the statement of the standard) under the profile. */
export function requirementText(id: string, profile: Profile): string {
  return renderMessage(rule(id), 'requirement', profile);
}

/** How many details a message shows before 「等N处」. */
const SHOWN_DETAILS = 5;

/**
 * The words of an item's outcome under the profile. `errorCells`: the addresses of the cells whose error
 * leaves it 无法评估 (named when known).
 */
export function itemText(i: ItemResult, profile: Profile, errorCells: readonly string[] = []): string {
  const requirement = requirementText(i.id, profile);
  const veto = i.category === '一票否决' ? 'veto-' : '';
  const f = (id: string, params: Record<string, string | number> = {}) => renderMessage(ITEM_FRAMES, id, profile, { requirement, ...params });
  // Only the details shown are rendered (a failing item of a large county has thousands).
  const details = i.details.slice(0, SHOWN_DETAILS).map((d) => renderMessage(rule(d.rule), d.id, profile, d.params));
  const joined = (list: string[]) => {
    const shown = list.join('；');
    return i.details.length > SHOWN_DETAILS ? f('more', { details: shown, count: i.details.length }) : shown;
  };
  switch (i.verdict) {
    case 'pass':
      return i.details.length === 1 ? f(`${veto}pass-detail`, { details: details[0] }) : f(`${veto}pass`);
    case 'fail':
      return f(`${veto}fail`, { details: joined(details) });
    case 'error': {
      if (errorCells.length === 0) return f('error');
      const shown = errorCells.slice(0, 3).join('、');
      const cells = errorCells.length > 3 ? f('cells-more', { cells: shown, count: errorCells.length }) : shown;
      return f('error-at', { cells, which: errorCells.length > 1 ? '这些单元格' : '该单元格' });
    }
    case 'undecided':
      return f('undecided', { details: joined(details) });
    case 'blank':
      return f('blank');
    case 'no-schools':
      return f('no-schools');
  }
}
