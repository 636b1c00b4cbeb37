/**
 * The pane's components rendered to HTML (react-dom/server, no DOM): the texts a user reads in the 问题
 * view without issues, the result header, the 学校 view in a narrow pane, the plan's designations
 * (issue 11, points 10, 17 and 18) and where the 差异系数 chart puts its 「上限」 label.
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { planOf } from '../../src/report/plan';
import { INDICATOR_IDS, NATIONAL } from '../../src/domain/profile';
import { analyse, type Analysis } from '../../src/report/build';
import type { Report } from '../../src/report/types';
import { sampleCountyGrids } from '../../src/sample/county';
import { adviceOf } from '../../src/domain/advice';
import type { ComputedAnalysis } from '../../src/report/analysis';
import { AdviceView } from '../../src/taskpane/components/AdviceView';
import { IssuesView, noIssuesSummary, orderIssues } from '../../src/taskpane/components/IssuesView';
import type { Issue } from '../../src/template/issues';
import { PlanAdditions } from '../../src/taskpane/components/PlanAdditions';
import { CvChart } from '../../src/taskpane/components/CvChart';
import { overallVerdict, ResultHeader } from '../../src/taskpane/components/ResultHeader';
import { indicatorHeaderTitle, SchoolsView } from '../../src/taskpane/components/SchoolsView';

let sample: Analysis;
beforeAll(() => {
  const r = analyse(sampleCountyGrids(), NATIONAL);
  if (!r.ok) throw new Error(r.fatal.message);
  sample = r.analysis;
});

/** The visible text of some HTML (tags dropped, entities of the few characters React escapes decoded). */
function textOf(html: string): string {
  return html
    .replace(/<[^>]+>/g, '')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** Attribute values of every element carrying `attr`. */
function attrs(html: string, attr: string): string[] {
  return [...html.matchAll(new RegExp(`${attr}="([^"]*)"`, 'g'))].map((m) => m[1].replace(/&quot;/g, '"').replace(/&amp;/g, '&'));
}

describe('问题 without errors or warnings', () => {
  it('leads to the failing results instead of 「没有发现问题」 (the sample with its two warnings left out)', () => {
    const report: Report = { ...sample.report, issues: [] };
    const s = report.summary;
    expect([s.units - s.unitsPassing, s.balanceTotal - s.balancePassing]).toEqual([5, 1]);
    const html = renderToStaticMarkup(<IssuesView issues={[]} report={report} onSelect={() => undefined} onOpen={() => undefined} />);
    const text = textOf(html);
    expect(text).toContain('没有输入错误或警告；有 5 个学校（学段）、1 个差异系数和 6 项县级项目未达标');
    expect(text).not.toContain('没有发现问题');
    expect(attrs(html, 'data-view')).toEqual(['schools', 'balance', 'items']);
    expect(text).toContain('查看未达标学校（5）');
    expect(text).toContain('查看差异系数（1）');
  });

  it('the issue\'s county: 42 units and 10 差异系数 failing, one county item', () => {
    const unit = (passes: boolean) => ({ passes }) as Report['units'][number];
    const balance = (failing: number) => ({
      units: 0, students: 0,
      indicators: Object.fromEntries(INDICATOR_IDS.map((id, k) => [id, { mean: 1, cv: 0.6, limit: 0.5, passes: k >= failing, contributions: [] }])),
    }) as unknown as Report['balance']['小学'];
    const report = {
      units: [...Array(42)].map(() => unit(false)).concat([unit(true)]),
      balance: { 小学: balance(7), 初中: balance(3) },
      items: [{ passes: false }, { passes: true }, { passes: null }] as Report['items'],
    };
    expect(noIssuesSummary(report)).toEqual({
      title: '没有输入错误或警告；有 42 个学校（学段）、10 个差异系数和 1 项县级项目未达标',
      text: '数据已读取无误，但核验结果未全部达标，请查看：',
      links: [
        { view: 'schools', label: '查看未达标学校（42）' },
        { view: 'balance', label: '查看差异系数（10）' },
        { view: 'items', label: '查看县级项目（1）' },
      ],
    });
    expect(noIssuesSummary({ ...report, items: [] }).title).toBe('没有输入错误或警告；有 42 个学校（学段）和 10 个差异系数未达标');
  });

  it('「没有发现问题」 only when everything passes', () => {
    const report = { units: [{ passes: true }], balance: {}, items: [{ passes: true }] } as unknown as Report;
    const html = renderToStaticMarkup(<IssuesView issues={[]} report={report} onSelect={() => undefined} />);
    expect(textOf(html)).toBe('没有发现问题工作簿中没有错误或警告，全部学校（学段）和差异系数达标。');
  });
});

describe('the order of the 问题 view', () => {
  it('input sheets first in their own order, then other sheets as they first appear; errors before warnings; whole-sheet issues, then by row and column', () => {
    const issue = (sheet: string, severity: Issue['severity'], cell?: string): Issue => ({ sheet, severity, code: 'item-not-filled', message: `${sheet}!${cell ?? '整表'} ${severity}`, ...(cell ? { cell } : {}) });
    const given = [
      issue('表Ⅱ-1', 'warning', 'B3'),
      issue('县级指标', 'warning', 'C5'),
      issue('学校基本信息', 'warning', 'B10'),
      issue('分学段信息', 'error', 'AA2'),
      issue('学校基本信息', 'error', 'C2'),
      issue('核验_问题清单', 'warning'),
      issue('学校基本信息', 'warning', 'A10'),
      issue('分学段信息', 'error', 'Z2'),
      issue('学校基本信息', 'error', 'B2'),
      issue('学校基本信息', 'warning', 'B9'),
      issue('分学段信息', 'warning'),
      issue('学校基本信息', 'error', 'B11'),
      issue('表Ⅱ-1', 'warning', 'A3'),
    ];
    expect(orderIssues(given).map((i) => i.message)).toEqual([
      '学校基本信息!B2 error', '学校基本信息!C2 error', '学校基本信息!B11 error',
      '学校基本信息!B9 warning', '学校基本信息!A10 warning', '学校基本信息!B10 warning',
      '分学段信息!Z2 error', '分学段信息!AA2 error', '分学段信息!整表 warning',
      '县级指标!C5 warning',
      '表Ⅱ-1!A3 warning', '表Ⅱ-1!B3 warning',
      '核验_问题清单!整表 warning',
    ]);
    expect(given[0].message).toBe('表Ⅱ-1!B3 warning');
  });
});

describe('result header', () => {
  it('「达标学校（学段）」 38/43: the tile counts 学段 units, and says so', () => {
    const html = renderToStaticMarkup(<ResultHeader report={sample.report} stale={false} />);
    const tiles = [...html.matchAll(/<dt[^>]*>(.*?)<\/dt><dd[^>]*>(.*?)<\/dd>/g)].map((m) => `${textOf(m[1])} ${textOf(m[2])}`);
    // (the sample's 2 text-number warnings; the sample fills the 2017-v2 inputs, so the 申报表 adds none)
    expect(tiles).toEqual(['错误 0', '警告 2', '达标学校（学段） 38/43', '差异系数达标 13/14']);
  });
});

describe('the headline', () => {
  it('一票否决 decides it: one situation reported 是 is an error whatever the resources, named with its item', () => {
    const before = overallVerdict(sample.report);
    expect(before.title).not.toContain('一票否决');
    const items = sample.report.items.map((i) => (i.id === 'V1' ? { ...i, passes: false } : i));
    const v = overallVerdict({ ...sample.report, items });
    const v1 = sample.report.items.find((i) => i.id === 'V1')!;
    expect(v.intent).toBe('error');
    expect(v.title).toBe('一票否决：不能认定为优质均衡');
    expect(v.text.startsWith(`「一票否决」V1填报为“是”（${v1.name}），存在其中任一情形即不能通过评估。资源配置也未达标。县级项目：`)).toBe(true);
    // an error in the workbook still comes first: nothing can be concluded
    expect(overallVerdict({ ...sample.report, items, summary: { ...sample.report.summary, errors: 1 } }).title).toBe('尚不能得出结论');
  });
});

describe('学校 in a narrow pane', () => {
  const render = (onlyFailing = false) =>
    renderToStaticMarkup(<SchoolsView report={sample.report} floorRatio={0.85} onSelect={() => undefined} initialOnlyFailing={onlyFailing} />);

  it('every unit\'s full name, uncut, in its own row, with name and code on hover', () => {
    const html = render();
    const units = sample.report.units;
    expect(attrs(html, 'data-school-name')).toEqual(units.map((u) => u.schoolName));
    expect(attrs(html, 'title').filter((t) => t.endsWith('定位到该校'))).toEqual(units.map((u) => `${u.schoolName}（${u.schoolCode}），定位到该校`));
    // No ellipsis, no fixed minimum width that forces a horizontal scroll.
    expect(html).not.toMatch(/text-overflow:\s*ellipsis/);
    expect(html).not.toContain('min-width:560px');
    expect(attrs(html, 'data-verdict')).toHaveLength(units.length);
  });

  it('indicator headers carry their full names on hover, and the names are listed under the table', () => {
    const html = render();
    const titles = attrs(html, 'title');
    for (const id of INDICATOR_IDS) expect(titles).toContain(indicatorHeaderTitle(id));
    expect(indicatorHeaderTitle('R2')).toBe('R2 每百名学生拥有县级以上骨干教师数（人），点击按与标准值之比排序');
    expect(textOf(html)).toContain('指标全称R1每百名学生拥有高于规定学历教师数（人）R2每百名学生拥有县级以上骨干教师数（人）');
  });

  it('opened from 问题: only the failing units', () => {
    const failing = sample.report.units.filter((u) => u.passes !== true).map((u) => `${u.schoolCode}|${u.stage}`);
    expect(attrs(render(true), 'data-unit')).toEqual(failing);
    expect(attrs(render(false), 'data-unit')).toHaveLength(sample.report.units.length);
  });

  it('a large county: 50 units at first, then 「再显示」 for the next fifty (a table of 10 000 froze the page)', () => {
    // 6 copies of the sample's 43 units under their own codes: 258 units.
    const units = Array.from({ length: 6 }, (_, k) => sample.report.units.map((u) => ({ ...u, schoolCode: `${k}${u.schoolCode}` }))).flat();
    const html = renderToStaticMarkup(<SchoolsView report={{ ...sample.report, units }} floorRatio={0.85} onSelect={() => undefined} />);
    expect(attrs(html, 'data-unit')).toEqual(units.slice(0, 50).map((u) => `${u.schoolCode}|${u.stage}`));
    expect(textOf(html)).toContain('再显示 50 个学校（学段），共 258 个');
  });
});

describe('the 差异系数 chart\'s limit label', () => {
  /** Width of a text at 9 units per CJK character and 6 per other character (a generous digit width). */
  const width = (t: string) => [...t].reduce((w, ch) => w + (/[\u4e00-\u9fff]/.test(ch) ? 9 : 6), 0);
  const num = (tag: string, name: string) => Number(new RegExp(`${name}="([^"]*)"`).exec(tag)?.[1]);

  it('sits right of every bar, inside the chart, even when the last bar stands far above the limit', () => {
    const junior = sample.report.balance['初中']!;
    // As in 04-county-messy's 初中: R7 well above the limit, where a label at the line's right end used to sit.
    const balance = { ...junior, indicators: { ...junior.indicators, R7: { ...junior.indicators.R7, cv: 0.655, passes: false } } };
    const html = renderToStaticMarkup(<CvChart stage="初中" balance={balance} />);
    const viewBox = /viewBox="0 0 (\d+) (\d+)"/.exec(html)!;
    const bars = [...html.matchAll(/<rect[^>]*data-bar="(R\d)"[^>]*>/g)].map((m) => ({ id: m[1], right: num(m[0], 'x') + num(m[0], 'width') }));
    expect(bars.map((b) => b.id)).toEqual([...INDICATOR_IDS]);
    const label = /<g data-limit-label="">(.*?)<\/g>/.exec(html)![1];
    const texts = [...label.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => ({ x: num(m[0], 'x'), anchor: /text-anchor/.test(m[0]), text: m[1] }));
    expect(texts.map((t) => t.text)).toEqual(['上限', String(junior.indicators.R1.limit)]);
    const lastBar = Math.max(...bars.map((b) => b.right));
    const line = /<line[^>]*data-limit-line=""[^>]*>/.exec(html)![0];
    for (const t of texts) {
      expect(t.anchor).toBe(false);
      expect(t.x).toBeGreaterThanOrEqual(lastBar);
      expect(t.x).toBeGreaterThanOrEqual(num(line, 'x2'));
      expect(t.x + width(t.text)).toBeLessThanOrEqual(Number(viewBox[1]));
    }
  });
});

describe('差距与建议 of an analysis computed elsewhere (the offline page\'s worker)', () => {
  const computed = (plan: ComputedAnalysis['plan']): ComputedAnalysis => ({ report: sample.report, profile: sample.profile, advice: adviceOf(sample), plan });
  const text = (analysis: Analysis | ComputedAnalysis) => textOf(renderToStaticMarkup(<AdviceView analysis={analysis} onSelect={() => undefined} />));

  it('shows the advice and the plan it came with at once, as the pane shows them once it has computed them itself', () => {
    const plan = planOf(sample);
    const shown = text(computed(plan));
    expect(plan.additions.length).toBeGreaterThan(0);
    expect(shown).toContain('最小补充方案：在');
    expect(shown).toContain(`追加 ${plan.additions.length} 处数据`);
    expect(shown).not.toContain('正在计算最小补充方案');
    // The whole analysis: the plan is computed after the first paint (not in a server render), the advice at once.
    const own = text(sample);
    expect(own).toContain('正在计算最小补充方案');
    const advice = adviceOf(sample);
    expect(advice.length).toBeGreaterThan(3);
    // The same advice sentences are shown either way (those of other schools below a threshold sit in a closed group).
    const inView = (t: string) => advice.filter((a) => t.includes(a.text)).map((a) => a.text);
    expect(inView(shown).length).toBeGreaterThan(3);
    expect(inView(shown)).toEqual(inView(own));
  });

  it('a plan that failed there says why', () => {
    expect(text(computed({ failed: '补充方案没有收敛' }))).toContain('补充方案没有收敛');
    // Without a plan and without errors (the worker never sends that): not 「工作簿有 0 处错误」.
    const none = text(computed(null));
    expect(none).toContain('没有收到补充方案');
    expect(none).not.toContain('0 处错误');
  });
});

describe('the plan\'s additions', () => {
  it('a 骨干 addition is a designation of existing teachers, said in words', () => {
    const plan = planOf(sample);
    const text = textOf(renderToStaticMarkup(<PlanAdditions plan={plan} profile={NATIONAL} onSelect={() => undefined} />));
    expect(text).toContain('县级及以上骨干教师数(人)+3人认定 3 名现有教师为县级及以上骨干教师（不增加专任教师）');
    expect(text).toContain('新增 1 名专任教师');
  });
});
