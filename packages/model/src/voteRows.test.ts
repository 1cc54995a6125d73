import { describe, expect, it } from 'vitest';
import { countedVotes, voteRows } from './voteRows.ts';
import { type Vote, voteId } from './votes.ts';

const vote = (author: string, name: string, organisation: string, value: Vote['value']): Vote => ({
  id: voteId(author, 'recognisable', 'pattern'),
  typeName: 'vote',
  author,
  name,
  organisation,
  question: 'recognisable',
  subject: 'pattern',
  value,
});

const named = [vote('a'.repeat(24), 'Anna', 'Gemeente', 'yes'), vote('b'.repeat(24), 'Ben', 'Politie', 'no')];
const anonymous = [
  vote('c'.repeat(24), '', 'Gemeente', 'yes'),
  vote('d'.repeat(24), '', 'Gemeente', 'no'),
  vote('e'.repeat(24), '', 'GGD', 'somewhat'),
  vote('f'.repeat(24), '', 'Politie', 'somewhat'),
];

describe('voteRows', () => {
  it('counts the named votes per organisation when voting is by name', () => {
    expect(voteRows([...named, ...anonymous], 'pattern', 'recognisable', false)).toEqual([
      ['Gemeente', { yes: 1, somewhat: 0, no: 0 }],
      ['Politie', { yes: 0, somewhat: 0, no: 1 }],
    ]);
  });

  it('counts only anonymous votes when voting is anonymous, single voters as "overige" (null)', () => {
    expect(voteRows([...named, ...anonymous], 'pattern', 'recognisable', true)).toEqual([
      ['Gemeente', { yes: 1, somewhat: 0, no: 1 }],
      [null, { yes: 0, somewhat: 2, no: 0 }],
    ]);
    expect(countedVotes([...named, ...anonymous], true)).toHaveLength(4);
  });
});
