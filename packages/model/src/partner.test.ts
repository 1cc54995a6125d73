import { describe, expect, it } from 'vitest';
import { contrastRatio, parseHex } from './contrast.ts';
import { colourForId, PARTNER_COLOURS } from './partner.ts';

describe('PARTNER_COLOURS', () => {
  it('has twelve distinct hex colours', () => {
    expect(PARTNER_COLOURS).toHaveLength(12);
    for (const colour of PARTNER_COLOURS) expect(colour).toMatch(/^#[0-9A-F]{6}$/);
    for (let i = 0; i < PARTNER_COLOURS.length; i++) {
      for (let j = i + 1; j < PARTNER_COLOURS.length; j++) {
        const [a, b] = [parseHex(PARTNER_COLOURS[i]!), parseHex(PARTNER_COLOURS[j]!)];
        expect(Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2])).toBeGreaterThan(50);
      }
    }
  });

  it('keeps white labels and lines on a white board readable (WCAG AA)', () => {
    for (const colour of PARTNER_COLOURS)
      expect(contrastRatio(colour, '#FFFFFF')).toBeGreaterThanOrEqual(4.5);
  });
});

describe('colourForId', () => {
  it('is stable across calls and releases', () => {
    expect(colourForId('partner-1')).toBe(colourForId('partner-1'));
    // Pinned: changing the hash would recolour everyone in running sessions.
    expect(['', 'a', 'partner-1', 'gemeente'].map(colourForId)).toEqual(
      ['', 'a', 'partner-1', 'gemeente'].map((id) => PARTNER_COLOURS[fnvReference(id) % 12]),
    );
    expect(colourForId('')).toBe(PARTNER_COLOURS[0x811c9dc5 % 12]);
    expect(colourForId('partner-1')).toBe('#455A64');
    expect(colourForId('gemeente')).toBe('#4D7A00');
  });

  it('spreads ids over all colours', () => {
    const used = new Set(Array.from({ length: 200 }, (_, i) => colourForId(`user-${i}`)));
    expect(used.size).toBe(12);
  });
});

// Independent FNV-1a over UTF-8 bytes, which equals UTF-16 code units for ASCII ids.
function fnvReference(text: string): number {
  let hash = 2166136261n;
  for (const byte of new TextEncoder().encode(text)) {
    hash = ((hash ^ BigInt(byte)) * 16777619n) % 2n ** 32n;
  }
  return Number(hash);
}
