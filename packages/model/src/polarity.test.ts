import { describe, expect, it } from 'vitest';
import { arrowLabel, loopType } from './polarity.ts';

describe('loop type from polarities', () => {
  it('calls a loop reinforcing with an even number of minus signs, balancing with an odd one', () => {
    expect(loopType(['+', '+', '+'])).toBe('R');
    expect(loopType(['+', '-', '-'])).toBe('R');
    expect(loopType(['+', '-', '+'])).toBe('B');
    expect(loopType(['-', '-', '-'])).toBe('B');
  });

  it('says "?" while any sign is missing', () => {
    expect(loopType(['+', '', '+'])).toBe('?');
    expect(loopType([])).toBe('?');
  });

  it('labels an arrow with a real minus and a delay mark', () => {
    expect(arrowLabel('-', false)).toBe('−');
    expect(arrowLabel('+', true)).toBe('+ ‖');
    expect(arrowLabel('', true)).toBe('‖');
    expect(arrowLabel('', false)).toBe('');
  });
});
