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
  'invisible-characters': { severity: 'warning', meaning: '学校标识码、可选值或表头中有不可见字符（零宽空格、BOM、不换行空格等），已去除后读取' },
  'near-whole-number': { severity: 'warning', meaning: '人数、班级数、教室数与整数只差计算误差（如 16.000000000000004），已按整数读取' },
  // Rows and columns
  'missing-code': { severity: 'error', meaning: '有数据的行缺少学校标识码' },
  'footer-row': { severity: 'warning', meaning: '合计、小计、总计、注、说明行，已忽略' },
  'duplicate-column': { severity: 'error', meaning: '同一表头出现在两列以上（含隐藏列），只读取其中一列（优先可见列）' },
  'merged-cells': { severity: 'warning', meaning: '学校标识码、学校名称等文字列的合并单元格跨多行，已将其值用于所跨的每一行' },
  'merged-number': { severity: 'error', meaning: '数值列的合并单元格跨多行，无法确定各行的数值' },
  'duplicate-sheet': { severity: 'error', meaning: '有名称只差空格或大小写的工作表（如隐藏的旧表），只读取可见的一个' },
  'stray-content': { severity: 'warning', meaning: '远离数据区的单元格中有内容，已忽略' },
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
  'item-not-filled': { severity: 'warning', meaning: '项目所需数据空白，该项未填报，无法评估' },
  // 申报表 (shenbao.md §13)
  'shenbao-blanks': { severity: 'warning', meaning: '申报表中有未能填写的单元格或空白（列出缺少的数据）' },
  'shenbao-rounded-to-threshold': { severity: 'warning', meaning: '申报表中取舍后的数值看似达到标准，实际未达到' },
  'owner-type-defaulted': { severity: 'warning', meaning: '未填写举办者类型，公办学校按县级教育部门（代码7）填写' },
  // Fatal: the workbook cannot be read as the template (exit status 2)
  'missing-header-row': { severity: 'fatal', meaning: '前10行中找不到表头行（「县级指标」为警告）' },
  'file-not-found': { severity: 'fatal', meaning: '文件不存在' },
  'not-xlsx': { severity: 'fatal', meaning: '不是 .xlsx 工作簿或文件已损坏' },
  'file-encrypted': { severity: 'fatal', meaning: '工作簿设有打开密码（已加密），需清除密码后另存' },
  'file-old-format': { severity: 'fatal', meaning: '旧版 .xls/.et、.xlsb 或网页格式的表格，需另存为 .xlsx' },
  'file-ods': { severity: 'fatal', meaning: 'OpenDocument 电子表格（.ods），需另存为 .xlsx' },
  'file-archive': { severity: 'fatal', meaning: '压缩包（zip），需先解压出其中的 .xlsx' },
  'file-not-excel': { severity: 'fatal', meaning: 'Word、PowerPoint 等其他文档，不是 Excel 工作簿' },
  'missing-sheet': { severity: 'fatal', meaning: '缺少必需的工作表' },
  'ambiguous-sheet': { severity: 'fatal', meaning: '有多个名称只差空格或大小写的工作表，且不是恰好一个可见' },
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
