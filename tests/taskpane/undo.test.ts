/**
 * The undo notice (issue 14, point 2): shown before the first write of a session, in the pane (usePane's
 * `confirm`, TaskPane's 继续/取消 bar) and in the ribbon's dialog (tests/commands). Excel keeps no undo history for
 * what an add-in does with sheets: deleting a sheet or changing its visibility cannot be undone, and the user's
 * earlier Ctrl+Z history is gone after them.
 */
import { UNDO_NOTICE, UNDO_NOTICE_TITLE, UndoGate } from '../../src/taskpane/undo';

const g = globalThis as { sessionStorage?: unknown };

afterEach(() => {
  delete g.sessionStorage;
});

function fakeStorage(): Storage {
  const m = new Map<string, string>();
  return {
    getItem: (k: string) => m.get(k) ?? null,
    setItem: (k: string, v: string) => void m.set(k, v),
    removeItem: (k: string) => void m.delete(k),
    clear: () => m.clear(),
    key: () => null,
    get length() {
      return m.size;
    },
  };
}

describe('the undo notice', () => {
  it('says in Chinese that Excel cannot undo the marks and that 清除标记 restores the cells', () => {
    expect(UNDO_NOTICE_TITLE).toBe('修改工作簿前请注意');
    expect(UNDO_NOTICE).toContain('请不要用 Ctrl+Z 撤销这些修改');
    expect(UNDO_NOTICE).toContain('第一次核验要新建两张隐藏的记录表，这会清空 Excel 的撤销记录（此前的编辑不能再撤销）');
    expect(UNDO_NOTICE).toContain('较旧的 Excel 每次核验都会清空');
    expect(UNDO_NOTICE).toContain('「清除标记」');
    expect(UNDO_NOTICE).toContain('恢复每个单元格原来的填充色');
  });

  it('is needed once per session: acknowledged, it is not asked again, in this page or another of the session', () => {
    g.sessionStorage = fakeStorage();
    const a = new UndoGate();
    expect(a.needsNotice()).toBe(true);
    a.acknowledge();
    expect(a.needsNotice()).toBe(false);
    expect(new UndoGate().needsNotice()).toBe(false); // e.g. the pane reloaded in the same session
    g.sessionStorage = fakeStorage(); // a new session
    expect(new UndoGate().needsNotice()).toBe(true);
  });

  it('works without sessionStorage (the ribbon runtime): remembered for the page', () => {
    const a = new UndoGate();
    expect(a.needsNotice()).toBe(true);
    a.acknowledge();
    expect(a.needsNotice()).toBe(false);
  });
});
