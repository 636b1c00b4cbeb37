/** Shown when taskpane.html is opened outside Excel (in a browser, or in another Office application). */
import { makeStyles, MessageBar, MessageBarBody, MessageBarTitle, tokens } from '@fluentui/react-components';

const useStyles = makeStyles({ root: { padding: tokens.spacingHorizontalL } });

export function NotInExcel() {
  const s = useStyles();
  return (
    <div className={s.root}>
      <MessageBar intent="warning" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>请在 Excel 中使用</MessageBarTitle>
          本页面是 Excel 加载项「优质均衡核验」的任务窗格，需要在 Excel（桌面版或网页版）中通过加载项打开。
          只想试用的话，可以运行 npm run preview，在浏览器中打开内置示例县。
        </MessageBarBody>
      </MessageBar>
    </div>
  );
}
