/** V2 一票否决 (standard §5): 「存在违规择校行为」, 否 passes. */
import { veto } from './veto-kit';

export const V2 = veto(2);
