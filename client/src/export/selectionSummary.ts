/**
 * A text summary of the chosen part of the map (for the export): the loop's steps in order, the behaviours, the first steps and the
 * organisations. It is the SVG's <desc> (WCAG 1.1.1) and the basis of the legend. The map is read
 * by the model's one reader (readLoopMap) over the editor's records.
 */
import { type LoopType, readLoopMap, readMapCards } from '@patroonkaart/model';
import type { Editor, TLShapeId } from 'tldraw';
import { pageRecords } from '../canvas/stepGraph.ts';
import { type Locale, translate } from '../i18n/i18n.ts';
import { behaviourLook } from '../shapes/BehaviourShapeUtil.tsx';

export interface SelectionSummary {
  title: string;
  loopSteps: string[];
  otherSteps: string[];
  behaviours: { kind: string; name: string; utterance: string; colour: string; icon: string }[];
  firstSteps: { what: string; who: string }[];
  organisations: string[];
  /** Whether arrows of the map carry a sign or a delay, and the loop's type when they do. */
  signs: boolean;
  loopType: LoopType | null;
}

export function summariseSelection(editor: Editor, shapeIds: ReadonlySet<TLShapeId>): SelectionSummary {
  const page = pageRecords(editor);
  // The chosen cards with every arrow of the page: an arrow between two chosen steps counts, chosen or not.
  const map = readLoopMap(
    page.filter((r) => r.typeName !== 'shape' || shapeIds.has(r.id) || r.type === 'arrow'),
  );
  const loop = map.loops[0];
  const inLoop = new Set(loop?.steps);
  const textOf = (id: string) => map.steps.find((s) => s.id === id)?.text ?? '';
  const behaviours = new Map<string, SelectionSummary['behaviours'][number]>();
  for (const { kind, name, utterance } of map.bubbles) {
    const key = `${kind}|${utterance}`;
    if (behaviours.has(key)) continue;
    const { colour, icon } = behaviourLook(kind, name);
    behaviours.set(key, { kind, name, utterance, colour, icon });
  }
  // Whether any arrow of the page carries a sign or a delay: then the legend explains them.
  const signs = readMapCards(page).arrows.some((a) => a.sign !== '' || a.delay);
  return {
    title: map.title,
    loopSteps: (loop?.steps ?? []).map(textOf),
    otherSteps: map.steps.filter((s) => !inLoop.has(s.id)).map((s) => s.text),
    behaviours: [...behaviours.values()],
    firstSteps: map.firstSteps.map(({ what, who }) => ({ what, who })),
    organisations: map.organisations,
    signs,
    loopType: signs && loop ? loop.type : null,
  };
}

export function describeMap(summary: SelectionSummary, locale: Locale): string {
  const t = (key: Parameters<typeof translate>[1]) => translate(locale, key);
  const parts: string[] = [];
  if (summary.title) parts.push(`${t('export.desc.pattern')}: ${summary.title}.`);
  if (summary.loopSteps.length) {
    parts.push(
      `${t('export.desc.loop')}: ${summary.loopSteps.map((s, i) => `${i + 1}. ${s}`).join(' ')} ${t('export.desc.back')}`,
    );
  }
  if (summary.otherSteps.length)
    parts.push(`${t('export.desc.otherSteps')}: ${summary.otherSteps.join('; ')}.`);
  if (summary.behaviours.length) {
    parts.push(
      `${t('export.desc.behaviours')}: ${summary.behaviours.map((b) => `${b.name} (${b.utterance})`).join('; ')}.`,
    );
  }
  if (summary.firstSteps.length) {
    parts.push(
      `${t('export.desc.firstSteps')}: ${summary.firstSteps.map((f) => (f.who ? `${f.what} (${f.who})` : f.what)).join('; ')}.`,
    );
  }
  if (summary.organisations.length)
    parts.push(`${t('export.desc.organisations')}: ${summary.organisations.join(', ')}.`);
  return parts.join('\n');
}
