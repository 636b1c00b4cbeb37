/** Q3 学校章程与信息化 (standard §6 教育质量(3); 表Ⅴ-3): evidence, 是/否 in 「县级指标」. */
import { evidence } from './item-kit';

export const Q3 = evidence('Q3', '所有学校制定章程，实现学校管理与教学信息化', '教育质量', '教督〔2017〕6号 教育质量(3)');
