/**
 * The workshop's summary as Markdown, in the UI's language: one section per table. Every text a
 * partner typed goes through `markdownText` (as text, on one line, never markup).
 */
import { ROUNDS, roundKey, type VoteRow } from '@patroonkaart/model';
import type { TableSummary } from '../conversation/tableSummary.ts';
import { type Locale, translate } from '../i18n/i18n.ts';
import type { MessageKey } from '../i18n/nl.ts';
import { summariseByOrganisation } from '../i18n/voteSummary.ts';
import { markdownText as md } from './markdownText.ts';

export interface SummarisedTable {
  number: number;
  summary: TableSummary;
  /** The name of the template the table started from (a seed loop's title, a saved template's name). */
  template?: string;
  /** The map as an SVG document, embedded as an image. */
  mapSvg: string;
}

export function summaryMarkdown(tables: readonly SummarisedTable[], locale: Locale, date: Date): string {
  const t = (key: MessageKey, vars?: Record<string, string | number>) => translate(locale, key, vars);
  const list = (items: string[]) =>
    items.length ? items.map((i) => `- ${i}`).join('\n') : t('summary.none');
  const out: string[] = [
    `# ${t('summary.title')}`,
    '',
    `${t('summary.date')}: ${date.toLocaleDateString(locale === 'nl' ? 'nl-NL' : 'en-GB', { dateStyle: 'long' })}  `,
    `${t('summary.tables')}: ${tables.length}`,
  ];
  for (const { number, summary: s, template, mapSvg } of tables) {
    out.push(
      '',
      `## ${t('summary.tableTitle', { n: number, title: md(s.title) || t('summary.untitled') })}`,
      '',
    );
    if (template) out.push(t('library.startedFrom', { name: md(template) }), '');
    out.push(
      `![${t('summary.map')}](data:image/svg+xml;base64,${btoa(unescape(encodeURIComponent(mapSvg)))})`,
      '',
    );
    out.push(
      `### ${t('summary.steps')}`,
      '',
      s.loopSteps.length ? s.loopSteps.map((x, i) => `${i + 1}. ${md(x)}`).join('\n') : t('summary.none'),
    );
    if (s.otherSteps.length) out.push('', `### ${t('summary.otherSteps')}`, '', list(s.otherSteps.map(md)));
    out.push(
      '',
      `### ${t('summary.behaviours')}`,
      '',
      list(
        s.behaviours.map((b) =>
          b.utterance ? `**${md(b.name)}**: ${md(b.utterance)}` : `**${md(b.name)}**`,
        ),
      ),
    );
    out.push('', `### ${t('summary.votes')}`, '');
    if (s.votes.length === 0) out.push(t('summary.none'));
    for (const v of s.votes) {
      const byOrganisation = v.byOrganisation.map(
        ([org, tally]): VoteRow => [org === null ? null : md(org), tally],
      );
      out.push(`- ${md(v.item)} (${t(`vote.${v.question}`)}): ${summariseByOrganisation(byOrganisation, t)}`);
    }
    out.push('', `### ${t('summary.answers')}`);
    for (const { round, answers } of s.answers) {
      const key = roundKey(round);
      if (round === ROUNDS.length || key === null) continue;
      out.push('', `**${round}. ${t(`talk.round.${key}`)}**`, '', list(answers.map(answerLine)));
    }
    out.push(
      '',
      `### ${t('summary.firstSteps')}`,
      '',
      list(
        s.firstSteps.map(
          (f) =>
            `${md(f.what) || '…'}${f.who ? ` (${t('summary.who')}: ${md(f.who)})` : ''}${f.step ? `, ${t('summary.breaks')}: ${md(f.step)}` : ''}`,
        ),
      ),
    );
    const takeAway = s.answers.find((a) => a.round === ROUNDS.length)?.answers ?? [];
    out.push('', `### ${t('summary.takeAway')}`, '', list(takeAway.map(answerLine)));
  }
  return `${out.join('\n')}\n`;
}

function answerLine(a: { text: string; name: string; organisation: string }): string {
  return `${md(a.text)} (${md(a.name)}${a.organisation ? `, ${md(a.organisation)}` : ''})`;
}
