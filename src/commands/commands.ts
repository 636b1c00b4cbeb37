/**
 * The ribbon's function commands (manifest.xml, ExecuteFunction): 一键校验 and 清除标记 run the adapter
 * without the pane.
 *
 * How the outcome is reported. Excel has no notification bar for add-ins (Outlook's
 * `notificationMessages` does not exist there), so:
 * - success of 一键校验: the generated 「问题清单」 sheet is activated with its summary line (A2: 区县, 规则,
 *   错误 N 个, 警告 N 个) selected, so the formula bar shows the result and the list is right below;
 * - success of 清除标记: nothing else is written; the restored cells are the result;
 * - failure (not the template, a protected sheet, an Excel error): a small dialog (this same page opened
 *   with `?dialog=` through Office.context.ui.displayDialogAsync) says what is wrong in Chinese; the
 *   command completes when the dialog is closed. Nothing in the workbook has been changed in that case.
 * Both commands use the rule settings saved with the workbook by the pane, so they give the pane's result.
 *
 * Before the first write of a session, a dialog says that Excel cannot undo what the add-in does (继续 / 取消);
 * a second click while a command is still running gets a dialog instead of a second run.
 */
import { createExcelHost } from '../hosts/excel/adapter';
import { SHEET_ISSUES_REPORT } from '../template/schema';
import { effectiveProfile, fromStored } from '../taskpane/settings';
import { UNDO_NOTICE, UNDO_NOTICE_TITLE, UndoGate } from '../taskpane/undo';

const ISSUES_SHEET = SHEET_ISSUES_REPORT;
const SUMMARY_CELL = 'A2';

function errorText(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e);
  return m || '未知错误';
}

/** The dialog page: this file opened with ?dialog=<title>&message=<text>. */
function renderDialog(params: URLSearchParams): void {
  const title = params.get('dialog') ?? '优质均衡核验';
  const message = params.get('message') ?? '';
  document.title = title;
  const body = document.body;
  body.style.cssText = "margin:0;padding:16px 20px;font:14px/1.6 'Segoe UI','Microsoft YaHei','PingFang SC',sans-serif;";
  const dark = typeof Office !== 'undefined' && Office.context?.officeTheme?.isDarkTheme;
  if (dark) body.style.background = '#1f1f1f';
  body.style.color = dark ? '#f0f0f0' : '#242424';
  const h = document.createElement('h1');
  h.textContent = title;
  h.style.cssText = 'font-size:16px;margin:0 0 8px;';
  const p = document.createElement('p');
  p.textContent = message;
  p.style.cssText = 'margin:0 0 16px;white-space:pre-wrap;';
  const reply = (answer: string) => {
    try {
      Office.context.ui.messageParent(answer);
    } catch {
      window.close();
    }
  };
  const buttonOf = (text: string, answer: string) => {
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = text;
    button.style.cssText = 'padding:4px 16px;font:inherit;margin-right:8px;';
    button.addEventListener('click', () => reply(answer));
    return button;
  };
  const buttons = params.get('confirm') === '1' ? [buttonOf('继续', 'continue'), buttonOf('取消', 'cancel')] : [buttonOf('知道了', 'close')];
  body.replaceChildren(h, p, ...buttons);
  buttons[0].focus();
}

/**
 * Shows a message in a dialog and resolves with the user's answer when it is closed ('close', 'continue',
 * 'cancel'; null when closed with its ×, or at once if dialogs are unavailable).
 */
function openDialog(title: string, message: string, confirm = false): Promise<string | null> {
  return new Promise((resolve) => {
    const url = new URL(typeof window !== 'undefined' ? window.location.href : 'https://localhost:3000/commands.html');
    url.search = new URLSearchParams({ dialog: title, message, ...(confirm ? { confirm: '1' } : {}) }).toString();
    try {
      Office.context.ui.displayDialogAsync(url.toString(), { height: confirm ? 40 : 30, width: 35, displayInIframe: true }, (result) => {
        if (result.status !== Office.AsyncResultStatus.Succeeded) {
          resolve(null);
          return;
        }
        const dialog = result.value;
        const done = (arg: unknown) => {
          try {
            dialog.close();
          } catch {
            // already closed by the user
          }
          const m = (arg as { message?: unknown } | null)?.message;
          resolve(typeof m === 'string' ? m : null);
        };
        dialog.addEventHandler(Office.EventType.DialogMessageReceived, done);
        dialog.addEventHandler(Office.EventType.DialogEventReceived, done);
      });
    } catch {
      resolve(null);
    }
  });
}

async function showDialog(title: string, message: string): Promise<void> {
  await openDialog(title, message);
}

/**
 * A function command must call event.completed() before its runtime's limit (five minutes: "Add-in commands",
 * https://learn.microsoft.com/office/dev/add-ins/design/add-in-commands): the run is given a deadline well inside
 * it (no write is started after it), and a watchdog completes the command with a message if Excel itself hangs.
 */
export const commandLimits = { deadlineMs: 3 * 60_000, watchdogMs: 4 * 60_000 };

/** `work`, or after `ms` the watchdog's answer. */
function withWatchdog<T>(work: Promise<T>, ms: number, onTimeout: () => T): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(onTimeout()), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

const undoGate = new UndoGate();
let running = false;

/**
 * Whether the command may write: not while another command of this ribbon runs, and, before the first write
 * of the session, only once the user has read the undo notice and chosen 继续.
 */
async function mayWrite(): Promise<boolean> {
  if (typeof Excel === 'undefined') {
    // office.js loaded but not its Excel part (a proxy that blocks some of Microsoft's scripts).
    await showDialog('未能加载 Excel 脚本', 'Office 脚本的 Excel 部分没有加载成功，可能是网络或代理阻止了微软的脚本服务器（appsforoffice.microsoft.com）。请检查网络后重试；内网或世纪互联 Microsoft 365 用户请让管理员用 OFFICE_JS=local 或 OFFICE_JS=cn 重新构建加载项。工作簿未被修改。');
    return false;
  }
  if (running) {
    await showDialog('请稍候', '上一次「一键校验」或「清除标记」还没有完成。请等它完成后再点击。');
    return false;
  }
  running = true;
  if (!undoGate.needsNotice()) return true;
  if ((await openDialog(UNDO_NOTICE_TITLE, UNDO_NOTICE, true)) !== 'continue') {
    running = false;
    return false;
  }
  undoGate.acknowledge();
  return true;
}

export async function validateWorkbook(event: Office.AddinCommands.Event): Promise<void> {
  if (!(await mayWrite())) {
    event.completed();
    return;
  }
  try {
    const host = createExcelHost();
    const started = Date.now();
    // Reading the saved settings waits while a cell is being edited, as the run does: both within the watchdog.
    const work = (async () => {
      const loaded = fromStored(await host.loadSettings().catch(() => null));
      return host.run({ profile: effectiveProfile(loaded.settings), writeSheets: true, applyMarks: true, deadline: started + commandLimits.deadlineMs });
    })();
    const outcome = await withWatchdog(work, commandLimits.watchdogMs, () => ({
      ok: false as const,
      syncs: 0,
      fatal: {
        code: 'excel-error' as const,
        message: 'Excel 长时间没有响应（例如正在编辑某个单元格），核验没能在功能区命令的时限内完成。请按 Enter 结束单元格编辑，然后打开「核验面板」重新核验；若工作簿已被部分标记，「清除标记」可以恢复。',
      },
    }));
    if (!outcome.ok) {
      const f = outcome.fatal;
      const where = f.sheet ? `（${f.sheet}${f.cell ? `!${f.cell}` : ''}）` : '';
      // Excel's failures say themselves whether the workbook was changed; a workbook that is not the template never is.
      const fromExcel = f.code === 'excel-error' || f.code === 'sheet-protected';
      await showDialog(fromExcel ? '一键校验未完成' : '无法按标准模板读取此工作簿', `${f.message}${where}${fromExcel ? '' : '\n\n工作簿未被修改。'}`);
    } else {
      // The results' own sheet: 核验_问题清单(核验) when the user has a sheet of that name, never the user's.
      const issuesSheet = outcome.renamedSheets?.find((r) => r.sheet === ISSUES_SHEET)?.writtenAs ?? ISSUES_SHEET;
      await host.select(issuesSheet, SUMMARY_CELL).catch(() => undefined);
    }
  } catch (e) {
    await showDialog('一键校验未完成', `${errorText(e)}\n\n请稍后重试，或打开「核验面板」查看详情。`);
  } finally {
    running = false;
    event.completed();
  }
}

export async function clearMarks(event: Office.AddinCommands.Event): Promise<void> {
  if (!(await mayWrite())) {
    event.completed();
    return;
  }
  try {
    const outcome = await createExcelHost().clearMarks();
    if (!outcome.ok) await showDialog('未能清除标记', outcome.fatal.message);
  } catch (e) {
    await showDialog('未能清除标记', errorText(e));
  } finally {
    running = false;
    event.completed();
  }
}

/** Registers the functions the manifest names (or renders the dialog when opened as one). */
export function register(): void {
  const params = new URLSearchParams(typeof window !== 'undefined' ? window.location.search : '');
  if (params.has('dialog')) {
    if (typeof Office !== 'undefined') void Office.onReady(() => renderDialog(params));
    else renderDialog(params);
    return;
  }
  if (typeof Office === 'undefined') return;
  void Office.onReady(() => undefined);
  Office.actions.associate('validateWorkbook', validateWorkbook);
  Office.actions.associate('clearMarks', clearMarks);
}

register();
