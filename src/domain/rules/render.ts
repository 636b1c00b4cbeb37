/**
 * The one place where rule messages become words: placeholders {{name}} or {{name|format}} are filled
 * from the applied profile when `name` is a profile value of the rule, else from the message's data.
 * No sentence of the product carries a number of the standard: it carries a placeholder.
 */
import type { Profile } from '../profile';
import type { MessageParams, RuleBase, ValueFormat } from './types';

function trim(s: string): string {
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

/** A value as printed in the standard: 4.5, 2000, 0.15 (no float noise, no trailing zeros). */
export function plainNumber(x: number): string {
  return trim(String(Number(x.toPrecision(12))));
}

export function formatValue(v: unknown, format: ValueFormat = 'num'): string {
  if (typeof v !== 'number') return String(v);
  if (format === 'pct') return `${Number((v * 100).toFixed(4))}%`;
  // At least one decimal (100.0%, beside a value shown so), more when the value has them: a province's 99.95 %
  // must not read 100.0 %, nor its 97.55 % read 97.5 %.
  if (format === 'pct1') {
    const p = Number((v * 100).toFixed(4));
    return Number.isInteger(p) ? `${p.toFixed(1)}%` : `${p}%`;
  }
  return plainNumber(v);
}

const PLACEHOLDER = /\{\{([^}|]+)(?:\|([a-z0-9]+))?\}\}/g;

/** Fills a template of `rule`: profile values first, then data. A placeholder left unfilled is an error. */
export function fill(rule: Pick<RuleBase, 'id' | 'profile'>, template: string, profile: Profile, params: MessageParams = {}): string {
  return template.replace(PLACEHOLDER, (_, name: string, format: string | undefined) => {
    const pv = rule.profile[name];
    if (pv) return formatValue(pv.get(profile), (format as ValueFormat | undefined) ?? pv.format);
    if (name in params) {
      const v = params[name];
      return format ? formatValue(v, format as ValueFormat) : String(v);
    }
    throw new Error(`rule ${rule.id}: no value for {{${name}}}`);
  });
}

/** The words of message `id` of `rule` under `profile`. */
export function renderMessage(rule: RuleBase, id: string, profile: Profile, params: MessageParams = {}): string {
  const template = rule.messages[id];
  if (template === undefined) throw new Error(`rule ${rule.id}: no message ${id}`);
  return fill(rule, template, profile, params);
}
