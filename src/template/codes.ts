/**
 * Every issue and fatal code the product emits, with its meaning (the README's table is checked
 * against this list by a test). Codes are stable: tools may rely on them.
 */
export interface CodeInfo {
  severity: 'error' | 'warning' | 'fatal';
  meaning: string;
}

export const ISSUE_CODES: Readonly<Record<string, CodeInfo>> = {
  // Cell values
  'text-number': { severity: 'warning', meaning: '以文本形式存储的数字，已按数字读取' },
  'not-a-number': { severity: 'error', meaning: '数值列中填写了非数字内容' },
  'formula-error': { severity: 'error', meaning: '公式结果为错误值（如 #DIV/0!）' },
  'formula-no-value': { severity: 'error', meaning: '公式没有计算结果（文件保存时未计算）' },
  'date-value': { severity: 'error', meaning: '数值列中填写了日期' },
  'number-too-large': { severity: 'error', meaning: '数值超过 10¹²，超出合理范围' },
  'negative-number': { severity: 'error', meaning: '负数' },
  'not-whole-number': { severity: 'error', meaning: '人数、班级数、教室数不是整数' },
  'not-positive': { severity: 'error', meaning: '应大于0的数（班级数）为0' },
  'bad-enum': { severity: 'error', meaning: '不在可选值之内（学校类型、办学性质、城乡分类、学段、是/否）' },
  'required-blank': { severity: 'error', meaning: '必填项为空' },
  'code-as-number': { severity: 'warning', meaning: '学校标识码以数字存储且不足10位，前导0可能已丢失' },
  // Rows and columns
  'missing-code': { severity: 'error', meaning: '有数据的行缺少学校标识码' },
  'footer-row': { severity: 'warning', meaning: '合计、小计、总计、注、说明行，已忽略' },
  'duplicate-column': { severity: 'warning', meaning: '同一表头出现两次，只用第一列' },
  'missing-optional-column': { severity: 'warning', meaning: '缺少选填列，依赖它的项目记为未填报' },
  'duplicate-code': { severity: 'error', meaning: '学校标识码重复' },
  'no-schools': { severity: 'error', meaning: '「学校基本信息」中没有学校' },
  // Cross-field and cross-sheet checks
  'students-required': { severity: 'error', meaning: '学校类型应有该学段在校生，但为空或0' },
  'students-not-in-type': { severity: 'error', meaning: '学校类型没有该学段，却填了在校生' },
  'subarea-exceeds': { severity: 'error', meaning: '“其中”项大于总数（室内体育用房、达标音乐/美术教室）' },
  'migrant-exceeds': { severity: 'error', meaning: '随迁子女数大于在校生总数' },
  'unknown-code': { severity: 'error', meaning: '「分学段信息」中的学校标识码在「学校基本信息」中不存在' },
  'stage-not-in-type': { severity: 'error', meaning: '学段与学校类型不符' },
  'duplicate-stage-row': { severity: 'error', meaning: '同一学校同一学段有多行' },
  'missing-stage-row': { severity: 'error', meaning: '学校缺少其学校类型应有的学段行' },
  'special-school-row': { severity: 'warning', meaning: '特殊教育学校的分学段行，不计入' },
  'degree-sum-mismatch': { severity: 'error', meaning: '四类学历专任教师数之和不等于专任教师数' },
  'backbone-exceeds': { severity: 'error', meaning: '骨干教师数大于专任教师数' },
  'arts-exceed': { severity: 'error', meaning: '体育、音乐、美术、艺术教师合计大于专任教师数' },
  'certified-exceeds': { severity: 'error', meaning: '持证教师数大于专任教师数' },
  'trained-exceeds': { severity: 'error', meaning: '完成培训教师数大于专任教师数' },
  'zoned-exceeds': { severity: 'error', meaning: '就近划片入学学生数大于该学段在校生数' },
  // 县级指标
  'missing-county-sheet': { severity: 'warning', meaning: '没有「县级指标」工作表，县级项目记为未填报' },
  'unknown-county-row': { severity: 'warning', meaning: '未识别的县级指标行，已忽略' },
  'duplicate-county-row': { severity: 'warning', meaning: '县级指标行重复，只用第一行' },
  'percent-as-fraction': { severity: 'warning', meaning: '百分比行填写了不大于1的小数，按百分数读取，请确认' },
  'percent-over-100': { severity: 'error', meaning: '百分比超过100%' },
  'item-not-filled': { severity: 'warning', meaning: '项目所需数据空白，该项记为未填报（未评估）' },
  // Fatal: the workbook cannot be read as the template (exit status 2)
  'missing-header-row': { severity: 'fatal', meaning: '前10行中找不到表头行（「县级指标」为警告）' },
  'file-not-found': { severity: 'fatal', meaning: '文件不存在' },
  'not-xlsx': { severity: 'fatal', meaning: '不是 .xlsx 工作簿或文件已损坏' },
  'missing-sheet': { severity: 'fatal', meaning: '缺少必需的工作表' },
  'missing-column': { severity: 'fatal', meaning: '缺少必填列' },
  'bad-arguments': { severity: 'fatal', meaning: '命令行参数有误' },
  'bad-profile': { severity: 'fatal', meaning: '规则配置有误' },
  'output-is-input': { severity: 'fatal', meaning: 'annotate 的输出文件就是输入文件' },
  'write-failed': { severity: 'fatal', meaning: '无法写出文件（路径不存在、文件被占用或无权限）' },
  'io-error': { severity: 'fatal', meaning: '读写文件失败' },
  'cannot-annotate': { severity: 'fatal', meaning: '工作簿的结构无法准确加上标记（如单元格缺少位置），未写出文件' },
  'excel-error': { severity: 'fatal', meaning: 'Excel 拒绝了操作，工作簿未被修改' },
  'sheet-protected': { severity: 'fatal', meaning: '工作表受保护，工作簿未被修改' },
  unexpected: { severity: 'fatal', meaning: '程序内部错误' },
};
