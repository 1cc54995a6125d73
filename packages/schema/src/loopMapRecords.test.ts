import { getTemplate, readLoopMap } from '@patroonkaart/model';
import { describe, expect, it } from 'vitest';
import { linkRecord } from './links.ts';
import { copyWithNewIds, loopMapRecords, loopStepCount, markTemplateSteps } from './loopMapRecords.ts';
import { createPatroonkaartSchema } from './storeSchema.ts';
import { arrowBinding, baseRecords, type JsonRecord, templateRecords } from './templateRecords.ts';

const schema = createPatroonkaartSchema();
const seed = getTemplate('van-niemand-en-toch-van-iedereen')!;

function validateAll(records: readonly JsonRecord[]) {
  for (const record of records) {
    const type = (schema.types as Record<string, { validate(r: unknown): unknown }>)[record.typeName];
    expect(type, record.typeName).toBeDefined();
    type!.validate(record);
  }
}

let n = 0;
const makeId = () => `id${++n}`;

function geo(id: string, parentId = 'page:page', extra: Record<string, unknown> = {}): JsonRecord {
  return {
    id,
    typeName: 'shape',
    type: 'geo',
    x: 500,
    y: 500,
    rotation: 0,
    index: 'a9',
    parentId,
    isLocked: false,
    opacity: 1,
    meta: {},
    props: {},
    ...extra,
  };
}

describe('loopMapRecords', () => {
  it("keeps a seed loop's map whole: the same steps, loop, bubbles and links, on the given page", () => {
    const records = templateRecords(seed, { pageId: 'page:page', makeId });
    const kept = loopMapRecords([...baseRecords('Pagina 1'), ...records], 'page:tpl');
    expect(kept).toHaveLength(records.length);
    validateAll(kept);
    for (const r of kept) if (r.typeName === 'shape') expect(r.parentId).toBe('page:tpl');
    const before = readLoopMap(records);
    const after = readLoopMap(kept);
    expect(after.steps.map((s) => [s.text, s.templateStep])).toEqual(
      before.steps.map((s) => [s.text, s.templateStep]),
    );
    expect(after.loops.map((l) => l.steps)).toEqual(before.loops.map((l) => l.steps));
    expect(after.bubbles.map((b) => [b.kind, b.step])).toEqual(before.bubbles.map((b) => [b.kind, b.step]));
    expect(loopStepCount(kept)).toBe(seed.steps.length);
  });

  it('leaves out other drawings, arrows not between two cards, the conversation, and the document and page', () => {
    const records = templateRecords(seed, { pageId: 'page:page', makeId });
    const step = records.find((r) => r.type === 'loop-step')!;
    const loose = {
      ...records.find((r) => r.type === 'arrow')!,
      id: 'shape:loose',
    };
    const extra: JsonRecord[] = [
      geo('shape:box'),
      // An arrow from a box to a step: not between two cards.
      { ...loose, id: 'shape:half' },
      arrowBinding('binding:h1', 'shape:half', 'shape:box', 'start'),
      arrowBinding('binding:h2', 'shape:half', step.id, 'end'),
      // An arrow with one end bound only.
      loose,
      arrowBinding('binding:l1', 'shape:loose', step.id, 'start'),
      { id: 'answer:a1', typeName: 'answer', text: 'geheim' },
      { id: 'vote:k/q/pattern', typeName: 'vote', value: true },
      { id: 'conversation:conversation', typeName: 'conversation', round: 2 },
    ];
    const kept = loopMapRecords([...baseRecords('Pagina 1'), ...records, ...extra], 'page:page');
    expect(kept.map((r) => r.id).sort()).toEqual(records.map((r) => r.id).sort());
  });

  it('takes the page with the most cards, puts a card drawn in a group at its page position, and unlocks', () => {
    const a = templateRecords(seed, { pageId: 'page:a', makeId });
    const step: JsonRecord = {
      ...a.find((r) => r.type === 'loop-step')!,
      id: 'shape:ingroup',
      parentId: 'shape:group',
      x: 10,
      y: 0,
      isLocked: true,
    };
    const group = geo('shape:group', 'page:a', { type: 'group', x: 100, y: 50, rotation: Math.PI / 2 });
    const b = templateRecords(getTemplate('blank-3')!, { pageId: 'page:b', makeId });
    const kept = loopMapRecords([...b, ...a, group, step], 'page:page');
    expect(kept.filter((r) => r.type === 'loop-step')).toHaveLength(seed.steps.length + 1);
    const moved = kept.find((r) => r.id === 'shape:ingroup')!;
    expect(moved.parentId).toBe('page:page');
    expect(moved.x).toBeCloseTo(100);
    expect(moved.y).toBeCloseTo(60);
    expect(moved.rotation).toBeCloseTo(Math.PI / 2);
    expect(moved.isLocked).toBe(false);
    const indices = kept.filter((r) => r.typeName === 'shape').map((r) => r.index);
    expect(new Set(indices).size).toBe(indices.length);
    expect(kept.some((r) => r.id === 'shape:group')).toBe(false);
  });

  it('keeps a link only between two cards it keeps', () => {
    const records = templateRecords(seed, { pageId: 'page:page', makeId });
    const bubble = records.find((r) => r.type === 'behaviour')!;
    const links = records.filter((r) => r.type === 'behaviour-link');
    const kept = loopMapRecords(
      [...records, geo('shape:box'), linkRecord('binding:odd', 'behaviour-link', bubble.id, 'shape:box')],
      'page:page',
    );
    expect(kept.filter((r) => r.type === 'behaviour-link').map((r) => r.id)).toEqual(
      links.map((r) => r.id).sort(),
    );
  });
});

describe('markTemplateSteps and copyWithNewIds', () => {
  it("marks unmarked steps as the template's, keeps a seed's marks, and copies with new ids", () => {
    const records = templateRecords(seed, { pageId: 'page:page', makeId });
    const steps = records.filter((r) => r.type === 'loop-step');
    const unmarked = records.map((r) => (r.id === steps[1]!.id ? { ...r, meta: {} } : r));
    const marked = markTemplateSteps(unmarked, 'lib-x');
    expect(
      marked
        .filter((r) => r.type === 'loop-step')
        .map((r) => (r.meta as { templateStep: string }).templateStep),
    ).toEqual(steps.map((_, i) => (i === 1 ? 'lib-x#1' : `${seed.id}#${i}`)));

    const copy = copyWithNewIds(marked, { pageId: 'page:page', makeId });
    validateAll(copy);
    const oldIds = new Set(records.map((r) => r.id));
    expect(copy.some((r) => oldIds.has(r.id))).toBe(false);
    expect(copy).toHaveLength(records.length);
    const before = readLoopMap(marked);
    const after = readLoopMap(copy);
    expect(after.steps.map((s) => [s.text, s.templateStep])).toEqual(
      before.steps.map((s) => [s.text, s.templateStep]),
    );
    expect(after.loops).toHaveLength(1);
    expect(after.bubbles.map((b) => b.step !== null)).toEqual(before.bubbles.map(() => true));
  });
});
