/**
 * The pane's state and actions over a WorkbookHost: run (一键校验 / 生成汇总表), clear marks, select a
 * cell, and the settings saved with the workbook. Components stay presentational.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Phase, WorkbookHost } from '../hosts/api';
import { ProfileError, type ResolvedProfile } from '../domain/profile';
import type { ShownAnalysis } from '../report/analysis';
import type { Fatal } from '../template/issues';
import { GENERATED_SHEETS, OFFICIAL_SHEETS, WORKING_SHEETS } from '../template/schema';
import { DEFAULT_SETTINGS, effectiveProfile, fromStored, toStored, type PaneSettings } from './settings';
import { UndoGate } from './undo';

export type Action = 'validate' | 'sheets' | 'clear';

export interface Busy {
  action: Action;
  phase: Phase | null;
  /** Phases seen so far in this run (for the step list). */
  done: Phase[];
}

export interface Notice {
  intent: 'success' | 'info' | 'warning' | 'error';
  title?: string;
  text: string;
}

export interface PaneResult {
  analysis: ShownAnalysis;
  marks: number;
  notesVia: 'note' | 'comment' | 'sheet';
  /** Whether 表Ⅱ/表Ⅲ/问题清单 were written by this run. */
  sheetsWritten: boolean;
  /** The settings the result was computed with (a later change makes it stale). */
  settingsKey: string;
  /** Marks were cleared after this run. */
  marksCleared: boolean;
}

export interface PaneState {
  ready: boolean;
  busy: Busy | null;
  result: PaneResult | null;
  fatal: Fatal | null;
  notice: Notice | null;
  settings: PaneSettings;
  /** The effective profile, or the Chinese reason it cannot be built. */
  profile: ResolvedProfile | null;
  profileError: string | null;
  /** The shown result was computed with other settings. */
  stale: boolean;
  /** The action waiting for the user to read the undo notice (before the first write of the session). */
  confirm: Action | null;
}

export interface PaneActions {
  validate(): Promise<void>;
  writeSheets(): Promise<void>;
  clearMarks(): Promise<void>;
  select(sheet: string, cell: string): Promise<void>;
  updateSettings(next: PaneSettings): Promise<void>;
  dismissNotice(): void;
  /** The user read the undo notice: carry out the waiting action. */
  confirmWrite(): Promise<void>;
  cancelWrite(): void;
}

export interface PaneOptions {
  /** Show the undo notice before the first write of the session (real Excel; not the preview). */
  undoNotice?: boolean;
}

/**
 * What 「生成汇总表」 wrote: the official tables (all eight unless a sheet of the user's has an official name, which
 * is left alone and named here; its shenbao-sheet-exists warning is in the 问题 list) and the three working sheets,
 * each under the name it was written as (`renamed`: 「核验_问题清单(核验)」 when the user has a 「核验_问题清单」).
 */
export function generatedNotice(blocked: readonly string[], renamed: readonly { sheet: string; writtenAs: string }[] = []): string {
  const tables = blocked.length
    ? OFFICIAL_SHEETS.filter((n) => !blocked.includes(n)).map((n) => `「${n}」`).join('')
    : '「表Ⅰ」至「表Ⅵ」、「一票否决」';
  // a working sheet written under another name (the user has a sheet of its name) is named as written
  const working = WORKING_SHEETS.map((n) => `「${renamed.find((r) => r.sheet === n)?.writtenAs ?? n}」`).join('');
  const kept = blocked.length ? `工作簿中已有您自己的${blocked.map((n) => `「${n}」`).join('')}，未作改动，这${blocked.length > 1 ? '几' : ''}张表本次未生成（见「问题」列表）。` : '';
  return `已生成申报表${tables}和核验工作表${working}。${kept}复制申报表时请用「选择性粘贴 → 值和数字格式」。`;
}

function profileOf(settings: PaneSettings): { profile: ResolvedProfile | null; error: string | null } {
  try {
    return { profile: effectiveProfile(settings), error: null };
  } catch (e) {
    return { profile: null, error: e instanceof ProfileError ? e.message : `规则配置无法使用：${String((e as Error)?.message ?? e)}` };
  }
}

const keyOf = (s: PaneSettings) => JSON.stringify(toStored(s));

function errorText(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e);
  return m || '未知错误';
}

export function usePane(host: WorkbookHost, options: PaneOptions = {}): [PaneState, PaneActions] {
  const [ready, setReady] = useState(false);
  const [busy, setBusy] = useState<Busy | null>(null);
  const [result, setResult] = useState<PaneResult | null>(null);
  const [fatal, setFatal] = useState<Fatal | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [settings, setSettings] = useState<PaneSettings>(DEFAULT_SETTINGS);
  const busyRef = useRef(false);
  const [confirm, setConfirm] = useState<Action | null>(null);
  const gate = useRef(new UndoGate());
  /** Runs `action` now, or first asks the user to read the undo notice. */
  const gated = (action: Action, go: () => Promise<void>) => {
    if (options.undoNotice && gate.current.needsNotice()) {
      setConfirm(action);
      return Promise.resolve();
    }
    return go();
  };

  useEffect(() => {
    let live = true;
    host
      .loadSettings()
      .then((stored) => {
        if (!live) return;
        const loaded = fromStored(stored);
        setSettings(loaded.settings);
        if (loaded.warning) setNotice({ intent: 'warning', title: '规则设置', text: loaded.warning });
      })
      .catch((e) => live && setNotice({ intent: 'warning', title: '未能读取保存的规则设置', text: `${errorText(e)}。已使用国家标准。` }))
      .finally(() => live && setReady(true));
    return () => {
      live = false;
    };
  }, [host]);

  const { profile, error: profileError } = useMemo(() => profileOf(settings), [settings]);

  const run = useCallback(
    async (action: 'validate' | 'sheets') => {
      if (busyRef.current) return;
      if (!profile) {
        setNotice({ intent: 'error', title: '规则配置有误', text: profileError ?? '' });
        return;
      }
      busyRef.current = true;
      const done: Phase[] = [];
      setBusy({ action, phase: null, done: [] });
      setNotice(null);
      try {
        const outcome = await host.run({
          profile,
          writeSheets: action === 'sheets',
          applyMarks: true,
          onPhase: (phase) => {
            done.push(phase);
            setBusy({ action, phase, done: [...done] });
          },
        });
        if (!outcome.ok) {
          setFatal(outcome.fatal);
          setResult(null);
          return;
        }
        setFatal(null);
        setResult({
          analysis: outcome.analysis,
          marks: outcome.marks,
          notesVia: outcome.notesVia,
          sheetsWritten: action === 'sheets',
          settingsKey: keyOf(settings),
          marksCleared: false,
        });
        const renamed = outcome.renamedSheets ?? [];
        const blocked = outcome.analysis.officialBlocked ?? [];
        // The first official table written (表Ⅰ, unless the user has a sheet of that name), else the first working sheet.
        const first = OFFICIAL_SHEETS.find((n) => !blocked.includes(n)) ?? renamed.find((r) => r.sheet === WORKING_SHEETS[0])?.writtenAs ?? WORKING_SHEETS[0];
        if (renamed.length) {
          setNotice({
            intent: 'warning',
            text: renamed.map((r) => `工作表「${r.sheet}」是您自己的工作表，未作改动；本次结果写入「${r.writtenAs}」。`).join('') + (action === 'sheets' ? generatedNotice(blocked, renamed) : ''),
          });
          if (action === 'sheets') await host.select(first, 'A1').catch(() => undefined);
        } else if (action === 'sheets') {
          setNotice({ intent: blocked.length ? 'warning' : 'success', text: generatedNotice(blocked) });
          await host.select(first, 'A1').catch(() => undefined);
        } else if (outcome.notesVia === 'sheet' && outcome.marks > 0) {
          setNotice({ intent: 'info', text: '此次没有在单元格上写说明（Excel 不支持注释和批注，或单元格已有他人的注释），标记说明见下方「问题」列表，生成汇总表后也在「核验_问题清单」中。' });
        } else if (outcome.keptForUser) {
          setNotice({
            intent: 'info',
            text: `${outcome.keptForUser} 个被标记的单元格原来就有他人写的注释或批注，加载项没有改动它们；这些单元格的说明见下方「问题」列表（生成汇总表后也在「核验_问题清单」中）。`,
          });
        }
      } catch (e) {
        setNotice({ intent: 'error', title: '核验未完成', text: `Excel 返回错误：${errorText(e)}。工作簿未被修改，请稍后重试。` });
      } finally {
        busyRef.current = false;
        setBusy(null);
      }
    },
    [host, profile, profileError, settings],
  );

  const clearMarks = useCallback(async () => {
    if (busyRef.current) return;
    busyRef.current = true;
    setBusy({ action: 'clear', phase: null, done: [] });
    setNotice(null);
    try {
      const outcome = await host.clearMarks();
      if (!outcome.ok) {
        setNotice({ intent: 'error', title: '未能清除标记', text: outcome.fatal.message });
        return;
      }
      setResult((r) => (r ? { ...r, marksCleared: true } : r));
      setNotice({
        intent: 'success',
        text: outcome.restored > 0 ? `已清除 ${outcome.restored} 个单元格的标记，恢复了原来的填充色和批注。` : '工作簿中没有本工具加上的标记。',
      });
    } catch (e) {
      setNotice({ intent: 'error', title: '未能清除标记', text: errorText(e) });
    } finally {
      busyRef.current = false;
      setBusy(null);
    }
  }, [host]);

  const select = useCallback(
    async (sheet: string, cell: string) => {
      try {
        if ((await host.select(sheet, cell)) === false) {
          // A warning about a 申报表 cell before the tables are written, or a sheet renamed or deleted since.
          const generated = (GENERATED_SHEETS as readonly string[]).includes(sheet);
          setNotice(
            generated
              ? { intent: 'info', text: `工作表「${sheet}」还没有写入工作簿：请先点「生成汇总表」，再点这一条即可定位到 ${sheet}!${cell}` }
              : { intent: 'warning', text: `工作簿中没有工作表「${sheet}」（可能已改名或删除），无法定位到 ${sheet}!${cell}` },
          );
        }
      } catch (e) {
        setNotice({ intent: 'warning', text: `无法定位到 ${sheet}!${cell}：${errorText(e)}` });
      }
    },
    [host],
  );

  const updateSettings = useCallback(
    async (next: PaneSettings) => {
      setSettings(next);
      const p = profileOf(next);
      if (p.error) return;
      try {
        await host.saveSettings(toStored(next));
      } catch (e) {
        setNotice({ intent: 'warning', title: '规则设置未能保存到工作簿', text: errorText(e) });
      }
    },
    [host],
  );

  const state: PaneState = {
    ready,
    busy,
    result,
    fatal,
    notice,
    settings,
    profile,
    profileError,
    stale: result !== null && result.settingsKey !== keyOf(settings),
    confirm,
  };
  const perform = (action: Action) => (action === 'clear' ? clearMarks() : run(action));
  const actions: PaneActions = {
    validate: () => gated('validate', () => run('validate')),
    writeSheets: () => gated('sheets', () => run('sheets')),
    clearMarks: () => gated('clear', clearMarks),
    confirmWrite: async () => {
      const action = confirm;
      gate.current.acknowledge();
      setConfirm(null);
      if (action) await perform(action);
    },
    cancelWrite: () => setConfirm(null),
    select,
    updateSettings,
    dismissNotice: () => setNotice(null),
  };
  return [state, actions];
}
