/**
 * The 学校 view's coloured value cells (11 px text) in both themes the pane uses: text against its background at
 * WCAG AA's 4.5:1 or more. The colours are Fluent's own theme values for the tokens the view names.
 */
import { webDarkTheme, webLightTheme, type Theme } from '@fluentui/react-components';
import { TONE_COLORS } from '../../src/taskpane/components/SchoolsView';

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}

describe.each([
  ['light', webLightTheme],
  ['dark', webDarkTheme],
])('the %s theme', (_name, theme: Theme) => {
  it.each(Object.entries(TONE_COLORS))('%s cells read at 4.5:1 or more', (_tone, { background, text }) => {
    expect(contrast(theme[text], theme[background])).toBeGreaterThanOrEqual(4.5);
  });
});

it('the contrast formula gives WCAG’s figures', () => {
  expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
  // the pair the review measured in the dark theme before the change
  expect(contrast('#e9835e', '#4c4400')).toBeCloseTo(3.69, 2);
});
