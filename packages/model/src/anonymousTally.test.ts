import { describe, expect, it } from 'vitest';
import { anonymousRows } from './anonymousTally.ts';
import type { VoteValue } from './votes.ts';

const b = (organisation: string, value: VoteValue) => ({ organisation, value });

describe('anonymousRows', () => {
  it('counts per organisation where two or more voted, the rest as "overige"', () => {
    const rows = anonymousRows([
      b('Gemeente', 'yes'),
      b('Gemeente', 'no'),
      b('Politie', 'yes'),
      b('GGD', 'somewhat'),
      b('Woningcorporatie', 'yes'),
    ]);
    expect(rows).toEqual([
      { organisation: 'Gemeente', voters: 2, tally: { yes: 1, somewhat: 0, no: 1 } },
      { organisation: null, voters: 3, tally: { yes: 2, somewhat: 1, no: 0 } },
    ]);
  });

  it('never leaves one voter alone in "overige": the smallest organisation joins', () => {
    const rows = anonymousRows([
      b('Gemeente', 'yes'),
      b('Gemeente', 'yes'),
      b('Gemeente', 'no'),
      b('Politie', 'no'),
      b('Politie', 'no'),
      b('GGD', 'somewhat'),
    ]);
    expect(rows).toEqual([
      { organisation: 'Gemeente', voters: 3, tally: { yes: 2, somewhat: 0, no: 1 } },
      { organisation: null, voters: 3, tally: { yes: 0, somewhat: 1, no: 2 } },
    ]);
  });

  it('shows no row for a single voter with nobody to hide among', () => {
    expect(anonymousRows([b('GGD', 'no')])).toEqual([]);
  });

  it('no row ever holds fewer than two voters, whatever the votes', () => {
    const orgs = ['A', 'B', 'C', 'D', ''];
    const values: VoteValue[] = ['yes', 'somewhat', 'no'];
    for (let seed = 1; seed < 300; seed++) {
      let x = seed;
      const next = () => {
        x = (x * 1103515245 + 12345) % 2147483648;
        return x;
      };
      const ballots = Array.from({ length: next() % 9 }, () => b(orgs[next() % 5]!, values[next() % 3]!));
      const rows = anonymousRows(ballots);
      for (const r of rows) expect(r.voters).toBeGreaterThanOrEqual(2);
      const shown = rows.reduce((n, r) => n + r.voters, 0);
      // Everyone is counted, except one voter alone at a table of one.
      expect(shown === ballots.length || (ballots.length === 1 && shown === 0)).toBe(true);
    }
  });
});
