/**
 * The proxy objects of the fake Excel JavaScript API and the request context that batches them.
 *
 * As in office.js: creating a proxy, setting a property, calling a method or `load()` only queues an
 * action; `context.sync()` sends the batch. A property can be read only after it was loaded and
 * synced (else PropertyNotLoaded). Each sync's request is serialised in the shape office.js sends
 * (`{ Actions, ObjectPaths }`: one object path and one Instantiate action per proxy, one action per
 * load/set/method) and measured as escaped JSON (bytes.ts), as is the response; over the limit the sync throws
 * RequestPayloadSizeLimitExceeded / ResponsePayloadSizeLimitExceeded. A batch that fails keeps what the actions
 * before the failing one did, as real Excel does (`partialBatches: false` rolls it back whole instead).
 * A request over the limit is refused whole, before any action runs, in both modes.
 */
import { AddressError, cellCount, MAX_COLUMNS, MAX_ROWS, parseRef, qualified, splitList, type Rect } from './address';
import { escapedJsonLength, utf8Length } from '../request-bytes';
import { sameExcelName } from '../../template/sheet-names';
import { FakeOfficeError, fakeError } from './errors';
import {
  cellKey, DEFAULT_COLUMN_WIDTH, DEFAULT_FONT, DEFAULT_ROW_HEIGHT, MAX_ROW_HEIGHT, hyperlinkFormula, keyCol, keyRow, normaliseColor,
  type BorderLine, type Edge, type FakeCell, type Hyperlink, type SheetState, type SheetVisibility, type WorkbookState,
} from './state';

export interface FakeHostOptions {
  /** Largest request of one sync, in bytes. */
  requestLimit: number;
  /** Largest response of one sync, in bytes. */
  responseLimit: number;
  /** Longest address string `getRanges` accepts. */
  maxAddressLength: number;
  /** Whether the host supports a requirement set version (e.g. ExcelApi 1.18). */
  supports(set: string, version: string): boolean;
  /** A failing batch keeps the changes of the actions before the failing one (default: rolled back). */
  partialBatches?: boolean;
  /**
   * Whether the loaded office.js library has the members of a requirement set version. A library older
   * than the host (a local copy of @microsoft/office-js) lacks the newer proxies: `workbook.notes` is
   * undefined even though the host answers isSetSupported('ExcelApi', '1.18') with true.
   */
  library?(set: string, version: string): boolean;
  /** Classes (Comment, CommentCollection…) whose every use the host answers with NotImplemented (FakeOfficeOptions.notImplemented). */
  notImplemented?: ReadonlySet<string>;
  /** Values, formats and text of a range over five million cells come back null instead of failing the batch. */
  nullValuesOverLimit?: boolean;
  /** The code of a read over the cell limit or over 512 merged areas (FakeOfficeOptions.limitErrorCode). */
  limitErrorCode?: 'InvalidArgument' | 'RangeExceedsLimit';
  /** Milliseconds each sync takes. */
  syncLatencyMs?: number;
}

/** Whether the loaded library defines the members of ExcelApi `version` (default: it has everything). */
export function libraryHas(options: FakeHostOptions, version: string): boolean {
  return options.library ? options.library('ExcelApi', version) : true;
}

const NULL_OBJECT = Symbol('null object');
type Target = unknown;

interface RangeT {
  sheet: SheetState;
  rect: Rect;
}
interface AreasT {
  sheet: SheetState;
  rects: Rect[];
  /** The merged areas of a range: reported one by one as they are (two touching merges are not one area). */
  exact?: boolean;
}

/** The areas of a RangeAreas as Excel reports them. */
function reported(t: AreasT): Rect[] {
  return t.exact ? t.rects : mergedAreas(t.rects);
}
interface BorderT extends AreasT {
  index: string;
}
interface NoteT {
  sheet: SheetState;
  key: number;
  id: number;
}
interface CommentT {
  id: string;
}
interface ScopeT {
  /** null = the whole workbook. */
  sheet: SheetState | null;
}

interface PathInfo {
  Id: number;
  ObjectPathType: number;
  Name: string;
  ParentObjectPathId?: number;
  ArgumentInfo?: { Arguments: unknown[] };
}

export { utf8Length };

const pascal = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

// ---- load options ----------------------------------------------------------------------------------

interface LoadTree {
  all: boolean;
  scalars: Set<string>;
  navs: Map<string, LoadTree>;
}

const newTree = (): LoadTree => ({ all: false, scalars: new Set(), navs: new Map() });

function addPath(tree: LoadTree, path: string[]): void {
  if (path.length === 0) {
    tree.all = true;
    return;
  }
  if (path.length === 1) {
    tree.scalars.add(path[0]);
    return;
  }
  let sub = tree.navs.get(path[0]);
  if (!sub) tree.navs.set(path[0], (sub = newTree()));
  addPath(sub, path.slice(1));
}

function addNavOnly(tree: LoadTree, path: string[]): void {
  let t = tree;
  for (const p of path) {
    let sub = t.navs.get(p);
    if (!sub) t.navs.set(p, (sub = newTree()));
    t = sub;
  }
  t.all = true;
}

function parseLoad(arg: unknown, collection: boolean): LoadTree {
  const tree = newTree();
  const paths: string[][] = [];
  const fromString = (s: string) => s.split(',').map((p) => p.trim()).filter(Boolean).forEach((p) => paths.push(p.split('/').map((x) => x.trim())));
  const fromObject = (o: Record<string, unknown>, prefix: string[]) => {
    for (const [k, v] of Object.entries(o)) {
      if (k === '$all') {
        if (v) paths.push(prefix);
      } else if (v && typeof v === 'object') fromObject(v as Record<string, unknown>, [...prefix, k]);
      else if (v) paths.push([...prefix, k]);
    }
  };
  if (arg === undefined || arg === null) paths.push([]);
  else if (typeof arg === 'string') fromString(arg);
  else if (Array.isArray(arg)) arg.forEach((a) => fromString(String(a)));
  else if (typeof arg === 'object') {
    const o = arg as Record<string, unknown>;
    if (typeof o.select === 'string' || typeof o.expand === 'string') {
      if (typeof o.select === 'string') fromString(o.select);
      if (typeof o.expand === 'string')
        o.expand.split(',').map((p) => p.trim()).filter(Boolean).forEach((p) => addNavOnly(tree, strip(p.split('/'))));
    } else fromObject(o, []);
  }
  function strip(p: string[]): string[] {
    return collection && p[0] === 'items' ? p.slice(1) : p;
  }
  if (paths.length === 0 && tree.navs.size === 0) tree.all = true;
  for (const p of paths) addPath(tree, strip(p));
  return tree;
}

// ---- execution -------------------------------------------------------------------------------------

/** One sync being executed: the target of every proxy of the batch. */
class Exec {
  readonly targets = new Map<FakeClientObject, Target>();
  constructor(
    readonly state: WorkbookState,
    readonly options: FakeHostOptions,
  ) {}

  target(obj: FakeClientObject): Target {
    if (!this.targets.has(obj)) throw fakeError('InvalidObjectPath', obj._className, obj._className);
    return this.targets.get(obj);
  }

  liveSheet(sheet: SheetState, location: string): SheetState {
    if (!this.state.hasSheet(sheet)) throw fakeError('ItemNotFound', location);
    return sheet;
  }

  requires(version: string, location: string): void {
    if (!this.options.supports('ExcelApi', version)) throw fakeError('ApiNotFound', location);
  }

  /** A class the host claims but does not implement (FakeOfficeOptions.notImplemented) fails at its first use. */
  implemented(className: string): void {
    if (this.options.notImplemented?.has(className)) throw fakeError('NotImplemented', className);
  }
}

interface PendingAction {
  info: Record<string, unknown>;
  /** Runs the action; returns the value sent back in the response, if any. */
  run(x: Exec): unknown;
  /** Applies the result to the proxies once the batch has succeeded. */
  commit?(value: unknown, x: Exec): void;
}

/** The request context of one Excel.run. */
export class FakeRequestContext {
  readonly workbook: FakeWorkbookObject;
  readonly trackedObjects = { add: (_o: unknown): void => undefined, remove: (_o: unknown): void => undefined };
  /** @internal */ readonly _state: WorkbookState;
  /** @internal */ readonly _options: FakeHostOptions;
  /** @internal */ _processing = false;
  /** @internal */ _closed = false;
  /** @internal Excel.run's delayForCellEdit: a batch waits for the user to leave cell edit mode. */
  _delayForCellEdit = false;
  private ids = 0;
  private actions: PendingAction[] = [];
  private instantiated = new Set<FakeClientObject>();

  constructor(state: WorkbookState, options: FakeHostOptions) {
    this._state = state;
    this._options = options;
    this._processing = true;
    this.workbook = new FakeWorkbookObject(this);
    this._processing = false;
  }

  /** @internal */ _nextId(): number {
    return ++this.ids;
  }

  /** @internal */ get _hasPending(): boolean {
    return this.actions.length > 0;
  }

  /** @internal */ _assertOpen(obj?: FakeClientObject): void {
    if (this._closed || (obj && obj._ctx !== this)) throw fakeError('InvalidRequestContext', obj?._className);
  }

  /** @internal Queues the Instantiate action of a proxy (and of its parents) once per batch. */
  _ensure(obj: FakeClientObject): void {
    this._assertOpen(obj);
    if (this.instantiated.has(obj)) return;
    if (obj._parent) this._ensure(obj._parent);
    for (const a of obj._argObjects) this._ensure(a);
    this.instantiated.add(obj);
    this.actions.push({
      info: { Id: this._nextId(), ActionType: 1, Name: '', ObjectPathId: obj._path.Id },
      run: (x) => {
        const parent = obj._parent ? x.target(obj._parent) : x.state;
        let t: Target;
        if (obj._requires) x.requires(obj._requires, obj._className);
        x.implemented(obj._className);
        if (obj._target !== undefined) t = obj._target === NULL_OBJECT ? NULL_OBJECT : obj._revalidate(obj._target, x);
        else if (parent === NULL_OBJECT) t = NULL_OBJECT;
        else t = obj._resolve(parent, x);
        x.targets.set(obj, t);
        return obj._orNull ? { IsNull: t === NULL_OBJECT } : undefined;
      },
      commit: (_v, x) => {
        const t = x.targets.get(obj);
        obj._target = t;
        obj._nullKnown = t === NULL_OBJECT;
      },
    });
  }

  /** @internal */ _push(obj: FakeClientObject, info: Omit<PendingAction['info'], 'Id' | 'ObjectPathId'>, run: PendingAction['run'], commit?: PendingAction['commit']): void {
    this._ensure(obj);
    this.actions.push({ info: { Id: this._nextId(), ...info, ObjectPathId: obj._path.Id }, run, commit });
  }

  async sync(): Promise<void> {
    this._assertOpen();
    const actions = this.actions;
    const instantiated = this.instantiated;
    this.actions = [];
    this.instantiated = new Set();
    const st = this._state;
    const n = ++st.syncCount;
    st.actionCounts.push(actions.length);
    const paths: Record<string, PathInfo> = {};
    for (const obj of instantiated) paths[obj._path.Id] = obj._path;
    const request = JSON.stringify({ AutoKeepReference: false, Actions: actions.map((a) => a.info), ObjectPaths: paths });
    const requestSize = escapedJsonLength(request);
    st.requestSizes.push(requestSize);
    await Promise.resolve();
    if (this._options.syncLatencyMs) await new Promise((r) => setTimeout(r, this._options.syncLatencyMs));
    for (const hook of [...st.syncHooks]) hook(n);
    if (st.inactive) {
      st.responseSizes.push(0);
      throw fakeError('InactiveWorkbook', 'RequestContext.sync');
    }
    if (st.cellEdit) {
      if (!this._delayForCellEdit) {
        st.responseSizes.push(0);
        throw fakeError('InvalidOperationInCellEditMode', 'RequestContext.sync');
      }
      await new Promise<void>((resolve) => st.cellEditWaiters.push(resolve));
    }
    const fault = st.faults.get(n);
    st.faults.delete(n);
    if (requestSize > this._options.requestLimit) {
      st.responseSizes.push(0);
      throw fakeError('RequestPayloadSizeLimitExceeded', 'RequestContext.sync');
    }
    const x = new Exec(st, this._options);
    const values: unknown[] = [];
    const results: { ActionId: unknown; Value: unknown }[] = [];
    st.begin();
    try {
      for (let i = 0; i <= actions.length; i++) {
        if (fault && i === Math.min(fault.afterActions, actions.length)) throw fakeError(fault.code, 'RequestContext.sync');
        if (i === actions.length) break;
        const a = actions[i];
        const v = a.run(x);
        values.push(v);
        if (v !== undefined) results.push({ ActionId: a.info.Id, Value: v });
      }
      const responseSize = escapedJsonLength(JSON.stringify({ Results: results }));
      st.responseSizes.push(responseSize);
      if (responseSize > this._options.responseLimit) throw fakeError('ResponsePayloadSizeLimitExceeded', 'RequestContext.sync');
    } catch (e) {
      if (st.responseSizes.length < st.requestSizes.length) st.responseSizes.push(0);
      if (this._options.partialBatches) st.commit();
      else st.rollback();
      if (e instanceof FakeOfficeError) throw e;
      throw fakeError('GeneralException', e instanceof Error ? e.message : String(e));
    }
    this._processing = true;
    try {
      actions.forEach((a, i) => a.commit?.(values[i], x));
    } finally {
      this._processing = false;
    }
    st.commit();
  }
}

// ---- proxies ---------------------------------------------------------------------------------------

type Resolver = (parent: Target, x: Exec) => Target;

/** Base of every proxy: path, load, the loaded values, null-object state. */
export abstract class FakeClientObject {
  /** @internal */ readonly _ctx: FakeRequestContext;
  /** @internal */ readonly _parent: FakeClientObject | null;
  /** @internal */ readonly _path: PathInfo;
  /** @internal */ readonly _className: string;
  /** @internal */ readonly _orNull: boolean;
  /** @internal */ readonly _argObjects: FakeClientObject[];
  /** @internal */ _target: Target | undefined;
  /** @internal */ _nullKnown: boolean | undefined;
  /** @internal */ readonly _loaded = new Map<string, unknown>();
  /** @internal */ readonly _children = new Map<string, FakeClientObject>();
  /** @internal */ _requires?: string;
  private readonly resolver: Resolver | null;

  constructor(
    ctx: FakeRequestContext,
    parent: FakeClientObject | null,
    className: string,
    path: { type: number; name: string; args?: unknown[] },
    resolver: Resolver | null,
    opts: { orNull?: boolean; target?: Target; requires?: string } = {},
  ) {
    this._ctx = ctx;
    this._parent = parent;
    this._className = className;
    this._orNull = opts.orNull ?? false;
    this.resolver = resolver;
    this._requires = opts.requires;
    this._argObjects = (path.args ?? []).filter((a): a is FakeClientObject => a instanceof FakeClientObject);
    const args = path.args?.map((a) => (a instanceof FakeClientObject ? { ObjectPathId: a._path.Id } : a));
    this._path = {
      Id: ctx._nextId(), ObjectPathType: path.type, Name: path.name,
      ...(parent ? { ParentObjectPathId: parent._path.Id } : {}),
      ...(args ? { ArgumentInfo: { Arguments: args } } : {}),
    };
    if (opts.target !== undefined) {
      this._target = opts.target;
      this._nullKnown = opts.target === NULL_OBJECT;
    }
    if (!ctx._processing) ctx._ensure(this);
  }

  get context(): FakeRequestContext {
    return this._ctx;
  }

  /** Set after the sync that follows the proxy's creation (as office.js does for *OrNullObject results). */
  get isNullObject(): boolean {
    if (this._nullKnown === undefined) throw fakeError('PropertyNotLoaded', `${this._className}.isNullObject`, 'isNullObject');
    return this._nullKnown;
  }

  /** @internal */ get _isCollection(): boolean {
    return false;
  }

  load(option?: unknown): this {
    const tree = parseLoad(option, this._isCollection);
    this._ctx._push(
      this,
      { ActionType: 2, Name: '', QueryInfo: { Select: [...tree.scalars], Expand: [...tree.navs.keys()] } },
      (x) => this._query(x.target(this), tree, x),
      (v) => this._apply(tree, v as Record<string, unknown>),
    );
    return this;
  }

  toJSON(): Record<string, unknown> {
    return Object.fromEntries(this._loaded);
  }

  /** @internal */ _resolve(parent: Target, x: Exec): Target {
    if (!this.resolver) throw fakeError('InvalidObjectPath', this._className, this._className);
    return this.resolver(parent, x);
  }

  /** @internal Checks that a target resolved in an earlier batch still exists. */
  _revalidate(target: Target, _x: Exec): Target {
    return target;
  }

  /** @internal Scalar properties loaded by a bare load(). */
  _scalarNames(): readonly string[] {
    return [];
  }

  /** @internal */ _readScalar(name: string, _target: Target, _x: Exec): unknown {
    throw fakeError('InvalidArgument', `${this._className}.load`, name);
  }

  /** @internal The navigation property proxy of that name (created without queueing when processing). */
  _navChild(_name: string): FakeClientObject | undefined {
    return undefined;
  }

  /** @internal */ _query(target: Target, tree: LoadTree, x: Exec): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    if (target === NULL_OBJECT) {
      out.isNull = true;
      return out;
    }
    const names = new Set(tree.all ? [...this._scalarNames(), ...tree.scalars] : tree.scalars);
    for (const n of names) out[n] = this._readScalar(n, target, x);
    for (const [n, sub] of tree.navs) {
      const child = this._navFor(n);
      out[n] = child._query(child._resolveChild(target, x), sub, x);
    }
    return out;
  }

  /** @internal */ _navFor(name: string): FakeClientObject {
    const was = this._ctx._processing;
    this._ctx._processing = true;
    try {
      const child = this._navChild(name);
      if (!child) throw fakeError('InvalidArgument', `${this._className}.load`, name);
      return child;
    } finally {
      this._ctx._processing = was;
    }
  }

  /** @internal The target of this proxy given its parent's target (navigation properties only). */
  _resolveChild(parentTarget: Target, x: Exec): Target {
    if (this._requires) x.requires(this._requires, this._className);
    x.implemented(this._className);
    if (parentTarget === NULL_OBJECT) return NULL_OBJECT;
    return this._resolve(parentTarget, x);
  }

  /** @internal */ _apply(tree: LoadTree, data: Record<string, unknown>): void {
    if (data.isNull) {
      this._nullKnown = true;
      const names = tree.all ? [...this._scalarNames(), ...tree.scalars] : [...tree.scalars];
      for (const n of names) this._loaded.set(n, null);
      return;
    }
    for (const [k, v] of Object.entries(data)) {
      const sub = tree.navs.get(k);
      if (sub) this._navFor(k)._apply(sub, v as Record<string, unknown>);
      else this._loaded.set(k, v);
    }
  }

  /** @internal */ _get<T>(name: string): T {
    if (!this._loaded.has(name)) throw fakeError('PropertyNotLoaded', `${this._className}.${name}`, name);
    return this._loaded.get(name) as T;
  }

  /** @internal Queues a property set; the new value is readable locally at once, as in office.js. */
  _setProp(name: string, value: unknown, apply: (target: Target, x: Exec) => void): void {
    this._loaded.set(name, value);
    this._ctx._push(this, { ActionType: 4, Name: pascal(name), ArgumentInfo: { Arguments: [value] } }, (x) => {
      const t = x.target(this);
      if (t !== NULL_OBJECT) apply(t, x);
      return undefined;
    });
  }

  /** @internal Queues a method call without a returned object. */
  _call<T>(name: string, args: unknown[], apply: (target: Target, x: Exec) => T, result?: FakeClientResult<T>): void {
    for (const a of args) if (a instanceof FakeClientObject) this._ctx._ensure(a);
    const shown = args.map((a) => (a instanceof FakeClientObject ? { ObjectPathId: a._path.Id } : a));
    this._ctx._push(
      this,
      { ActionType: 3, Name: pascal(name), ArgumentInfo: { Arguments: shown } },
      (x) => {
        const t = x.target(this);
        const v = t === NULL_OBJECT ? null : apply(t, x);
        return result ? (v ?? null) : undefined;
      },
      result ? (v) => result._resolveWith(v as T) : undefined,
    );
  }

  /** @internal A cached navigation-property proxy. */
  _nav<T extends FakeClientObject>(name: string, make: () => T): T {
    let c = this._children.get(name);
    if (!c) {
      c = make();
      this._children.set(name, c);
    }
    return c as T;
  }
}

/** A collection proxy: `items` after load, child proxies bound to the loaded items. */
export abstract class FakeCollection<I extends FakeClientObject> extends FakeClientObject {
  override get _isCollection(): boolean {
    return true;
  }

  get items(): I[] {
    return this._get<I[]>('items');
  }

  /** @internal */ abstract _itemTargets(target: Target, x: Exec): Target[];
  /** @internal */ abstract _makeItem(target: Target, index: number): I;

  /** A nested collection's load path names its items ("items/replies/items/id"): what is loaded of each item. */
  private itemTree(tree: LoadTree): LoadTree {
    const sub = tree.navs.get('items');
    if (!sub) return tree;
    const out: LoadTree = { all: tree.all || sub.all, scalars: new Set([...tree.scalars, ...sub.scalars]), navs: new Map([...tree.navs, ...sub.navs]) };
    out.navs.delete('items');
    return out;
  }

  override _query(target: Target, outer: LoadTree, x: Exec): Record<string, unknown> {
    if (target === NULL_OBJECT) return { isNull: true };
    const tree = this.itemTree(outer);
    const targets = this._itemTargets(target, x);
    const items = targets.map((t, i) => {
      const was = this._ctx._processing;
      this._ctx._processing = true;
      try {
        const probe = this._makeItem(t, i);
        return probe._query(t, tree, x);
      } finally {
        this._ctx._processing = was;
      }
    });
    const data: Record<string, unknown> = { items };
    Object.defineProperty(data, '__targets', { value: targets, enumerable: false });
    return data;
  }

  override _apply(outer: LoadTree, data: Record<string, unknown>): void {
    if (data.isNull) {
      this._nullKnown = true;
      this._loaded.set('items', []);
      return;
    }
    const tree = this.itemTree(outer);
    const targets = (data as { __targets?: Target[] }).__targets ?? [];
    const items = (data.items as Record<string, unknown>[]).map((d, i) => {
      const item = this._makeItem(targets[i], i);
      item._apply(tree, d);
      return item;
    });
    this._loaded.set('items', items);
  }
}

/** The result of a method that returns a value (getCount, ...). */
export class FakeClientResult<T> {
  private has = false;
  private v: T | undefined;

  get value(): T {
    if (!this.has) throw fakeError('ValueNotLoaded', 'ClientResult.value');
    return this.v as T;
  }

  /** @internal */ _resolveWith(v: T): void {
    this.has = true;
    this.v = v;
  }
}

// ---- helpers ---------------------------------------------------------------------------------------

function parseOn(sheet: SheetState, address: string, location: string): Rect {
  try {
    const { sheet: named, rect } = parseRef(address);
    if (named !== undefined && !sameExcelName(named, sheet.name)) throw fakeError('InvalidArgument', location);
    return rect;
  } catch (e) {
    if (e instanceof AddressError) throw fakeError('InvalidArgument', location);
    throw e;
  }
}

function rowsOf(rect: Rect): number {
  return rect.r1 - rect.r0 + 1;
}

function colsOf(rect: Rect): number {
  return rect.c1 - rect.c0 + 1;
}

function checkShape(v: unknown, rect: Rect, location: string): unknown[][] {
  if (!Array.isArray(v) || v.length !== rowsOf(rect) || v.some((row) => !Array.isArray(row) || row.length !== colsOf(rect)))
    throw fakeError('InvalidArgument', location);
  return v as unknown[][];
}

/** What Excel stores when a value is entered into a cell of that number format. */
/** Excel's date serial of a day (1900 system: 1 = 1900-01-01, with its 1900-02-29). */
function dateSerial(y: number, m: number, d: number): number | null {
  const t = Date.UTC(y, m - 1, d);
  const back = new Date(t);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== m - 1 || back.getUTCDate() !== d) return null;
  return Math.round((t - Date.UTC(1899, 11, 30)) / 86_400_000);
}

/**
 * What Excel stores when a value is entered into a cell of that number format, as typing it would: numbers
 * (also "+5"), percentages, TRUE/FALSE, dates ("2024-01-05"; "3-15" is 15 March of this year) with a date format,
 * "+x"/"-x" as a formula (#NAME?); text ('@') cells keep the text.
 */
function entered(input: unknown, numberFormat: string | undefined): { value?: string | number | boolean; formula?: string; numberFormat?: string } | null {
  if (input === null || input === undefined) return null;
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) throw fakeError('InvalidArgument', 'Range.values');
    return { value: input };
  }
  if (typeof input === 'boolean') return { value: input };
  if (typeof input !== 'string') throw fakeError('InvalidArgument', 'Range.values');
  if (input === '') return {};
  if (numberFormat === '@') return { value: input };
  if (input.startsWith("'")) return input.length > 1 ? { value: input.slice(1) } : {};
  if (input.startsWith('=') && input.length > 1) {
    const h = hyperlinkFormula(input);
    return { formula: input, ...(h ? { value: h.text } : {}) };
  }
  const t = input.trim();
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return { value: Number(t) };
  if (/^[+-]?(\d+\.?\d*|\.\d+)%$/.test(t)) return { value: Number(t.slice(0, -1)) / 100 };
  if (/^(true|false)$/i.test(t)) return { value: t.toLowerCase() === 'true' };
  const general = numberFormat === undefined || numberFormat === 'General';
  const ymd = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/.exec(t);
  if (ymd) {
    const serial = dateSerial(Number(ymd[1]), Number(ymd[2]), Number(ymd[3]));
    if (serial !== null) return { value: serial, ...(general ? { numberFormat: 'yyyy/m/d' } : {}) };
  }
  const md = /^(\d{1,2})-(\d{1,2})$/.exec(t);
  if (md) {
    const serial = dateSerial(new Date().getFullYear(), Number(md[1]), Number(md[2]));
    if (serial !== null) return { value: serial, ...(general ? { numberFormat: 'd-mmm' } : {}) };
  }
  if (/^[+-]\D/.test(t)) return { formula: `=${t}`, value: '#NAME?' };
  return { value: input };
}

function readGrid<T>(x: Exec, t: RangeT, fn: (cell: FakeCell | undefined) => T): T[][] | null {
  const sh = x.liveSheet(t.sheet, 'Range');
  if (cellCount(t.rect) > 5_000_000) {
    // "A range is limited to five million cells for get operations": refused, or (nullValuesOverLimit) null.
    if (x.options.nullValuesOverLimit) return null;
    throw fakeError(x.options.limitErrorCode ?? 'InvalidArgument', 'Range.load');
  }
  const out: T[][] = [];
  for (let r = t.rect.r0; r <= t.rect.r1; r++) {
    const row: T[] = [];
    for (let c = t.rect.c0; c <= t.rect.c1; c++) row.push(fn(sh.cells.get(cellKey(r, c))));
    out.push(row);
  }
  return out;
}

/** The common value of an attribute over all cells of the areas, or null when they differ. */
function uniform<T>(x: Exec, t: AreasT, fn: (cell: FakeCell | undefined, r: number, c: number) => T): T | null {
  const sh = x.liveSheet(t.sheet, 'RangeFormat');
  let first = true;
  let value: T | null = null;
  for (const rect of t.rects) {
    if (cellCount(rect) > 2_000_000) {
      // A whole sheet or column: scan only the stored cells and the default.
      const seen = new Set<string>();
      for (const [k, cell] of sh.cells) {
        const r = keyRow(k);
        const c = keyCol(k);
        if (r < rect.r0 || r > rect.r1 || c < rect.c0 || c > rect.c1) continue;
        seen.add(JSON.stringify(fn(cell, r, c)));
      }
      seen.add(JSON.stringify(fn(undefined, rect.r0, rect.c0)));
      if (seen.size > 1) return null;
      const v = JSON.parse([...seen][0]) as T;
      if (!first && JSON.stringify(v) !== JSON.stringify(value)) return null;
      value = v;
      first = false;
      continue;
    }
    for (let r = rect.r0; r <= rect.r1; r++)
      for (let c = rect.c0; c <= rect.c1; c++) {
        const v = fn(sh.cells.get(cellKey(r, c)), r, c);
        if (first) {
          value = v;
          first = false;
        } else if (v !== value) return null;
      }
  }
  return value;
}

function areasOf(t: Target): AreasT {
  const a = t as AreasT & Partial<RangeT>;
  return a.rects ? a : { sheet: a.sheet, rects: [a.rect!] };
}

// ---- workbook, worksheets --------------------------------------------------------------------------

export class FakeWorkbookObject extends FakeClientObject {
  constructor(ctx: FakeRequestContext) {
    super(ctx, null, 'Workbook', { type: 1, name: '' }, (p) => p);
  }

  override _scalarNames(): readonly string[] {
    return ['name'];
  }

  override _readScalar(name: string, target: Target, x: Exec): unknown {
    if (name === 'name') return 'Book1.xlsx';
    return super._readScalar(name, target, x);
  }

  override _navChild(name: string): FakeClientObject | undefined {
    if (name === 'worksheets') return this.worksheets;
    if (name === 'protection') return this.protection;
    if (name === 'notes') return this.notes;
    if (name === 'comments') return this.comments;
    return undefined;
  }

  get worksheets(): FakeWorksheetCollection {
    return this._nav('worksheets', () => new FakeWorksheetCollection(this._ctx, this));
  }

  get protection(): FakeWorkbookProtection {
    return this._nav('protection', () => new FakeWorkbookProtection(this._ctx, this));
  }

  /** ExcelApi 1.18; undefined when the loaded library predates it (as an old office.js has no such getter). */
  get notes(): FakeNoteCollection {
    if (!libraryHas(this._ctx._options, '1.18')) return undefined as unknown as FakeNoteCollection;
    return this._nav('notes', () => new FakeNoteCollection(this._ctx, this, 'Notes', () => ({ sheet: null })));
  }

  /** ExcelApi 1.10; undefined when the loaded library predates it. */
  get comments(): FakeCommentCollection {
    if (!libraryHas(this._ctx._options, '1.10')) return undefined as unknown as FakeCommentCollection;
    return this._nav('comments', () => new FakeCommentCollection(this._ctx, this, 'Comments', () => ({ sheet: null })));
  }

  getSelectedRange(): FakeRange {
    return new FakeRange(this._ctx, this, { type: 3, name: 'GetSelectedRange', args: [] }, (_p, x) => {
      const sel = x.state.selection;
      const sheet = sel ? x.state.sheetById(sel.sheetId) : x.state.activeSheetId ? x.state.sheetById(x.state.activeSheetId) : undefined;
      if (!sheet) throw fakeError('ItemNotFound', 'Workbook.getSelectedRange');
      return { sheet, rect: sel?.rect ?? { r0: 0, c0: 0, r1: 0, c1: 0 } } satisfies RangeT;
    });
  }
}

export class FakeWorkbookProtection extends FakeClientObject {
  constructor(ctx: FakeRequestContext, parent: FakeClientObject) {
    super(ctx, parent, 'WorkbookProtection', { type: 4, name: 'Protection' }, (p) => p, { requires: '1.7' });
  }

  override _scalarNames(): readonly string[] {
    return ['protected'];
  }

  override _readScalar(name: string, target: Target, x: Exec): unknown {
    if (name === 'protected') return x.state.structureProtected;
    return super._readScalar(name, target, x);
  }

  get protected(): boolean {
    return this._get('protected');
  }

  protect(_password?: string): void {
    this._call('protect', [], (_t, x) => x.state.setField(x.state, 'structureProtected', true));
  }

  unprotect(_password?: string): void {
    this._call('unprotect', [], (_t, x) => x.state.setField(x.state, 'structureProtected', false));
  }
}

export class FakeWorksheetCollection extends FakeCollection<FakeWorksheet> {
  constructor(ctx: FakeRequestContext, parent: FakeClientObject) {
    super(ctx, parent, 'WorksheetCollection', { type: 4, name: 'Worksheets' }, (p) => p);
  }

  override _itemTargets(_t: Target, x: Exec): Target[] {
    return [...x.state.sheets];
  }

  override _makeItem(target: Target, _i: number): FakeWorksheet {
    const s = target as SheetState;
    return new FakeWorksheet(this._ctx, this, { type: 5, name: '', args: [s.id] }, null, { target });
  }

  getItem(key: string): FakeWorksheet {
    return new FakeWorksheet(this._ctx, this, { type: 3, name: 'GetItem', args: [key] }, (_p, x) => {
      const s = x.state.sheetByName(key) ?? x.state.sheetById(key);
      if (!s) throw fakeError('ItemNotFound', 'WorksheetCollection.getItem');
      return s;
    });
  }

  getItemOrNullObject(key: string): FakeWorksheet {
    return new FakeWorksheet(this._ctx, this, { type: 3, name: 'GetItemOrNullObject', args: [key] }, (_p, x) => x.state.sheetByName(key) ?? x.state.sheetById(key) ?? NULL_OBJECT, { orNull: true });
  }

  getActiveWorksheet(): FakeWorksheet {
    return new FakeWorksheet(this._ctx, this, { type: 3, name: 'GetActiveWorksheet', args: [] }, (_p, x) => {
      const s = x.state.activeSheetId ? x.state.sheetById(x.state.activeSheetId) : undefined;
      if (!s) throw fakeError('ItemNotFound', 'WorksheetCollection.getActiveWorksheet');
      return s;
    });
  }

  add(name?: string): FakeWorksheet {
    return new FakeWorksheet(this._ctx, this, { type: 3, name: 'Add', args: name === undefined ? [] : [name] }, (_p, x) => x.state.addSheet(name));
  }

  getCount(): FakeClientResult<number> {
    const r = new FakeClientResult<number>();
    this._call('getCount', [], (_t, x) => x.state.sheets.length, r);
    return r;
  }
}

export class FakeWorksheet extends FakeClientObject {
  constructor(ctx: FakeRequestContext, parent: FakeClientObject, path: { type: number; name: string; args?: unknown[] }, resolver: Resolver | null, opts: { orNull?: boolean; target?: Target } = {}) {
    super(ctx, parent, 'Worksheet', path, resolver, opts);
  }

  override _revalidate(target: Target, x: Exec): Target {
    return x.liveSheet(target as SheetState, 'Worksheet');
  }

  override _scalarNames(): readonly string[] {
    return ['name', 'id', 'position', 'visibility', 'tabColor', 'showGridlines'];
  }

  override _readScalar(name: string, target: Target, x: Exec): unknown {
    const s = target as SheetState;
    switch (name) {
      case 'name':
        return s.name;
      case 'id':
        return s.id;
      case 'position':
        return x.state.sheets.indexOf(s);
      case 'visibility':
        return s.visibility;
      case 'tabColor':
        return s.tabColor;
      case 'showGridlines':
        return s.showGridlines;
      default:
        return super._readScalar(name, target, x);
    }
  }

  override _navChild(name: string): FakeClientObject | undefined {
    if (name === 'protection') return this.protection;
    if (name === 'freezePanes') return this.freezePanes;
    if (name === 'pageLayout') return this.pageLayout;
    if (name === 'notes') return this.notes;
    if (name === 'comments') return this.comments;
    return undefined;
  }

  get name(): string {
    return this._get('name');
  }

  set name(v: string) {
    this._setProp('name', v, (t, x) => x.state.renameSheet(t as SheetState, v));
  }

  get id(): string {
    return this._get('id');
  }

  get position(): number {
    return this._get('position');
  }

  get visibility(): SheetVisibility {
    return this._get('visibility');
  }

  set visibility(v: SheetVisibility) {
    this._setProp('visibility', v, (t, x) => x.state.setVisibility(t as SheetState, v));
  }

  get tabColor(): string {
    return this._get('tabColor');
  }

  set tabColor(v: string) {
    this._setProp('tabColor', v, (t, x) => {
      const s = t as SheetState;
      x.state.assertWritable(s, 'Worksheet.tabColor');
      x.state.setField(s, 'tabColor', v === '' ? '' : normaliseColor(v), s);
    });
  }

  get showGridlines(): boolean {
    return this._get('showGridlines');
  }

  set showGridlines(v: boolean) {
    this._setProp('showGridlines', v, (t, x) => x.state.setField(t as SheetState, 'showGridlines', v, t as SheetState));
  }

  get protection(): FakeWorksheetProtection {
    return this._nav('protection', () => new FakeWorksheetProtection(this._ctx, this));
  }

  get freezePanes(): FakeWorksheetFreezePanes {
    return this._nav('freezePanes', () => new FakeWorksheetFreezePanes(this._ctx, this));
  }

  /** ExcelApi 1.9; undefined when the loaded library predates it. */
  get horizontalPageBreaks(): FakePageBreakCollection {
    if (!libraryHas(this._ctx._options, '1.9')) return undefined as unknown as FakePageBreakCollection;
    return this._nav('horizontalPageBreaks', () => new FakePageBreakCollection(this._ctx, this));
  }

  /** ExcelApi 1.9; undefined when the loaded library predates it. */
  get pageLayout(): FakePageLayout {
    if (!libraryHas(this._ctx._options, '1.9')) return undefined as unknown as FakePageLayout;
    return this._nav('pageLayout', () => new FakePageLayout(this._ctx, this));
  }

  /** ExcelApi 1.18; undefined when the loaded library predates it. */
  get notes(): FakeNoteCollection {
    if (!libraryHas(this._ctx._options, '1.18')) return undefined as unknown as FakeNoteCollection;
    return this._nav('notes', () => new FakeNoteCollection(this._ctx, this, 'Notes', (p) => ({ sheet: p as SheetState })));
  }

  /** ExcelApi 1.10; undefined when the loaded library predates it. */
  get comments(): FakeCommentCollection {
    if (!libraryHas(this._ctx._options, '1.10')) return undefined as unknown as FakeCommentCollection;
    return this._nav('comments', () => new FakeCommentCollection(this._ctx, this, 'Comments', (p) => ({ sheet: p as SheetState })));
  }

  delete(): void {
    this._call('delete', [], (t, x) => x.state.deleteSheet(t as SheetState));
  }

  activate(): void {
    this._call('activate', [], (t, x) => x.state.activate(t as SheetState));
  }

  /** The range at an A1 address ("A1", "B2:C9", "A:C"); the whole sheet without an address. */
  getRange(address?: string): FakeRange {
    return new FakeRange(this._ctx, this, { type: 3, name: 'GetRange', args: address === undefined ? [] : [address] }, (p) => {
      const s = p as SheetState;
      const rect = address === undefined ? { r0: 0, c0: 0, r1: MAX_ROWS - 1, c1: MAX_COLUMNS - 1 } : parseOn(s, address, 'Worksheet.getRange');
      return { sheet: s, rect } satisfies RangeT;
    });
  }

  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): FakeRange {
    return new FakeRange(this._ctx, this, { type: 3, name: 'GetRangeByIndexes', args: [startRow, startColumn, rowCount, columnCount] }, (p) => {
      if (startRow < 0 || startColumn < 0 || rowCount < 1 || columnCount < 1 || startRow + rowCount > MAX_ROWS || startColumn + columnCount > MAX_COLUMNS)
        throw fakeError('InvalidArgument', 'Worksheet.getRangeByIndexes');
      return { sheet: p as SheetState, rect: { r0: startRow, c0: startColumn, r1: startRow + rowCount - 1, c1: startColumn + columnCount - 1 } } satisfies RangeT;
    });
  }

  getCell(row: number, column: number): FakeRange {
    return new FakeRange(this._ctx, this, { type: 3, name: 'GetCell', args: [row, column] }, (p) => {
      if (row < 0 || column < 0 || row >= MAX_ROWS || column >= MAX_COLUMNS) throw fakeError('InvalidArgument', 'Worksheet.getCell');
      return { sheet: p as SheetState, rect: { r0: row, c0: column, r1: row, c1: column } } satisfies RangeT;
    });
  }

  /** ExcelApi 1.9: several areas, "A1:B2, D4, F1:F9". */
  getRanges(address?: string): FakeRangeAreas {
    return new FakeRangeAreas(this._ctx, this, { type: 3, name: 'GetRanges', args: address === undefined ? [] : [address] }, (p, x) => {
      const s = p as SheetState;
      if (address === undefined) return { sheet: s, rects: [{ r0: 0, c0: 0, r1: MAX_ROWS - 1, c1: MAX_COLUMNS - 1 }] } satisfies AreasT;
      if (address.length > x.options.maxAddressLength) throw fakeError('InvalidArgument', 'Worksheet.getRanges');
      const parts = splitList(address);
      if (parts.some((q) => q === '')) throw fakeError('InvalidArgument', 'Worksheet.getRanges');
      return { sheet: s, rects: parts.map((q) => parseOn(s, q, 'Worksheet.getRanges')) } satisfies AreasT;
    });
  }

  getUsedRange(valuesOnly?: boolean): FakeRange {
    return new FakeRange(this._ctx, this, { type: 3, name: 'GetUsedRange', args: valuesOnly === undefined ? [] : [valuesOnly] }, (p, x) => {
      const s = p as SheetState;
      return { sheet: s, rect: x.state.usedRect(s, !!valuesOnly) ?? { r0: 0, c0: 0, r1: 0, c1: 0 } } satisfies RangeT;
    });
  }

  getUsedRangeOrNullObject(valuesOnly?: boolean): FakeRange {
    return new FakeRange(
      this._ctx, this, { type: 3, name: 'GetUsedRangeOrNullObject', args: valuesOnly === undefined ? [] : [valuesOnly] },
      (p, x) => {
        const s = p as SheetState;
        const rect = x.state.usedRect(s, !!valuesOnly);
        return rect ? ({ sheet: s, rect } satisfies RangeT) : NULL_OBJECT;
      },
      { orNull: true },
    );
  }
}

export class FakeWorksheetProtection extends FakeClientObject {
  constructor(ctx: FakeRequestContext, parent: FakeClientObject) {
    super(ctx, parent, 'WorksheetProtection', { type: 4, name: 'Protection' }, (p) => p);
  }

  override _revalidate(target: Target, x: Exec): Target {
    return x.liveSheet(target as SheetState, 'WorksheetProtection');
  }

  override _scalarNames(): readonly string[] {
    return ['protected', 'isPasswordProtected'];
  }

  override _readScalar(name: string, target: Target, x: Exec): unknown {
    if (name === 'protected') return (target as SheetState).protected;
    if (name === 'isPasswordProtected') return false;
    return super._readScalar(name, target, x);
  }

  get protected(): boolean {
    return this._get('protected');
  }

  protect(_options?: unknown, _password?: string): void {
    this._call('protect', [], (t, x) => x.state.setField(t as SheetState, 'protected', true, t as SheetState));
  }

  unprotect(_password?: string): void {
    this._call('unprotect', [], (t, x) => x.state.setField(t as SheetState, 'protected', false, t as SheetState));
  }
}

/** Worksheet.pageLayout (ExcelApi 1.9): orientation, paper size and zoom (scale, or pages to fit). */
export class FakePageLayout extends FakeClientObject {
  constructor(ctx: FakeRequestContext, parent: FakeClientObject) {
    super(ctx, parent, 'PageLayout', { type: 4, name: 'PageLayout' }, (p) => p, { requires: '1.9' });
  }

  override _revalidate(target: Target, x: Exec): Target {
    return x.liveSheet(target as SheetState, 'PageLayout');
  }

  override _scalarNames(): readonly string[] {
    return ['orientation', 'paperSize', 'zoom', 'leftMargin', 'rightMargin'];
  }

  override _readScalar(name: string, target: Target, x: Exec): unknown {
    const s = target as SheetState;
    if (name === 'orientation') return s.page.orientation;
    if (name === 'paperSize') return s.page.paperSize;
    if (name === 'zoom') return { ...s.page.zoom };
    if (name === 'leftMargin') return s.page.leftMargin;
    if (name === 'rightMargin') return s.page.rightMargin;
    return super._readScalar(name, target, x);
  }

  private set(name: 'orientation' | 'paperSize' | 'zoom' | 'leftMargin' | 'rightMargin', v: unknown, check: () => boolean): void {
    this._setProp(name, v, (t, x) => {
      const s = t as SheetState;
      if (!check()) throw fakeError('InvalidArgument', `PageLayout.${name}`);
      x.state.assertWritable(s, `PageLayout.${name}`);
      x.state.setField(s, 'page', { ...s.page, [name]: name === 'zoom' ? { ...(v as object) } : v }, s);
    });
  }

  get orientation(): string {
    return this._get('orientation');
  }

  set orientation(v: string) {
    this.set('orientation', v, () => v === 'Portrait' || v === 'Landscape');
  }

  get paperSize(): string {
    return this._get('paperSize');
  }

  set paperSize(v: string) {
    this.set('paperSize', v, () => ['Letter', 'Legal', 'A3', 'A4', 'A5', 'B4', 'B5'].includes(v));
  }

  get zoom(): { scale?: number; horizontalFitToPages?: number; verticalFitToPages?: number } {
    return this._get('zoom');
  }

  get leftMargin(): number {
    return this._get('leftMargin');
  }

  /** Points, not negative (Excel refuses a margin wider than the page; the fake refuses above 409 pt). */
  set leftMargin(v: number) {
    this.set('leftMargin', v, () => typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 409);
  }

  get rightMargin(): number {
    return this._get('rightMargin');
  }

  set rightMargin(v: number) {
    this.set('rightMargin', v, () => typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 409);
  }

  /** A scale (10 to 400), or pages to fit wide and tall, as Excel takes them. */
  set zoom(v: { scale?: number; horizontalFitToPages?: number; verticalFitToPages?: number }) {
    const ok = (n: number | undefined, lo: number, hi: number) => n === undefined || (Number.isInteger(n) && n >= lo && n <= hi);
    this.set('zoom', v, () => !!v && ok(v.scale, 10, 400) && ok(v.horizontalFitToPages, 0, 32767) && ok(v.verticalFitToPages, 0, 32767) && (v.scale === undefined || (v.horizontalFitToPages === undefined && v.verticalFitToPages === undefined)));
  }
}

/**
 * Worksheet.horizontalPageBreaks (ExcelApi 1.9): manual page breaks only. add(range) breaks before the range's top
 * row; removePageBreaks() removes them all. The fake takes the range as an A1 string, as the adapter passes it.
 */
export class FakePageBreakCollection extends FakeClientObject {
  constructor(ctx: FakeRequestContext, parent: FakeClientObject) {
    super(ctx, parent, 'PageBreakCollection', { type: 4, name: 'HorizontalPageBreaks' }, (p) => p, { requires: '1.9' });
  }

  override _revalidate(target: Target, x: Exec): Target {
    return x.liveSheet(target as SheetState, 'PageBreakCollection');
  }

  add(pageBreakRange: string): void {
    this._call('add', [pageBreakRange], (t, x) => {
      const s = t as SheetState;
      if (typeof pageBreakRange !== 'string') throw fakeError('InvalidArgument', 'PageBreakCollection.add');
      let row: number;
      try {
        row = parseRef(pageBreakRange).rect.r0;
      } catch {
        throw fakeError('InvalidArgument', 'PageBreakCollection.add');
      }
      // Excel refuses a break above the first row.
      if (row < 1) throw fakeError('InvalidArgument', 'PageBreakCollection.add');
      x.state.assertWritable(s, 'PageBreakCollection.add');
      const rows = [...new Set([...s.page.rowBreaks, row])].sort((a, b) => a - b);
      x.state.setField(s, 'page', { ...s.page, rowBreaks: rows }, s);
    });
  }

  removePageBreaks(): void {
    this._call('removePageBreaks', [], (t, x) => {
      const s = t as SheetState;
      x.state.assertWritable(s, 'PageBreakCollection.removePageBreaks');
      x.state.setField(s, 'page', { ...s.page, rowBreaks: [] }, s);
    });
  }
}

export class FakeWorksheetFreezePanes extends FakeClientObject {
  constructor(ctx: FakeRequestContext, parent: FakeClientObject) {
    super(ctx, parent, 'WorksheetFreezePanes', { type: 4, name: 'FreezePanes' }, (p) => p);
  }

  override _revalidate(target: Target, x: Exec): Target {
    return x.liveSheet(target as SheetState, 'WorksheetFreezePanes');
  }

  private freeze(rows: number, cols: number, name: string): void {
    this._call(name, [rows, cols], (t, x) => {
      const s = t as SheetState;
      x.state.assertWritable(s, `WorksheetFreezePanes.${name}`);
      x.state.setField(s, 'frozenRows', rows, s);
      x.state.setField(s, 'frozenColumns', cols, s);
    });
  }

  freezeRows(count = 1): void {
    this.freeze(count, 0, 'freezeRows');
  }

  freezeColumns(count = 1): void {
    this.freeze(0, count, 'freezeColumns');
  }

  unfreeze(): void {
    this.freeze(0, 0, 'unfreeze');
  }
}

// ---- ranges ----------------------------------------------------------------------------------------

export class FakeRange extends FakeClientObject {
  constructor(ctx: FakeRequestContext, parent: FakeClientObject, path: { type: number; name: string; args?: unknown[] }, resolver: Resolver | null, opts: { orNull?: boolean; target?: Target } = {}) {
    super(ctx, parent, 'Range', path, resolver, opts);
    // An office.js older than ExcelApi 1.13 has no such method, whatever the host supports.
    if (!libraryHas(ctx._options, '1.13')) Object.defineProperty(this, 'getMergedAreasOrNullObject', { value: undefined });
  }

  override _revalidate(target: Target, x: Exec): Target {
    x.liveSheet((target as RangeT).sheet, 'Range');
    return target;
  }

  override _scalarNames(): readonly string[] {
    return ['address', 'addressLocal', 'rowIndex', 'columnIndex', 'rowCount', 'columnCount', 'cellCount', 'values', 'formulas', 'numberFormat', 'text'];
  }

  override _readScalar(name: string, target: Target, x: Exec): unknown {
    const t = target as RangeT;
    const sh = x.liveSheet(t.sheet, 'Range');
    switch (name) {
      case 'address':
      case 'addressLocal':
        return qualified(sh.name, t.rect);
      case 'rowIndex':
        return t.rect.r0;
      case 'columnIndex':
        return t.rect.c0;
      case 'rowCount':
        return rowsOf(t.rect);
      case 'columnCount':
        return colsOf(t.rect);
      case 'cellCount':
        return cellCount(t.rect);
      case 'isEntireColumn':
        return t.rect.r0 === 0 && t.rect.r1 === MAX_ROWS - 1;
      case 'isEntireRow':
        return t.rect.c0 === 0 && t.rect.c1 === MAX_COLUMNS - 1;
      case 'values':
        return readGrid(x, t, (c) => c?.value ?? '');
      case 'text':
        return readGrid(x, t, (c) => (c?.value === undefined ? '' : String(c.value)));
      case 'formulas':
        return readGrid(x, t, (c) => c?.formula ?? c?.value ?? '');
      case 'numberFormat':
        return readGrid(x, t, (c) => c?.numberFormat ?? 'General');
      case 'hyperlink': {
        const c = sh.cells.get(cellKey(t.rect.r0, t.rect.c0));
        return c?.hyperlink ? { ...c.hyperlink } : null;
      }
      default:
        return super._readScalar(name, target, x);
    }
  }

  override _navChild(name: string): FakeClientObject | undefined {
    if (name === 'format') return this.format;
    if (name === 'worksheet') return this.worksheet;
    return undefined;
  }

  get address(): string {
    return this._get('address');
  }

  get addressLocal(): string {
    return this._get('addressLocal');
  }

  get rowIndex(): number {
    return this._get('rowIndex');
  }

  get columnIndex(): number {
    return this._get('columnIndex');
  }

  get rowCount(): number {
    return this._get('rowCount');
  }

  get columnCount(): number {
    return this._get('columnCount');
  }

  get cellCount(): number {
    return this._get('cellCount');
  }

  get text(): string[][] {
    return this._get('text');
  }

  get values(): (string | number | boolean)[][] {
    return this._get('values');
  }

  /** Entering values as Excel does: '=…' is a formula, numeric text becomes a number unless the cell is text ('@'), null leaves a cell alone. */
  set values(v: unknown[][]) {
    this._setProp('values', v, (t, x) => this.enter(t as RangeT, x, v, 'Range.values'));
  }

  get formulas(): (string | number | boolean)[][] {
    return this._get('formulas');
  }

  set formulas(v: unknown[][]) {
    this._setProp('formulas', v, (t, x) => this.enter(t as RangeT, x, v, 'Range.formulas'));
  }

  get numberFormat(): string[][] {
    return this._get('numberFormat');
  }

  set numberFormat(v: (string | null)[][]) {
    this._setProp('numberFormat', v, (target, x) => {
      const t = target as RangeT;
      const sh = x.liveSheet(t.sheet, 'Range.numberFormat');
      const grid = checkShape(v, t.rect, 'Range.numberFormat');
      x.state.writeCells(sh, [t.rect], 'Range.numberFormat', (_c, r, c) => {
        const f = grid[r - t.rect.r0][c - t.rect.c0];
        if (f === null || f === undefined) return null;
        if (typeof f !== 'string') throw fakeError('InvalidArgument', 'Range.numberFormat');
        return { numberFormat: f === 'General' ? undefined : f };
      });
    });
  }

  get hyperlink(): Hyperlink | null {
    return this._get('hyperlink');
  }

  set hyperlink(v: Hyperlink | null) {
    this._setProp('hyperlink', v, (target, x) => {
      const t = target as RangeT;
      const sh = x.liveSheet(t.sheet, 'Range.hyperlink');
      x.state.writeCells(sh, [t.rect], 'Range.hyperlink', () => {
        if (v === null) return { hyperlink: undefined };
        const patch: Record<string, unknown> = { hyperlink: { ...v } };
        if (v.textToDisplay !== undefined) patch.value = v.textToDisplay;
        return patch;
      });
    });
  }

  private enter(t: RangeT, x: Exec, v: unknown[][], location: string): void {
    const sh = x.liveSheet(t.sheet, location);
    const grid = checkShape(v, t.rect, location);
    x.state.writeCells(sh, [t.rect], location, (old, r, c) => {
      const e = entered(grid[r - t.rect.r0][c - t.rect.c0], old.numberFormat);
      if (e === null) return null;
      return { value: e.value, formula: e.formula, ...(e.numberFormat ? { numberFormat: e.numberFormat } : {}) };
    });
  }

  get format(): FakeRangeFormat {
    return this._nav('format', () => new FakeRangeFormat(this._ctx, this));
  }

  get worksheet(): FakeWorksheet {
    return this._nav('worksheet', () => new FakeWorksheet(this._ctx, this, { type: 4, name: 'Worksheet' }, (p) => (p as RangeT).sheet));
  }

  private sub(name: string, args: unknown[], fn: (t: RangeT) => Rect): FakeRange {
    return new FakeRange(this._ctx, this, { type: 3, name, args }, (p) => {
      const t = p as RangeT;
      const rect = fn(t);
      if (rect.r0 < 0 || rect.c0 < 0 || rect.r1 < rect.r0 || rect.c1 < rect.c0 || rect.r1 >= MAX_ROWS || rect.c1 >= MAX_COLUMNS) throw fakeError('InvalidArgument', `Range.${name}`);
      return { sheet: t.sheet, rect } satisfies RangeT;
    });
  }

  getCell(row: number, column: number): FakeRange {
    return this.sub('GetCell', [row, column], (t) => ({ r0: t.rect.r0 + row, c0: t.rect.c0 + column, r1: t.rect.r0 + row, c1: t.rect.c0 + column }));
  }

  getResizedRange(deltaRows: number, deltaColumns: number): FakeRange {
    return this.sub('GetResizedRange', [deltaRows, deltaColumns], (t) => ({ ...t.rect, r1: t.rect.r1 + deltaRows, c1: t.rect.c1 + deltaColumns }));
  }

  getOffsetRange(rowOffset: number, columnOffset: number): FakeRange {
    return this.sub('GetOffsetRange', [rowOffset, columnOffset], (t) => ({ r0: t.rect.r0 + rowOffset, r1: t.rect.r1 + rowOffset, c0: t.rect.c0 + columnOffset, c1: t.rect.c1 + columnOffset }));
  }

  /**
   * ExcelApi 1.4: the used range within this range ("Returns the used range of the given range object. If there
   * are no used cells within the range, then this function will return a null object"), or a null object.
   */
  getUsedRangeOrNullObject(valuesOnly?: boolean): FakeRange {
    return new FakeRange(
      this._ctx, this, { type: 3, name: 'GetUsedRangeOrNullObject', args: valuesOnly === undefined ? [] : [valuesOnly] },
      (p, x) => {
        const t = p as RangeT;
        const rect = x.state.usedRect(x.liveSheet(t.sheet, 'Range.getUsedRangeOrNullObject'), !!valuesOnly, t.rect);
        return rect ? ({ sheet: t.sheet, rect } satisfies RangeT) : NULL_OBJECT;
      },
      { orNull: true },
    );
  }

  getLastRow(): FakeRange {
    return this.sub('GetLastRow', [], (t) => ({ ...t.rect, r0: t.rect.r1 }));
  }

  getLastColumn(): FakeRange {
    return this.sub('GetLastColumn', [], (t) => ({ ...t.rect, c0: t.rect.c1 }));
  }

  /** ExcelApi 1.4: the cells of both ranges (a Range or an address on this sheet), or a null object. */
  getIntersectionOrNullObject(anotherRange: FakeRange | string): FakeRange {
    return new FakeRange(
      this._ctx, this, { type: 3, name: 'GetIntersectionOrNullObject', args: [anotherRange] },
      (p, x) => {
        const t = p as RangeT;
        let o: Rect;
        if (anotherRange instanceof FakeRange) {
          const ot = x.target(anotherRange);
          if (ot === NULL_OBJECT) return NULL_OBJECT;
          if ((ot as RangeT).sheet !== t.sheet) throw fakeError('InvalidArgument', 'Range.getIntersectionOrNullObject');
          o = (ot as RangeT).rect;
        } else o = parseOn(t.sheet, anotherRange, 'Range.getIntersectionOrNullObject');
        const rect = { r0: Math.max(t.rect.r0, o.r0), c0: Math.max(t.rect.c0, o.c0), r1: Math.min(t.rect.r1, o.r1), c1: Math.min(t.rect.c1, o.c1) };
        return rect.r0 > rect.r1 || rect.c0 > rect.c1 ? NULL_OBJECT : ({ sheet: t.sheet, rect } satisfies RangeT);
      },
      { orNull: true },
    );
  }

  getRow(row: number): FakeRange {
    return this.sub('GetRow', [row], (t) => ({ ...t.rect, r0: t.rect.r0 + row, r1: t.rect.r0 + row }));
  }

  getColumn(column: number): FakeRange {
    return this.sub('GetColumn', [column], (t) => ({ ...t.rect, c0: t.rect.c0 + column, c1: t.rect.c0 + column }));
  }

  /** Selects the range (and activates its sheet). */
  select(): void {
    this._call('select', [], (target, x) => {
      const t = target as RangeT;
      const sh = x.liveSheet(t.sheet, 'Range.select');
      x.state.activate(sh, 'Range.select');
      x.state.setField(x.state, 'selection', { sheetId: sh.id, rect: t.rect });
    });
  }

  /**
   * Merges the range into one cell (across = true: each row separately), as Excel does: the value of the
   * top-left cell stays. Overlapping an existing merged area is an error in Excel too.
   */
  merge(across = false): void {
    this._call('merge', [across], (target, x) => {
      const t = target as RangeT;
      const sh = x.liveSheet(t.sheet, 'Range.merge');
      x.state.assertWritable(sh, 'Range.merge');
      const rows = across ? Array.from({ length: t.rect.r1 - t.rect.r0 + 1 }, (_, i) => ({ ...t.rect, r0: t.rect.r0 + i, r1: t.rect.r0 + i })) : [t.rect];
      const added = rows.filter((r) => r.c1 > r.c0 || r.r1 > r.r0);
      x.state.mergeAreas(sh, added, 'Range.merge');
    });
  }

  /** Unmerges every merged area that overlaps the range (its cells keep what they hold: the others are empty). */
  unmerge(): void {
    this._call('unmerge', [], (target, x) => {
      const t = target as RangeT;
      const sh = x.liveSheet(t.sheet, 'Range.unmerge');
      x.state.assertWritable(sh, 'Range.unmerge');
      x.state.unmergeOver(sh, t.rect);
    });
  }

  /**
   * ExcelApi 1.13: the merged areas of the range, or a null object when it has none. As in Excel, only the merged
   * areas whose top-left cell lies in the range are returned (https://github.com/OfficeDev/office-js/issues/3611),
   * each whole, and more than 512 make the batch fail ("if the merged areas count in this range is more than 512,
   * then this method will fail to return the result"). Absent when the loaded office.js predates ExcelApi 1.13.
   */
  getMergedAreasOrNullObject(): FakeRangeAreas {
    return new FakeRangeAreas(
      this._ctx, this, { type: 3, name: 'GetMergedAreasOrNullObject', args: [] },
      (p, x) => {
        x.requires('1.13', 'Range.getMergedAreasOrNullObject');
        const t = p as RangeT;
        const sh = x.liveSheet(t.sheet, 'Range.getMergedAreasOrNullObject');
        const rects = sh.merges.map((m) => parseRef(m).rect).filter((r) => r.r0 >= t.rect.r0 && r.r0 <= t.rect.r1 && r.c0 >= t.rect.c0 && r.c0 <= t.rect.c1);
        // The error code Excel gives here is not documented; InvalidArgument, as for getRanges over its area limit
        // (https://github.com/OfficeDev/office-js/issues/5198).
        if (rects.length > 512) throw fakeError(x.options.limitErrorCode ?? 'InvalidArgument', 'Range.getMergedAreasOrNullObject');
        return rects.length ? ({ sheet: sh, rects, exact: true } satisfies AreasT) : NULL_OBJECT;
      },
      { orNull: true },
    );
  }

  /**
   * ExcelApi 1.9: the cells of the range holding a formula ('Formulas') or a typed value ('Constants'), narrowed by
   * the type of their value ('Numbers', 'Text', 'Logical', 'Errors'; 'All' by default), as a RangeAreas: each row's
   * runs of such cells, runs of the same columns in rows next to each other as one area. With none, the batch fails
   * with ItemNotFound (https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-ranges-special-cells).
   * The fake models these two types only; the others fail as not implemented.
   */
  getSpecialCells(cellType: string, cellValueType?: string): FakeRangeAreas {
    return this.special('GetSpecialCells', cellType, cellValueType, false);
  }

  /** As getSpecialCells, with a null object instead of ItemNotFound when no cell matches. */
  getSpecialCellsOrNullObject(cellType: string, cellValueType?: string): FakeRangeAreas {
    return this.special('GetSpecialCellsOrNullObject', cellType, cellValueType, true);
  }

  private special(name: string, cellType: string, cellValueType: string | undefined, orNull: boolean): FakeRangeAreas {
    const location = `Range.${name.charAt(0).toLowerCase()}${name.slice(1)}`;
    return new FakeRangeAreas(
      this._ctx, this, { type: 3, name, args: cellValueType === undefined ? [cellType] : [cellType, cellValueType] },
      (p, x) => {
        const t = p as RangeT;
        const sh = x.liveSheet(t.sheet, location);
        if (cellType !== 'Formulas' && cellType !== 'Constants') {
          if (['Blanks', 'ConditionalFormats', 'DataValidations', 'SameConditionalFormat', 'SameDataValidation', 'Visible'].includes(cellType)) throw fakeError('NotImplemented', location);
          throw fakeError('InvalidArgument', location);
        }
        const types = ['All', 'Errors', 'Logical', 'Numbers', 'Text'];
        if (cellValueType !== undefined && !types.includes(cellValueType)) {
          // The combinations ('LogicalNumbers', ...) exist in Excel; the fake does not model them.
          if (/^(Errors|Logical|Numbers|Text)+$/.test(cellValueType)) throw fakeError('NotImplemented', location);
          throw fakeError('InvalidArgument', location);
        }
        const typeOf = (v: unknown) =>
          typeof v === 'number' ? 'Numbers' : typeof v === 'boolean' ? 'Logical' : typeof v === 'string' && EXCEL_ERROR.test(v) ? 'Errors' : 'Text';
        const matches = (r: number, c: number) => {
          const cell = sh.cells.get(cellKey(r, c));
          if (!cell) return false;
          const isFormula = cell.formula !== undefined;
          if (cellType === 'Formulas' ? !isFormula : isFormula || cell.value === undefined || cell.value === '') return false;
          return cellValueType === undefined || cellValueType === 'All' || typeOf(cell.value) === cellValueType;
        };
        // The cells of the range that hold anything, by row (the sheet's map, not every cell of a large range).
        const byRow = new Map<number, number[]>();
        for (const k of sh.cells.keys()) {
          const r = keyRow(k);
          const c = keyCol(k);
          if (r < t.rect.r0 || r > t.rect.r1 || c < t.rect.c0 || c > t.rect.c1 || !matches(r, c)) continue;
          const cols = byRow.get(r);
          if (cols) cols.push(c);
          else byRow.set(r, [c]);
        }
        const rects: Rect[] = [];
        /** The open area of each run of columns ("c0:c1") that the row above ended with. */
        let open = new Map<string, Rect>();
        for (const r of [...byRow.keys()].sort((a, b) => a - b)) {
          const cols = byRow.get(r)!.sort((a, b) => a - b);
          const next = new Map<string, Rect>();
          for (let i = 0; i < cols.length; ) {
            let j = i;
            while (j + 1 < cols.length && cols[j + 1] === cols[j] + 1) j++;
            const id = `${cols[i]}:${cols[j]}`;
            const above = open.get(id);
            if (above && above.r1 === r - 1) {
              above.r1 = r;
              next.set(id, above);
            } else {
              const area = { r0: r, c0: cols[i], r1: r, c1: cols[j] };
              rects.push(area);
              next.set(id, area);
            }
            i = j + 1;
          }
          open = next;
        }
        if (rects.length) return { sheet: sh, rects, exact: true } satisfies AreasT;
        if (orNull) return NULL_OBJECT;
        throw fakeError('ItemNotFound', location);
      },
      { orNull },
    );
  }

  /** 'All' (default), 'Formats', 'Contents' or 'Hyperlinks'. */
  clear(applyTo: string = 'All'): void {
    this._call('clear', [applyTo], (target, x) => {
      const t = target as RangeT;
      const sh = x.liveSheet(t.sheet, 'Range.clear');
      const contents = applyTo === 'All' || applyTo === 'Contents';
      const formats = applyTo === 'All' || applyTo === 'Formats';
      const links = applyTo === 'All' || applyTo === 'Hyperlinks' || applyTo === 'RemoveHyperlinks';
      if (!contents && !formats && !links) throw fakeError('InvalidArgument', 'Range.clear');
      const keys: number[] = [];
      for (const k of sh.cells.keys()) {
        const r = keyRow(k);
        const c = keyCol(k);
        if (r >= t.rect.r0 && r <= t.rect.r1 && c >= t.rect.c0 && c <= t.rect.c1) keys.push(k);
      }
      x.state.assertWritable(sh, 'Range.clear');
      // Clearing the formats of any cell of a merged area unmerges the whole area, as in Excel.
      if (formats) x.state.unmergeOver(sh, t.rect);
      for (const k of keys) {
        const patch: Record<string, unknown> = {};
        if (contents) Object.assign(patch, { value: undefined, formula: undefined });
        if (formats)
          Object.assign(patch, {
            numberFormat: undefined, fill: undefined, fillTint: undefined, fillPattern: undefined, fillPatternColor: undefined, fillPatternTint: undefined, fontColor: undefined,
            bold: undefined, italic: undefined, fontSize: undefined, fontName: undefined, wrap: undefined, hAlign: undefined, borders: undefined,
          });
        if (links) Object.assign(patch, { hyperlink: undefined });
        x.state.patchCell(sh, keyRow(k), keyCol(k), patch);
      }
    });
  }
}

/** The error values a cell can show (Range.values gives them as these strings). */
const EXCEL_ERROR = /^#(DIV\/0!|N\/A|NAME\?|NULL!|NUM!|REF!|VALUE!|SPILL!|CALC!|GETTING_DATA|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!)$/;

/** ExcelApi 1.9: several rectangular areas of one sheet. */
/**
 * Areas as Excel reports them: rectangles that touch along a whole edge come back as one ("K5,K6" is "K5:K6"),
 * so an address list never maps one-to-one onto the areas read back.
 */
export function mergedAreas(rects: readonly Rect[]): Rect[] {
  const out = rects.map((r) => ({ ...r }));
  let merged = true;
  while (merged) {
    merged = false;
    for (let i = 0; i < out.length && !merged; i++)
      for (let j = i + 1; j < out.length && !merged; j++) {
        const a = out[i];
        const b = out[j];
        const vertical = a.c0 === b.c0 && a.c1 === b.c1 && (a.r1 + 1 === b.r0 || b.r1 + 1 === a.r0);
        const horizontal = a.r0 === b.r0 && a.r1 === b.r1 && (a.c1 + 1 === b.c0 || b.c1 + 1 === a.c0);
        if (!vertical && !horizontal) continue;
        out[i] = { r0: Math.min(a.r0, b.r0), c0: Math.min(a.c0, b.c0), r1: Math.max(a.r1, b.r1), c1: Math.max(a.c1, b.c1) };
        out.splice(j, 1);
        merged = true;
      }
  }
  return out;
}

export class FakeRangeAreas extends FakeClientObject {
  constructor(ctx: FakeRequestContext, parent: FakeClientObject, path: { type: number; name: string; args?: unknown[] }, resolver: Resolver, opts: { orNull?: boolean } = {}) {
    super(ctx, parent, 'RangeAreas', path, resolver, { requires: '1.9', ...opts });
  }

  override _revalidate(target: Target, x: Exec): Target {
    x.liveSheet((target as AreasT).sheet, 'RangeAreas');
    return target;
  }

  override _scalarNames(): readonly string[] {
    return ['address', 'addressLocal', 'areaCount', 'cellCount'];
  }

  override _readScalar(name: string, target: Target, x: Exec): unknown {
    const t = target as AreasT;
    const sh = x.liveSheet(t.sheet, 'RangeAreas');
    switch (name) {
      case 'address':
      case 'addressLocal':
        return reported(t).map((r) => qualified(sh.name, r)).join(', ');
      case 'areaCount':
        return reported(t).length;
      case 'cellCount':
        return t.rects.reduce((a, r) => a + cellCount(r), 0);
      default:
        return super._readScalar(name, target, x);
    }
  }

  override _navChild(name: string): FakeClientObject | undefined {
    if (name === 'format') return this.format;
    if (name === 'areas') return this.areas;
    return undefined;
  }

  get address(): string {
    return this._get('address');
  }

  get areaCount(): number {
    return this._get('areaCount');
  }

  get cellCount(): number {
    return this._get('cellCount');
  }

  get format(): FakeRangeFormat {
    return this._nav('format', () => new FakeRangeFormat(this._ctx, this));
  }

  get areas(): FakeRangeCollection {
    return this._nav('areas', () => new FakeRangeCollection(this._ctx, this));
  }
}

export class FakeRangeCollection extends FakeCollection<FakeRange> {
  constructor(ctx: FakeRequestContext, parent: FakeClientObject) {
    super(ctx, parent, 'RangeCollection', { type: 4, name: 'Areas' }, (p) => p, { requires: '1.9' });
  }

  override _itemTargets(target: Target, x: Exec): Target[] {
    const t = target as AreasT;
    x.liveSheet(t.sheet, 'RangeCollection');
    return reported(t).map((rect) => ({ sheet: t.sheet, rect }) satisfies RangeT);
  }

  override _makeItem(target: Target, index: number): FakeRange {
    return new FakeRange(this._ctx, this, { type: 5, name: '', args: [index] }, null, { target });
  }

  getItemAt(index: number): FakeRange {
    return new FakeRange(this._ctx, this, { type: 3, name: 'GetItemAt', args: [index] }, (p) => {
      const t = p as AreasT;
      const rect = reported(t)[index];
      if (!rect) throw fakeError('ItemNotFound', 'RangeCollection.getItemAt');
      return { sheet: t.sheet, rect } satisfies RangeT;
    });
  }

  getCount(): FakeClientResult<number> {
    const r = new FakeClientResult<number>();
    this._call('getCount', [], (t) => (t as AreasT).rects.length, r);
    return r;
  }
}

// ---- formats ---------------------------------------------------------------------------------------

export class FakeRangeFormat extends FakeClientObject {
  constructor(ctx: FakeRequestContext, parent: FakeClientObject) {
    super(ctx, parent, 'RangeFormat', { type: 4, name: 'Format' }, (p) => areasOf(p));
  }

  override _revalidate(target: Target, x: Exec): Target {
    x.liveSheet((target as AreasT).sheet, 'RangeFormat');
    return target;
  }

  override _scalarNames(): readonly string[] {
    return ['columnWidth', 'rowHeight', 'horizontalAlignment', 'verticalAlignment', 'wrapText'];
  }

  override _readScalar(name: string, target: Target, x: Exec): unknown {
    const t = target as AreasT;
    switch (name) {
      case 'columnWidth':
        return uniform(x, { sheet: t.sheet, rects: t.rects.map((r) => ({ ...r, r0: 0, r1: 0 })) }, (_c, _r, c) => t.sheet.widths.get(c) ?? DEFAULT_COLUMN_WIDTH);
      case 'rowHeight':
        return uniform(x, { sheet: t.sheet, rects: t.rects.map((r) => ({ ...r, c0: 0, c1: 0 })) }, (_c, r) => t.sheet.heights.get(r) ?? DEFAULT_ROW_HEIGHT);
      case 'horizontalAlignment':
        return uniform(x, t, (c) => c?.hAlign ?? 'General');
      case 'verticalAlignment':
        return 'Bottom';
      case 'wrapText':
        return uniform(x, t, (c) => c?.wrap ?? false);
      default:
        return super._readScalar(name, target, x);
    }
  }

  override _navChild(name: string): FakeClientObject | undefined {
    if (name === 'fill') return this.fill;
    if (name === 'font') return this.font;
    if (name === 'borders') return this.borders;
    return undefined;
  }

  get fill(): FakeRangeFill {
    return this._nav('fill', () => new FakeRangeFill(this._ctx, this));
  }

  get font(): FakeRangeFont {
    return this._nav('font', () => new FakeRangeFont(this._ctx, this));
  }

  get borders(): FakeRangeBorderCollection {
    return this._nav('borders', () => new FakeRangeBorderCollection(this._ctx, this));
  }

  private write(name: string, value: unknown, fn: (v: never) => Partial<Record<keyof FakeCell, unknown>>): void {
    this._setProp(name, value, (target, x) => {
      const t = target as AreasT;
      const sh = x.liveSheet(t.sheet, `RangeFormat.${name}`);
      const patch = fn(value as never);
      x.state.writeCells(sh, t.rects, `RangeFormat.${name}`, () => patch);
    });
  }

  get columnWidth(): number {
    return this._get('columnWidth');
  }

  /** Width in points of every column of the range. */
  set columnWidth(v: number) {
    this._setProp('columnWidth', v, (target, x) => {
      const t = target as AreasT;
      const sh = x.liveSheet(t.sheet, 'RangeFormat.columnWidth');
      if (typeof v !== 'number' || !(v >= 0)) throw fakeError('InvalidArgument', 'RangeFormat.columnWidth');
      x.state.assertWritable(sh, 'RangeFormat.columnWidth');
      for (const r of t.rects) for (let c = r.c0; c <= r.c1; c++) x.state.setWidth(sh, c, v);
    });
  }

  get horizontalAlignment(): string {
    return this._get('horizontalAlignment');
  }

  set horizontalAlignment(v: string) {
    this.write('horizontalAlignment', v, (a: string) => ({ hAlign: a === 'General' ? undefined : a }));
  }

  get wrapText(): boolean {
    return this._get('wrapText');
  }

  set wrapText(v: boolean) {
    this.write('wrapText', v, (w: boolean) => ({ wrap: w ? true : undefined }));
  }

  get rowHeight(): number {
    return this._get('rowHeight');
  }

  /** Height in points of every row of the range (a custom height: the row no longer fits its content). */
  set rowHeight(v: number) {
    this._setProp('rowHeight', v, (target, x) => {
      const t = target as AreasT;
      const sh = x.liveSheet(t.sheet, 'RangeFormat.rowHeight');
      if (typeof v !== 'number' || !(v >= 0) || v > MAX_ROW_HEIGHT) throw fakeError('InvalidArgument', 'RangeFormat.rowHeight');
      x.state.assertWritable(sh, 'RangeFormat.rowHeight');
      for (const r of t.rects) {
        if (r.r1 - r.r0 > 100_000) throw fakeError('InvalidArgument', 'RangeFormat.rowHeight');
        for (let row = r.r0; row <= r.r1; row++) x.state.setHeight(sh, row, v);
      }
    });
  }

  /** Rows back to the height that fits their content (custom heights removed). */
  autofitRows(): void {
    this._call('autofitRows', [], (target, x) => {
      const t = target as AreasT;
      const sh = x.liveSheet(t.sheet, 'RangeFormat.autofitRows');
      x.state.assertWritable(sh, 'RangeFormat.autofitRows');
      for (const r of t.rects) for (const row of [...sh.heights.keys()]) if (row >= r.r0 && row <= r.r1) x.state.setHeight(sh, row, undefined);
    });
  }
}

export class FakeRangeFill extends FakeClientObject {
  constructor(ctx: FakeRequestContext, parent: FakeClientObject) {
    super(ctx, parent, 'RangeFill', { type: 4, name: 'Fill' }, (p) => p);
  }

  override _revalidate(target: Target, x: Exec): Target {
    x.liveSheet((target as AreasT).sheet, 'RangeFill');
    return target;
  }

  override _scalarNames(): readonly string[] {
    return ['color', 'pattern', 'tintAndShade', 'patternColor', 'patternTintAndShade'];
  }

  /**
   * As the real API: no fill reads as color #FFFFFF with tintAndShade null and pattern 'None'; a tinted fill
   * reads as its colour with the tint apart (so restoring the colour alone loses the tint); cells that differ
   * read as null.
   */
  override _readScalar(name: string, target: Target, x: Exec): unknown {
    const t = target as AreasT;
    switch (name) {
      case 'color':
        return uniform(x, t, (c) => c?.fill ?? '#FFFFFF');
      case 'pattern':
        x.requires('1.9', 'RangeFill.pattern');
        return uniform(x, t, (c) => (c?.fill ? (c.fillPattern ?? 'Solid') : 'None'));
      case 'tintAndShade':
        x.requires('1.9', 'RangeFill.tintAndShade');
        return uniform(x, t, (c) => (c?.fill ? (c.fillTint ?? 0) : null));
      case 'patternColor':
        x.requires('1.9', 'RangeFill.patternColor');
        return uniform(x, t, (c) => c?.fillPatternColor ?? '#000000');
      case 'patternTintAndShade':
        x.requires('1.9', 'RangeFill.patternTintAndShade');
        return uniform(x, t, (c) => (c?.fillPattern ? (c.fillPatternTint ?? 0) : null));
      default:
        return super._readScalar(name, target, x);
    }
  }

  private write(name: string, v: unknown, patch: (old: FakeCell) => Partial<Record<keyof FakeCell, unknown>>): void {
    this._setProp(name, v, (target, x) => {
      const t = target as AreasT;
      const sh = x.liveSheet(t.sheet, `RangeFill.${name}`);
      x.state.writeCells(sh, t.rects, `RangeFill.${name}`, (old) => patch(old));
    });
  }

  get color(): string {
    return this._get('color');
  }

  /** Sets the colour; the tint goes back to 0 (the pattern stays). */
  set color(v: string) {
    this.write('color', v, () => ({ fill: normaliseColor(v), fillTint: undefined }));
  }

  get pattern(): string {
    return this._get('pattern');
  }

  set pattern(v: string) {
    this.write('pattern', v, (old) =>
      v === 'None'
        ? { fill: undefined, fillTint: undefined, fillPattern: undefined, fillPatternColor: undefined, fillPatternTint: undefined }
        : { fill: old.fill ?? '#FFFFFF', fillPattern: v === 'Solid' ? undefined : v },
    );
  }

  get tintAndShade(): number | null {
    return this._get('tintAndShade');
  }

  set tintAndShade(v: number) {
    if (typeof v !== 'number' || v < -1 || v > 1) throw fakeError('InvalidArgument', 'RangeFill.tintAndShade');
    this.write('tintAndShade', v, (old) => ({ fill: old.fill ?? '#FFFFFF', fillTint: v || undefined }));
  }

  get patternColor(): string {
    return this._get('patternColor');
  }

  set patternColor(v: string) {
    this.write('patternColor', v, () => ({ fillPatternColor: normaliseColor(v) }));
  }

  get patternTintAndShade(): number | null {
    return this._get('patternTintAndShade');
  }

  set patternTintAndShade(v: number) {
    this.write('patternTintAndShade', v, () => ({ fillPatternTint: v || undefined }));
  }

  /** Removes the fill ("No Fill"): colour, tint and pattern. */
  clear(): void {
    this._call('clear', [], (target, x) => {
      const t = target as AreasT;
      const sh = x.liveSheet(t.sheet, 'RangeFill.clear');
      x.state.writeCells(sh, t.rects, 'RangeFill.clear', (old) =>
        old.fill === undefined && old.fillPattern === undefined
          ? null
          : { fill: undefined, fillTint: undefined, fillPattern: undefined, fillPatternColor: undefined, fillPatternTint: undefined },
      );
    });
  }
}

export class FakeRangeFont extends FakeClientObject {
  constructor(ctx: FakeRequestContext, parent: FakeClientObject) {
    super(ctx, parent, 'RangeFont', { type: 4, name: 'Font' }, (p) => p);
  }

  override _revalidate(target: Target, x: Exec): Target {
    x.liveSheet((target as AreasT).sheet, 'RangeFont');
    return target;
  }

  override _scalarNames(): readonly string[] {
    return ['bold', 'italic', 'color', 'size', 'name'];
  }

  override _readScalar(name: string, target: Target, x: Exec): unknown {
    const t = target as AreasT;
    switch (name) {
      case 'bold':
        return uniform(x, t, (c) => c?.bold ?? false);
      case 'italic':
        return uniform(x, t, (c) => c?.italic ?? false);
      case 'color':
        return uniform(x, t, (c) => c?.fontColor ?? DEFAULT_FONT.color);
      case 'size':
        return uniform(x, t, (c) => c?.fontSize ?? DEFAULT_FONT.size);
      case 'name':
        return uniform(x, t, (c) => c?.fontName ?? DEFAULT_FONT.name);
      default:
        return super._readScalar(name, target, x);
    }
  }

  private write(name: string, value: unknown, patch: Partial<Record<keyof FakeCell, unknown>>): void {
    this._setProp(name, value, (target, x) => {
      const t = target as AreasT;
      const sh = x.liveSheet(t.sheet, `RangeFont.${name}`);
      x.state.writeCells(sh, t.rects, `RangeFont.${name}`, () => patch);
    });
  }

  get bold(): boolean {
    return this._get('bold');
  }

  set bold(v: boolean) {
    this.write('bold', v, { bold: v ? true : undefined });
  }

  get italic(): boolean {
    return this._get('italic');
  }

  set italic(v: boolean) {
    this.write('italic', v, { italic: v ? true : undefined });
  }

  get color(): string {
    return this._get('color');
  }

  set color(v: string) {
    this._setProp('color', v, (target, x) => {
      const t = target as AreasT;
      const sh = x.liveSheet(t.sheet, 'RangeFont.color');
      const color = normaliseColor(v);
      x.state.writeCells(sh, t.rects, 'RangeFont.color', () => ({ fontColor: color === DEFAULT_FONT.color ? undefined : color }));
    });
  }

  get size(): number {
    return this._get('size');
  }

  get name(): string {
    return this._get('name');
  }

  set name(v: string) {
    if (typeof v !== 'string' || v === '') throw fakeError('InvalidArgument', 'RangeFont.name');
    this.write('name', v, { fontName: v === DEFAULT_FONT.name ? undefined : v });
  }

  set size(v: number) {
    this.write('size', v, { fontSize: v === DEFAULT_FONT.size ? undefined : v });
  }
}

const BORDER_INDEXES = ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight', 'InsideVertical', 'InsideHorizontal', 'DiagonalDown', 'DiagonalUp'];

/** Calls `fn` for every cell of the rectangle with the edges a border index stands for there. */
const TOP: readonly Edge[] = ['top'];
const BOTTOM: readonly Edge[] = ['bottom'];
const LEFT: readonly Edge[] = ['left'];
const RIGHT: readonly Edge[] = ['right'];
const TOP_BOTTOM: readonly Edge[] = ['top', 'bottom'];
const LEFT_RIGHT: readonly Edge[] = ['left', 'right'];

/** Border lines are shared, immutable values. */
const LINES = new Map<string, BorderLine>();
function line(style: string, color: string, weight: string): BorderLine {
  const k = `${style}|${color}|${weight}`;
  let l = LINES.get(k);
  if (!l) LINES.set(k, (l = Object.freeze({ style, color, weight })));
  return l;
}

function forEdges(index: string, rect: Rect, fn: (r: number, c: number, edges: readonly Edge[]) => void): void {
  for (let r = rect.r0; r <= rect.r1; r++)
    for (let c = rect.c0; c <= rect.c1; c++) {
      let edges: readonly Edge[] | null = null;
      switch (index) {
        case 'EdgeTop':
          edges = r === rect.r0 ? TOP : null;
          break;
        case 'EdgeBottom':
          edges = r === rect.r1 ? BOTTOM : null;
          break;
        case 'EdgeLeft':
          edges = c === rect.c0 ? LEFT : null;
          break;
        case 'EdgeRight':
          edges = c === rect.c1 ? RIGHT : null;
          break;
        case 'InsideHorizontal':
          edges = r > rect.r0 && r < rect.r1 ? TOP_BOTTOM : r > rect.r0 ? TOP : r < rect.r1 ? BOTTOM : null;
          break;
        case 'InsideVertical':
          edges = c > rect.c0 && c < rect.c1 ? LEFT_RIGHT : c > rect.c0 ? LEFT : c < rect.c1 ? RIGHT : null;
          break;
        default:
          edges = null;
      }
      if (edges) fn(r, c, edges);
    }
}

export class FakeRangeBorderCollection extends FakeClientObject {
  constructor(ctx: FakeRequestContext, parent: FakeClientObject) {
    super(ctx, parent, 'RangeBorderCollection', { type: 4, name: 'Borders' }, (p) => p);
  }

  /** 'EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight', 'InsideVertical', 'InsideHorizontal', ... */
  getItem(index: string): FakeRangeBorder {
    return new FakeRangeBorder(this._ctx, this, index);
  }
}

export class FakeRangeBorder extends FakeClientObject {
  constructor(ctx: FakeRequestContext, parent: FakeClientObject, index: string) {
    super(ctx, parent, 'RangeBorder', { type: 3, name: 'GetItem', args: [index] }, (p) => {
      if (!BORDER_INDEXES.includes(index)) throw fakeError('InvalidArgument', 'RangeBorderCollection.getItem');
      return { ...(p as AreasT), index } satisfies BorderT;
    });
  }

  override _scalarNames(): readonly string[] {
    return ['style', 'color', 'weight', 'sideIndex'];
  }

  override _readScalar(name: string, target: Target, x: Exec): unknown {
    const t = target as BorderT;
    const sh = x.liveSheet(t.sheet, 'RangeBorder');
    if (name === 'sideIndex') return t.index;
    const pick = (b: BorderLine | undefined) => (name === 'style' ? (b?.style ?? 'None') : name === 'color' ? (b?.color ?? '#000000') : (b?.weight ?? 'Thin'));
    if (!['style', 'color', 'weight'].includes(name)) return super._readScalar(name, target, x);
    const seen = new Set<string>();
    for (const rect of t.rects)
      forEdges(t.index, rect, (r, c, edges) => {
        for (const e of edges) seen.add(pick(sh.cells.get(cellKey(r, c))?.borders?.[e]));
      });
    return seen.size === 0 ? pick(undefined) : seen.size === 1 ? [...seen][0] : null;
  }

  private write(name: 'style' | 'color' | 'weight', v: string): void {
    this._setProp(name, v, (target, x) => {
      const t = target as BorderT;
      const sh = x.liveSheet(t.sheet, `RangeBorder.${name}`);
      x.state.assertWritable(sh, `RangeBorder.${name}`);
      const value = name === 'color' ? normaliseColor(v) : v;
      for (const rect of t.rects)
        forEdges(t.index, rect, (r, c, edges) => {
          const borders: Partial<Record<Edge, BorderLine>> = { ...(sh.cells.get(cellKey(r, c))?.borders ?? {}) };
          for (const e of edges) {
            if (name === 'style' && value === 'None') delete borders[e];
            else {
              const old = borders[e] ?? line('Continuous', '#000000', 'Thin');
              borders[e] = line(name === 'style' ? value : old.style, name === 'color' ? value : old.color, name === 'weight' ? value : old.weight);
            }
          }
          x.state.patchCell(sh, r, c, { borders: Object.keys(borders).length ? borders : undefined });
        });
    });
  }

  get style(): string {
    return this._get('style');
  }

  set style(v: string) {
    this.write('style', v);
  }

  get color(): string {
    return this._get('color');
  }

  set color(v: string) {
    this.write('color', v);
  }

  get weight(): string {
    return this._get('weight');
  }

  set weight(v: string) {
    this.write('weight', v);
  }
}

// ---- notes and comments ----------------------------------------------------------------------------

/** The single cell of a string or Range argument; strings must name the sheet when `scope` is the workbook. */
function cellOf(x: Exec, scope: ScopeT, arg: unknown, location: string, requireSheet: boolean): { sheet: SheetState; r: number; c: number } {
  let sheet: SheetState | undefined;
  let rect: Rect;
  if (arg instanceof FakeRange) {
    const t = x.target(arg) as RangeT;
    if (t === (NULL_OBJECT as unknown)) throw fakeError('InvalidArgument', location);
    sheet = x.liveSheet(t.sheet, location);
    rect = t.rect;
  } else if (typeof arg === 'string') {
    try {
      const ref = parseRef(arg);
      rect = ref.rect;
      if (ref.sheet !== undefined) sheet = x.state.sheetByName(ref.sheet);
      else if (!requireSheet && scope.sheet) sheet = scope.sheet;
      if (ref.sheet === undefined && (requireSheet || !scope.sheet)) throw fakeError('InvalidArgument', location);
    } catch (e) {
      if (e instanceof AddressError) throw fakeError('InvalidArgument', location);
      throw e;
    }
    if (!sheet) throw fakeError('ItemNotFound', location);
  } else throw fakeError('InvalidArgument', location);
  if (scope.sheet && sheet !== scope.sheet) throw fakeError('InvalidArgument', location);
  if (rect.r0 !== rect.r1 || rect.c0 !== rect.c1) throw fakeError('InvalidArgument', location);
  return { sheet, r: rect.r0, c: rect.c0 };
}

export class FakeNoteCollection extends FakeCollection<FakeNote> {
  constructor(ctx: FakeRequestContext, parent: FakeClientObject, name: string, resolver: Resolver) {
    super(ctx, parent, 'NoteCollection', { type: 4, name }, resolver, { requires: '1.18' });
  }

  override _revalidate(target: Target, x: Exec): Target {
    const s = (target as ScopeT).sheet;
    if (s) x.liveSheet(s, 'NoteCollection');
    return target;
  }

  override _itemTargets(target: Target, x: Exec): Target[] {
    return x.state.annotations('note', (target as ScopeT).sheet ?? undefined).map(({ sheet, key, cell }) => ({ sheet, key, id: cell.note!.id }) satisfies NoteT);
  }

  /**
   * An item of a loaded collection is addressed by its position, as office.js addresses an item that has no id
   * (Excel.Note has none: ObjectPathFactory.createChildItemObjectPathUsingGetItemAt in the office.js runtime):
   * in a later request it is whatever note is then at that index. Deleting notes in their order in one request
   * therefore hits the wrong ones; deleting from the last index down does not.
   */
  override _makeItem(target: Target, index: number): FakeNote {
    return new FakeNote(this._ctx, this, { type: 3, name: 'GetItemAt', args: [index] }, null, { target, positional: index });
  }

  private find(x: Exec, scope: ScopeT, key: string, location: string): NoteT | null {
    const at = cellOf(x, scope, key, location, false);
    const note = at.sheet.cells.get(cellKey(at.r, at.c))?.note;
    return note ? { sheet: at.sheet, key: cellKey(at.r, at.c), id: note.id } : null;
  }

  /** Adds a note to one cell ("Sheet!A1" or a Range); InvalidArgument when the cell has one already. */
  add(cellAddress: FakeRange | string, content: string): FakeNote {
    return new FakeNote(this._ctx, this, { type: 3, name: 'Add', args: [cellAddress, content] }, (p, x) => {
      const at = cellOf(x, p as ScopeT, cellAddress, 'NoteCollection.add', false);
      x.state.assertWritable(at.sheet, 'NoteCollection.add');
      const key = cellKey(at.r, at.c);
      // One note or one threaded comment per cell, as in Excel ("The difference between threaded comments and
      // notes", support.microsoft.com): a cell holding either refuses the other.
      if (at.sheet.cells.get(key)?.note || at.sheet.cells.get(key)?.comment) throw fakeError('InvalidArgument', 'NoteCollection.add');
      const note = x.state.newNote(String(content));
      x.state.patchCell(at.sheet, at.r, at.c, { note });
      return { sheet: at.sheet, key, id: note.id } satisfies NoteT;
    });
  }

  /** The note of a cell; ItemNotFound when there is none. */
  getItem(key: string): FakeNote {
    return new FakeNote(this._ctx, this, { type: 3, name: 'GetItem', args: [key] }, (p, x) => {
      const n = this.find(x, p as ScopeT, key, 'NoteCollection.getItem');
      if (!n) throw fakeError('ItemNotFound', 'NoteCollection.getItem');
      return n;
    });
  }

  getItemOrNullObject(key: string): FakeNote {
    return new FakeNote(this._ctx, this, { type: 3, name: 'GetItemOrNullObject', args: [key] }, (p, x) => this.find(x, p as ScopeT, key, 'NoteCollection.getItemOrNullObject') ?? NULL_OBJECT, { orNull: true });
  }

  getItemAt(index: number): FakeNote {
    return new FakeNote(this._ctx, this, { type: 3, name: 'GetItemAt', args: [index] }, (p, x) => {
      const t = this._itemTargets(p, x)[index];
      if (!t) throw fakeError('ItemNotFound', 'NoteCollection.getItemAt');
      return t;
    });
  }

  getCount(): FakeClientResult<number> {
    const r = new FakeClientResult<number>();
    this._call('getCount', [], (t, x) => this._itemTargets(t, x).length, r);
    return r;
  }
}

export class FakeNote extends FakeClientObject {
  /** The index of an item of a loaded collection: it is looked up by position again in each request (see _makeItem). */
  private readonly positional: number | undefined;

  constructor(
    ctx: FakeRequestContext,
    parent: FakeClientObject,
    path: { type: number; name: string; args?: unknown[] },
    resolver: Resolver | null,
    opts: { orNull?: boolean; target?: Target; positional?: number } = {},
  ) {
    super(ctx, parent, 'Note', path, resolver, { orNull: opts.orNull, target: opts.target, requires: '1.18' });
    this.positional = opts.positional;
  }

  override _revalidate(target: Target, x: Exec): Target {
    if (this.positional !== undefined && this._parent instanceof FakeNoteCollection) {
      const now = this._parent._itemTargets(x.target(this._parent), x)[this.positional];
      if (!now) throw fakeError('ItemNotFound', 'NoteCollection.getItemAt');
      return now;
    }
    const t = target as NoteT;
    x.liveSheet(t.sheet, 'Note');
    if (t.sheet.cells.get(t.key)?.note?.id !== t.id) throw fakeError('ItemNotFound', 'Note');
    return t;
  }

  override _scalarNames(): readonly string[] {
    return ['content', 'authorName', 'visible', 'height', 'width'];
  }

  override _readScalar(name: string, target: Target, x: Exec): unknown {
    const t = this._revalidate(target, x) as NoteT;
    const note = t.sheet.cells.get(t.key)!.note!;
    switch (name) {
      case 'content':
        return note.content;
      case 'authorName':
        return note.author;
      case 'visible':
        return false;
      case 'height':
        return 59.25;
      case 'width':
        return 144;
      default:
        return super._readScalar(name, target, x);
    }
  }

  get content(): string {
    return this._get('content');
  }

  set content(v: string) {
    this._setProp('content', v, (target, x) => {
      const t = this._revalidate(target, x) as NoteT;
      x.state.assertWritable(t.sheet, 'Note.content');
      const note = t.sheet.cells.get(t.key)!.note!;
      x.state.patchCell(t.sheet, keyRow(t.key), keyCol(t.key), { note: { ...note, content: String(v) } });
    });
  }

  get authorName(): string {
    return this._get('authorName');
  }

  delete(): void {
    this._call('delete', [], (target, x) => {
      const t = this._revalidate(target, x) as NoteT;
      x.state.assertWritable(t.sheet, 'Note.delete');
      x.state.patchCell(t.sheet, keyRow(t.key), keyCol(t.key), { note: undefined });
    });
  }

  getLocation(): FakeRange {
    return new FakeRange(this._ctx, this, { type: 3, name: 'GetLocation', args: [] }, (p, x) => {
      const t = this._revalidate(p, x) as NoteT;
      return { sheet: t.sheet, rect: { r0: keyRow(t.key), c0: keyCol(t.key), r1: keyRow(t.key), c1: keyCol(t.key) } } satisfies RangeT;
    });
  }
}

export class FakeCommentCollection extends FakeCollection<FakeComment> {
  constructor(ctx: FakeRequestContext, parent: FakeClientObject, name: string, resolver: Resolver) {
    super(ctx, parent, 'CommentCollection', { type: 4, name }, resolver, { requires: '1.10' });
  }

  override _revalidate(target: Target, x: Exec): Target {
    const s = (target as ScopeT).sheet;
    if (s) x.liveSheet(s, 'CommentCollection');
    return target;
  }

  override _itemTargets(target: Target, x: Exec): Target[] {
    return x.state.annotations('comment', (target as ScopeT).sheet ?? undefined).map(({ cell }) => ({ id: cell.comment!.id }) satisfies CommentT);
  }

  override _makeItem(target: Target, index: number): FakeComment {
    return new FakeComment(this._ctx, this, { type: 5, name: '', args: [index] }, null, { target });
  }

  /** Adds a comment; a string address must name the sheet ("Sheet!A1"). */
  add(cellAddress: FakeRange | string, content: string, _contentType?: string): FakeComment {
    return new FakeComment(this._ctx, this, { type: 3, name: 'Add', args: [cellAddress, content] }, (p, x) => {
      const at = cellOf(x, p as ScopeT, cellAddress, 'CommentCollection.add', true);
      x.state.assertWritable(at.sheet, 'CommentCollection.add');
      const held = at.sheet.cells.get(cellKey(at.r, at.c));
      if (held?.comment || held?.note) throw fakeError('InvalidArgument', 'CommentCollection.add');
      const comment = x.state.newComment(String(content));
      x.state.patchCell(at.sheet, at.r, at.c, { comment });
      return { id: comment.id } satisfies CommentT;
    });
  }

  getItem(commentId: string): FakeComment {
    return new FakeComment(this._ctx, this, { type: 3, name: 'GetItem', args: [commentId] }, (_p, x) => {
      if (!x.state.commentById(commentId)) throw fakeError('ItemNotFound', 'CommentCollection.getItem');
      return { id: commentId } satisfies CommentT;
    });
  }

  /** ExcelApi 1.14. */
  getItemOrNullObject(commentId: string): FakeComment {
    return new FakeComment(this._ctx, this, { type: 3, name: 'GetItemOrNullObject', args: [commentId] }, (_p, x) => {
      x.requires('1.14', 'CommentCollection.getItemOrNullObject');
      return x.state.commentById(commentId) ? ({ id: commentId } satisfies CommentT) : NULL_OBJECT;
    }, { orNull: true });
  }

  /** The comment of a cell ("Sheet!A1" or a Range); ItemNotFound when there is none. */
  getItemByCell(cellAddress: FakeRange | string): FakeComment {
    return new FakeComment(this._ctx, this, { type: 3, name: 'GetItemByCell', args: [cellAddress] }, (p, x) => {
      const at = cellOf(x, p as ScopeT, cellAddress, 'CommentCollection.getItemByCell', true);
      const c = at.sheet.cells.get(cellKey(at.r, at.c))?.comment;
      if (!c) throw fakeError('ItemNotFound', 'CommentCollection.getItemByCell');
      return { id: c.id } satisfies CommentT;
    });
  }

  getItemAt(index: number): FakeComment {
    return new FakeComment(this._ctx, this, { type: 3, name: 'GetItemAt', args: [index] }, (p, x) => {
      const t = this._itemTargets(p, x)[index];
      if (!t) throw fakeError('ItemNotFound', 'CommentCollection.getItemAt');
      return t;
    });
  }

  getCount(): FakeClientResult<number> {
    const r = new FakeClientResult<number>();
    this._call('getCount', [], (t, x) => this._itemTargets(t, x).length, r);
    return r;
  }
}

export class FakeComment extends FakeClientObject {
  constructor(ctx: FakeRequestContext, parent: FakeClientObject, path: { type: number; name: string; args?: unknown[] }, resolver: Resolver | null, opts: { orNull?: boolean; target?: Target } = {}) {
    super(ctx, parent, 'Comment', path, resolver, { ...opts, requires: '1.10' });
  }

  private at(target: Target, x: Exec): { sheet: SheetState; key: number } {
    const at = x.state.commentById((target as CommentT).id);
    if (!at) throw fakeError('ItemNotFound', 'Comment');
    return at;
  }

  override _revalidate(target: Target, x: Exec): Target {
    this.at(target, x);
    return target;
  }

  override _scalarNames(): readonly string[] {
    return ['id', 'content', 'authorName', 'authorEmail', 'resolved', 'contentType', 'mentions'];
  }

  override _navChild(name: string): FakeClientObject | undefined {
    if (name === 'replies') return this.replies;
    return undefined;
  }

  override _readScalar(name: string, target: Target, x: Exec): unknown {
    const at = this.at(target, x);
    const c = at.sheet.cells.get(at.key)!.comment!;
    switch (name) {
      case 'id':
        return c.id;
      case 'content':
        return c.content;
      case 'authorName':
        return c.author;
      case 'authorEmail':
        return '';
      case 'resolved':
        return c.resolved;
      case 'contentType':
        return c.mentions.length ? 'Mention' : 'Plain';
      case 'mentions':
        return c.mentions.map((m) => ({ id: m.id, name: m.name, email: m.email }));
      default:
        return super._readScalar(name, target, x);
    }
  }

  get id(): string {
    return this._get('id');
  }

  get content(): string {
    return this._get('content');
  }

  /** Plain text: setting it drops the comment's @mentions (they become the plain "@name" text). */
  set content(v: string) {
    this._setProp('content', v, (target, x) => {
      const at = this.at(target, x);
      x.state.assertWritable(at.sheet, 'Comment.content');
      const c = at.sheet.cells.get(at.key)!.comment!;
      x.state.patchCell(at.sheet, keyRow(at.key), keyCol(at.key), { comment: { ...c, content: String(v), mentions: [] } });
    });
  }

  get contentType(): string {
    return this._get('contentType');
  }

  get mentions(): { id: number; name: string; email: string }[] {
    return this._get('mentions');
  }

  /** The replies of the thread (ExcelApi 1.10). */
  get replies(): FakeCommentReplyCollection {
    return this._nav('replies', () => new FakeCommentReplyCollection(this._ctx, this));
  }

  get authorName(): string {
    return this._get('authorName');
  }

  get resolved(): boolean {
    return this._get('resolved');
  }

  /** Deletes the comment and all its replies ("Deletes the comment and all the connected replies", Excel.Comment.delete). */
  delete(): void {
    this._call('delete', [], (target, x) => {
      const at = this.at(target, x);
      x.state.assertWritable(at.sheet, 'Comment.delete');
      x.state.patchCell(at.sheet, keyRow(at.key), keyCol(at.key), { comment: undefined });
    });
  }

  getLocation(): FakeRange {
    return new FakeRange(this._ctx, this, { type: 3, name: 'GetLocation', args: [] }, (p, x) => {
      const at = this.at(p, x);
      return { sheet: at.sheet, rect: { r0: keyRow(at.key), c0: keyCol(at.key), r1: keyRow(at.key), c1: keyCol(at.key) } } satisfies RangeT;
    });
  }
}

interface ReplyT {
  comment: string;
  id: string;
}

/** The replies of one comment (read-only here: the add-in never writes replies). */
export class FakeCommentReplyCollection extends FakeCollection<FakeCommentReply> {
  constructor(ctx: FakeRequestContext, parent: FakeComment) {
    super(ctx, parent, 'CommentReplyCollection', { type: 4, name: 'Replies' }, (p) => p, { requires: '1.10' });
  }

  override _itemTargets(target: Target, x: Exec): Target[] {
    const id = (target as CommentT).id;
    const at = x.state.commentById(id);
    if (!at) throw fakeError('ItemNotFound', 'CommentReplyCollection');
    return at.sheet.cells.get(at.key)!.comment!.replies.map((r) => ({ comment: id, id: r.id }) satisfies ReplyT);
  }

  override _makeItem(target: Target, index: number): FakeCommentReply {
    return new FakeCommentReply(this._ctx, this, { type: 5, name: '', args: [index] }, { target });
  }

  getCount(): FakeClientResult<number> {
    const r = new FakeClientResult<number>();
    this._call('getCount', [], (t, x) => this._itemTargets(t, x).length, r);
    return r;
  }
}

export class FakeCommentReply extends FakeClientObject {
  constructor(ctx: FakeRequestContext, parent: FakeClientObject, path: { type: number; name: string; args?: unknown[] }, opts: { target?: Target } = {}) {
    super(ctx, parent, 'CommentReply', path, null, { ...opts, requires: '1.10' });
  }

  override _scalarNames(): readonly string[] {
    return ['id', 'content', 'authorName'];
  }

  override _readScalar(name: string, target: Target, x: Exec): unknown {
    const t = target as ReplyT;
    const at = x.state.commentById(t.comment);
    const reply = at?.sheet.cells.get(at.key)?.comment?.replies.find((r) => r.id === t.id);
    if (!reply) throw fakeError('ItemNotFound', 'CommentReply');
    if (name === 'id') return reply.id;
    if (name === 'content') return reply.content;
    if (name === 'authorName') return reply.author;
    return super._readScalar(name, target, x);
  }

  get content(): string {
    return this._get('content');
  }

  get authorName(): string {
    return this._get('authorName');
  }
}
