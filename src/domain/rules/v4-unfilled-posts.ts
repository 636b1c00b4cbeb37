/** V4 一票否决 (standard §5): 「存在“有编不补”或长期聘用编外教师的情况」, 否 passes. */
import { veto } from './veto-kit';

export const V4 = veto(4);
