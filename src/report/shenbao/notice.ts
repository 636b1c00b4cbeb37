/**
 * What the offline page says after 「下载申报表」 when the tables cannot be relied on as they are: the errors of the
 * inputs (their values may be blank or wrong in the tables) and the tables' own warnings (cells left blank,
 * rounded figures), as the `shenbao` command prints them. Null when there is nothing to say.
 */
import type { Report } from '../types';

/**
 * The warnings about the official tables' own cells (left blank, rounded, 举办者类型 defaulted), as `shenbao` lists them.
 * Not shenbao-sheet-exists: the tables are downloaded as a new workbook, where no sheet of the user's stands in the way.
 */
export function shenbaoTableIssues(report: Report): Report['issues'] {
  return report.issues.filter((i) => (i.code.startsWith('shenbao-') && i.code !== 'shenbao-sheet-exists') || i.code === 'owner-type-defaulted');
}

export function shenbaoDownloadNotice(report: Report): string | null {
  const errors = report.summary.errors;
  const tableWarnings = shenbaoTableIssues(report).length;
  const parts: string[] = [];
  if (errors) parts.push(`工作簿有 ${errors} 个错误，申报表中相关数值可能为空或不可靠，请先点「一键校验」查看并改正后再下载`);
  if (tableWarnings) parts.push(`申报表有 ${tableWarnings} 条警告（空白或按规则处理的单元格），见「问题」视图`);
  return parts.length ? `已下载申报表。${parts.join('；')}。` : null;
}
