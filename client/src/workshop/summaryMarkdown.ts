/** The workshop's summary as Markdown, in the UI's language: one section per table. */
import { ROUNDS } from '@patroonkaart/model';
import { summariseByOrganisation } from '../conversation/voteSummary.ts';
import { type Locale, translate } from '../i18n/i18n.ts';
import type { MessageKey } from '../i18n/nl.ts';
import type { TableSummary } from './tableSummary.ts';

export interface SummarisedTable {
  number: number;
  summary: TableSummary;
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
  for (const { number, summary: s, mapSvg } of tables) {
    out.push('', `## ${t('summary.tableTitle', { n: number, title: s.title || t('summary.untitled') })}`, '');
    out.push(
      `![${t('summary.map')}](data:image/svg+xml;base64,${btoa(unescape(encodeURIComponent(mapSvg)))})`,
      '',
    );
    out.push(
      `### ${t('summary.steps')}`,
      '',
      s.loopSteps.length ? s.loopSteps.map((x, i) => `${i + 1}. ${x}`).join('\n') : t('summary.none'),
    );
    if (s.otherSteps.length) out.push('', `### ${t('summary.otherSteps')}`, '', list(s.otherSteps));
    out.push(
      '',
      `### ${t('summary.behaviours')}`,
      '',
      list(s.behaviours.map((b) => (b.utterance ? `**${b.name}**: ${b.utterance}` : `**${b.name}**`))),
    );
    out.push('', `### ${t('summary.votes')}`, '');
    if (s.votes.length === 0) out.push(t('summary.none'));
    for (const v of s.votes) {
      out.push(`- ${v.item} (${t(`vote.${v.question}`)}): ${summariseByOrganisation(v.byOrganisation, t)}`);
    }
    out.push('', `### ${t('summary.answers')}`);
    for (const { round, answers } of s.answers) {
      if (round === ROUNDS.length) continue;
      out.push(
        '',
        `**${round}. ${t(`talk.round.${ROUNDS[round - 1]!}`)}**`,
        '',
        list(answers.map((a) => `${a.text} (${a.name}${a.organisation ? `, ${a.organisation}` : ''})`)),
      );
    }
    out.push(
      '',
      `### ${t('summary.firstSteps')}`,
      '',
      list(
        s.firstSteps.map(
          (f) =>
            `${f.what || '…'}${f.who ? ` (${t('summary.who')}: ${f.who})` : ''}${f.step ? `, ${t('summary.breaks')}: ${f.step}` : ''}`,
        ),
      ),
    );
    const takeAway = s.answers.find((a) => a.round === ROUNDS.length)?.answers ?? [];
    out.push(
      '',
      `### ${t('summary.takeAway')}`,
      '',
      list(takeAway.map((a) => `${a.text} (${a.name}${a.organisation ? `, ${a.organisation}` : ''})`)),
    );
  }
  return `${out.join('\n')}\n`;
}
