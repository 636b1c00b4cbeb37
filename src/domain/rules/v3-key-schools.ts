/** V3 一票否决 (standard §5): 「存在重点学校或重点班」, 否 passes. */
import { veto } from './veto-kit';

export const V3 = veto(3);
