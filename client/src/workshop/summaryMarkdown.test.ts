import { describe, expect, it } from 'vitest';
import type { TableSummary } from '../conversation/tableSummary.ts';
import { summaryMarkdown } from './summaryMarkdown.ts';

const hostile =
  '<img src=x onerror=alert(1)>\n## Tafel 99\n[klik](javascript:alert(1)) ![](https://evil.example/p.png) <script>alert(2)</script>';

const summary: TableSummary = {
  title: `Patroon ${hostile}`,
  loopSteps: [hostile],
  otherSteps: [hostile],
  behaviours: [{ name: hostile, utterance: hostile }],
  votes: [
    {
      item: hostile,
      question: 'recognisable',
      byOrganisation: [[hostile, { yes: 1, somewhat: 0, no: 0 }]],
    },
  ],
  answers: [1, 2, 3, 4, 5].map((round) => ({
    round,
    answers: [{ text: hostile, name: hostile, organisation: hostile }],
  })),
  firstSteps: [{ what: hostile, who: hostile, step: hostile }],
} as unknown as TableSummary;

describe('the workshop summary in Markdown', () => {
  // A saved template's name was typed by a facilitator: as hostile as the rest.
  const markdown = summaryMarkdown(
    [{ number: 1, summary, template: `Ons patroon ${hostile}`, mapSvg: '<svg/>' }],
    'nl',
    new Date(0),
  );
  const lines = markdown.split('\n');

  it('carries no HTML from partner text', () => {
    expect(markdown).not.toMatch(/<(img|script)/i);
  });

  it('has only our own headings: a partner text cannot start a line', () => {
    expect(
      lines
        .filter((l) => l.startsWith('#'))
        .every((l) => !l.includes('Tafel 99') || l.startsWith('## Tafel 1')),
    ).toBe(true);
    expect(lines.some((l) => /^#+ Tafel 99/.test(l))).toBe(false);
  });

  it('has no link or image but the map, which is ours', () => {
    // An unescaped `](` opens a link's address.
    expect(markdown).not.toMatch(/(?<!\\)\]\((?!data:image\/svg\+xml;base64,)/);
    expect(lines.filter((l) => l.includes('!['))).toHaveLength(1);
  });

  it('names the template the table started from, under its heading', () => {
    const heading = lines.findIndex((l) => l.startsWith('## Tafel 1'));
    expect(lines[heading + 2]).toMatch(/^Begonnen met: Ons patroon &lt;img/);
  });

  it('still says what was typed', () => {
    expect(markdown).toContain('\\[klik\\](javascript\\:alert(1))');
    expect(markdown).toContain('&lt;script&gt;alert(2)&lt;/script&gt;');
  });
});
