/**
 * Shown when taskpane.html is opened outside Excel (in a browser, or in another Office application), when
 * office.js did not load (a blocked network), or when Office never said it is ready.
 */
import { makeStyles, MessageBar, MessageBarBody, MessageBarTitle, tokens } from '@fluentui/react-components';

const useStyles = makeStyles({ root: { padding: tokens.spacingHorizontalL } });

export type NotInExcelReason = 'not-excel' | 'no-office-js' | 'no-answer';

export const NOT_IN_EXCEL_TEXT: Record<NotInExcelReason, { title: string; text: string }> = {
  'not-excel': {
    title: '请在 Excel 中使用',
    text: '本页面是 Excel 加载项「优质均衡核验」的任务窗格，需要在 Excel（桌面版或网页版）中通过加载项打开。只想试用的话，可以运行 npm run preview，在浏览器中打开内置示例县。',
  },
  'no-office-js': {
    title: '未能加载 Office 脚本（office.js）',
    text: '任务窗格没有收到 Excel 的 Office 脚本，可能是网络阻止了微软的脚本服务器（appsforoffice.microsoft.com）。请检查网络或代理设置后重新打开任务窗格；内网或世纪互联 Microsoft 365 用户请让管理员用 OFFICE_JS=local 或 OFFICE_JS=cn 重新构建加载项。',
  },
  'no-answer': {
    title: 'Excel 没有响应',
    text: 'Office 脚本已加载，但 Excel 在几秒内没有回应任务窗格。请关闭任务窗格后重新打开；如果 Excel 正在编辑某个单元格，请先按 Enter 结束编辑。',
  },
};

export function NotInExcel({ reason = 'not-excel' }: { reason?: NotInExcelReason }) {
  const s = useStyles();
  const t = NOT_IN_EXCEL_TEXT[reason];
  return (
    <div className={s.root}>
      <MessageBar intent="warning" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>{t.title}</MessageBarTitle>
          {t.text}
        </MessageBarBody>
      </MessageBar>
    </div>
  );
}
