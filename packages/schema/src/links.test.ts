import { getTemplate } from '@patroonkaart/model';
import type { SerializedSchema, StoreSchema, UnknownRecord } from '@tldraw/store';
import { describe, expect, it } from 'vitest';
import { linkedSteps, linkRecord } from './links.ts';
import { migrateRecords } from './migrateRecords.ts';
import { BEHAVIOUR_LINK, FIRST_STEP_LINK } from './shapeTypes.ts';
import { createPatroonkaartSchema } from './storeSchema.ts';
import { baseRecords, templateRecords } from './templateRecords.ts';

const schema = createPatroonkaartSchema() as unknown as StoreSchema<UnknownRecord, unknown>;

/** The schema a document written before links were bindings carries. */
function schemaBeforeLinks(): SerializedSchema {
  const current = schema.serialize() as { schemaVersion: 2; sequences: Record<string, number> };
  const sequences = { ...current.sequences };
  delete sequences['com.patroonkaart.links'];
  sequences['com.tldraw.shape.behaviour'] = 0;
  sequences['com.tldraw.shape.first-step'] = 0;
  return { schemaVersion: 2, sequences };
}

function shape(id: string, type: string, props: Record<string, unknown>) {
  return {
    id,
    typeName: 'shape',
    type,
    x: 0,
    y: 0,
    rotation: 0,
    index: 'a1',
    parentId: 'page:page',
    isLocked: false,
    opacity: 1,
    meta: {},
    props,
  };
}

const step = shape('shape:step', 'loop-step', { w: 260, h: 150, text: 'Stap', organisation: '' });
const bubble = (id: string, targetStepId: string) =>
  shape(id, 'behaviour', { w: 230, h: 130, kind: 'duiken', name: 'Duiken', utterance: '', targetStepId });

describe('links as bindings', () => {
  it('a template links each bubble to its step with a valid binding', () => {
    const records = templateRecords(getTemplate('structuur-lost-alles-op')!, { pageId: 'page:page' });
    const links = records.filter((r) => r.type === BEHAVIOUR_LINK);
    const bubbles = records.filter((r) => r.type === 'behaviour');
    expect(links).toHaveLength(bubbles.length);
    for (const link of links) {
      schema.types.binding!.validate(link);
      expect(records.find((r) => r.id === link.toId)?.type).toBe('loop-step');
    }
    expect(bubbles.every((b) => !('targetStepId' in (b.props as object)))).toBe(true);
  });

  it('migrates an old document: each link prop becomes a binding and the prop is gone', () => {
    const old = [
      ...baseRecords('Pagina 1'),
      step,
      bubble('shape:said', 'shape:step'),
      bubble('shape:loose', ''),
      bubble('shape:dangling', 'shape:gone'),
      shape('shape:first', 'first-step', {
        w: 240,
        h: 140,
        what: 'Bellen',
        who: 'Gemeente',
        stepId: 'shape:step',
      }),
    ];
    const result = migrateRecords(schema, schemaBeforeLinks(), old);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const records = [...result.records.values()];
    for (const record of records) schema.validateRecord(null as never, record as never, 'initialize', null);
    const links = records.filter((r) => r.typeName === 'binding');
    expect(links.map((l) => [l.type, l.fromId, l.toId]).sort()).toEqual([
      [BEHAVIOUR_LINK, 'shape:said', 'shape:step'],
      [FIRST_STEP_LINK, 'shape:first', 'shape:step'],
    ]);
    for (const r of records.filter((r) => r.typeName === 'shape'))
      expect(Object.keys(r.props as object)).not.toContain('targetStepId');
  });

  it('changes nothing in a document of the current schema', () => {
    const records = templateRecords(getTemplate('structuur-lost-alles-op')!, { pageId: 'page:page' });
    const result = migrateRecords(schema, schema.serialize(), records);
    expect(result).toMatchObject({ ok: true, changed: false });
  });

  it('refuses a document of a newer schema', () => {
    const newer = schema.serialize() as { schemaVersion: 2; sequences: Record<string, number> };
    const result = migrateRecords(
      schema,
      { ...newer, sequences: { ...newer.sequences, 'com.patroonkaart.links': 9 } },
      [],
    );
    expect(result.ok).toBe(false);
  });

  it('two links on one card: the same one wins everywhere', () => {
    const a = linkRecord('binding:b', BEHAVIOUR_LINK, 'shape:x', 'shape:one');
    const b = linkRecord('binding:a', BEHAVIOUR_LINK, 'shape:x', 'shape:two');
    expect(linkedSteps([a, b]).get('shape:x')).toBe('shape:two');
    expect(linkedSteps([b, a]).get('shape:x')).toBe('shape:two');
  });
});
