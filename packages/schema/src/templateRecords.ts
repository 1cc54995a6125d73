/**
 * Turns a template loop into tldraw records (steps, arrows bound step to step by arrowRecords,
 * title, bubbles linked to their steps), laid out by the model. The server seeds new rooms with it;
 * the client inserts templates with it.
 */
import { BUILT_IN_BEHAVIOURS, layoutTemplate, type Point, type Template } from '@patroonkaart/model';
import { createBindingId, createShapeId, isPageId } from '@tldraw/tlschema';
import { getIndicesAbove, type IndexKey } from '@tldraw/utils';
import { arrowBindingProps, arrowRecords } from './arrowRecords.ts';
import { BUBBLE_SIZE, type CardSize, STEP_SIZE, TITLE_SIZE } from './cardTypes.ts';
import { linkRecord } from './links.ts';
import { must } from './must.ts';
import { BEHAVIOUR, BEHAVIOUR_LINK, LOOP_STEP, PATTERN_TITLE } from './shapeTypes.ts';

export type JsonRecord = { id: string; typeName: string } & Record<string, unknown>;

export interface TemplateRecordsOptions {
  pageId: string;
  center?: Point;
  /** Index above which the new shapes stack (to insert beside existing content). */
  indexAbove?: string | null;
  makeId?: () => string;
}

function randomId(): string {
  const bytes = new Uint8Array(12);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(36).padStart(2, '0')).join('');
}

function shape(
  id: string,
  type: string,
  pageId: string,
  index: IndexKey,
  at: Point,
  props: Record<string, unknown>,
  meta: Record<string, unknown> = {},
): JsonRecord {
  return {
    id,
    typeName: 'shape',
    type,
    x: at.x,
    y: at.y,
    rotation: 0,
    index,
    parentId: pageId,
    isLocked: false,
    opacity: 1,
    meta,
    props,
  };
}

/**
 * An arrow binding between any two ids, as JSON: for tests and hand-made documents (a map's own
 * arrows come from arrowRecords).
 */
export function arrowBinding(
  id: string,
  arrowId: string,
  toId: string,
  terminal: 'start' | 'end',
): JsonRecord {
  return {
    id,
    typeName: 'binding',
    type: 'arrow',
    fromId: arrowId,
    toId,
    meta: {},
    props: arrowBindingProps(terminal),
  };
}

/** The mark a template's i-th step carries in its meta. */
export function templateStepKey(templateId: string, i: number): string {
  return `${templateId}#${i}`;
}

export function templateRecords(template: Template, options: TemplateRecordsOptions): JsonRecord[] {
  const makeId = options.makeId ?? randomId;
  const pageId = options.pageId;
  if (!isPageId(pageId)) throw new RangeError(`templateRecords needs a page id, got '${pageId}'`);
  const center = options.center ?? { x: 0, y: 0 };
  const layout = layoutTemplate(template, { center, stepSize: STEP_SIZE });
  const n = template.steps.length;
  const shapeCount = 1 + n * 2 + template.behaviours.length;
  const indices = getIndicesAbove((options.indexAbove ?? null) as IndexKey | null, shapeCount);
  let next = 0;
  const index = () => must(indices[next++], 'an index key (shapeCount is too small)');
  const topLeft = (c: Point, size: CardSize) => ({
    x: c.x - size.w / 2,
    y: c.y - size.h / 2,
  });
  const records: JsonRecord[] = [];

  records.push(
    shape(`shape:${makeId()}`, PATTERN_TITLE, pageId, index(), topLeft(layout.title, TITLE_SIZE), {
      ...TITLE_SIZE,
      text: template.title,
    }),
  );
  const steps = template.steps.map((text, i) => ({
    id: createShapeId(makeId()),
    text,
    at: must(layout.steps[i], 'the position of a step'),
  }));
  const stepIds = steps.map((step) => step.id);
  for (const [i, { id, text, at }] of steps.entries()) {
    records.push(
      shape(
        id,
        LOOP_STEP,
        pageId,
        index(),
        topLeft(at, STEP_SIZE),
        { ...STEP_SIZE, text, organisation: '' },
        // Which step of which template this is, kept while partners rephrase it: the plenary
        // marks the steps several tables share (packages/model, sharedSteps).
        { templateStep: templateStepKey(template.id, i) },
      ),
    );
  }
  // Arrows sit below the cards' text in z-order terms only by creation order; tldraw draws them
  // between the cards' edges because they are bound to the cards.
  for (const [i, from] of steps.entries()) {
    // The last step's arrow closes the loop, back to the first.
    const to = must(steps[(i + 1) % n], 'the next step');
    const id = createShapeId(makeId());
    const bindingIds = { start: createBindingId(makeId()), end: createBindingId(makeId()) };
    records.push(
      ...arrowRecords({
        id,
        parentId: pageId,
        index: index(),
        from: from.id,
        to: to.id,
        start: from.at,
        end: to.at,
        bindingIds,
      }),
    );
  }
  for (const [j, { kind, position }] of layout.behaviours.entries()) {
    const behaviour = BUILT_IN_BEHAVIOURS.find((b) => b.kind === kind);
    if (!behaviour) continue;
    const bubbleId = `shape:${makeId()}`;
    records.push(
      shape(bubbleId, BEHAVIOUR, pageId, index(), topLeft(position, BUBBLE_SIZE), {
        ...BUBBLE_SIZE,
        kind,
        name: behaviour.name,
        utterance: behaviour.utterance,
      }),
    );
    // Linked to the step where that utterance is typically heard (packages/model, templates).
    const stepId = stepIds[template.behaviourSteps[j] ?? -1];
    if (stepId) records.push(linkRecord(`binding:${makeId()}`, BEHAVIOUR_LINK, bubbleId, stepId));
  }
  return records;
}

/** The document and page records a brand-new room starts with. */
export function baseRecords(pageName: string): JsonRecord[] {
  return [
    { id: 'document:document', typeName: 'document', gridSize: 10, name: '', meta: {} },
    { id: 'page:page', typeName: 'page', name: pageName, index: 'a1', meta: {} },
  ];
}
