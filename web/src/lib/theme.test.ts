import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { theme } from 'antd';
import { contrastRatio } from './contrast.ts';
import { BASE_FONT_SIZE, LARGE_FONT_SIZE, PALETTE, themeFor } from './theme.ts';

/** An antd colour (#rgb, #rrggbb, rgba(...)) laid over an opaque background, as #rrggbb. */
function flatten(color: string, background: string): string {
  const rgba = color.match(/^rgba?\(\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*(?:,\s*([\d.]+)\s*)?\)$/);
  if (!rgba) return color.length === 4 ? `#${[...color.slice(1)].map((c) => c + c).join('')}` : color;
  const alpha = rgba[4] === undefined ? 1 : Number(rgba[4]);
  const bg = [1, 3, 5].map((i) => parseInt(background.slice(i, i + 2), 16));
  return `#${[1, 2, 3]
    .map((i, k) => Math.round(Number(rgba[i]) * alpha + (bg[k] as number) * (1 - alpha)))
    .map((v) => v.toString(16).padStart(2, '0'))
    .join('')}`;
}

const WHITE = '#ffffff';
const BACKGROUNDS = [WHITE, PALETTE.pageBackground, '#fafafa', '#f5f5f5'];

describe('theme contrast (WCAG 2.0 AA, GB/T 37668-2019)', () => {
  for (const large of [false, true]) {
    const token = theme.getDesignToken(themeFor(large)) as unknown as Record<string, string>;
    const mode = large ? 'larger text' : 'normal text';

    it(`${mode}: every text colour reaches 4.5:1 on white, the page grey and antd's light greys`, () => {
      const textTokens = [
        'colorText', 'colorTextSecondary', 'colorTextTertiary', 'colorTextQuaternary', 'colorTextPlaceholder',
        'colorTextDescription', 'colorTextHeading', 'colorTextLabel', 'colorLink', 'colorLinkHover', 'colorLinkActive',
        'colorPrimary', 'colorPrimaryText', 'colorSuccessText', 'colorErrorText', 'colorWarningText', 'colorInfoText',
        'colorSuccess', 'colorError', 'colorWarning', 'colorIcon',
      ];
      for (const name of textTokens) {
        for (const background of BACKGROUNDS) {
          const ratio = contrastRatio(flatten(token[name] as string, background), background);
          assert.ok(ratio >= 4.5, `${name} ${token[name]} on ${background}: ${ratio.toFixed(2)}:1`);
        }
      }
    });

    it(`${mode}: disabled text stays readable (4.5:1) on the disabled background`, () => {
      const background = flatten(token.colorBgContainerDisabled as string, WHITE);
      const ratio = contrastRatio(flatten(token.colorTextDisabled as string, background), background);
      assert.ok(ratio >= 4.5, `colorTextDisabled on ${background}: ${ratio.toFixed(2)}:1`);
    });

    it(`${mode}: status text on its own light background (alerts, tags) reaches 4.5:1`, () => {
      for (const kind of ['Primary', 'Success', 'Error', 'Warning', 'Info']) {
        const background = flatten(token[`color${kind}Bg`] as string, WHITE);
        const text = token[`color${kind}Text`];
        const ratio = contrastRatio(flatten(text as string, background), background);
        assert.ok(ratio >= 4.5, `color${kind}Text on color${kind}Bg ${background}: ${ratio.toFixed(2)}:1`);
        const onDefault = contrastRatio(flatten(token.colorText as string, background), background);
        assert.ok(onDefault >= 4.5, `colorText on color${kind}Bg: ${onDefault.toFixed(2)}:1`);
      }
    });

    it(`${mode}: white text on primary, hover, active and danger buttons reaches 4.5:1`, () => {
      for (const name of ['colorPrimary', 'colorPrimaryHover', 'colorPrimaryActive', 'colorError', 'colorErrorHover', 'colorErrorActive', 'colorSuccess']) {
        const ratio = contrastRatio(flatten(token.colorTextLightSolid as string, WHITE), token[name] as string);
        assert.ok(ratio >= 4.5, `white on ${name} ${token[name]}: ${ratio.toFixed(2)}:1`);
      }
    });

    it(`${mode}: input and control borders reach 3:1 (UI components)`, () => {
      for (const background of BACKGROUNDS) {
        const ratio = contrastRatio(flatten(token.colorBorder as string, background), background);
        assert.ok(ratio >= 3, `colorBorder on ${background}: ${ratio.toFixed(2)}:1`);
      }
    });
  }

  it('the header gradient and the navigation bar carry white text at 4.5:1, and the light focus ring at 3:1', () => {
    for (const background of [PALETTE.headerStart, PALETTE.primary, PALETTE.navBar]) {
      assert.ok(contrastRatio(WHITE, background) >= 4.5, `white on ${background}`);
      assert.ok(contrastRatio(PALETTE.focusRingOnDark, background) >= 3, `focus ring on ${background}`);
    }
  });

  it('the focus ring reaches 3:1 against white and the page grey', () => {
    for (const background of BACKGROUNDS) {
      const ratio = contrastRatio(PALETTE.focusRing, background);
      assert.ok(ratio >= 3, `focus ring on ${background}: ${ratio.toFixed(2)}:1`);
    }
  });

  it('larger text scales the font size and the controls', () => {
    const normal = theme.getDesignToken(themeFor(false));
    const large = theme.getDesignToken(themeFor(true));
    assert.equal(normal.fontSize, BASE_FONT_SIZE);
    assert.equal(large.fontSize, LARGE_FONT_SIZE);
    assert.ok(large.fontSizeHeading1 > normal.fontSizeHeading1);
    assert.ok(large.controlHeight > normal.controlHeight);
  });

  it('the contrast computation matches known WCAG values', () => {
    assert.equal(contrastRatio('#000000', '#ffffff').toFixed(1), '21.0');
    assert.equal(contrastRatio('#767676', '#ffffff').toFixed(2), '4.54');
    assert.equal(contrastRatio('#ffffff', '#ffffff'), 1);
    assert.throws(() => contrastRatio('blue', '#fff'));
  });
});
