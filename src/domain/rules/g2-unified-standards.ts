/** G2 城乡统一的办学标准 (standard §6 政府保障程度(2); 表Ⅳ-2): evidence, 是/否 in 「县级指标」. */
import { evidence } from './item-kit';

export const G2 = evidence('G2', '县级人民政府制定义务教育学校办学标准，执行城乡统一的建设、编制、经费、装备标准', '政府保障程度', '教督〔2017〕6号 政府保障程度(2)');
