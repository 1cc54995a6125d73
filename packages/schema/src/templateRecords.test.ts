import { getTemplate, readLoopMap, TEMPLATES } from '@patroonkaart/model';
import { describe, expect, it } from 'vitest';
import { createPatroonkaartSchema } from './storeSchema.ts';
import { baseRecords, templateRecords } from './templateRecords.ts';

const schema = createPatroonkaartSchema();

function validateAll(records: ReturnType<typeof templateRecords>) {
  for (const record of records) {
    const type = (schema.types as Record<string, { validate(r: unknown): unknown }>)[record.typeName];
    expect(type, record.typeName).toBeDefined();
    type!.validate(record);
  }
}

describe('templateRecords', () => {
  it('builds valid records for every seed loop, with one bound arrow per step', () => {
    for (const id of [
      'structuur-lost-alles-op',
      'slagbomen-neer-bij-schaarste',
      'van-niemand-en-toch-van-iedereen',
    ]) {
      const template = getTemplate(id)!;
      const records = templateRecords(template, { pageId: 'page:page' });
      validateAll(records);
      const steps = records.filter((r) => r.type === 'loop-step');
      const arrows = records.filter((r) => r.typeName === 'shape' && r.type === 'arrow');
      const bindings = records.filter((r) => r.typeName === 'binding' && r.type === 'arrow');
      expect(steps.map((s) => (s.props as { text: string }).text)).toEqual(template.steps);
      expect(arrows).toHaveLength(template.steps.length);
      expect(bindings).toHaveLength(template.steps.length * 2);
      expect(records.filter((r) => r.type === 'behaviour')).toHaveLength(template.behaviours.length);
      const title = records.find((r) => r.type === 'pattern-title');
      expect(title).toBeDefined();
      expect((title!.props as { text: string }).text).toBe(template.title);
    }
  });

  it('gives every shape its own index so nothing shares a z-order slot', () => {
    const records = templateRecords(getTemplate('van-niemand-en-toch-van-iedereen')!, {
      pageId: 'page:page',
    });
    const indices = records.filter((r) => r.typeName === 'shape').map((r) => r.index);
    expect(new Set(indices).size).toBe(indices.length);
  });

  it('base records are a valid document and page', () => {
    validateAll(baseRecords('Pagina 1'));
  });

  it("reads back through the model's readLoopMap: one loop in step order, bubbles linked to their steps", () => {
    for (const template of TEMPLATES) {
      const map = readLoopMap(templateRecords(template, { pageId: 'page:page' }));
      expect(map.steps.map((s) => s.text)).toEqual(template.steps);
      expect(map.loops).toHaveLength(1);
      expect(map.loops[0]!.steps).toEqual(map.steps.map((s) => s.id));
      expect(map.loops[0]!.type).toBe('?');
      expect(map.loops[0]!.title).toBe(template.title);
      expect(map.title).toBe(template.title);
      expect(map.bubbles.map((b) => [b.kind, b.step])).toEqual(
        template.behaviours.map((kind, j) => [kind, map.steps[template.behaviourSteps[j]!]!.id]),
      );
    }
  });
});
