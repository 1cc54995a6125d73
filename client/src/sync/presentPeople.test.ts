import { PRESENCE_DEFAULT_COLOUR, PRESENCE_LIMITS } from '@patroonkaart/protocol';
import { MAX_PRESENCE_BYTES } from '@patroonkaart/tldraw-yjs';
import { describe, expect, it } from 'vitest';
import { presentPeople } from './presentPeople.ts';

describe('presentPeople', () => {
  it('lists the states that name a person, names cut for display, others left out', () => {
    const states = new Map<number, unknown>([
      [
        1,
        {
          user: { name: 'Ans', colour: '#2E7D32', organisation: 'Gemeente' },
          presence: { userId: 'user:a' },
        },
      ],
      [2, {}],
      [3, { user: { name: 'B'.repeat(500), colour: 'javascript:1', organisation: 'O'.repeat(500) } }],
      [4, { user: { name: 5 } }],
    ]);
    expect(presentPeople(states)).toEqual([
      { clientId: 1, name: 'Ans', organisation: 'Gemeente', colour: '#2E7D32', userId: 'user:a' },
      {
        clientId: 3,
        name: 'B'.repeat(60),
        organisation: 'O'.repeat(80),
        colour: PRESENCE_DEFAULT_COLOUR,
        userId: null,
      },
    ]);
  });

  it("trims our own presence to the protocol's send budget (the binding's limit)", () => {
    // The binding (packages/tldraw-yjs) has its own constant until it reads the protocol's.
    expect(MAX_PRESENCE_BYTES).toBe(PRESENCE_LIMITS.sendStateBytes);
  });
});
