import { contrastRatio, getTemplate } from '@patroonkaart/model';
import { templateRecords } from '@patroonkaart/schema';
import { describe, expect, it } from 'vitest';
import { MARK_COLOUR, mapPictureSvg } from './mapPicture.ts';

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

  it('marks the cards it is given, with an outline each and a badge where there are words', () => {
    const base = records('van-niemand-en-toch-van-iedereen');
    const [first, second] = base.filter((r) => r.type === 'loop-step');
    const bubble = base.find((r) => r.type === 'behaviour')!;
    const plain = mapPictureSvg(base, { label: 'Kaart' });
    expect(plain).not.toContain('pk-shared');
    const marks = new Map([
      [String(first!.id), 'ook bij Tafel 2'],
      [String(second!.id), ''],
      [String(bubble.id), 'ook bij <Tafel 3>'],
    ]);
    const svg = mapPictureSvg(base, { label: 'Kaart', marks });
    expect(count(svg, /<g class="pk-shared" /g)).toBe(3);
    expect(count(svg, new RegExp(`stroke="${MARK_COLOUR}"`, 'g'))).toBe(3);
    // The outlines lie under the arrows: an arrow ending at a marked card shows over its outline,
    // not hidden by it (a short arrow between two marked steps showed only its head).
    expect(svg.lastIndexOf(`stroke="${MARK_COLOUR}"`)).toBeLessThan(svg.indexOf('<line '));
    // A badge only where there are words, escaped like every text.
    expect(count(svg, /<g class="pk-shared-badge">/g)).toBe(2);
    expect(svg).toContain('>ook bij Tafel 2</text>');
    expect(svg).toContain('ook bij &lt;Tafel 3&gt;');
    // The marked step's own drawing (its text) is inside its group.
    const group = svg.slice(svg.indexOf(`data-shape="${String(first!.id)}"`));
    const firstWords = String((first!.props as { text: string }).text).split(' ')[0]!;
    expect(group.slice(0, group.indexOf('</g>'))).toContain(firstWords);
    // Without its outlines, badges and groups, the picture is the same as without marks.
    const unmarked = svg
      .replace(/<g class="pk-shared-badge">.*?<\/g>/g, '')
      .replace(new RegExp(`<rect [^>]*stroke="${MARK_COLOUR}"[^>]*/>`, 'g'), '')
      .replace(/<g class="pk-shared" data-shape="[^"]*">|<\/g>/g, '');
    expect(unmarked).toBe(plain);
    // White on the mark's colour reads well (WCAG AA for normal text).
    expect(contrastRatio('#ffffff', MARK_COLOUR)).toBeGreaterThanOrEqual(4.5);
  });

  it('draws the words larger for a map read from afar, cutting what no longer fits its card', () => {
    const base = records('van-niemand-en-toch-van-iedereen');
    const long = base.find(
      (r) =>
        r.type === 'loop-step' && String((r.props as { text: string }).text).startsWith('Partijen werken'),
    )!;
    const bubble = base.find((r) => r.type === 'behaviour')!;
    const withLongName = base.map((r) =>
      r === bubble
        ? { ...r, props: { ...(r.props as object), name: 'Een eigen gedrag met een heel lange naam' } }
        : r,
    );
    const usual = mapPictureSvg(withLongName, { label: 'Kaart' });
    const large = mapPictureSvg(withLongName, { label: 'Kaart', textScale: 1.5 });
    expect(usual).toContain('font-size="20"');
    expect(large).not.toContain('font-size="20"');
    expect(large).toContain('font-size="30"');
    // The long step fits at the usual size, and is cut at one and a half times it.
    const ending = String((long.props as { text: string }).text)
      .split(' ')
      .at(-1)!;
    expect(usual).toContain(`${ending}</text>`);
    expect(large).not.toContain(`${ending}</text>`);
    // Every line of a step stays inside its card.
    const card = { y: Number(long.y), h: Number((long.props as { h: number }).h) };
    const group = large.slice(large.indexOf(`y="${Math.round(card.y * 10) / 10}"`));
    const baselines = [
      ...group.slice(0, group.indexOf('<rect', 10)).matchAll(/<text [^>]*y="([\d.-]+)"/g),
    ].map((m) => Number(m[1]));
    expect(baselines.length).toBeGreaterThan(0);
    for (const y of baselines) expect(y).toBeLessThanOrEqual(card.y + card.h);
    // A behaviour's name is cut to its bubble, at either size.
    expect(usual).not.toContain('heel lange naam</text>');
    expect(usual).toMatch(/Een eigen gedrag[^<]*…<\/text>/);
  });
});
