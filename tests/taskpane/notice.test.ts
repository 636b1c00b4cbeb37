/**
 * The pane's notice after 「生成汇总表」: it names what was written. The add-in writes all eight official sheets
 * (表Ⅰ–表Ⅵ and 「一票否决」, shenbao.md §1) and the three working sheets; an official table whose name a sheet of the
 * user's already has is not written (shenbao-sheet-exists), and the notice says so. The browser tests check the
 * same sentence in the preview and the offline page.
 */
import { generatedNotice } from '../../src/taskpane/usePane';

describe('generatedNotice', () => {
  it('names every table written', () => {
    expect(generatedNotice([])).toBe(
      '已生成申报表「表Ⅰ」至「表Ⅵ」、「一票否决」和核验工作表「核验_学校达标」「核验_校际均衡」「核验_问题清单」。复制申报表时请用「选择性粘贴 → 值和数字格式」。',
    );
  });

  it('leaves out the tables a sheet of the user has the name of, and says why', () => {
    expect(generatedNotice(['表Ⅲ'])).toBe(
      '已生成申报表「表Ⅰ」「表Ⅱ-1」「表Ⅱ-2」「表Ⅳ」「表Ⅴ」「表Ⅵ」「一票否决」和核验工作表「核验_学校达标」「核验_校际均衡」「核验_问题清单」。' +
        '工作簿中已有您自己的「表Ⅲ」，未作改动，这张表本次未生成（见「问题」列表）。复制申报表时请用「选择性粘贴 → 值和数字格式」。',
    );
    expect(generatedNotice(['表Ⅰ', '表Ⅵ'])).toContain('工作簿中已有您自己的「表Ⅰ」「表Ⅵ」，未作改动，这几张表本次未生成（见「问题」列表）。');
  });

  it('names a working sheet written under another name as written (the user has a sheet of its name)', () => {
    expect(generatedNotice([], [{ sheet: '核验_问题清单', writtenAs: '核验_问题清单(核验)' }])).toBe(
      '已生成申报表「表Ⅰ」至「表Ⅵ」、「一票否决」和核验工作表「核验_学校达标」「核验_校际均衡」「核验_问题清单(核验)」。复制申报表时请用「选择性粘贴 → 值和数字格式」。',
    );
  });
});
