/** V5 一票否决 (standard §5): 「教育系统存在重大安全责任事故和严重违纪违规事件；有弄虚作假行为」, 否 passes. */
import { veto } from './veto-kit';

export const V5 = veto(5);
