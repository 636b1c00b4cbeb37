/**
 * 规则设置: the rule profile and the four options a county may set, applied as an override of the
 * chosen profile and saved with the workbook.
 */
import {
  Button,
  Field,
  makeStyles,
  Radio,
  RadioGroup,
  Select,
  SpinButton,
  Text,
  tokens,
  type SpinButtonOnChangeData,
} from '@fluentui/react-components';
import { useMemo } from 'react';
import { builtInProfile, builtInProfiles } from '../../domain/profile';
import { normaliseOptions, profileOptions, type DegreeCut, type IndoorRule, type PaneSettings, type ProfileOptions } from '../settings';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, minWidth: 0 },
  /** Long profile names must not widen the pane: the field's column may shrink below the select's text. */
  field: { gridTemplateColumns: 'minmax(0, 1fr)', minWidth: 0 },
  select: { width: '100%', minWidth: 0 },
  selectInner: { width: '100%', textOverflow: 'ellipsis' },
  note: { color: tokens.colorNeutralForeground2 },
  error: { color: tokens.colorPaletteRedForeground1 },
  overrides: { margin: 0, paddingLeft: tokens.spacingHorizontalL, fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
});

const PATH_LABELS: Record<string, string> = {
  'scope.teachingPointMinStudents': '教学点在校生人数下限',
  'scope.includePrivate': '民办学校纳入计算',
  primaryDegreeCut: '小学高于规定学历的起点',
  indoorSportsInR4: '室内体育用房面积计入方式',
};

function valueLabel(v: unknown): string {
  if (v === true) return '是';
  if (v === false) return '否';
  if (v === 'count-in-both') return '同时计入';
  if (v === 'subtract') return '扣除';
  return String(v);
}

export interface SettingsPanelProps {
  settings: PaneSettings;
  disabled: boolean;
  profileError: string | null;
  overrides: { path: string; national: unknown; value: unknown }[];
  onChange(next: PaneSettings): void;
  /** Where the settings are kept, as the host keeps them (TaskPaneProps.settingsNote). */
  note: string;
}

/**
 * The 教学点 minimum from the spin button: its step value, or the number typed (rounded, 0 to 1000). A box left
 * empty or holding no number gives null, and the value stays as it was (Number('') would be 0: every 教学点 counted).
 */
export function teachingPointFrom(d: Pick<SpinButtonOnChangeData, 'value' | 'displayValue'>): number | null {
  const typed = d.displayValue?.trim();
  const raw = d.value ?? (typed ? Number(typed) : NaN);
  if (raw === null || !Number.isFinite(raw)) return null;
  return Math.min(1000, Math.max(0, Math.round(raw)));
}

export function SettingsPanel({ settings, disabled, profileError, overrides, onChange, note }: SettingsPanelProps) {
  const s = useStyles();
  const profiles = useMemo(() => builtInProfiles(), []);
  const base = useMemo(() => builtInProfile(settings.profileId), [settings.profileId]);
  const shown: Required<ProfileOptions> = { ...profileOptions(base), ...settings.options };

  const setOption = (patch: ProfileOptions) =>
    onChange({ ...settings, options: normaliseOptions(base, { ...settings.options, ...patch }) });

  const onTeachingPoint = (_e: unknown, d: SpinButtonOnChangeData) => {
    const n = teachingPointFrom(d);
    if (n !== null) setOption({ teachingPointMinStudents: n });
  };

  return (
    <div className={s.root}>
      <Field label="规则配置" hint={base.description} className={s.field}>
        <Select
          className={s.select}
          select={{ className: s.selectInner, title: base.name }}
          value={settings.profileId}
          disabled={disabled}
          onChange={(_e, d) => onChange({ profileId: d.value, options: normaliseOptions(builtInProfile(d.value), settings.options) })}
        >
          {profiles.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="小学教学点：在校生少于多少人时不参与计算" hint={`所选规则为 ${base.scope.teachingPointMinStudents} 人；可填 0 至 1000 人，超出的按最近的一端计`} className={s.field}>
        <SpinButton value={shown.teachingPointMinStudents} min={0} max={1000} step={1} disabled={disabled} onChange={onTeachingPoint} />
      </Field>
      <Field label="民办学校" className={s.field}>
        <RadioGroup
          value={shown.includePrivate ? 'in' : 'out'}
          disabled={disabled}
          onChange={(_e, d) => setOption({ includePrivate: d.value === 'in' })}
          layout="horizontal"
        >
          <Radio value="in" label="纳入计算" />
          <Radio value="out" label="不纳入计算" />
        </RadioGroup>
      </Field>
      <Field label="小学专任教师“高于规定学历”" className={s.field}>
        <RadioGroup
          value={shown.primaryDegreeCut}
          disabled={disabled}
          onChange={(_e, d) => setOption({ primaryDegreeCut: d.value as DegreeCut })}
          layout="horizontal"
        >
          <Radio value="专科" label="专科及以上" />
          <Radio value="本科" label="本科及以上" />
        </RadioGroup>
      </Field>
      <Field label="室内体育用房面积" className={s.field}>
        <RadioGroup value={shown.indoorSportsInR4} disabled={disabled} onChange={(_e, d) => setOption({ indoorSportsInR4: d.value as IndoorRule })}>
          <Radio value="subtract" label="从教学及辅助用房面积中扣除后计算生均教学及辅助用房面积（国家标准）" />
          <Radio value="count-in-both" label="同时计入生均教学及辅助用房面积（旧口径）" />
        </RadioGroup>
      </Field>
      {profileError ? (
        <Text className={s.error} role="alert">
          {profileError}
        </Text>
      ) : null}
      {overrides.length ? (
        <div>
          <Text size={200} className={s.note}>
            与国家标准不同之处：
          </Text>
          <ul className={s.overrides}>
            {overrides.map((o) => (
              <li key={o.path}>
                {PATH_LABELS[o.path] ?? o.path}：{valueLabel(o.national)} → {valueLabel(o.value)}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <Text size={200} className={s.note}>
        {note}
      </Text>
      <Button
        size="small"
        disabled={disabled || Object.keys(settings.options).length === 0}
        onClick={() => onChange({ ...settings, options: {} })}
      >
        恢复为所选规则的默认值
      </Button>
    </div>
  );
}
