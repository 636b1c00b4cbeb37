/** Entry of taskpane.html: waits for Office, then renders the pane in the Office theme. */
import { FluentProvider } from '@fluentui/react-components';
import type { ReactElement } from 'react';
import { createRoot } from 'react-dom/client';
import { createExcelHost } from '../hosts/excel/adapter';
import { NotInExcel, type NotInExcelReason } from './components/NotInExcel';
import { TaskPane } from './TaskPane';
import { officeTheme } from './theme';

const container = document.getElementById('container');
const root = container ? createRoot(container) : null;

/** How long Office.onReady may take before the pane says Excel does not answer. */
const READY_WAIT_MS = 8000;

function render(node: ReactElement) {
  root?.render(
    <FluentProvider theme={officeTheme()} style={{ minHeight: '100vh' }}>
      {node}
    </FluentProvider>,
  );
}

function notInExcel(reason: NotInExcelReason) {
  render(<NotInExcel reason={reason} />);
}

if (typeof Office === 'undefined') notInExcel('no-office-js');
else {
  let ready = false;
  const timer = setTimeout(() => !ready && notInExcel('no-answer'), READY_WAIT_MS);
  void Office.onReady((info) => {
    ready = true;
    clearTimeout(timer);
    if (info?.host === Office.HostType.Excel) render(<TaskPane host={createExcelHost()} undoNotice />);
    else notInExcel('not-excel');
  });
}
