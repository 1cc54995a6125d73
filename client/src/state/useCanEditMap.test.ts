import { describe, expect, it } from 'vitest';
import { canEditMap } from './useCanEditMap.ts';

describe('who may change the map', () => {
  it('lets partners and the facilitator edit, never a viewer or a screen not yet told its role', () => {
    expect(canEditMap('edit', false, false)).toBe(true);
    expect(canEditMap('facilitator', false, false)).toBe(true);
    expect(canEditMap('view', false, false)).toBe(false);
    expect(canEditMap(null, false, false)).toBe(false);
  });

  it('stops every role on an outdated schema', () => {
    expect(canEditMap('facilitator', true, false)).toBe(false);
    expect(canEditMap('edit', true, false)).toBe(false);
  });

  it('closes the map to partners, not to the facilitator, once the conversation ended with it closed', () => {
    expect(canEditMap('edit', false, true)).toBe(false);
    expect(canEditMap('facilitator', false, true)).toBe(true);
  });
});
