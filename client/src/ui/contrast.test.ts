/**
 * Every colour pair our UI and shapes show text or marks in, read from the real palette (the CSS
 * custom properties in styles.css and the model's colours), meets WCAG AA: 4.5:1 for text, 3:1 for
 * the focus ring and other non-text marks.
 */
import { readFileSync } from 'node:fs';
import { BUILT_IN_BEHAVIOURS, contrastRatio, PARTNER_COLOURS } from '@patroonkaart/model';

import { describe, expect, it } from 'vitest';

const css = readFileSync(new URL('../styles.css', import.meta.url), 'utf8');
const variable = (name: string) => {
  const m = new RegExp(`--${name}:\\s*(#[0-9a-fA-F]{6})`).exec(css);
  if (!m) throw new Error(`--${name} not in styles.css`);
  return m[1]!;
};

describe('colour contrast of the palette', () => {
  it('keeps every text colour at 4.5:1 on the surfaces it is shown on', () => {
    const ink = variable('pk-ink');
    const muted = variable('pk-muted');
    const accent = variable('pk-accent');
    const danger = variable('pk-danger');
    const paper = variable('pk-paper');
    const bg = variable('pk-bg');
    const pairs: [string, string, string][] = [
      ['ink on paper', ink, paper],
      ['ink on the page background', ink, bg],
      ['muted text on paper', muted, paper],
      ['muted text on the page background', muted, bg],
      ['accent text on paper', accent, paper],
      ['button text on the accent', variable('pk-accent-ink'), accent],
      ['danger text on paper', danger, paper],
      ['current round (ink on its tint)', ink, '#e8f1f8'],
      ['role chip (accent on its tint)', accent, '#e6eef5'],
      ['notice (ink on its yellow)', ink, '#fff8e1'],
      ['error notice (ink on its red tint)', ink, '#fdecea'],
    ];
    for (const [what, fg, back] of pairs) expect(contrastRatio(fg, back), what).toBeGreaterThanOrEqual(4.5);
  });

  it('puts white text on every organisation colour and dark ink on every behaviour tint at 4.5:1', () => {
    for (const colour of PARTNER_COLOURS)
      expect(contrastRatio('#ffffff', colour), colour).toBeGreaterThanOrEqual(4.5);
    for (const b of BUILT_IN_BEHAVIOURS)
      expect(contrastRatio(variable('pk-ink'), b.colour), b.name).toBeGreaterThanOrEqual(4.5);
  });

  it('draws the focus ring and organisation badges at 3:1 against paper', () => {
    const ring = /:focus-visible\s*\{[^}]*outline:\s*\d+px solid (#[0-9a-fA-F]{6})/.exec(css)?.[1];
    expect(ring).toBeTruthy();
    expect(contrastRatio(ring!, variable('pk-paper'))).toBeGreaterThanOrEqual(3);
    for (const colour of PARTNER_COLOURS)
      expect(contrastRatio(colour, variable('pk-paper')), colour).toBeGreaterThanOrEqual(3);
  });
});
