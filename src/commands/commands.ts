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
 */
import { createExcelHost } from '../excel/adapter';
import { effectiveProfile, fromStored } from '../taskpane/settings';

const ISSUES_SHEET = '问题清单';
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
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = '知道了';
  button.style.cssText = 'padding:4px 16px;font:inherit;';
  button.addEventListener('click', () => {
    try {
      Office.context.ui.messageParent('close');
    } catch {
      window.close();
    }
  });
  body.replaceChildren(h, p, button);
  button.focus();
}

/** Shows a message in a dialog and resolves when the user closes it (or at once if dialogs are unavailable). */
function showDialog(title: string, message: string): Promise<void> {
  return new Promise((resolve) => {
    const url = new URL(typeof window !== 'undefined' ? window.location.href : 'https://localhost:3000/commands.html');
    url.search = new URLSearchParams({ dialog: title, message }).toString();
    try {
      Office.context.ui.displayDialogAsync(url.toString(), { height: 30, width: 35, displayInIframe: true }, (result) => {
        if (result.status !== Office.AsyncResultStatus.Succeeded) {
          resolve();
          return;
        }
        const dialog = result.value;
        const done = () => {
          try {
            dialog.close();
          } catch {
            // already closed by the user
          }
          resolve();
        };
        dialog.addEventHandler(Office.EventType.DialogMessageReceived, done);
        dialog.addEventHandler(Office.EventType.DialogEventReceived, done);
      });
    } catch {
      resolve();
    }
  });
}

export async function validateWorkbook(event: Office.AddinCommands.Event): Promise<void> {
  try {
    const host = createExcelHost();
    const loaded = fromStored(await host.loadSettings().catch(() => null));
    const profile = effectiveProfile(loaded.settings);
    const outcome = await host.run({ profile, writeSheets: true, applyMarks: true });
    if (!outcome.ok) {
      const f = outcome.fatal;
      const where = f.sheet ? `（${f.sheet}${f.cell ? `!${f.cell}` : ''}）` : '';
      await showDialog('无法按标准模板读取此工作簿', `${f.message}${where}\n\n工作簿未被修改。`);
    } else {
      await host.select(ISSUES_SHEET, SUMMARY_CELL).catch(() => undefined);
    }
  } catch (e) {
    await showDialog('一键校验未完成', `${errorText(e)}\n\n请稍后重试，或打开「核验面板」查看详情。`);
  } finally {
    event.completed();
  }
}

export async function clearMarks(event: Office.AddinCommands.Event): Promise<void> {
  try {
    const outcome = await createExcelHost().clearMarks();
    if (!outcome.ok) await showDialog('未能清除标记', `${outcome.fatal.message}\n\n工作簿未被修改。`);
  } catch (e) {
    await showDialog('未能清除标记', errorText(e));
  } finally {
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
