/**
 * Every issue and fatal code the product emits, with its meaning: the template reader's checks from their
 * catalogue (src/template/checks), and below, the codes other layers emit. The README's table is generated
 * from this list (scripts/codes-table.ts) and checked by a test. Codes are stable: tools may rely on them.
 */
import { READER_CODES } from './checks';

export interface CodeInfo {
  severity: 'error' | 'warning' | 'fatal';
  meaning: string;
}

/** Codes emitted outside the template reader (the report, the 申报表, the hosts and the command line). */
const OTHER_CODES = {
  'item-not-filled': { severity: 'warning', meaning: '项目所需数据空白，该项未填报，无法评估' },
  // 申报表 (shenbao.md §13)
  'shenbao-blanks': { severity: 'warning', meaning: '申报表中有未能填写的单元格或空白（列出缺少的数据）' },
  'shenbao-rounded-to-threshold': { severity: 'warning', meaning: '申报表中取舍后的数值看似达到标准，实际未达到' },
  'shenbao-sheet-exists': { severity: 'warning', meaning: '工作簿中已有与申报表同名的工作表（不是本程序生成的），未作改动，该表未生成' },
  'owner-type-defaulted': { severity: 'warning', meaning: '举办者类型为空或没有该列：公办学校按县级教育部门（代码7）、民办学校按10填写' },
  // Fatal: the workbook cannot be read as the template (exit status 2)
  'file-not-found': { severity: 'fatal', meaning: '文件不存在' },
  'not-xlsx': { severity: 'fatal', meaning: '不是 .xlsx 工作簿或文件已损坏' },
  'file-encrypted': { severity: 'fatal', meaning: '工作簿设有打开密码（已加密），需清除密码后另存' },
  'file-old-format': { severity: 'fatal', meaning: '旧版 .xls/.et、.xlsb 或网页格式的表格，需另存为 .xlsx' },
  'file-ods': { severity: 'fatal', meaning: 'OpenDocument 电子表格（.ods），需另存为 .xlsx' },
  'file-archive': { severity: 'fatal', meaning: '压缩包（zip），需先解压出其中的 .xlsx' },
  'file-not-excel': { severity: 'fatal', meaning: 'Word、PowerPoint 等其他文档，不是 Excel 工作簿' },
  'bad-arguments': { severity: 'fatal', meaning: '命令行参数有误' },
  'bad-profile': { severity: 'fatal', meaning: '规则配置有误' },
  'output-is-input': { severity: 'fatal', meaning: 'annotate 或 shenbao 的输出文件就是输入文件' },
  'output-extension': { severity: 'fatal', meaning: 'annotate 的输出文件扩展名与工作簿不符：含宏的工作簿须写成 .xlsm，不含宏的写成 .xlsx' },
  'write-failed': { severity: 'fatal', meaning: '无法写出文件（路径不存在、文件被占用或无权限）' },
  'io-error': { severity: 'fatal', meaning: '读写文件失败' },
  'cannot-annotate': { severity: 'fatal', meaning: '工作簿的结构无法准确加上标记（如单元格缺少位置），未写出文件' },
  'excel-error': { severity: 'fatal', meaning: 'Excel 拒绝了操作，工作簿未被修改' },
  'sheet-protected': { severity: 'fatal', meaning: '工作表受保护，工作簿未被修改' },
  unexpected: { severity: 'fatal', meaning: '程序内部错误' },
} as const satisfies Record<string, CodeInfo>;

export const ISSUE_CODES: Readonly<Record<IssueCode, CodeInfo>> = { ...READER_CODES, ...OTHER_CODES };

/** Every code there is: an unknown code is a type error. */
export type IssueCode = keyof typeof READER_CODES | keyof typeof OTHER_CODES;
