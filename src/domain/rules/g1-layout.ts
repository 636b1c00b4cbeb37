/** G1 规划布局 (standard §6 政府保障程度(1); 表Ⅳ-1): evidence, 是/否 in 「县级指标」. */
import { evidence } from './item-kit';

export const G1 = evidence('G1', '县域内义务教育学校规划布局合理，符合国家规定要求', '政府保障程度', '教督〔2017〕6号 政府保障程度(1)');
