import { getTemplate } from '@patroonkaart/model';
import { templateRecords } from '@patroonkaart/schema';
import { describe, expect, it } from 'vitest';
import { mapPictureSvg } from './mapPicture.ts';

const records = (id: string) =>
  templateRecords(getTemplate(id)!, { pageId: 'page:page' }) as unknown as Record<string, unknown>[];

const count = (svg: string, pattern: RegExp) => (svg.match(pattern) ?? []).length;

describe('the picture of a map', () => {
  it('draws every step, every arrow with its head, and every bubble with its tail', () => {
    const template = getTemplate('van-niemand-en-toch-van-iedereen')!;
    const svg = mapPictureSvg(records(template.id), { label: 'Kaart' });
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" class="pk-thumb"')).toBe(true);
    // A head per arrow of the loop: the loop's direction survives the picture.
    expect(count(svg, /<line [^>]*stroke="#3d4a57"/g)).toBe(template.steps.length);
    // Each bubble: its tail and its body as one polygon each (heads are polygons too).
    expect(count(svg, /<polygon /g)).toBe(template.steps.length + template.behaviours.length);
    for (const step of template.steps) {
      const firstWords = step.split(' ').slice(0, 2).join(' ');
      expect(svg).toContain(firstWords);
    }
    expect(svg).toContain('Ww Wachten en wijzen');
  });

  it('shows an arrow sign, an organisation chip and a first step with its owner', () => {
    const base = records('structuur-lost-alles-op');
    const arrow = base.find((r) => r.type === 'arrow')!;
    const step = base.find((r) => r.type === 'loop-step')!;
    const changed = base.map((r) =>
      r === arrow
        ? { ...r, meta: { polarity: '-' } }
        : r === step
          ? { ...r, props: { ...(r.props as object), organisation: 'Politie' } }
          : r,
    );
    const first = {
      id: 'shape:first',
      typeName: 'shape',
      type: 'first-step',
      x: 900,
      y: 0,
      props: { w: 240, h: 140, what: 'Samen de vraag stellen', who: 'Gemeente' },
    };
    const svg = mapPictureSvg([...changed, first], { label: 'Kaart', labels: { firstStep: 'EERSTE STAP' } });
    expect(svg).toContain('>−</text>');
    expect(svg).toContain('>Politie</text>');
    expect(svg).toContain('→ EERSTE STAP');
    expect(svg).toContain('>Gemeente</text>');
  });

  it('keeps partner text as text: markup is escaped, a long word is cut to fit its card', () => {
    const base = records('structuur-lost-alles-op');
    const step = base.find((r) => r.type === 'loop-step')!;
    const hostile = `<img src=x onerror=alert(1)> & "quotes" ${'x'.repeat(200)}`;
    const svg = mapPictureSvg(
      base.map((r) => (r === step ? { ...r, props: { ...(r.props as object), text: hostile } } : r)),
      { label: '<script>' },
    );
    expect(svg).not.toContain('<img');
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;img');
    expect(svg).not.toContain('x'.repeat(60));
  });
});
