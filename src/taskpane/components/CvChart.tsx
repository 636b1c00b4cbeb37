/**
 * A small SVG bar chart of one 学段's seven 差异系数 with the limit as a dashed line, labelled in the right
 * margin outside the plot (「上限」 above the line's end, the value below it), where no bar can cover it.
 */
import { makeStyles, tokens } from '@fluentui/react-components';
import { INDICATOR_IDS } from '../../domain/profile';
import type { ReportBalance } from '../../report/types';
import { fixed, indicatorName } from '../format';

const W = 300;
const H = 130;
/** The right margin holds the limit's label: 「上限」 and a value such as 0.45, each about 18 units wide at 9px. */
const PAD = { top: 14, right: 28, bottom: 20, left: 30 };

const useStyles = makeStyles({
  svg: { width: '100%', maxWidth: '420px', height: 'auto', display: 'block' },
  axis: { stroke: tokens.colorNeutralStroke1, strokeWidth: 1 },
  grid: { stroke: tokens.colorNeutralStroke3, strokeWidth: 1 },
  text: { fill: tokens.colorNeutralForeground2, fontSize: '9px', fontFamily: tokens.fontFamilyBase },
  pass: { fill: tokens.colorPaletteGreenBorderActive },
  fail: { fill: tokens.colorPaletteRedBorderActive },
  unknown: { fill: tokens.colorNeutralStroke2 },
  limit: { stroke: tokens.colorPaletteRedForeground1, strokeWidth: 1.5, strokeDasharray: '4 3' },
  limitText: { fill: tokens.colorPaletteRedForeground1, fontSize: '9px', fontFamily: tokens.fontFamilyBase },
});

/** A rounded maximum for the y axis: at least the limit, with room above the highest bar. */
export function axisMax(values: number[], limit: number): number {
  const top = Math.max(limit, ...values) * 1.15;
  const step = top <= 0.5 ? 0.1 : top <= 1 ? 0.2 : 0.5;
  return Math.ceil(top / step) * step;
}

export function CvChart({ stage, balance }: { stage: string; balance: ReportBalance }) {
  const s = useStyles();
  const ind = balance.indicators;
  const limit = ind.R1.limit;
  const values = INDICATOR_IDS.map((id) => ind[id].cv).filter((v): v is number => v !== null);
  const max = axisMax(values, limit);
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const y = (v: number) => PAD.top + plotH - (v / max) * plotH;
  const slot = plotW / INDICATOR_IDS.length;
  const barW = slot * 0.56;
  const ticks = [0, max / 2, max];
  const passing = INDICATOR_IDS.filter((id) => ind[id].passes === true).length;
  const summary = `${stage}差异系数柱状图：上限 ${limit}，7 项中 ${passing} 项在上限以内。${INDICATOR_IDS.map((id) => `${id} ${fixed(ind[id].cv, 3)}`).join('，')}`;
  return (
    <svg className={s.svg} viewBox={`0 0 ${W} ${H}`} role="img" aria-label={summary}>
      {ticks.map((t) => (
        <g key={t}>
          <line className={s.grid} x1={PAD.left} x2={W - PAD.right} y1={y(t)} y2={y(t)} />
          <text className={s.text} x={PAD.left - 4} y={y(t) + 3} textAnchor="end">
            {fixed(t, 2)}
          </text>
        </g>
      ))}
      {INDICATOR_IDS.map((id, k) => {
        const b = ind[id];
        const x = PAD.left + k * slot + (slot - barW) / 2;
        const cls = b.passes === true ? s.pass : b.passes === false ? s.fail : s.unknown;
        const h = b.cv === null ? 0 : Math.max(1, (b.cv / max) * plotH);
        return (
          <g key={id}>
            <rect className={cls} data-bar={id} x={x} y={b.cv === null ? y(0) - 2 : y(0) - h} width={barW} height={b.cv === null ? 2 : h} rx={1.5}>
              <title>{`${id} ${indicatorName(id)}：差异系数 ${fixed(b.cv, 3)}，上限 ${b.limit}`}</title>
            </rect>
            <text className={s.text} x={x + barW / 2} y={H - PAD.bottom + 12} textAnchor="middle">
              {id}
            </text>
          </g>
        );
      })}
      <line className={s.axis} x1={PAD.left} x2={W - PAD.right} y1={y(0)} y2={y(0)} />
      <line className={s.limit} data-limit-line="" x1={PAD.left} x2={W - PAD.right} y1={y(limit)} y2={y(limit)} />
      <g data-limit-label="">
        <text className={s.limitText} x={W - PAD.right + 3} y={y(limit) - 2}>
          上限
        </text>
        <text className={s.limitText} x={W - PAD.right + 3} y={y(limit) + 9}>
          {limit}
        </text>
      </g>
    </svg>
  );
}
