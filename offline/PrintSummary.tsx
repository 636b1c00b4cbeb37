/**
 * The printable summary (「打印核验摘要」): hidden on screen, the only thing printed (see the print
 * stylesheet in offline/index.html). A4 portrait, plain black on white.
 */
import { memo, useDeferredValue, useEffect, useState } from 'react';
import { flushSync } from 'react-dom';
import type { ShownAnalysis } from '../src/report/analysis';
import { INDICATOR_IDS } from '../src/domain/profile';
import { itemVerdictText } from '../src/report/labels';

const INDICATOR_NAMES: Record<string, string> = {
  R1: '高于规定学历教师数',
  R2: '骨干教师数',
  R3: '体育、艺术专任教师数',
  R4: '教学及辅助用房面积',
  R5: '体育运动场馆面积',
  R6: '教学仪器设备值',
  R7: '网络多媒体教室数',
};

const fmt = (v: number | null | undefined, digits = 3) => (v === null || v === undefined ? '—' : v.toFixed(digits));
const yes = (v: boolean | null) => (v === null ? '无法判断' : v ? '达标' : '未达标');

/** 「一票否决」 as printed: the items reported 是 (each decides the county's result), or that none is. */
function vetoText(items: ShownAnalysis['report']['items']): string {
  const veto = items.filter((i) => i.category === '一票否决');
  const yes = veto.filter((i) => i.passes === false);
  if (yes.length) return `${yes.map((i) => `${i.id} ${i.name}`).join('；')}：填报为“是”，一票否决`;
  const blank = veto.filter((i) => i.passes === null).length;
  return blank ? `${blank} 项未填报` : '无此类情形';
}

interface PrintSummaryProps {
  analysis: ShownAnalysis | null;
  fileName: string;
}

/**
 * Rendered a step behind the result (deferred values, the file's name with its analysis): at 10 000 schools its
 * 800 rows took some 40 ms of the task that shows the result. Deferred, React renders them afterwards in slices
 * the page can interrupt (the rows then go into the page at once).
 */
export function PrintSummary({ analysis, fileName }: PrintSummaryProps) {
  return <Summary analysis={useDeferredValue(analysis)} fileName={useDeferredValue(fileName)} />;
}

/** The time of printing: set again as the browser starts to print (the button or Ctrl+P), before it lays the page out. */
function PrintTime() {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const update = () => flushSync(() => setNow(new Date()));
    window.addEventListener('beforeprint', update);
    return () => window.removeEventListener('beforeprint', update);
  }, []);
  return <>{now.toLocaleString('zh-CN')}</>;
}

const Summary = memo(function Summary({ analysis, fileName }: PrintSummaryProps) {
  if (!analysis) return <div className="print-summary" data-testid="print-summary"><p>尚未核验：请先点击「一键校验」。</p></div>;
  const r = analysis.report;
  const s = r.summary;
  const failing = r.units.filter((u) => u.passes !== true);
  const issues = r.issues.slice(0, 300);
  return (
    <div className="print-summary" data-testid="print-summary">
      <h1>义务教育优质均衡核验摘要</h1>
      <p>
        县（区）：{r.county.name ?? '（未填）'}{"\u3000"}年度：{r.county.year ?? '（未填）'}{"\u3000"}工作簿：{fileName}
        <br />
        规则配置：{r.profileName}{"\u3000"}打印时间：<PrintTime />
      </p>
      <h2>总体情况</h2>
      <table>
        <tbody>
          <tr><th>输入错误</th><td>{s.errors}</td><th>警告</th><td>{s.warnings}</td></tr>
          <tr><th>达标学校（学段）</th><td>{s.unitsPassing}/{s.units}</td><th>差异系数达标</th><td>{s.balancePassing}/{s.balanceTotal}</td></tr>
          <tr><th>资源配置总体</th><td colSpan={3}>{yes(s.resourcePasses)}</td></tr>
          <tr>
            <th>一票否决</th>
            <td colSpan={3}>{vetoText(r.items)}</td>
          </tr>
        </tbody>
      </table>
      <h2>校际均衡（差异系数）</h2>
      <table>
        <thead><tr><th>学段</th><th>指标</th><th>县均值</th><th>差异系数</th><th>上限</th><th>结论</th></tr></thead>
        <tbody>
          {Object.entries(r.balance).flatMap(([stage, b]) =>
            INDICATOR_IDS.map((id) => {
              const x = b!.indicators[id];
              return (
                <tr key={`${stage}-${id}`}>
                  <td>{stage}</td><td>{id} {INDICATOR_NAMES[id]}</td><td>{fmt(x.mean, 2)}</td><td>{fmt(x.cv)}</td><td>{fmt(x.limit, 2)}</td><td>{yes(x.passes)}</td>
                </tr>
              );
            }),
          )}
        </tbody>
      </table>
      <h2>未达标或无法判断的学校（学段）：{failing.length} 个</h2>
      {failing.length ? (
        <table>
          <thead><tr><th>学校</th><th>学段</th><th>达标指标数</th><th>结论</th></tr></thead>
          <tbody>
            {failing.slice(0, 500).map((u) => (
              <tr key={`${u.schoolCode}|${u.stage}`}><td>{u.schoolName}</td><td>{u.stage}</td><td>{u.metCount ?? '—'}/7</td><td>{yes(u.passes)}</td></tr>
            ))}
          </tbody>
        </table>
      ) : <p>全部达标。</p>}
      {failing.length > 500 ? <p>（另有 {failing.length - 500} 个，见下载的工作簿中的「核验_学校达标」。）</p> : null}
      <h2>县级项目</h2>
      <table>
        <thead><tr><th className="name">项目</th><th className="c">结论</th><th>说明</th></tr></thead>
        <tbody>
          {r.items.map((i) => <tr key={i.id}><td>{i.name}</td><td className="c">{itemVerdictText(i)}</td><td>{i.message}</td></tr>)}
        </tbody>
      </table>
      <h2>输入问题：{r.issues.length} 处</h2>
      {issues.length ? (
        <table>
          <thead><tr><th className="c">级别</th><th className="c">位置</th><th>问题</th></tr></thead>
          <tbody>
            {issues.map((i, n) => (
              <tr key={n}><td className="c">{i.severity === 'error' ? '错误' : '警告'}</td><td className="c">{i.sheet}{i.cell ? `!${i.cell}` : ''}</td><td>{i.message}</td></tr>
            ))}
          </tbody>
        </table>
      ) : <p>没有输入错误或警告。</p>}
      {r.issues.length > issues.length ? <p>（只列出前 {issues.length} 处，全部见下载的工作簿中的「核验_问题清单」。）</p> : null}
    </div>
  );
});
