import { describe, expect, it } from 'vitest';
import { organisationsOf, type Person } from './usePeople.ts';

const person = (name: string, organisation: string, colour: string): Person => ({
  clientId: name.length,
  name,
  organisation,
  colour,
  userId: null,
  isMe: false,
});

describe('the organisations present', () => {
  it('counts each organisation once whatever its case, with the colour of the first seen, and skips none', () => {
    expect(
      organisationsOf([
        person('Ans', 'Gemeente', '#111111'),
        person('Bram', 'gemeente', '#222222'),
        person('Cor', 'Politie', '#333333'),
        person('Dirk', '', '#444444'),
      ]),
    ).toEqual([
      { organisation: 'Gemeente', colour: '#111111', count: 2 },
      { organisation: 'Politie', colour: '#333333', count: 1 },
    ]);
  });
});
