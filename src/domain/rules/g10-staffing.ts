/** G10 统筹分配编制和岗位 (standard §6 政府保障程度(10); 表Ⅳ-10): evidence, 是/否 in 「县级指标」. */
import { evidence } from './item-kit';

export const G10 = evidence('G10', '县级教育行政部门在核定的编制总额内，统筹分配各校教职工编制和岗位数量', '政府保障程度', '教督〔2017〕6号 政府保障程度(10)');
