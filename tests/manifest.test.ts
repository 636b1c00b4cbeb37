/**
 * Offline checks of manifest.xml (no network: `office-addin-manifest validate` needs one and is left to
 * `npm run validate:manifest`). A small strict XML reader of our own builds the element tree; the
 * office-addin-manifest reader (xml2js) parses it a second time as the tooling will.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');
const MANIFEST = join(ROOT, 'manifest.xml');
const DEV_HOST = 'https://localhost:3000';

interface El {
  name: string;
  attrs: Record<string, string>;
  children: El[];
  text: string;
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decode(s: string, at: number): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);|&/g, (m, e: string | undefined) => {
    if (!e) throw new Error(`bare & near offset ${at}`);
    if (e.startsWith('#x')) return String.fromCodePoint(parseInt(e.slice(2), 16));
    if (e.startsWith('#')) return String.fromCodePoint(parseInt(e.slice(1), 10));
    if (!(e in ENTITIES)) throw new Error(`unknown entity ${m} near offset ${at}`);
    return ENTITIES[e];
  });
}

/** A strict, small XML reader: throws on anything that is not well-formed (enough for a manifest). */
function parseXml(src: string): El {
  let i = 0;
  const fail = (msg: string): never => {
    const line = src.slice(0, i).split('\n').length;
    throw new Error(`${msg} (line ${line})`);
  };
  const skipMisc = () => {
    for (;;) {
      const ws = /^\s*/.exec(src.slice(i))![0];
      i += ws.length;
      if (src.startsWith('<!--', i)) {
        const end = src.indexOf('-->', i + 4);
        if (end < 0) fail('unterminated comment');
        if (src.slice(i + 4, end).includes('--')) fail('"--" inside a comment');
        i = end + 3;
      } else if (src.startsWith('<?', i)) {
        const end = src.indexOf('?>', i);
        if (end < 0) fail('unterminated processing instruction');
        i = end + 2;
      } else return;
    }
  };
  const NAME = /^[A-Za-z_][\w.:-]*/;
  const element = (): El => {
    if (src[i] !== '<') fail('expected <');
    i++;
    const name = NAME.exec(src.slice(i))?.[0] ?? fail('expected a tag name');
    i += name.length;
    const el: El = { name, attrs: {}, children: [], text: '' };
    for (;;) {
      const ws = /^\s*/.exec(src.slice(i))![0];
      i += ws.length;
      if (src.startsWith('/>', i)) {
        i += 2;
        return el;
      }
      if (src[i] === '>') {
        i++;
        break;
      }
      if (!ws) fail(`expected whitespace before an attribute of <${name}>`);
      const an = NAME.exec(src.slice(i))?.[0] ?? fail(`bad attribute in <${name}>`);
      i += an.length;
      const eq = /^\s*=\s*/.exec(src.slice(i)) ?? fail(`expected = after ${an}`);
      i += eq[0].length;
      const q = src[i];
      if (q !== '"' && q !== "'") fail(`unquoted attribute ${an}`);
      const end = src.indexOf(q, i + 1);
      if (end < 0) fail(`unterminated attribute ${an}`);
      const raw = src.slice(i + 1, end);
      if (raw.includes('<')) fail(`< inside attribute ${an}`);
      if (an in el.attrs) fail(`duplicate attribute ${an} in <${name}>`);
      el.attrs[an] = decode(raw, i);
      i = end + 1;
    }
    for (;;) {
      if (i >= src.length) fail(`unterminated <${name}>`);
      if (src.startsWith('</', i)) {
        i += 2;
        const close = NAME.exec(src.slice(i))?.[0];
        if (close !== name) fail(`</${close}> closes <${name}>`);
        i += name.length;
        const gt = /^\s*>/.exec(src.slice(i)) ?? fail('expected >');
        i += gt[0].length;
        return el;
      }
      if (src.startsWith('<!--', i) || src.startsWith('<?', i)) {
        skipMisc();
        continue;
      }
      if (src[i] === '<') {
        el.children.push(element());
        continue;
      }
      const next = src.indexOf('<', i);
      const text = src.slice(i, next < 0 ? src.length : next);
      el.text += decode(text, i);
      i += text.length;
    }
  };
  if (src.charCodeAt(0) === 0xfeff) i = 1;
  skipMisc();
  const root = element();
  skipMisc();
  if (i !== src.length) fail('content after the root element');
  return root;
}

const local = (n: string) => n.replace(/^.*:/, '');

function all(el: El, name: string): El[] {
  const out: El[] = [];
  const walk = (e: El) => {
    for (const c of e.children) {
      if (local(c.name) === name) out.push(c);
      walk(c);
    }
  };
  walk(el);
  return out;
}

function child(el: El, name: string): El | undefined {
  return el.children.find((c) => local(c.name) === name);
}

const CJK = /[\u4e00-\u9fff]/;

function pngSize(file: string): { width: number; height: number } {
  const b = readFileSync(file);
  expect(b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

describe('manifest.xml', () => {
  const src = readFileSync(MANIFEST, 'utf8');
  const root = parseXml(src);

  test('is well-formed XML with an OfficeApp task pane root', () => {
    expect(local(root.name)).toBe('OfficeApp');
    expect(root.attrs['xsi:type']).toBe('TaskPaneApp');
    expect(root.attrs.xmlns).toBe('http://schemas.microsoft.com/office/appforoffice/1.1');
  });

  test('the strict reader rejects broken XML (self-check)', () => {
    expect(() => parseXml('<a><b></a>')).toThrow();
    expect(() => parseXml('<a x=1/>')).toThrow();
    expect(() => parseXml('<a>&</a>')).toThrow();
    expect(() => parseXml('<a/><b/>')).toThrow();
  });

  test('office-addin-manifest reads it and agrees', () => {
    // In a child process: the package loads ESM-only dependencies that jest's CommonJS runtime cannot.
    const script = `require('office-addin-manifest').OfficeAddinManifest.readManifestFile(process.argv[1])
      .then((i) => process.stdout.write(JSON.stringify(i)), (e) => { process.stderr.write(String(e)); process.exit(1); });`;
    const r = spawnSync(process.execPath, ['-e', script, MANIFEST], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const info = JSON.parse(r.stdout);
    expect(info.manifestType).toBe('xml');
    expect(info.officeAppType).toBe('TaskPaneApp');
    expect(info.hosts).toEqual(['Workbook']);
    expect(info.defaultLocale).toBe('zh-CN');
    expect(info.id).toBe(child(root, 'Id')?.text);
  });

  test('has a GUID id, a four-part version and the zh-CN locale', () => {
    expect(child(root, 'Id')?.text).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i);
    expect(child(root, 'Version')?.text).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(child(root, 'DefaultLocale')?.text).toBe('zh-CN');
  });

  test('has a Chinese display name and description', () => {
    expect(child(root, 'DisplayName')?.attrs.DefaultValue).toMatch(CJK);
    expect(child(root, 'Description')?.attrs.DefaultValue).toMatch(CJK);
    expect(child(root, 'ProviderName')?.text).toBeTruthy();
  });

  test('targets Excel workbooks only, with an ExcelApi requirement', () => {
    const hosts = child(root, 'Hosts')!.children.map((h) => h.attrs.Name);
    expect(hosts).toEqual(['Workbook']);
    const sets = all(child(root, 'Requirements')!, 'Set');
    const excel = sets.find((s) => s.attrs.Name === 'ExcelApi');
    expect(excel).toBeDefined();
    expect(excel!.attrs.MinVersion).toMatch(/^1\.\d+$/);
    expect(Number(excel!.attrs.MinVersion.split('.')[1])).toBeGreaterThanOrEqual(9);
    const voHosts = all(child(root, 'VersionOverrides')!, 'Host');
    expect(voHosts.map((h) => h.attrs['xsi:type'])).toEqual(['Workbook']);
    expect(child(root, 'Permissions')?.text).toBe('ReadWriteDocument');
  });

  test('has the ribbon group 均衡核验 with 一键校验, 核验面板 and 清除标记', () => {
    const vo = child(root, 'VersionOverrides')!;
    const strings = new Map(all(vo, 'String').map((s) => [s.attrs.id, s.attrs.DefaultValue]));
    const label = (el: El) => strings.get(child(el, 'Label')?.attrs.resid ?? '');
    const groups = all(vo, 'Group');
    expect(groups.map(label)).toContain('均衡核验');
    const controls = all(vo, 'Control');
    const byLabel = new Map(controls.map((c) => [label(c), c]));
    const action = (l: string) => child(byLabel.get(l)!, 'Action')!;
    expect(action('一键校验').attrs['xsi:type']).toBe('ExecuteFunction');
    expect(child(action('一键校验'), 'FunctionName')?.text).toBe('validateWorkbook');
    expect(action('清除标记').attrs['xsi:type']).toBe('ExecuteFunction');
    expect(child(action('清除标记'), 'FunctionName')?.text).toBe('clearMarks');
    expect(action('核验面板').attrs['xsi:type']).toBe('ShowTaskpane');
    expect(child(action('核验面板'), 'SourceLocation')?.attrs.resid).toBeTruthy();
    for (const c of controls) {
      const tip = child(c, 'Supertip')!;
      expect(strings.get(child(tip, 'Description')!.attrs.resid)).toMatch(CJK);
    }
  });

  test('the functions it names are registered by src/commands/commands.ts', () => {
    const names = all(root, 'FunctionName').map((f) => f.text.trim());
    const commands = readFileSync(join(ROOT, 'src/commands/commands.ts'), 'utf8');
    for (const n of names) expect(commands).toMatch(new RegExp(`Office\\.actions\\.associate\\(\\s*['"]${n}['"]`));
  });

  test('every resid resolves to a resource of the right kind', () => {
    const vo = child(root, 'VersionOverrides')!;
    const resources = child(vo, 'Resources')!;
    const ids = (kind: string) => new Set(all(child(resources, kind) ?? resources, kind === 'Images' ? 'Image' : kind === 'Urls' ? 'Url' : 'String').map((e) => e.attrs.id));
    const images = ids('Images');
    const urls = ids('Urls');
    const shortStrings = ids('ShortStrings');
    const longStrings = ids('LongStrings');
    let checked = 0;
    const walk = (e: El) => {
      const resid = e.attrs.resid;
      if (resid) {
        const n = local(e.name);
        const pool = n === 'Image' ? images : ['SourceLocation', 'FunctionFile', 'LearnMoreUrl'].includes(n) ? urls : n === 'Description' ? longStrings : shortStrings;
        expect([n, resid, pool.has(resid)]).toEqual([n, resid, true]);
        checked++;
      }
      e.children.forEach(walk);
    };
    walk(vo);
    expect(checked).toBeGreaterThan(10);
  });

  test('every URL points at the development host, and every icon it names exists in assets/', () => {
    const urls: string[] = [];
    const walk = (e: El) => {
      for (const [k, v] of Object.entries(e.attrs)) if (!/^xmlns(:|$)/.test(k) && /^https?:/.test(v)) urls.push(v);
      if (/^https?:/.test(e.text.trim())) urls.push(e.text.trim());
      e.children.forEach(walk);
    };
    walk(root);
    expect(urls.length).toBeGreaterThan(5);
    expect(urls.filter((u) => !u.startsWith(`${DEV_HOST}/`) && u !== DEV_HOST)).toEqual([]);
    const icons = urls.filter((u) => /\.png$/.test(u));
    expect(icons.length).toBeGreaterThanOrEqual(4);
    const assets = new Set(readdirSync(join(ROOT, 'assets')));
    for (const u of icons) {
      const rel = u.slice(DEV_HOST.length + 1);
      expect(rel.startsWith('assets/')).toBe(true);
      expect(assets.has(rel.slice('assets/'.length))).toBe(true);
    }
    // Declared sizes match the pictures.
    for (const img of all(child(child(root, 'VersionOverrides')!, 'Resources')!, 'Image')) {
      const file = join(ROOT, img.attrs.DefaultValue.slice(DEV_HOST.length + 1));
      const size = Number(/(\d+)x\1/.exec(img.attrs.id)?.[1]);
      expect(pngSize(file)).toEqual({ width: size, height: size });
    }
    expect(pngSize(join(ROOT, 'assets/icon-32.png'))).toEqual({ width: 32, height: 32 });
    expect(pngSize(join(ROOT, 'assets/icon-64.png'))).toEqual({ width: 64, height: 64 });
    for (const s of [16, 32, 64, 80]) expect(existsSync(join(ROOT, `assets/icon-${s}.png`))).toBe(true);
  });
});
