/** The template library over MemoryStorage: names, bounds, and templates stored by an older server. */
import { getTemplate, readLoopMap } from '@patroonkaart/model';
import { createPatroonkaartSchema, type JsonRecord, templateRecords } from '@patroonkaart/schema';
import type { SerializedSchema, StoreSchema, UnknownRecord } from '@tldraw/store';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { MemoryStorage } from '../storage/MemoryStorage.ts';
import { TemplateLibrary } from './TemplateLibrary.ts';

const schema = createPatroonkaartSchema() as unknown as StoreSchema<UnknownRecord, unknown>;
const seed = getTemplate('structuur-lost-alles-op')!;
const library = () => new TemplateLibrary(new MemoryStorage(), schema, pino({ level: 'silent' }));
const seedRecords = () => templateRecords(seed, { pageId: 'page:page' });

describe('TemplateLibrary', () => {
  it('folds a name and description to one line, and refuses them missing or too long', async () => {
    const lib = library();
    const saved = await lib.saveRoomMap(seedRecords(), '  Ons\npatroon\t ', 'Eén\r\nregel');
    expect(saved).toMatchObject({
      template: { name: 'Ons patroon', description: 'Eén regel', stepCount: 6 },
    });
    for (const [name, description] of [
      [undefined, undefined],
      ['', ''],
      [42, ''],
      ['x'.repeat(81), ''],
      ['ok', 'y'.repeat(201)],
      ['ok', 7],
    ])
      expect(await lib.saveRoomMap(seedRecords(), name, description)).toEqual({ error: 'invalid-template' });
    expect(await lib.list()).toHaveLength(1);
  });

  it('refuses a map over the fields one update may add, or over a map file of bytes', async () => {
    const lib = library();
    const step = seedRecords().find((r) => r.type === 'loop-step')!;
    const many: JsonRecord[] = Array.from({ length: 1300 }, (_, i) => ({ ...step, id: `shape:s${i}` }));
    expect(await lib.saveRoomMap(many, 'Veel', '')).toEqual({ error: 'too-large' });
    const heavy: JsonRecord[] = Array.from({ length: 25 }, (_, i) => ({
      ...step,
      id: `shape:h${i}`,
      meta: { note: 'x'.repeat(450_000) },
    }));
    expect(await lib.saveRoomMap(heavy, 'Zwaar', '')).toEqual({ error: 'too-large' });
    expect(await lib.list()).toEqual([]);
  });

  it('reads a template stored by an older schema migrated, and one it cannot read as none', async () => {
    const storage = new MemoryStorage();
    const lib = new TemplateLibrary(storage, schema, pino({ level: 'silent' }));
    // Loop steps as a server from before `organisation` wrote them (loop-step version 0).
    const old = seedRecords().map((r) =>
      r.type === 'loop-step'
        ? {
            ...r,
            props: Object.fromEntries(
              Object.entries(r.props as object).filter(([k]) => k !== 'organisation'),
            ),
          }
        : r,
    );
    const current = schema.serialize() as SerializedSchema & { sequences: Record<string, number> };
    const oldSchema = { ...current, sequences: { ...current.sequences, 'com.tldraw.shape.loop-step': 0 } };
    const info = { name: 'Oud', description: '', stepCount: 6, createdAt: 1 };
    await storage.createTemplate({
      id: `lib-${'a'.repeat(22)}`,
      ...info,
      map: JSON.stringify({ schema: oldSchema, records: old }),
    });
    await storage.createTemplate({
      id: `lib-${'b'.repeat(22)}`,
      ...info,
      map: '{"schema": {}, "records": [',
    });

    const file = (await lib.file(`lib-${'a'.repeat(22)}`))!;
    expect(file.schema).toEqual(schema.serialize());
    const steps = file.records.filter((r) => r.type === 'loop-step');
    expect(steps.map((r) => (r.props as { organisation: string }).organisation)).toEqual(
      new Array(6).fill(''),
    );
    const room = (await lib.roomRecords(`lib-${'a'.repeat(22)}`, 'page:page'))!;
    expect(readLoopMap(room).steps.map((s) => s.text)).toEqual(seed.steps);

    expect(await lib.file(`lib-${'b'.repeat(22)}`)).toBeNull();
    expect(await lib.roomRecords(`lib-${'b'.repeat(22)}`, 'page:page')).toBeNull();
    // Ids that are not a saved template's are never looked up.
    expect(await lib.has('structuur-lost-alles-op')).toBe(false);
    expect(await lib.delete('blank')).toBe(false);
  });
});
