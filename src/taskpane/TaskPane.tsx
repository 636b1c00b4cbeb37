/** The task pane: actions, progress, settings, the result summary and the result views. */
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Button,
  Tab,
  TabList,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import type { WorkbookHost } from '../hosts/api';
import { ResultHeader } from './components/ResultHeader';
import { RunBar } from './components/RunBar';
import { RunProgress } from './components/RunProgress';
import { SettingsPanel } from './components/SettingsPanel';
import { EmptyState } from './components/EmptyState';
import { UNDO_NOTICE, UNDO_NOTICE_TITLE } from './undo';
import { usePane } from './usePane';
import { RESULT_VIEWS, type ViewContext } from './views';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalM,
    boxSizing: 'border-box',
    minHeight: '100%',
    color: tokens.colorNeutralForeground1,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  header: { display: 'flex', flexDirection: 'column', gap: '2px' },
  title: { margin: 0, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold, lineHeight: tokens.lineHeightBase500 },
  subtitle: { color: tokens.colorNeutralForeground3 },
  tabs: { flexWrap: 'wrap', marginLeft: `calc(-1 * (${tokens.spacingHorizontalXS} + ${tokens.spacingHorizontalXXS}))` },
  /** Narrower than Fluent's small tab so that the five views fit on one line of a 350px pane. */
  tab: { paddingLeft: tokens.spacingHorizontalXS, paddingRight: tokens.spacingHorizontalXS },
  panel: { minHeight: '120px' },
  count: { marginLeft: '2px', color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
});

export interface TaskPaneProps {
  host: WorkbookHost;
  /** Before the first write of the session, say that Excel cannot undo it (real Excel; the preview leaves it out). */
  undoNotice?: boolean;
  /** Where the rule settings are kept, said under them: in Excel with the workbook, for the ribbon too. */
  settingsNote?: string;
}

export const EXCEL_SETTINGS_NOTE = '设置随工作簿保存，再次打开或使用功能区「一键校验」时按同样的规则核验。';

export function TaskPane({ host, undoNotice = false, settingsNote = EXCEL_SETTINGS_NOTE }: TaskPaneProps) {
  const s = useStyles();
  const [state, actions] = usePane(host, { undoNotice });
  const [tab, setTab] = useState<string>(RESULT_VIEWS[0].id);
  /** Set when a view was opened from the 问题 view's links: the 学校 view then shows the failing units. */
  const [onlyFailing, setOnlyFailing] = useState(false);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const { busy, result, fatal, notice, settings, profile } = state;

  const ctx: ViewContext | null = useMemo(
    () =>
      result
        ? {
            analysis: result.analysis,
            report: result.analysis.report,
            select: (sh, c) => void actions.select(sh, c),
            open: (view) => {
              setOnlyFailing(view === 'schools');
              setTab(view);
            },
            onlyFailing,
          }
        : null,
    [result, actions.select, onlyFailing],
  );
  const views = ctx ? RESULT_VIEWS.filter((v) => !v.available || v.available(ctx)) : [];
  const active = views.find((v) => v.id === tab) ?? views[0];

  return (
    <main className={s.root} aria-label="优质均衡核验">
      <header className={s.header}>
        <h1 className={s.title}>优质均衡核验</h1>
        <Text size={200} className={s.subtitle}>
          县域义务教育优质均衡发展督导评估（教督〔2017〕6号）
        </Text>
      </header>

      <RunBar
        busy={busy?.action ?? null}
        disabled={!state.ready || !profile}
        hasResult={result !== null}
        onValidate={actions.validate}
        onWriteSheets={actions.writeSheets}
        onClear={actions.clearMarks}
      />

      {busy ? <RunProgress busy={busy} /> : null}

      {state.confirm ? (
        <MessageBar intent="warning" layout="multiline" role="alertdialog" aria-label={UNDO_NOTICE_TITLE}>
          <MessageBarBody>
            <MessageBarTitle>{UNDO_NOTICE_TITLE}</MessageBarTitle>
            {UNDO_NOTICE}
          </MessageBarBody>
          <MessageBarActions>
            <Button appearance="primary" size="small" onClick={() => void actions.confirmWrite()}>
              继续
            </Button>
            <Button size="small" onClick={actions.cancelWrite}>
              取消
            </Button>
          </MessageBarActions>
        </MessageBar>
      ) : null}

      {notice ? (
        <MessageBar intent={notice.intent} layout="multiline">
          <MessageBarBody>
            {notice.title ? <MessageBarTitle>{notice.title}</MessageBarTitle> : null}
            {notice.text}
          </MessageBarBody>
          <MessageBarActions
            containerAction={
              <Button appearance="transparent" size="small" aria-label="关闭提示" onClick={actions.dismissNotice}>
                ×
              </Button>
            }
          />
        </MessageBar>
      ) : null}

      <Accordion collapsible openItems={settingsOpen ? ['settings'] : []} onToggle={(_e, d) => setSettingsOpen(d.openItems.includes('settings'))}>
        <AccordionItem value="settings">
          <AccordionHeader size="small">规则设置：{profile?.name ?? '（有误）'}</AccordionHeader>
          <AccordionPanel>
            <SettingsPanel
              settings={settings}
              disabled={busy !== null || !state.ready}
              profileError={state.profileError}
              overrides={profile?.overrides ?? []}
              onChange={(next) => void actions.updateSettings(next)}
              note={settingsNote}
            />
          </AccordionPanel>
        </AccordionItem>
      </Accordion>

      {fatal ? (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>无法按标准模板读取此工作簿</MessageBarTitle>
            {fatal.message}
            {fatal.sheet ? `（${fatal.sheet}${fatal.cell ? `!${fatal.cell}` : ''}）` : ''}
          </MessageBarBody>
        </MessageBar>
      ) : null}

      {result && ctx && active ? (
        <>
          <ResultHeader report={result.analysis.report} stale={state.stale} />
          <TabList
            className={s.tabs}
            size="small"
            selectedValue={active.id}
            onTabSelect={(_e, d) => {
              setOnlyFailing(false);
              setTab(String(d.value));
            }}
            aria-label="核验结果视图"
          >
            {views.map((v) => {
              const n = v.count?.(result.analysis.report);
              return (
                <Tab key={v.id} value={v.id} id={`junheng-tab-${v.id}`} aria-controls="junheng-view" className={s.tab}>
                  {v.label}
                  {n !== undefined && n !== null ? (
                    <span className={s.count} title={v.countTitle?.(n)}>
                      {n}
                    </span>
                  ) : null}
                </Tab>
              );
            })}
          </TabList>
          <div className={s.panel} role="tabpanel" id="junheng-view" aria-labelledby={`junheng-tab-${active.id}`}>
            {active.render(ctx)}
          </div>
        </>
      ) : !fatal && !busy ? (
        <EmptyState title="尚未校验" text="点击「一键校验」读取当前工作簿并核验；有问题的单元格会被标记，说明写在批注里。" />
      ) : null}
    </main>
  );
}
