/**
 * The notice shown before the add-in first writes to the workbook in a session (the pane and the ribbon): the first
 * run adds and hides the two record sheets (the mark record and the list of generated sheets), which clears the user's undo history (Ctrl+Z), and Excel without add-in undo
 * clears it on every run; a re-run deletes, renames and hides nothing. 「清除标记」 is the way back.
 */
export const UNDO_NOTICE_TITLE = '修改工作簿前请注意';

export const UNDO_NOTICE =
  '核验会给有问题的单元格加上填充色和说明，并写入申报表和核验工作表。请不要用 Ctrl+Z 撤销这些修改：第一次核验要新建两张隐藏的记录表，' +
  '这会清空 Excel 的撤销记录（此前的编辑不能再撤销）；较旧的 Excel 每次核验都会清空。' +
  '要去掉标记，请点击「清除标记」：它按标记记录恢复每个单元格原来的填充色，只删除本工具写的说明。';

const KEY = 'junheng.undoNoticeShown';

function storage(): Pick<Storage, 'getItem' | 'setItem'> | null {
  try {
    return typeof sessionStorage !== 'undefined' ? sessionStorage : null;
  } catch {
    return null;
  }
}

/** Whether the notice was already acknowledged in this session (this page, or sessionStorage when there is one). */
export class UndoGate {
  private acknowledged = false;

  needsNotice(): boolean {
    if (this.acknowledged) return false;
    try {
      return storage()?.getItem(KEY) !== '1';
    } catch {
      return true;
    }
  }

  acknowledge(): void {
    this.acknowledged = true;
    try {
      storage()?.setItem(KEY, '1');
    } catch {
      // Private mode: the notice comes back next session, which is harmless.
    }
  }
}
