/**
 * G3 音乐、美术专用教室 (standard §6 政府保障程度(3); 表Ⅳ-3): per school, ceil(classes ÷ classesPerRoom)
 * rooms of each, each room of at least musicRoomArea / artRoomArea ㎡.
 *
 * The template counts the rooms by area in fixed columns: 「其中面积不小于96㎡的音乐专用教室数」 and
 * 「其中面积不小于90㎡的美术专用教室数」 (COLUMN_AREA), beside the totals 「音乐/美术专用教室数」. Under the
 * national areas the count is the rooms that meet the area. Under another area the columns bound it:
 * a smaller area is met by at least the counted rooms and at most all the rooms; a larger one by at most
 * the counted rooms. The verdict is given when the bounds decide it (too few even at most: fails; enough
 * at least: passes); otherwise the item is 无法评估, and the message says why.
 */
import type { School, StageRow } from '../model';
import { blocked, compulsorySchools, lacksRows, num, PASS, rnum, rref, schoolIn, sref, stageIn, stageRowsOf, typeUnknown, type Check, type ItemRule } from './item-kit';
import type { CellRef } from '../refs';

/** The area (㎡) the template's count columns are defined with (their headers, src/domain/columns.ts). */
export const COLUMN_AREA = { music: 96, art: 90 } as const;

type Kind = 'music' | 'art';
const COUNT: Record<Kind, 'musicRooms96' | 'artRooms90'> = { music: 'musicRooms96', art: 'artRooms90' };
const TOTAL: Record<Kind, 'musicRooms' | 'artRooms'> = { music: 'musicRooms', art: 'artRooms' };

/**
 * The rooms of a kind that meet `area`, as bounds: at most (high) and at least (low); null when the
 * count cell is blank or has an error.
 */
function mostMeeting(s: School, kind: Kind, area: number): number | null {
  const counted = num(s, COUNT[kind]);
  if (counted === null || area >= COLUMN_AREA[kind]) return counted;
  const total = num(s, TOTAL[kind]);
  return total === null ? Infinity : Math.max(total, counted);
}
function leastMeeting(s: School, kind: Kind, area: number): number | null {
  const counted = num(s, COUNT[kind]);
  return counted === null || area <= COLUMN_AREA[kind] ? counted : 0;
}

/** How the rooms of a kind that meet `area` compare with `need`: enough even at least, too few even at most, undecided between, or no count. */
function roomStatus(s: School, kind: Kind, area: number, need: number): 'enough' | 'short' | 'undecided' | 'none' {
  const high = mostMeeting(s, kind, area);
  if (high === null) return 'none';
  if (high < need) return 'short';
  return leastMeeting(s, kind, area)! < need ? 'undecided' : 'enough';
}

/** The rooms of a kind as a failure shows them: the bound that decides, or 未填. */
function shownRooms(s: School, kind: Kind, area: number, need: number): string {
  const high = mostMeeting(s, kind, area);
  if (high === null) return '未填';
  return String(high < need ? high : leastMeeting(s, kind, area));
}

export const G3: ItemRule = {
  id: 'G3', name: '音乐、美术专用教室配备', category: '政府保障程度', kind: 'computed', schoolBased: true,
  source: '教督〔2017〕6号 政府保障程度(3)',
  profile: {
    classesPerRoom: { path: 'items.G3.classesPerRoom', get: (p) => p.items.G3.classesPerRoom },
    musicRoomArea: { path: 'items.G3.musicRoomArea', get: (p) => p.items.G3.musicRoomArea },
    artRoomArea: { path: 'items.G3.artRoomArea', get: (p) => p.items.G3.artRoomArea },
  },
  inputs: [stageIn('classes', '个', true), schoolIn('musicRooms96', '间', true), schoolIn('artRooms90', '间', true), schoolIn('musicRooms', '间', true), schoolIn('artRooms', '间', true)],
  literals: [1],
  messages: {
    requirement: '每{{classesPerRoom}}个班级配备音乐、美术专用教室1间以上，其中音乐教室面积不小于{{musicRoomArea}}㎡、美术教室面积不小于{{artRoomArea}}㎡',
    form: '所有小学、初中每{{classesPerRoom}}个班级配备音乐、美术专用教室1间以上；其中，每间音乐专用教室面积不小于{{musicRoomArea}}平方米，每间美术专用教室面积不小于{{artRoomArea}}平方米',
    fail: '{{school}}需{{need}}间，达标音乐教室{{music}}间、美术教室{{art}}间',
    'undecided-music': '{{school}}需{{need}}间：模板统计的是面积不小于{{columnArea}}㎡的音乐专用教室，不能判断面积不小于{{musicRoomArea}}㎡的是否够{{need}}间',
    'undecided-art': '{{school}}需{{need}}间：模板统计的是面积不小于{{columnArea}}㎡的美术专用教室，不能判断面积不小于{{artRoomArea}}㎡的是否够{{need}}间',
  },
  checks: (ctx) => {
    const out = typeUnknown(ctx);
    const g3 = ctx.profile.items.G3;
    const area: Record<Kind, number> = { music: g3.musicRoomArea, art: g3.artRoomArea };
    for (const s of compulsorySchools(ctx)) out.push(schoolCheck(s, stageRowsOf(ctx, s), lacksRows(ctx, s), g3.classesPerRoom, area));
    return out;
  },
};

const UNDECIDED_ID: Record<Kind, string> = { music: 'undecided-music', art: 'undecided-art' };

/**
 * One school's check (run for every school, twice per validation: keep it light; objects are made only
 * for a check that does not pass). `rowMissing`: a 学段 row its type needs is missing.
 */
function schoolCheck(s: School, rows: readonly StageRow[], rowMissing: boolean, classesPerRoom: number, area: Record<Kind, number>): Check {
  if (rowMissing && rows.length === 0) return blocked([sref(s, 'code')]);
  let badClasses: CellRef[] | null = null;
  let classes = 0;
  for (const r of rows) {
    const c = rnum(r, 'classes');
    if (c === null) (badClasses ??= []).push(rref(r, 'classes'));
    else classes += c;
  }
  if (badClasses) return blocked(badClasses);
  const need = Math.ceil(classes / classesPerRoom);
  const music = roomStatus(s, 'music', area.music, need);
  const art = roomStatus(s, 'art', area.art, need);
  if (music === 'short' || art === 'short') {
    const failing: CellRef[] = [];
    if (music === 'short') failing.push(sref(s, COUNT.music));
    if (art === 'short') failing.push(sref(s, COUNT.art));
    const params = { school: s.name, need, music: shownRooms(s, 'music', area.music, need), art: shownRooms(s, 'art', area.art, need) };
    return { outcome: 'fail', refs: failing, detail: { id: 'fail', params } };
  }
  if (rowMissing) return blocked([sref(s, 'code')]);
  if (s.bad.has('musicRooms96') || s.bad.has('artRooms90')) return blocked((['musicRooms96', 'artRooms90'] as const).filter((f) => s.bad.has(f)).map((f) => sref(s, f)));
  // No count has an error here: a kind without a count is blank.
  if (music === 'none' || art === 'none') {
    const blank: CellRef[] = [];
    if (music === 'none') blank.push(sref(s, COUNT.music));
    if (art === 'none') blank.push(sref(s, COUNT.art));
    return { outcome: 'blank', refs: blank };
  }
  const undecided: Kind | null = music === 'undecided' ? 'music' : art === 'undecided' ? 'art' : null;
  if (undecided) return { outcome: 'undecided', refs: [sref(s, COUNT[undecided])], detail: { id: UNDECIDED_ID[undecided], params: { school: s.name, need, columnArea: COLUMN_AREA[undecided] } } };
  return PASS;
}
