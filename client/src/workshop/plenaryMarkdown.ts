/**
 * The plenary as a section of the workshop's Markdown summary ("Alle tafels samen"), with the same
 * lists as the plenary page. Every text a partner typed goes through `markdownText`.
 */
import type { VoteRow } from '@patroonkaart/model';
import { type Locale, translate } from '../i18n/i18n.ts';
import type { MessageKey } from '../i18n/nl.ts';
import { summariseByOrganisation } from '../i18n/voteSummary.ts';
import { markdownText as md } from './markdownText.ts';
import { tableList } from './PlenarySections.tsx';
import type { Plenary } from './plenary.ts';

export function plenaryMarkdown(plenary: Plenary, locale: Locale): string {
  const t = (key: MessageKey, vars?: Record<string, string | number>) => translate(locale, key, vars);
  const tables = (numbers: readonly number[]) => tableList(numbers, t, locale);
  const list = (items: string[], none: MessageKey = 'summary.none') =>
    items.length ? items.map((i) => `- ${i}`).join('\n') : t(none);
  const out: string[] = [`## ${t('plenary.section')}`, ''];
  out.push(
    `### ${t('plenary.shared')}`,
    '',
    list(
      plenary.shared.map((s) => `${t(`plenary.kind.${s.kind}`)}: ${md(s.text) || '…'} (${tables(s.tables)})`),
      'plenary.sharedNone',
    ),
  );
  out.push('', `### ${t('plenary.firstSteps')}`);
  if (plenary.firstSteps.length === 0) out.push('', t('summary.none'));
  for (const group of plenary.firstSteps)
    out.push(
      '',
      `**${group.organisation === null ? t('plenary.noOwner') : md(group.organisation)}**`,
      '',
      list(
        group.firstSteps.map(
          (f) =>
            `${md(f.what) || '…'} (${tables([f.table])}${f.who ? `, ${t('summary.who')}: ${md(f.who)}` : ''}${f.step ? `, ${t('summary.breaks')}: ${md(f.step)}` : ''})`,
        ),
      ),
    );
  out.push('', `### ${t('plenary.votes')}`, '');
  out.push(
    list(
      plenary.votes.map((v) => {
        const rows = v.rows.map(([org, tally]): VoteRow => [org === null ? null : md(org), tally]);
        const item = v.item === null ? t('vote.pattern') : md(v.item);
        return `${item} (${t(`vote.${v.question}`)}, ${tables(v.tables)}): ${summariseByOrganisation(rows, t)}`;
      }),
      'vote.none',
    ),
  );
  out.push('', `### ${t('summary.takeAway')}`, '');
  out.push(
    list(
      plenary.takeAway.map((a) => {
        const who = [a.name, a.organisation].filter((x) => x.trim() !== '').map(md);
        return `${md(a.text)} (${[...who, tables([a.table])].join(', ')})`;
      }),
    ),
  );
  return `${out.join('\n')}\n`;
}
