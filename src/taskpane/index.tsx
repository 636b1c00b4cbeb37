/** Entry of taskpane.html: waits for Office, then renders the pane in the Office theme. */
import { FluentProvider } from '@fluentui/react-components';
import { createRoot } from 'react-dom/client';
import { createExcelHost } from '../excel/adapter';
import { NotInExcel } from './components/NotInExcel';
import { TaskPane } from './TaskPane';
import { officeTheme } from './theme';

const container = document.getElementById('container');
const root = container ? createRoot(container) : null;

function start(info: { host: Office.HostType | null } | null) {
  const inExcel = info?.host === Office.HostType.Excel;
  root?.render(
    <FluentProvider theme={officeTheme()} style={{ minHeight: '100vh' }}>
      {inExcel ? <TaskPane host={createExcelHost()} undoNotice /> : <NotInExcel />}
    </FluentProvider>,
  );
}

if (typeof Office === 'undefined') start(null);
else Office.onReady(start);
