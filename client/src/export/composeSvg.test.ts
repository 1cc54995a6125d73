import { describe, expect, it } from 'vitest';
import { composeSvg } from './composeSvg.ts';
import type { SelectionSummary } from './selectionSummary.ts';

const summary: SelectionSummary = {
  title: 'Structuur lost alles op',
  loopSteps: ['Stap één', 'Stap twee'],
  otherSteps: [],
  behaviours: [
    {
      kind: 'oreren',
      name: 'Oreren',
      utterance: '“Ik zal het je nog een keer uitleggen.”',
      colour: '#F5E08A',
      icon: 'Or',
    },
  ],
  firstSteps: [],
  organisations: ['Gemeente', 'Politie'],
  signs: true,
  loopType: 'B',
};

const compose = (over: Partial<Parameters<typeof composeSvg>[0]> = {}) =>
  composeSvg({
    mapSvg: '<svg width="400" height="300"><text>Structuur lost alles op</text></svg>',
    mapWidth: 400,
    mapHeight: 300,
    summary,
    description: 'De lus: Stap één, Stap twee.',
    includeTitleAndLegend: true,
    background: 'white',
    labels: { behaviours: 'Gedrag', organisations: 'Organisaties', signs: 'Pijlen: + en −. Deze lus: B.' },
    ...over,
  });

describe('composeSvg', () => {
  it('shows the title once when the map holds it, and keeps it as the accessible <title>', () => {
    const { svg } = compose();
    expect(svg.split('Structuur lost alles op').length - 1).toBe(2); // <title> and the map's own text
    expect(svg).toContain('<title id="pk-title">Structuur lost alles op</title>');
    expect(svg).toContain('<desc id="pk-desc">De lus: Stap één, Stap twee.</desc>');
  });

  it('gives an export without the title card (a selection) the title as a heading, when asked', () => {
    const selection = { summary: { ...summary, title: '' }, heading: 'Structuur lost alles op' };
    const { svg } = compose(selection);
    expect(svg).toMatch(/<text [^>]*font-size="26"[^>]*>Structuur lost alles op<\/text>/);
    expect(compose({ ...selection, includeTitleAndLegend: false }).svg).not.toContain('font-size="26"');
  });

  it('adds a legend of the behaviours, the arrow signs and the organisations below the map', () => {
    const { svg, height } = compose();
    expect(svg).toContain('Oreren: “Ik zal het je nog een keer uitleggen.”');
    expect(svg).toContain('Pijlen: + en −. Deze lus: B.');
    expect(svg).toContain('Gemeente, Politie');
    expect(height).toBeGreaterThan(300);
    const bare = compose({ includeTitleAndLegend: false });
    expect(bare.height).toBe(300);
    expect(bare.svg).not.toContain('Gemeente, Politie');
  });

  it('escapes text from partners so it cannot become markup', () => {
    const { svg } = compose({ summary: { ...summary, organisations: ['<script>x</script>'] } });
    expect(svg).not.toContain('<script>');
  });
});
