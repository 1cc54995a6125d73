/**
 * What the plenary shows besides the maps, as the plenary page and the summary page both draw it:
 * what the tables share, the first steps per organisation, the votes per organisation across the
 * tables, and every "Wat neem je mee?". Also the words of the marks on the maps ("ook bij Tafel 2").
 */
import { type Locale, useLocale, useT } from '../i18n/i18n.ts';
import type { MessageKey } from '../i18n/nl.ts';
import { summariseByOrganisation } from '../i18n/voteSummary.ts';
import type { Plenary } from './plenary.ts';

type T = (key: MessageKey, vars?: Record<string, string | number>) => string;

/** More other tables than this are counted, not named, on a badge. */
const NAMED_ON_BADGE = 4;

const numberList = (numbers: readonly number[], locale: Locale) =>
  new Intl.ListFormat(locale, { type: 'conjunction' }).format(numbers.map(String));

/** "Tafel 2", "Tafels 1, 2 en 3". */
export function tableList(numbers: readonly number[], t: T, locale: Locale): string {
  return t(numbers.length === 1 ? 'plenary.table' : 'plenary.tables', { list: numberList(numbers, locale) });
}

/** Each marked card's badge: "ook bij Tafel 2", "ook bij Tafel 2 en 3", "ook bij 7 andere tafels". */
export function markLabels(marks: ReadonlyMap<string, number[]>, t: T, locale: Locale): Map<string, string> {
  return new Map(
    [...marks].map(([id, others]) => [
      id,
      others.length > NAMED_ON_BADGE
        ? t('plenary.alsoAtMany', { count: others.length })
        : t(others.length === 1 ? 'plenary.alsoAt' : 'plenary.alsoAtSeveral', {
            list: numberList(others, locale),
          }),
    ]),
  );
}

const person = (a: { name: string; organisation: string }) =>
  [a.name, a.organisation].filter((x) => x.trim() !== '').join(', ');

/** The legend of the marks: an outlined sample and what it means. */
export function PlenaryLegend() {
  const t = useT();
  return (
    <p className="pk-plenary__legend" data-testid="plenary-legend">
      <span className="pk-plenary__swatch" aria-hidden="true" />
      {t('plenary.legend')}
    </p>
  );
}

export function PlenarySections({ plenary, level }: { plenary: Plenary; level: 2 | 3 }) {
  const t = useT();
  const locale = useLocale((s) => s.locale);
  const H = level === 2 ? 'h2' : 'h3';
  const Sub = level === 2 ? 'h3' : 'h4';
  const takeAwayByTable = plenary.titles.map((_, i) => plenary.takeAway.filter((a) => a.table === i + 1));
  return (
    <div className="pk-plenary__lists">
      <section aria-labelledby="plenary-shared">
        <H id="plenary-shared" className="pk-plenary__heading">
          {t('plenary.shared')}
        </H>
        {plenary.shared.length ? (
          <ul data-testid="plenary-shared">
            {plenary.shared.map((s, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: shared items may repeat a text
              <li key={i}>
                <span className="pk-plenary__kind">{t(`plenary.kind.${s.kind}`)}</span> {s.text || '…'}{' '}
                <span className="pk-hint">({tableList(s.tables, t, locale)})</span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="pk-hint">{t('plenary.sharedNone')}</p>
        )}
      </section>
      <section aria-labelledby="plenary-first-steps">
        <H id="plenary-first-steps" className="pk-plenary__heading">
          {t('plenary.firstSteps')}
        </H>
        {plenary.firstSteps.length ? (
          plenary.firstSteps.map((group) => (
            <div
              key={group.organisation ?? ''}
              data-testid="plenary-owner"
              data-organisation={group.organisation ?? ''}
            >
              <Sub className="pk-plenary__sub">{group.organisation ?? t('plenary.noOwner')}</Sub>
              <ul>
                {group.firstSteps.map((f, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: first steps may repeat a text
                  <li key={i}>
                    <strong>{f.what || '…'}</strong>{' '}
                    <span className="pk-hint">
                      ({tableList([f.table], t, locale)}
                      {f.who && f.who.trim() !== group.organisation ? ` · ${t('summary.who')}: ${f.who}` : ''}
                      {f.step ? ` · ${t('summary.breaks')}: ${f.step}` : ''})
                    </span>
                  </li>
                ))}
              </ul>
            </div>
          ))
        ) : (
          <p className="pk-hint">{t('summary.none')}</p>
        )}
      </section>
      <section aria-labelledby="plenary-votes">
        <H id="plenary-votes" className="pk-plenary__heading">
          {t('plenary.votes')}
        </H>
        {plenary.votes.length ? (
          <table className="pk-vote-table" data-testid="plenary-votes">
            <tbody>
              {plenary.votes.map((v, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: items may repeat a text
                <tr key={i}>
                  <th scope="row">
                    {v.item ?? t('vote.pattern')} <span className="pk-hint">{t(`vote.${v.question}`)}</span>
                    <span className="pk-hint"> ({tableList(v.tables, t, locale)})</span>
                  </th>
                  <td>{summariseByOrganisation(v.rows, t)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="pk-hint">{t('vote.none')}</p>
        )}
      </section>
      <section aria-labelledby="plenary-take-away">
        <H id="plenary-take-away" className="pk-plenary__heading">
          {t('summary.takeAway')}
        </H>
        {plenary.takeAway.length ? (
          <div data-testid="plenary-take-away">
            {takeAwayByTable.map((answers, i) =>
              answers.length ? (
                // biome-ignore lint/suspicious/noArrayIndexKey: one block per table, in order
                <div key={i}>
                  <Sub className="pk-plenary__sub">{tableList([i + 1], t, locale)}</Sub>
                  <ul>
                    {answers.map((a, j) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: answers are shown in order
                      <li key={j}>
                        {a.text} {person(a) ? <span className="pk-hint">({person(a)})</span> : null}
                      </li>
                    ))}
                  </ul>
                </div>
              ) : null,
            )}
          </div>
        ) : (
          <p className="pk-hint">{t('summary.none')}</p>
        )}
      </section>
    </div>
  );
}
