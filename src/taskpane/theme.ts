/** Fluent theme from the Office theme: dark when Office says so (or its body colour is dark). */
import { webDarkTheme, webLightTheme, type Theme } from '@fluentui/react-components';

/** Chinese system fonts after Segoe UI (no web font is ever downloaded). */
const FONT_BASE =
  "'Segoe UI', 'Microsoft YaHei UI', 'Microsoft YaHei', 'PingFang SC', 'Hiragino Sans GB', 'Noto Sans CJK SC', 'Source Han Sans SC', -apple-system, BlinkMacSystemFont, Roboto, 'Helvetica Neue', sans-serif";

export const lightTheme: Theme = { ...webLightTheme, fontFamilyBase: FONT_BASE };
export const darkTheme: Theme = { ...webDarkTheme, fontFamilyBase: FONT_BASE };

/** Relative luminance of #RRGGBB (0 black … 1 white), or null. */
export function luminance(hex: string | undefined): number | null {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex ?? '');
  if (!m) return null;
  const [r, g, b] = [m[1], m[2], m[3]].map((h) => {
    const c = parseInt(h, 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** Whether Office shows a dark theme; false outside Office or on clients without officeTheme. */
export function officeIsDark(): boolean {
  try {
    const t = typeof Office !== 'undefined' ? Office.context?.officeTheme : undefined;
    if (!t) return false;
    if (typeof t.isDarkTheme === 'boolean') return t.isDarkTheme;
    const l = luminance(t.bodyBackgroundColor);
    return l !== null && l < 0.2;
  } catch {
    return false;
  }
}

export function officeTheme(): Theme {
  return officeIsDark() ? darkTheme : lightTheme;
}
