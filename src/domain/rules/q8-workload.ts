/** Q8 课业负担 (standard §6 教育质量(8); 表Ⅴ-8): evidence, 是/否 in 「县级指标」. */
import { evidence } from './item-kit';

export const Q8 = evidence('Q8', '无过重课业负担', '教育质量', '教督〔2017〕6号 教育质量(8)');
