import { describe, expect, it } from 'vitest';
import { exportFileName, slugify } from './slug.ts';

describe('slugify', () => {
  it.each([
    ['Structuur lost alles op', 'structuur-lost-alles-op'],
    ['Coördinatie', 'coordinatie'],
    ['Casuïstiek & hiërarchische ‘slagbomen’!', 'casuistiek-hierarchische-slagbomen'],
    ['  --Wat neem je mee?--  ', 'wat-neem-je-mee'],
    ['IJsselmonde — Zorg- en Veiligheidshuis', 'ijsselmonde-zorg-en-veiligheidshuis'],
    ['Ĳzer', 'ijzer'],
    ['2026: ronde 2', '2026-ronde-2'],
  ])('%j -> %j', (text, slug) => {
    expect(slugify(text)).toBe(slug);
  });

  it('falls back when nothing usable is left', () => {
    expect(slugify('')).toBe('patroonkaart');
    expect(slugify('“…”')).toBe('patroonkaart');
    expect(slugify('中文')).toBe('patroonkaart');
  });

  it('caps at 60 characters without a trailing dash', () => {
    const slug = slugify(`${'a'.repeat(59)} b`);
    expect(slug).toBe('a'.repeat(59));
    expect(slugify('woord '.repeat(30)).length).toBeLessThanOrEqual(60);
    expect(slugify('woord '.repeat(30))).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });
});

describe('exportFileName', () => {
  it('joins slug, local date and extension', () => {
    // Constructed in local time, so the expectation holds in every time zone.
    const date = new Date(2026, 10, 23, 23, 59);
    expect(exportFileName('Structuur lost alles op', date, 'png')).toBe(
      'structuur-lost-alles-op-2026-11-23.png',
    );
    expect(exportFileName('Van niemand en toch van iedereen', new Date(2027, 0, 5, 0, 1), '.SVG')).toBe(
      'van-niemand-en-toch-van-iedereen-2027-01-05.svg',
    );
    expect(exportFileName('', date, 'json')).toBe('patroonkaart-2026-11-23.json');
  });

  it('rejects an invalid date or extension', () => {
    expect(() => exportFileName('x', new Date(Number.NaN), 'png')).toThrow(RangeError);
    expect(() => exportFileName('x', new Date(2026, 0, 1), '')).toThrow(RangeError);
    expect(() => exportFileName('x', new Date(2026, 0, 1), 'p/ng')).toThrow(RangeError);
  });
});
