/** The pane's settings: stored with the workbook, read back defensively, applied as a profile override. */
import { builtInProfile } from '../../src/domain/profile';
import { teachingPointFrom } from '../../src/taskpane/components/SettingsPanel';
import { effectiveProfile, fromStored, normaliseOptions, profileOptions, toStored } from '../../src/taskpane/settings';

describe('pane settings', () => {
  test('no options: the built-in profile itself', () => {
    const p = effectiveProfile({ profileId: 'primary-bachelor', options: {} });
    expect(p.id).toBe('primary-bachelor');
    expect(p).toEqual(builtInProfile('primary-bachelor'));
  });

  test('options extend the chosen profile and are listed as overrides of the national one', () => {
    const p = effectiveProfile({
      profileId: 'strict-scope',
      options: { teachingPointMinStudents: 30, primaryDegreeCut: '本科' },
    });
    expect(p.scope).toEqual({ teachingPointMinStudents: 30, includePrivate: false });
    expect(p.primaryDegreeCut).toBe('本科');
    expect(p.indoorSportsInR4).toBe('subtract');
    expect(p.name).toContain('本工作簿调整');
    expect(p.overrides.map((o) => o.path).sort()).toEqual(['primaryDegreeCut', 'scope.includePrivate', 'scope.teachingPointMinStudents']);
  });

  test('options equal to the profile are dropped', () => {
    const base = builtInProfile('national');
    expect(normaliseOptions(base, profileOptions(base))).toEqual({});
    expect(normaliseOptions(base, { includePrivate: false })).toEqual({ includePrivate: false });
  });

  test('stored and read back unchanged', () => {
    const s = { profileId: 'strict-scope', options: { teachingPointMinStudents: 20, indoorSportsInR4: 'count-in-both' as const } };
    expect(fromStored(JSON.parse(JSON.stringify(toStored(s))))).toEqual({ settings: s, warning: null });
  });

  test('nothing stored: the national standard', () => {
    expect(fromStored(null)).toEqual({ settings: { profileId: 'national', options: {} }, warning: null });
  });

  test('unusable stored values fall back with a Chinese note', () => {
    const r = fromStored({ profile: 'hebei-2030', options: { teachingPointMinStudents: -3, includePrivate: 'yes', primaryDegreeCut: '硕士', indoorSportsInR4: 1 } });
    expect(r.settings).toEqual({ profileId: 'national', options: {} });
    expect(r.warning).toMatch(/hebei-2030/);
    expect(r.warning).toMatch(/教学点/);
    expect(r.warning).toMatch(/民办/);
    expect(r.warning).toMatch(/学历/);
    expect(r.warning).toMatch(/室内体育/);
  });

  test('a stored 教学点 minimum above the spin button\'s 1000 (a profile\'s range) is ignored with the note, 1000 kept', () => {
    expect(fromStored({ profile: 'national', options: { teachingPointMinStudents: 1500 } })).toEqual({
      settings: { profileId: 'national', options: {} },
      warning: expect.stringContaining('保存的教学点人数下限无效，已忽略'),
    });
    const kept = fromStored({ profile: 'national', options: { teachingPointMinStudents: 1000 } });
    expect([kept.settings.options.teachingPointMinStudents, effectiveProfile(kept.settings).scope.teachingPointMinStudents]).toEqual([1000, 1000]);
  });
});

describe('the 教学点 spin button', () => {
  it('takes the step value or the number typed, rounded into 0–1000; an empty box changes nothing', () => {
    expect(teachingPointFrom({ value: 60 })).toBe(60);
    expect(teachingPointFrom({ value: undefined, displayValue: ' 45.6 ' })).toBe(46);
    expect(teachingPointFrom({ value: undefined, displayValue: '5000' })).toBe(1000);
    expect(teachingPointFrom({ value: undefined, displayValue: '-3' })).toBe(0);
    expect(teachingPointFrom({ value: undefined, displayValue: '' })).toBeNull();
    expect(teachingPointFrom({ value: undefined, displayValue: '   ' })).toBeNull();
    expect(teachingPointFrom({ value: undefined, displayValue: '五十' })).toBeNull();
    expect(teachingPointFrom({ value: null, displayValue: '' })).toBeNull();
  });
});
