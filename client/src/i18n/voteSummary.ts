/**
 * Vote tallies as partners read them, in the UI's words: "2 ja · 1 een beetje" for one
 * organisation, "Gemeente: 1 ja, 1 nee; Politie: 2 ja" for all of them (summaries).
 */
import { type Tally, VOTE_VALUES, type VoteRow } from '@patroonkaart/model';
import type { MessageKey } from './nl.ts';

type T = (key: MessageKey) => string;

export function summarise(tally: Tally, t: T, separator = ' · '): string {
  return VOTE_VALUES.filter((v) => tally[v] > 0)
    .map((v) => `${tally[v]} ${t(`vote.${v}`)}`)
    .join(separator);
}

/** A row's label: the organisation, "geen organisatie", or "overige" (anonymous votes together). */
export function organisationLabel(organisation: string | null, t: T): string {
  return organisation === null ? t('vote.others') : organisation || t('vote.noOrganisation');
}

/** Every organisation's tally on one line, for the summary page and its Markdown. */
export function summariseByOrganisation(byOrganisation: readonly VoteRow[], t: T): string {
  return byOrganisation
    .map(([org, tally]) => `${organisationLabel(org, t)}: ${summarise(tally, t, ', ')}`)
    .join('; ');
}
