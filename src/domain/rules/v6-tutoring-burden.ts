/** V6 一票否决 (standard §5): 「规范治理校外培训机构及减轻中小学课外负担不力」, 否 passes. */
import { veto } from './veto-kit';

export const V6 = veto(6);
