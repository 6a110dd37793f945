/**
 * The Ant Design theme of the portal and the back office (issue 23.1): colours chosen so that
 * text reaches 4.5:1 and UI component boundaries 3:1 against white, the grey page background
 * and the header's blue (web/src/lib/theme.test.ts computes the ratios), and the larger-text
 * mode (适老化) scaling every size antd derives from the font size and control height.
 */
import type { ThemeConfig } from 'antd';

/** Colours the frame's own CSS uses too (portal.css, admin.css, a11y.css): keep them in step. */
export const PALETTE = {
  primary: '#0958d9',
  primaryHover: '#003eb3',
  primaryActive: '#002c8c',
  /** The header's gradient runs from headerStart to primary; white text on both. */
  headerStart: '#0b4fa0',
  /** The main navigation bar. */
  navBar: '#001529',
  pageBackground: '#f0f2f5',
  focusRing: '#0958d9',
  focusRingOnDark: '#ffffff',
} as const;

const COLOR_TOKENS = {
  colorPrimary: PALETTE.primary,
  colorPrimaryHover: PALETTE.primaryHover,
  colorPrimaryActive: PALETTE.primaryActive,
  colorInfo: PALETTE.primary,
  colorLink: PALETTE.primary,
  colorLinkHover: PALETTE.primaryHover,
  colorLinkActive: PALETTE.primaryActive,
  colorSuccess: '#237804',
  colorError: '#cf1322',
  colorErrorHover: '#a8071a',
  colorErrorActive: '#820014',
  colorWarning: '#ad4e00',
  // antd derives the light backgrounds from the seed; dark seeds give muddy ones, so they are named.
  colorSuccessBg: '#f6ffed',
  colorSuccessBorder: '#b7eb8f',
  colorWarningBg: '#fff7e6',
  colorWarningBorder: '#ffd591',
  colorText: '#1f1f1f',
  colorTextSecondary: '#595959',
  colorTextTertiary: '#666666',
  colorTextQuaternary: '#6e6e6e',
  colorTextDescription: '#595959',
  colorTextPlaceholder: '#666666',
  colorTextDisabled: '#6e6e6e',
  colorTextHeading: '#1f1f1f',
  colorTextLabel: '#595959',
  colorIcon: '#595959',
  colorIconHover: '#1f1f1f',
  /** Borders of inputs, selects, checkboxes and default buttons: 3:1 (WCAG 1.4.11). */
  colorBorder: '#858585',
  colorBgLayout: PALETTE.pageBackground,
} as const;

export const BASE_FONT_SIZE = 14;
export const LARGE_FONT_SIZE = 18;

export function themeFor(large: boolean): ThemeConfig {
  return {
    token: {
      ...COLOR_TOKENS,
      fontSize: large ? LARGE_FONT_SIZE : BASE_FONT_SIZE,
      ...(large ? { controlHeight: 40, lineWidthFocus: 3 } : {}),
    },
    components: {
      Menu: {
        // The dark horizontal/vertical menus: unselected items at full white would do too, but 0.85 keeps the look (≥ 12:1).
        darkItemColor: 'rgba(255,255,255,0.85)',
        itemColor: '#1f1f1f',
        itemSelectedColor: PALETTE.primaryHover,
        itemDisabledColor: '#6e6e6e',
      },
      Tabs: { itemColor: '#1f1f1f' },
      Segmented: { itemColor: '#595959' },
    },
  };
}
