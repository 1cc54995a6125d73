import { describe, expect, it } from 'vitest';
import { safeEqual } from './safeEqual.ts';

describe('safeEqual', () => {
  it('is true only for the same string, whatever the lengths', () => {
    expect(safeEqual('sesam-open-u', 'sesam-open-u')).toBe(true);
    expect(safeEqual('sesam', 'sesam-open-u')).toBe(false);
    expect(safeEqual('', 'sesam-open-u')).toBe(false);
    expect(safeEqual('sesam-open-u-en-nog-veel-langer', 'sesam-open-u')).toBe(false);
    expect(safeEqual('Sesam-open-u', 'sesam-open-u')).toBe(false);
    expect(safeEqual('ç', 'ç')).toBe(true);
  });
});
