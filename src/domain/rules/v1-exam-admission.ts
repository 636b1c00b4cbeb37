/** V1 一票否决 (standard §5): 「存在以考试方式招生」, 否 passes. */
import { veto } from './veto-kit';

export const V1 = veto(1);
