/**
 * G3 音乐、美术专用教室 reads the profile's room areas (issue 12). The template counts the rooms of at
 * least 96 / 90 ㎡ beside the totals: under another area those columns bound the rooms that meet it.
 */
import { NATIONAL, resolveProfile, type ResolvedProfile } from '../../../src/domain/profile';
import { COLUMN_AREA } from '../../../src/domain/rules/g3-music-art-rooms';
import { analyse } from '../../../src/report/build';
import type { ReportItem } from '../../../src/report/types';
import { toCellGrids } from '../../helpers/county-model';
import { TemplateBuilder } from '../../helpers/template-builder';

const S1 = '0360000001'; // 城关小学: 24 classes → 2 rooms of each needed
const music = (area: number) => resolveProfile({ id: 'm', name: '音乐教室面积', items: { G3: { musicRoomArea: area } } });

function g3(b: TemplateBuilder, p: ResolvedProfile): ReportItem {
  const r = analyse(toCellGrids(b.grids()), p);
  if (!r.ok) throw new Error(r.fatal.message);
  return r.analysis.report.items.find((i) => i.id === 'G3')!;
}

const REQ80 = '每12个班级配备音乐、美术专用教室1间以上，其中音乐教室面积不小于80㎡、美术教室面积不小于90㎡';

describe('G3 under the profile\'s room areas', () => {
  it('the template columns are defined at 96 and 90 ㎡, the national areas', () => {
    expect(COLUMN_AREA).toEqual({ music: NATIONAL.items.G3.musicRoomArea, art: NATIONAL.items.G3.artRoomArea });
  });

  it('national: 1 room of at least 96 ㎡ out of 3 fails (the count is the rooms that meet the area)', () => {
    const b = TemplateBuilder.base().setSchool(S1, { musicRooms: 3, musicRooms96: 1 });
    expect(g3(b, NATIONAL)).toMatchObject({ passes: false, message: expect.stringContaining('城关小学需2间，达标音乐教室1间、美术教室2间') });
  });

  it('a smaller area (80 ㎡): the rooms of at least 96 ㎡ meet it, so 2 of them pass', () => {
    expect(g3(TemplateBuilder.base(), music(80))).toMatchObject({ passes: true, message: `达标：${REQ80}` });
  });

  it('a smaller area: 1 room of 96 ㎡ and 3 rooms in all cannot decide: 无法评估, saying why', () => {
    const b = TemplateBuilder.base().setSchool(S1, { musicRooms: 3, musicRooms96: 1 });
    expect(g3(b, music(80))).toMatchObject({
      passes: null,
      message: `无法评估：${REQ80}。城关小学需2间：模板统计的是面积不小于96㎡的音乐专用教室，不能判断面积不小于80㎡的是否够2间`,
      cells: [],
    });
  });

  it('a smaller area: 1 room in all fails, whatever its area', () => {
    const b = TemplateBuilder.base().setSchool(S1, { musicRooms: 1, musicRooms96: 1 });
    expect(g3(b, music(80))).toMatchObject({ passes: false, message: `未达标：${REQ80}。城关小学需2间，达标音乐教室1间、美术教室2间` });
  });

  it('a larger area (100 ㎡): too few rooms of 96 ㎡ fail; enough of them cannot decide', () => {
    const req = REQ80.replace('80㎡', '100㎡');
    const fewer = TemplateBuilder.base().setSchool(S1, { musicRooms: 2, musicRooms96: 1 });
    expect(g3(fewer, music(100))).toMatchObject({ passes: false, message: `未达标：${req}。城关小学需2间，达标音乐教室1间、美术教室2间` });
    const enough = g3(TemplateBuilder.base(), music(100));
    expect(enough.passes).toBeNull();
    expect(enough.message).toMatch(new RegExp(`^无法评估：${req}。城关小学需2间：模板统计的是面积不小于96㎡的音乐专用教室，不能判断面积不小于100㎡的是否够2间；城关初中需2间`));
  });

  it('the art room area likewise', () => {
    const p = resolveProfile({ id: 'a', name: '美术教室面积', items: { G3: { artRoomArea: 120 } } });
    const b = TemplateBuilder.base().setSchool(S1, { artRooms: 2, artRooms90: 1 });
    expect(g3(b, p)).toMatchObject({ passes: false, message: expect.stringContaining('美术教室面积不小于120㎡。城关小学需2间，达标音乐教室2间、美术教室1间') });
  });
});
