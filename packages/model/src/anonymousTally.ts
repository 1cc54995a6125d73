/**
 * Anonymous votes, counted so that no vote can be read back: per organisation only where at least
 * two partners of it voted; the others together as "overige". When that would leave one voter on
 * their own in "overige", the smallest organisation joins them there, since a lone vote there could
 * be read back too, as could the total minus the other rows.
 */
import { VOTE_VALUES, type VoteValue } from './votes.ts';

export type AnonymousTally = Record<VoteValue, number>;

export interface AnonymousRow {
  /** The organisation, or null for "overige" (several organisations together). */
  organisation: string | null;
  voters: number;
  tally: AnonymousTally;
}

/** Fewer voters than this in one row could be read back. */
export const MIN_VOTERS_PER_ROW = 2;

const empty = (): AnonymousTally => Object.fromEntries(VOTE_VALUES.map((v) => [v, 0])) as AnonymousTally;

export function anonymousRows(ballots: Iterable<{ organisation: string; value: VoteValue }>): AnonymousRow[] {
  const byOrg = new Map<string, AnonymousTally>();
  for (const b of ballots) {
    const tally = byOrg.get(b.organisation) ?? empty();
    tally[b.value]++;
    byOrg.set(b.organisation, tally);
  }
  const count = (t: AnonymousTally) => VOTE_VALUES.reduce((n, v) => n + t[v], 0);
  const rows = [...byOrg].map(([organisation, tally]) => ({ organisation, voters: count(tally), tally }));
  // Partners who named no organisation are "overige" from the start.
  const named = rows.filter((r) => r.organisation !== '' && r.voters >= MIN_VOTERS_PER_ROW);
  const merged = rows.filter((r) => !named.includes(r));
  const otherVoters = () => merged.reduce((n, r) => n + r.voters, 0);
  if (otherVoters() > 0 && otherVoters() < MIN_VOTERS_PER_ROW) {
    named.sort((a, b) => a.voters - b.voters || a.organisation.localeCompare(b.organisation, 'nl'));
    const smallest = named.shift();
    if (smallest) merged.push(smallest);
  }
  const result: AnonymousRow[] = named
    .sort((a, b) => a.organisation.localeCompare(b.organisation, 'nl'))
    .map((r) => ({ organisation: r.organisation, voters: r.voters, tally: r.tally }));
  if (otherVoters() > 0) {
    const tally = empty();
    for (const r of merged) for (const v of VOTE_VALUES) tally[v] += r.tally[v];
    // A lone voter with nobody to hide among (a table of one) stays out of every row.
    if (otherVoters() >= MIN_VOTERS_PER_ROW)
      result.push({ organisation: null, voters: otherVoters(), tally });
  }
  return result;
}
