import { readMapCards } from '@patroonkaart/model';
import { createBindingId, createShapeId, PageRecordType, type TLRecord } from '@tldraw/tlschema';
import type { IndexKey } from '@tldraw/utils';
import { describe, expect, it } from 'vitest';
import { arrowEnd, arrowRecords } from './arrowRecords.ts';
import { createPatroonkaartSchema } from './storeSchema.ts';
import { baseRecords, type JsonRecord, templateRecords } from './templateRecords.ts';

const schema = createPatroonkaartSchema();
const validate = (record: { typeName: string }) =>
  (schema.types as Record<string, { validate(r: unknown): unknown }>)[record.typeName]!.validate(record);

describe('arrowRecords', () => {
  const [title, a, b] = templateRecords(
    { id: 't', title: 'T', steps: ['a', 'b'], behaviours: [], behaviourSteps: [] },
    { pageId: 'page:page' },
  ).filter((r) => r.typeName === 'shape');
  const from = createShapeId(String(a!.id).slice('shape:'.length));
  const to = createShapeId(String(b!.id).slice('shape:'.length));
  const records = arrowRecords({
    id: createShapeId('arrow'),
    parentId: PageRecordType.createId('page'),
    index: 'a9' as IndexKey,
    from,
    to,
    start: { x: 10, y: 20 },
    end: { x: 110, y: 70 },
    bindingIds: { start: createBindingId('s'), end: createBindingId('e') },
  });

  it('builds a valid arrow sitting at its start, and its two bindings to the steps', () => {
    for (const record of records) validate(record);
    const [arrow, start, end] = records;
    expect(arrow).toMatchObject({ id: 'shape:arrow', x: 10, y: 20, index: 'a9', parentId: 'page:page' });
    expect(arrow.props).toMatchObject({
      start: { x: 0, y: 0 },
      end: { x: 100, y: 50 },
      arrowheadEnd: 'arrow',
    });
    expect(start).toMatchObject({
      id: 'binding:s',
      fromId: 'shape:arrow',
      toId: from,
      props: { terminal: 'start' },
    });
    expect(end).toMatchObject({
      id: 'binding:e',
      fromId: 'shape:arrow',
      toId: to,
      props: { terminal: 'end' },
    });
  });

  it('is both a tldraw record and a JSON record, and the model reads it as "a leads to b"', () => {
    const asTldraw: TLRecord[] = [...records];
    const asJson: JsonRecord[] = [...records];
    expect(asTldraw).toEqual(asJson);
    const map = readMapCards([title!, a!, b!, ...records]);
    expect(map.arrows).toEqual([{ id: 'shape:arrow', from: a!.id, to: b!.id, sign: '', delay: false }]);
  });

  it('moves one end with arrowEnd', () => {
    const moved = arrowEnd(createBindingId('m'), createShapeId('arrow'), from, 'end');
    validate(moved);
    expect(moved).toMatchObject({
      type: 'arrow',
      fromId: 'shape:arrow',
      toId: from,
      props: { terminal: 'end' },
    });
  });

  it('templates refuse what is not a page id', () => {
    expect(baseRecords('Pagina 1')[1]!.id).toBe('page:page');
    expect(() =>
      templateRecords(
        { id: 't', title: 'T', steps: ['a'], behaviours: [], behaviourSteps: [] },
        { pageId: 'x' },
      ),
    ).toThrow(RangeError);
  });
});
