/**
 * `annotate <workbook.xlsx> -o <out.xlsx>` (spec/cli.md): writes a copy of the workbook with the same marks
 * and generated sheets as the add-in, by patching the user's own package (src/hosts/xlsx/annotate-package.ts):
 * every part it does not change is copied byte for byte, so charts, external links, workbook protection,
 * notes, threaded comments and the exact text of every cell stay as they were.
 *
 *   1. undo the marks of an earlier run (from the very-hidden mark record) and drop the product's sheets;
 *   2. mark the input cells (fill + note; a cell with the user's note keeps it, explained in 「问题清单」);
 *   3. add 「学校达标情况」「校际均衡情况」「问题清单」 (under another name when the user has such a sheet).
 *
 * The input file is never written: annotating an annotated file gives the same workbook as annotating the
 * original.
 */
import { createRequire } from 'node:module';
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { ResolvedProfile } from '../domain/profile';
import { annotatePackage, PatchError, type PatchOutcome } from '../hosts/xlsx/annotate-package';
import { nodeDeflateRaw, nodeInflateRaw } from '../hosts/xlsx/node-zlib';
import { ZipError } from '../hosts/xlsx/zip';
import { analyse, type Analysis } from '../report/build';
import { countMarks, marksOf } from '../report/marks';
import { renamedText } from '../report/markstore';
import type { Mark } from '../report/model';
import { generatedSheets } from '../report/sheets';
import type { CellGrid } from '../template/grid';
import type { Fatal } from '../template/issues';
import { SHEET_ISSUES_REPORT } from '../template/schema';
import { ArgsError, type Args } from './args';
import type { Io } from './io';
import { outputTarget, writeAtomically } from './output';
import { gridsOfBytes } from '../hosts/xlsx/node-read';
import { ReadFailure } from '../hosts/xlsx/read';
import { loadProfile } from './profile-file';

// ---------------------------------------------------------------------------------------------------------
// exceljs internal hyperlinks (used by the template writer's tests to write inputs the way Excel does). exceljs 4.4 writes `{ hyperlink: "#'Sheet'!A1" }` as an external relationship
// *and* a location ("#'Sheet'!A1##'Sheet'!A1" in Excel, a dead link in WPS), and drops location-only links
// when it reads a file. Patched once, narrowly: a target starting with '#' is written the way Excel writes an
// internal link (`<hyperlink ref location/>`, no relationship), and such a link is read back as '#'+location.

let linksPatched = false;

interface XformHyperlink {
  address: string;
  target?: string;
  rId?: string;
  tooltip?: string;
}
interface XformRel {
  Id: string;
  Type: string;
  Target: string;
  TargetMode?: string;
}
interface XformModel {
  hyperlinks?: XformHyperlink[];
  rels?: XformRel[];
  relationships?: XformRel[];
}
interface XmlStreamLike {
  leafNode(name: string, attributes: Record<string, string | undefined>): void;
}
type Method<M> = (this: unknown, model: M, ...rest: unknown[]) => void;

const HYPERLINK_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink';

export function patchInternalHyperlinks(): void {
  if (linksPatched) return;
  linksPatched = true;
  const load = createRequire(require.resolve('exceljs'));
  const worksheetXform = load('./lib/xlsx/xform/sheet/worksheet-xform.js').prototype as { prepare: Method<XformModel>; reconcile: Method<XformModel> };
  const hyperlinkXform = load('./lib/xlsx/xform/sheet/hyperlink-xform.js').prototype as { render: (this: unknown, xml: XmlStreamLike, model: XformHyperlink) => void };

  const prepare = worksheetXform.prepare;
  worksheetXform.prepare = function (model, ...rest) {
    prepare.call(this, model, ...rest);
    const internal = new Set<string>();
    for (const h of model.hyperlinks ?? []) {
      if (typeof h.target !== 'string' || !h.target.startsWith('#')) continue;
      if (h.rId) internal.add(h.rId);
      h.target = h.target.slice(1);
      h.rId = undefined;
    }
    if (internal.size && model.rels) model.rels = model.rels.filter((r) => !internal.has(r.Id));
  };

  const render = hyperlinkXform.render;
  hyperlinkXform.render = function (xml, model) {
    if (model.rId === undefined && model.target) xml.leafNode('hyperlink', { ref: model.address, location: model.target, tooltip: model.tooltip });
    else render.call(this, xml, model);
  };

  const reconcile = worksheetXform.reconcile;
  worksheetXform.reconcile = function (model, ...rest) {
    (model.hyperlinks ?? []).forEach((h, i) => {
      if (h.rId || !h.target) return;
      const Id = `internal-link-${i}`;
      model.relationships = [...(model.relationships ?? []), { Id, Type: HYPERLINK_REL, Target: `#${h.target}` }];
      h.rId = Id;
    });
    reconcile.call(this, model, ...rest);
  };
}

function comparable(p: string): string {
  return process.platform === 'win32' || process.platform === 'darwin' ? p.toLowerCase() : p;
}

/** Whether two paths name the same file (same resolved path, symlink target or hard link). */
export function sameFile(a: string, b: string): boolean {
  const real = (p: string) => {
    const abs = resolve(p);
    try {
      return realpathSync(abs);
    } catch {
      try {
        return join(realpathSync(dirname(abs)), basename(abs));
      } catch {
        return abs;
      }
    }
  };
  if (comparable(real(a)) === comparable(real(b))) return true;
  try {
    if (existsSync(a) && existsSync(b)) {
      const sa = statSync(a);
      const sb = statSync(b);
      return sa.ino !== 0 && sa.ino === sb.ino && sa.dev === sb.dev;
    }
  } catch {
    // unreadable: not provably the same file
  }
  return false;
}


export interface AnnotateOutcome {
  analysis: Analysis;
  marks: Mark[];
  /** Cells of an earlier run whose look was restored first. */
  restored: number;
  patch: PatchOutcome;
}

/**
 * The whole step on bytes: read the grids, analyse, patch the package. When the workbook cannot be read as
 * the template, returns the fatal problem.
 */
export async function annotateBytes(bytes: Uint8Array, profile: ResolvedProfile, readGrids: (b: Uint8Array) => Promise<CellGrid[]> = gridsOfBytes): Promise<AnnotateOutcome | { fatal: Fatal }> {
  const grids = await readGrids(bytes);
  const result = analyse(grids, profile);
  if (!result.ok) return { fatal: result.fatal };
  const marks = marksOf(result.analysis);
  try {
    const patch = annotatePackage({ bytes, grids, marks, sheets: generatedSheets(result.analysis), inflateRaw: nodeInflateRaw, deflateRaw: nodeDeflateRaw });
    return { analysis: result.analysis, marks, restored: patch.restored, patch };
  } catch (e) {
    if (e instanceof PatchError) return { fatal: { code: 'cannot-annotate', message: e.message } };
    if (e instanceof ZipError) return { fatal: { code: 'not-xlsx', message: '文件已损坏（压缩包结构有误），无法写出标注副本。请在 Excel 或 WPS 中打开并另存为 .xlsx 后重试' } };
    throw e;
  }
}

/** Undoes an earlier run on bytes: the marked cells' looks, the product's notes and sheets, the record. */
export async function clearBytes(bytes: Uint8Array, readGrids: (b: Uint8Array) => Promise<CellGrid[]> = gridsOfBytes): Promise<{ bytes: Uint8Array; restored: number }> {
  const grids = await readGrids(bytes);
  const r = annotatePackage({ bytes, grids, marks: [], sheets: [], inflateRaw: nodeInflateRaw, deflateRaw: nodeDeflateRaw, clear: true });
  return { bytes: r.bytes, restored: r.restored };
}

function readInput(path: string): Uint8Array {
  if (!existsSync(path)) throw new ReadFailure({ code: 'file-not-found', message: `找不到文件「${path}」，请检查路径` });
  if (statSync(path).isDirectory()) throw new ReadFailure({ code: 'file-not-found', message: `「${path}」是文件夹，不是 .xlsx 文件` });
  const b = readFileSync(path);
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}

export async function annotateCommand(args: Args, io: Io): Promise<number> {
  if (!args.file) throw new ArgsError('annotate 需要一个工作簿文件路径');
  if (!args.out) throw new ArgsError('annotate 需要用 -o 指定输出文件，例如：annotate 工作簿.xlsx -o 核验结果.xlsx');
  if (!/\.xls[xm]$/i.test(args.out)) throw new ArgsError(`输出文件「${args.out}」应以 .xlsx 结尾（含宏的工作簿以 .xlsm 结尾）`);
  if (sameFile(args.file, args.out))
    throw new ReadFailure({
      code: 'output-is-input',
      message: `输出文件「${args.out}」就是输入文件本身。annotate 不会覆盖原工作簿，请用 -o 指定另一个文件名`,
    });
  // Loaded when run: main.ts imports the command registry, which imports this file.
  const profile = loadProfile(args.profile);
  const bytes = readInput(args.file);
  const target = outputTarget(args.out);
  const outcome = await annotateBytes(bytes, profile, (b) => gridsOfBytes(b, args.file));
  if ('fatal' in outcome) throw new ReadFailure(outcome.fatal);
  // The copy's name says what it is: Excel refuses a macro-enabled package named .xlsx, and a plain one named .xlsm.
  const macroName = /\.xlsm$/i.test(args.out);
  if (outcome.patch.macros && !macroName)
    throw new ReadFailure({ code: 'output-extension', message: `「${args.file}」是启用宏的工作簿（含 VBA 宏），标注副本须以 .xlsm 结尾才能保留宏，Excel 也不会打开扩展名为 .xlsx 的启用宏工作簿。请用 -o 指定以 .xlsm 结尾的文件名` });
  if (!outcome.patch.macros && macroName)
    throw new ReadFailure({ code: 'output-extension', message: `「${args.file}」不含宏，标注副本应以 .xlsx 结尾（Excel 不会打开扩展名为 .xlsm 却不含宏的工作簿）。请用 -o 指定以 .xlsx 结尾的文件名` });
  writeAtomically(target, outcome.patch.bytes, args.out);

  const { report } = outcome.analysis;
  const counts = countMarks(outcome.marks);
  const s = report.summary;
  const renamed = outcome.patch.placements.filter((p) => p.name !== p.base);
  const kept = outcome.patch.keptNotes.length;
  const issuesSheetName = outcome.patch.placements.find((p) => p.base === SHEET_ISSUES_REPORT)?.name ?? SHEET_ISSUES_REPORT;
  if (args.json) {
    io.stdout(
      JSON.stringify(
        {
          output: args.out, profile: report.profile, profileName: report.profileName, marks: { total: outcome.marks.length, ...counts }, restored: outcome.restored, summary: s,
          ...(renamed.length ? { renamedSheets: renamed.map((p) => ({ sheet: p.base, writtenAs: p.name })) } : {}),
          ...(kept ? { keptNotes: kept } : {}),
        },
        null,
        1,
      ) + '\n',
    );
  } else {
    // A table the user's own sheet kept from being written is said here, not only counted among the warnings.
    const blocked = report.issues.filter((i) => i.code === 'shenbao-sheet-exists');
    const lines = [
      `已写入「${args.out}」`,
      `规则：${report.profileName}`,
      ...(outcome.restored ? [`已先清除上次核验留下的标记 ${outcome.restored} 处`] : []),
      `标记单元格 ${outcome.marks.length} 个：错误 ${counts.error} 个（红色），未达标指标或项目的数据 ${counts.fail} 个（橙色），警告 ${counts.warning} 个（黄色）；说明见各单元格批注`,
      ...(kept ? [`其中 ${kept} 个单元格原有批注，批注未作改动，其标记说明列在「${issuesSheetName}」末尾`] : []),
      `已生成工作表：${outcome.patch.placements.map((p) => `「${p.name}」`).join('')}`,
      ...renamed.map((p) => `注意：${renamedText(p)}`),
      ...blocked.map((i) => `注意：${i.message}`),
      `错误 ${s.errors} 个，警告 ${s.warnings} 个；达标学校（学段）${s.unitsPassing}/${s.units}；差异系数达标 ${s.balancePassing}/${s.balanceTotal}`,
    ];
    if (s.errors) lines.push(`请先改正「${issuesSheetName}」中的错误，再重新核验`);
    io.stdout(lines.join('\n') + '\n');
  }
  return s.errors > 0 ? 1 : 0;
}
