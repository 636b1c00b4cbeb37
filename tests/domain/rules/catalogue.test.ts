/**
 * The rule catalogue (issue 12): one module per rule, every message rendered from the applied profile,
 * every profile key read by some rule.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { INDICATOR_IDS, NATIONAL, resolveProfile, type Profile } from '../../../src/domain/profile';
import { INDICATORS, ITEMS, RULES, type RuleBase } from '../../../src/domain/rules';
import { ITEM_FRAMES } from '../../../src/domain/rules/items';
import { formatValue, renderMessage } from '../../../src/domain/rules/render';

const SRC = join(__dirname, '../../../src');
/** Filled into every data placeholder: no digit, so every number left comes from the template or the profile. */
const DATA = '＊';
const IDENTITY = new Set(['id', 'name', 'description', 'standard', 'overrides']);

/** Every leaf of the national profile (but its identity), as dotted paths. */
function leaves(o: unknown, path = ''): string[] {
  if (typeof o !== 'object' || o === null) return [path];
  return Object.entries(o).flatMap(([k, v]) => (path === '' && IDENTITY.has(k) ? [] : leaves(v, path ? `${path}.${k}` : k)));
}
const LEAVES = leaves(NATIONAL);

const getAt = (o: unknown, path: string) => path.split('.').reduce<unknown>((a, k) => (a as Record<string, unknown>)[k], o);
function setAt(o: Record<string, unknown>, path: string, v: unknown) {
  const keys = path.split('.');
  let at = o;
  for (const k of keys.slice(0, -1)) at = (at[k] ??= {}) as Record<string, unknown>;
  at[keys[keys.length - 1]] = v;
}

/**
 * A random valid profile: every number of the national profile replaced within its range (src/domain/profile.ts
 * RANGES): rates stay rates, percents percents, whole numbers whole, weights at most 10.
 */
const profileArb = fc.array(fc.integer({ min: 1, max: 9999 }), { minLength: LEAVES.length, maxLength: LEAVES.length }).map((ns): Profile => {
  const raw: Record<string, unknown> = { id: 'random', name: '随机配置' };
  LEAVES.forEach((path, i) => {
    const national = getAt(NATIONAL, path);
    if (typeof national !== 'number' || path === 'tolerance') return;
    const n = ns[i];
    const v =
      path === 'minMet'
        ? 1 + (n % 7)
        : path.startsWith('splitWeights.')
          ? n / 1000
          : path.endsWith('.minPercent')
            ? 1 + (n % 100)
            : path === 'scope.teachingPointMinStudents'
              ? n % 1001
              : national <= 1
                ? n / 10000
                : Number.isInteger(national) || national >= 100
                  ? n
                  : n / 100;
    setAt(raw, path, v);
  });
  return resolveProfile(raw);
});

const numbersIn = (text: string) => (text.match(/\d+(?:\.\d+)?/g) ?? []).map(Number);
const placeholders = (template: string) => [...template.matchAll(/\{\{([^}|]+)(?:\|[a-z0-9]+)?\}\}/g)].map((m) => m[1]);

/** The numbers a rule may print under a profile: its profile values in every format, and its literals. */
function allowed(rule: RuleBase, p: Profile): Set<number> {
  const out = new Set<number>(rule.literals ?? []);
  for (const pv of Object.values(rule.profile))
    for (const f of ['num', 'pct', 'pct1'] as const) for (const x of numbersIn(formatValue(pv.get(p), f))) out.add(x);
  return out;
}

/** Every message of a rule rendered with data placeholders filled by DATA: the numbers not allowed. */
function strayNumbers(rule: RuleBase, p: Profile): string[] {
  const ok = allowed(rule, p);
  const out: string[] = [];
  for (const [id, template] of Object.entries(rule.messages)) {
    const params = Object.fromEntries(placeholders(template).filter((n) => !(n in rule.profile)).map((n) => [n, DATA]));
    const text = renderMessage(rule, id, p, params);
    expect(text).not.toContain('{{');
    for (const x of numbersIn(text)) if (!ok.has(x)) out.push(`${rule.id}.${id}: ${x} in 「${text}」`);
  }
  return out;
}

describe('the catalogue', () => {
  it('one module per rule: R1–R7, G1–G15, Q1–Q9, SR, V1–V6, each in src/domain/rules/<id>-<name>.ts', () => {
    expect(INDICATORS.map((r) => r.id)).toEqual(['R1', 'R2', 'R3', 'R4', 'R5', 'R6', 'R7']);
    // evaluate builds each unit's indicators as one literal in this order.
    expect([...INDICATOR_IDS]).toEqual(INDICATORS.map((r) => r.id));
    expect(ITEMS.map((r) => r.id)).toEqual([
      'G1', 'G2', 'G3', 'G4', 'G5', 'G6', 'G7', 'G8', 'G9', 'G10', 'G11', 'G12', 'G13', 'G14', 'G15',
      'Q1', 'Q2', 'Q3', 'Q4', 'Q5', 'Q6', 'Q7', 'Q8', 'Q9', 'SR',
      'V1', 'V2', 'V3', 'V4', 'V5', 'V6',
    ]);
    expect(ITEMS.filter((r) => r.category === '一票否决').map((r) => r.name)).toEqual([
      '存在以考试方式招生', '存在违规择校行为', '存在重点学校或重点班', '存在“有编不补”或长期聘用编外教师的情况',
      '教育系统存在重大安全责任事故和严重违纪违规事件；有弄虚作假行为', '规范治理校外培训机构及减轻中小学课外负担不力',
    ]);
    const files = readdirSync(join(SRC, 'domain/rules'));
    for (const r of [...INDICATORS, ...ITEMS]) {
      const file = files.find((f) => f.startsWith(`${r.id.toLowerCase()}-`));
      expect([r.id, file]).toEqual([r.id, expect.stringMatching(/^[a-z0-9]+-[a-z0-9-]+\.ts$/)]);
      expect(readFileSync(join(SRC, 'domain/rules', file!), 'utf8')).toContain(`export const ${r.id}`);
    }
    for (const r of RULES) expect([r.id, Boolean(r.name), Boolean(r.source), Boolean(r.category)]).toEqual([r.id, true, true, true]);
  });

  it('every item has its requirement and its 申报表 wording; every input names its sheet, unit and whole-or-not', () => {
    for (const r of ITEMS) {
      expect([r.id, typeof r.messages.requirement]).toEqual([r.id, 'string']);
      expect(r.inputs.length).toBeGreaterThan(0);
    }
    for (const r of ITEMS.filter((i) => i.kind === 'computed')) expect([r.id, typeof r.messages.form]).toEqual([r.id, 'string']);
    for (const r of INDICATORS) expect(r.resource).toEqual(expect.objectContaining({ sheet: expect.any(String), field: expect.any(String), unit: expect.any(String), integer: expect.any(Boolean), cost: expect.any(String) }));
  });

  it('a number of the standard\'s fixed wording (5年360学时, 1间) is never one of the rule\'s profile values', () => {
    for (const r of RULES) {
      const values = new Set([...allowed({ ...r, literals: [] }, NATIONAL)]);
      expect([r.id, (r.literals ?? []).filter((x) => values.has(x))]).toEqual([r.id, []]);
    }
  });

  it('renders every message of every rule under random valid profiles with no number but the profile\'s (fixed seed)', () => {
    fc.assert(
      fc.property(profileArb, (p) => {
        expect([...RULES, ITEM_FRAMES].flatMap((r) => strayNumbers(r, p))).toEqual([]);
      }),
      { seed: 1212, numRuns: 60 },
    );
  });

  it('under the national profile the requirements read as the standard', () => {
    const req = (id: string) => renderMessage(ITEMS.find((r) => r.id === id)!, 'requirement', NATIONAL);
    expect(req('G5')).toBe('小学、初中所有班级学生数分别不超过45人、50人');
    expect(req('G7')).toBe('特殊教育学校生均公用经费不低于6000元');
    expect(req('G11')).toBe('全县每年交流轮岗教师的比例不低于符合交流条件教师总数的10%，其中骨干教师不低于交流轮岗教师总数的20%');
    expect(req('G13')).toBe('城区和镇区公办小学、初中（不含寄宿制学校）就近划片入学比例分别达到100%、95%');
    expect(req('Q9')).toBe('相关科目学生学业水平达到Ⅲ级以上，且校际差异率低于0.15');
  });
});

describe('every profile key is read by some rule', () => {
  /** The paths a rule's getters read, recorded through a proxy of the profile. */
  function readPaths(): Set<string> {
    const read = new Set<string>();
    const proxy = (o: unknown, path: string): unknown =>
      typeof o !== 'object' || o === null
        ? o
        : new Proxy(o as object, {
            get(target, key) {
              const v = (target as Record<string | symbol, unknown>)[key];
              if (typeof key !== 'string') return v;
              const p = path ? `${path}.${key}` : key;
              if (typeof v !== 'object' || v === null) read.add(p);
              return proxy(v, p);
            },
          });
    const p = proxy(NATIONAL, '') as Profile;
    for (const r of RULES) for (const pv of Object.values(r.profile)) pv.get(p);
    // A rule reads its thresholds per 学段 too.
    for (const r of INDICATORS) for (const st of ['小学', '初中'] as const) r.threshold(p, st);
    return read;
  }

  it('lists no unread key (the shenbao.* keys are read by the 申报表 tables)', () => {
    const read = readPaths();
    const tables = readFileSync(join(SRC, 'report/shenbao/tables.ts'), 'utf8');
    const unread = LEAVES.filter((path) => !read.has(path) && !(path.startsWith('shenbao.') && tables.includes(path)));
    expect(unread).toEqual([]);
  });

  it('each getter says the path it reads', () => {
    for (const r of RULES)
      for (const [name, pv] of Object.entries(r.profile)) expect([r.id, name, pv.get(NATIONAL)]).toEqual([r.id, name, getAt(NATIONAL, pv.path)]);
  });
});
