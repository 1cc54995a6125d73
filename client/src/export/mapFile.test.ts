import { getTemplate } from '@patroonkaart/model';
import { arrowBinding, baseRecords, createPatroonkaartSchema, templateRecords } from '@patroonkaart/schema';
import { describe, expect, it } from 'vitest';
import {
  MAP_FILE_FORMAT,
  MAP_FILE_MAX_BYTES,
  MAP_FILE_VERSION,
  MapFileProblem,
  parseMapFile,
} from './mapFile.ts';

const schema = createPatroonkaartSchema().serialize();
const shapes = templateRecords(getTemplate('structuur-lost-alles-op')!, { pageId: 'page:page' }).filter(
  (r) => r.typeName === 'shape' || r.typeName === 'binding',
);
const file = (over: Record<string, unknown> = {}) =>
  JSON.stringify({
    format: MAP_FILE_FORMAT,
    version: MAP_FILE_VERSION,
    title: 't',
    schema,
    records: shapes,
    ...over,
  });

const codeOf = (text: string) => {
  try {
    parseMapFile(text);
    return 'ok';
  } catch (e) {
    return e instanceof MapFileProblem ? e.code : `threw ${String(e)}`;
  }
};

describe('parseMapFile', () => {
  it('reads a map file back into its shapes and bindings', () => {
    const records = parseMapFile(file());
    expect(records.filter((r) => r.typeName === 'shape').length).toBe(
      shapes.filter((r) => r.typeName === 'shape').length,
    );
    expect(records.some((r) => r.typeName === 'binding')).toBe(true);
  });

  it('names each problem with its own code, before anything touches the canvas', () => {
    expect(codeOf('{nope')).toBe('not-json');
    expect(codeOf(JSON.stringify({ hello: 'world' }))).toBe('not-a-map');
    expect(codeOf(file({ version: MAP_FILE_VERSION + 1 }))).toBe('too-new');
    expect(codeOf(file({ records: [{ ...shapes[0], x: 'left' }] }))).toBe('invalid-records');
    expect(codeOf(file({ records: baseRecords('Pagina 1') }))).toBe('invalid-records');
    expect(codeOf(file({ records: shapes.filter((r) => r.typeName === 'binding') }))).toBe('empty');
    expect(codeOf(' '.repeat(MAP_FILE_MAX_BYTES + 1))).toBe('too-large');
  });

  it('refuses records tldraw cannot draw or the server would refuse: bound arrows, a parent cycle, two ends at once', () => {
    const arrow = shapes.find((r) => r.type === 'arrow')!;
    const step = shapes.find((r) => r.type === 'loop-step')!;
    const a = { ...arrow, id: 'shape:a' };
    const b = { ...arrow, id: 'shape:b' };
    const cases: [string, Record<string, unknown>[]][] = [
      [
        'two arrows bound to each other',
        [a, b, arrowBinding('binding:ab', a.id, b.id, 'end'), arrowBinding('binding:ba', b.id, a.id, 'end')],
      ],
      [
        "shapes that are each other's parent",
        [
          { ...step, id: 'shape:p', parentId: 'shape:q' },
          { ...step, id: 'shape:q', parentId: 'shape:p' },
        ],
      ],
      [
        'two bindings for one arrow end',
        [
          a,
          step,
          arrowBinding('binding:e1', a.id, step.id, 'end'),
          arrowBinding('binding:e2', a.id, step.id, 'end'),
        ],
      ],
    ];
    for (const [name, records] of cases) expect(codeOf(file({ records })), name).toBe('invalid-records');
    // A binding to a shape outside the file is left out on import, not a problem.
    expect(codeOf(file({ records: [a, arrowBinding('binding:x', a.id, 'shape:elsewhere', 'end')] }))).toBe(
      'ok',
    );
  });

  it('migrates a file from before links were bindings: each bubble keeps its step', () => {
    const links = shapes.filter((r) => r.type === 'behaviour-link');
    const old = shapes
      .filter((r) => r.type !== 'behaviour-link')
      .map((r) =>
        r.type === 'behaviour'
          ? {
              ...r,
              props: { ...(r.props as object), targetStepId: links.find((l) => l.fromId === r.id)!.toId },
            }
          : r,
      );
    const sequences: Record<string, number> = {
      ...(schema as { sequences: Record<string, number> }).sequences,
    };
    delete sequences['com.patroonkaart.links'];
    sequences['com.tldraw.shape.behaviour'] = 0;
    sequences['com.tldraw.shape.first-step'] = 0;
    const records = parseMapFile(file({ records: old, schema: { schemaVersion: 2, sequences } }));
    const migrated = records.filter(
      (r) => r.typeName === 'binding' && r.type === 'behaviour-link',
    ) as unknown as {
      fromId: string;
      toId: string;
    }[];
    expect(migrated.map((l) => `${l.fromId}>${l.toId}`).sort()).toEqual(
      links.map((l) => `${String(l.fromId)}>${String(l.toId)}`).sort(),
    );
    const bubbles = records.filter((r) => r.typeName === 'shape' && r.type === 'behaviour');
    expect(bubbles.every((b) => !('targetStepId' in (b.props as object)))).toBe(true);
  });
});
