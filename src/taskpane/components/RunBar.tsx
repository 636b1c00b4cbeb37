/** The pane's actions: the prominent 一键校验, then 生成汇总表 and 清除标记. */
import { Button, makeStyles, Spinner, tokens } from '@fluentui/react-components';
import type { Action } from '../usePane';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  main: { width: '100%', minHeight: '40px', fontSize: tokens.fontSizeBase400 },
  row: { display: 'flex', gap: tokens.spacingHorizontalS },
  secondary: { flexGrow: 1, flexBasis: 0 },
});

export interface RunBarProps {
  busy: Action | null;
  disabled: boolean;
  hasResult: boolean;
  onValidate(): void;
  onWriteSheets(): void;
  onClear(): void;
}

export function RunBar({ busy, disabled, hasResult, onValidate, onWriteSheets, onClear }: RunBarProps) {
  const s = useStyles();
  // While a run is going the buttons are only disabledFocusable: the button pressed keeps the keyboard focus (a disabled
  // button drops it to the page), and says it is unavailable (aria-disabled) until the run ends.
  const wait = !disabled && busy !== null;
  return (
    <div className={s.root}>
      <Button
        appearance="primary"
        size="large"
        className={s.main}
        disabled={disabled}
        disabledFocusable={wait}
        onClick={onValidate}
        icon={busy === 'validate' ? <Spinner size="tiny" appearance="inverted" /> : undefined}
        aria-describedby="junheng-run-hint"
      >
        一键校验
      </Button>
      <span id="junheng-run-hint" hidden>
        读取当前工作簿，按所选规则核验，并在有问题的单元格上标记
      </span>
      <div className={s.row}>
        <Button
          className={s.secondary}
          disabled={disabled}
          disabledFocusable={wait}
          onClick={onWriteSheets}
          title="核验并写入正式申报表（表Ⅰ至「一票否决」8 张）和「核验_学校达标」「核验_校际均衡」「核验_问题清单」三张核验工作表"
          icon={busy === 'sheets' ? <Spinner size="tiny" /> : undefined}
        >
          生成汇总表
        </Button>
        <Button
          className={s.secondary}
          disabled={disabled}
          disabledFocusable={wait}
          onClick={onClear}
          title={hasResult ? '去掉全部标记，恢复单元格原来的样子' : '去掉本工具在工作簿中留下的全部标记'}
          icon={busy === 'clear' ? <Spinner size="tiny" /> : undefined}
        >
          清除标记
        </Button>
      </div>
    </div>
  );
}
