/** 县级项目: the G, Q, SR and V (一票否决) items, each 达标 / 未达标 (一票否决: 无此情形 / 一票否决) / 未填报 / 无法评估, with the cells behind a failure. */
import { Badge, Link, makeStyles, Text, tokens } from '@fluentui/react-components';
import type { Report, ReportItem } from '../../report/types';
import { itemPassWords, itemVerdictText, undecidedWord } from '../../report/labels';
import { splitRef } from '../format';
import { EmptyState } from './EmptyState';

const CATEGORIES = ['政府保障程度', '教育质量', '社会认可度', '一票否决'];

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  title: { margin: `0 0 ${tokens.spacingVerticalXS}`, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column' },
  item: {
    display: 'grid',
    gridTemplateColumns: '36px 1fr auto',
    columnGap: tokens.spacingHorizontalS,
    rowGap: '2px',
    padding: `${tokens.spacingVerticalXS} 0`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke3}`,
    alignItems: 'baseline',
  },
  id: { fontWeight: tokens.fontWeightSemibold, fontSize: tokens.fontSizeBase200 },
  name: { fontSize: tokens.fontSizeBase300 },
  message: { gridColumn: '2 / 4', fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
  cells: { gridColumn: '2 / 4', display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap', fontSize: tokens.fontSizeBase200 },
  counts: { color: tokens.colorNeutralForeground2 },
});

function Status({ item }: { item: ReportItem }) {
  const passes = item.passes;
  if (passes === null)
    return (
      <Badge appearance="outline" color={undecidedWord(item) === '无法评估' ? 'warning' : 'informative'} size="small">
        {undecidedWord(item)}
      </Badge>
    );
  return (
    <Badge appearance="tint" color={passes ? 'success' : 'danger'} size="small">
      {itemVerdictText(item)}
    </Badge>
  );
}

const MAX_CELLS = 6;

function Item({ item, onSelect }: { item: ReportItem; onSelect(sheet: string, cell: string): void }) {
  const s = useStyles();
  return (
    <li className={s.item}>
      <span className={s.id}>{item.id}</span>
      <span className={s.name}>{item.name}</span>
      <Status item={item} />
      <span className={s.message}>{item.message}</span>
      {item.cells.length ? (
        <span className={s.cells}>
          {item.cells.slice(0, MAX_CELLS).map((ref) => {
            const at = splitRef(ref);
            return at ? (
              <Link key={ref} as="button" onClick={() => onSelect(at.sheet, at.cell)} aria-label={`定位到 ${ref}`}>
                {ref}
              </Link>
            ) : null;
          })}
          {item.cells.length > MAX_CELLS ? <span>等 {item.cells.length} 处</span> : null}
        </span>
      ) : null}
    </li>
  );
}

export function ItemsView({ report, onSelect }: { report: Report; onSelect(sheet: string, cell: string): void }) {
  const s = useStyles();
  if (report.items.length === 0) return <EmptyState title="没有县级项目" />;
  const cats = [...CATEGORIES, ...new Set(report.items.map((i) => i.category).filter((c) => !CATEGORIES.includes(c)))];
  return (
    <div className={s.root}>
      {cats.map((cat) => {
        const items = report.items.filter((i) => i.category === cat);
        if (!items.length) return null;
        const pass = items.filter((i) => i.passes === true).length;
        const fail = items.filter((i) => i.passes === false).length;
        const blank = items.filter((i) => i.passes === null && undecidedWord(i) === '未填报').length;
        const unknown = items.length - pass - fail - blank;
        const words = itemPassWords(items[0]);
        return (
          <section key={cat} aria-label={cat}>
            <h3 className={s.title}>
              {cat}{' '}
              <Text size={200} className={s.counts}>
                {words.pass} {pass}，{words.fail} {fail}，未填报 {blank}
                {unknown ? `，无法评估 ${unknown}` : ''}
              </Text>
            </h3>
            <ul className={s.list}>
              {items.map((i) => (
                <Item key={i.id} item={i} onSelect={onSelect} />
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}
