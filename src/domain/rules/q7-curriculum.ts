/** Q7 课程与教学秩序 (standard §6 教育质量(7); 表Ⅴ-7): evidence, 是/否 in 「县级指标」. */
import { evidence } from './item-kit';

export const Q7 = evidence('Q7', '课程开齐开足，教学秩序规范，综合实践活动有效开展', '教育质量', '教督〔2017〕6号 教育质量(7)');
