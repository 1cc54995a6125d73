/**
 * A text summary of the map: the loop's steps in order, the behaviours, the first steps and the
 * organisations. It is the SVG's <desc> (WCAG 1.1.1) and the basis of the legend.
 */
import { findLoops, isPolarity, type LoopType, loopType, type Polarity } from '@patroonkaart/model';
import { BEHAVIOUR, FIRST_STEP, LOOP_STEP, PATTERN_TITLE } from '@patroonkaart/schema';
import type { Editor, TLShape, TLShapeId } from 'tldraw';
import { type Locale, translate } from '../i18n/i18n.ts';
import { readStepGraph } from '../loopmap/stepGraph.ts';
import { behaviourLook } from '../shapes/BehaviourShapeUtil.tsx';

export interface MapSummary {
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

export function summarizeMap(editor: Editor, shapeIds: ReadonlySet<TLShapeId>): MapSummary {
  const shapes = editor.getCurrentPageShapesSorted().filter((s) => shapeIds.has(s.id));
  const props = (s: TLShape) => s.props as Record<string, string>;
  const steps = shapes.filter((s) => s.type === LOOP_STEP);
  const graph = readStepGraph(editor);
  const inScope = new Set(steps.map((s) => s.id as string));
  const { loops } = findLoops({
    steps: graph.steps.filter((id) => inScope.has(id)),
    arrows: graph.arrows.filter((a) => inScope.has(a.from) && inScope.has(a.to)),
  });
  const loop = loops[0] ?? [];
  const signOf = new Map<string, Polarity>();
  for (const a of graph.stepArrows) {
    const meta = editor.getShape(a.arrowId)?.meta as { polarity?: unknown; delay?: unknown } | undefined;
    if (meta && ((isPolarity(meta.polarity) && meta.polarity !== '') || meta.delay === true))
      signOf.set(`${a.from}>${a.to}`, isPolarity(meta.polarity) ? meta.polarity : '');
  }
  const textOf = (id: string) => props(steps.find((s) => s.id === id)!).text ?? '';
  const behaviours = new Map<string, MapSummary['behaviours'][number]>();
  for (const s of shapes.filter((x) => x.type === BEHAVIOUR)) {
    const p = props(s);
    const look = behaviourLook(p.kind!, p.name!);
    const key = `${p.kind}|${p.utterance}`;
    if (!behaviours.has(key)) {
      behaviours.set(key, {
        kind: p.kind!,
        name: p.name!,
        utterance: p.utterance ?? '',
        colour: look.colour,
        icon: look.icon,
      });
    }
  }
  const title = shapes.find((s) => s.type === PATTERN_TITLE);
  return {
    title: title ? (props(title).text ?? '') : '',
    loopSteps: loop.map(textOf),
    otherSteps: steps.filter((s) => !loop.includes(s.id)).map((s) => props(s).text ?? ''),
    behaviours: [...behaviours.values()],
    firstSteps: shapes
      .filter((s) => s.type === FIRST_STEP)
      .map((s) => ({ what: props(s).what ?? '', who: props(s).who ?? '' })),
    organisations: [...new Set(steps.map((s) => props(s).organisation ?? '').filter(Boolean))].sort(),
    signs: signOf.size > 0,
    loopType:
      signOf.size > 0 && loop.length
        ? loopType(loop.map((from, i) => signOf.get(`${from}>${loop[(i + 1) % loop.length]}`) ?? ''))
        : null,
  };
}

export function describeMap(summary: MapSummary, locale: Locale): string {
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
