/** Q5 信息化教学 (standard §6 教育质量(5); 表Ⅴ-5): evidence, 是/否 in 「县级指标」. */
import { evidence } from './item-kit';

export const Q5 = evidence('Q5', '教师能熟练运用信息化手段组织教学', '教育质量', '教督〔2017〕6号 教育质量(5)');
