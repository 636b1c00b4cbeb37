/** Q6 德育与校园文化 (standard §6 教育质量(6); 表Ⅴ-6): evidence, 是/否 in 「县级指标」. */
import { evidence } from './item-kit';

export const Q6 = evidence('Q6', '德育工作、校园文化建设水平达到良好以上', '教育质量', '教督〔2017〕6号 教育质量(6)');
