/**
 * Document growth over a simulated 2-hour session of drags (issue 4, point 7), with the real
 * binding: a real tldraw store bound to a Y.Doc by YjsStoreBinding, a 20-shape map, and one
 * store update per simulated frame at 60 fps, written to the doc by binding.flush() once per
 * frame (the binding's own coalescing: at most one write per frame). Each drag moves one shape
 * for 1-3 s. Compared: Y.encodeStateAsUpdate of the edited doc (the binding's, which carries an
 * UndoManager) and of a relayed copy (what the server and the other peers hold), against the
 * same final content written once into a fresh doc.
 */
import { createPatroonkaartSchema, TEXT_FIELDS } from '@patroonkaart/schema';
import { docMetaMap, recordIndex, SCHEMA_KEY, YjsStoreBinding } from '@patroonkaart/tldraw-yjs';
import { createTLStore, type TLRecord } from '@tldraw/editor';
import * as Y from 'yjs';
import { geoShape, seedRecords } from './records.ts';
import type { Row, Scenario } from './types.ts';

const SHAPES = 20;
const FPS = 60;
const SESSION_SECONDS = 2 * 60 * 60;

export interface GrowthResult {
  frames: number;
  extrapolated: boolean;
  editedBytes: number;
  relayedBytes: number;
  freshBytes: number;
  seconds: number;
}

/** tldraw's store delivers changes to listeners on the next animation frame; Node has none. */
function ensureAnimationFrame(): void {
  const g = globalThis as { requestAnimationFrame?: (cb: (t: number) => void) => unknown };
  g.requestAnimationFrame ??= (cb) => setTimeout(() => cb(performance.now()), 16);
  const c = globalThis as { cancelAnimationFrame?: (h: unknown) => void };
  c.cancelAnimationFrame ??= (h) => clearTimeout(h as ReturnType<typeof setTimeout>);
}

export function simulateDragSession(frames = SESSION_SECONDS * FPS): GrowthResult {
  ensureAnimationFrame();
  const t0 = performance.now();
  const doc = new Y.Doc();
  const relayed = new Y.Doc();
  doc.on('update', (u: Uint8Array) => Y.applyUpdate(relayed, u));
  const schema = createPatroonkaartSchema();
  const ids: string[] = [];
  doc.transact(() => {
    docMetaMap(doc).set(SCHEMA_KEY, schema.serialize());
    // The document and page of a room, and SHAPES shapes.
    const records = seedRecords('blank').filter((r) => r.typeName !== 'shape' && r.typeName !== 'binding');
    for (let i = 0; i < SHAPES; i++) {
      const id = `shape:drag${i}`;
      records.push(geoShape(id, 200 * i, 400, `a${(i + 10).toString(36)}`));
    }
    recordIndex(doc, TEXT_FIELDS).writeMany(
      records.map((r) => [r.id as string, r] as [string, Record<string, unknown>]),
    );
    for (const r of records) if (r.typeName === 'shape') ids.push(r.id as string);
  });
  const store = createTLStore({ schema: createPatroonkaartSchema() });
  const binding = new YjsStoreBinding<TLRecord>({ store, doc, textFields: TEXT_FIELDS, flushIntervalMs: 16 });
  if (ids.length !== SHAPES) throw new Error(`expected ${SHAPES} shapes, got ${ids.length}`);
  let seed = 42;
  const rand = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  let frame = 0;
  while (frame < frames) {
    const id = ids[Math.floor(rand() * ids.length)]! as TLRecord['id'];
    const dragFrames = Math.min(frames - frame, FPS + Math.floor(rand() * 2 * FPS));
    const dx = (rand() - 0.5) * 10;
    const dy = (rand() - 0.5) * 10;
    for (let f = 0; f < dragFrames; f++, frame++) {
      const current = store.get(id) as unknown as { x: number; y: number };
      store.put([
        {
          ...current,
          x: Math.round((current.x + dx) * 100) / 100,
          y: Math.round((current.y + dy) * 100) / 100,
        } as unknown as TLRecord,
      ]);
      // The frame boundary: tldraw hands the frame's changes to listeners, the binding writes.
      (store as unknown as { _flushHistory(): void })._flushHistory();
      binding.flush();
    }
    // The pointer goes up: the app ends the undo step, as RoomCanvas does on pointer_up.
    binding.markUndoStep();
  }
  binding.flush();
  const fresh = new Y.Doc();
  fresh.transact(() => {
    docMetaMap(fresh).set(SCHEMA_KEY, docMetaMap(doc).get(SCHEMA_KEY));
    const index = recordIndex(doc, TEXT_FIELDS);
    recordIndex(fresh, TEXT_FIELDS).writeMany(
      index.ids().map((id) => [id, index.get(id)!] as [string, Record<string, unknown>]),
    );
  });
  const result = {
    frames,
    extrapolated: false,
    editedBytes: Y.encodeStateAsUpdate(doc).byteLength,
    relayedBytes: Y.encodeStateAsUpdate(relayed).byteLength,
    freshBytes: Y.encodeStateAsUpdate(fresh).byteLength,
    seconds: (performance.now() - t0) / 1000,
  };
  binding.dispose();
  return result;
}

export const growthScenario: Scenario = {
  name: 'growth',
  async run(ctx) {
    ctx.log(
      `growth: ${SESSION_SECONDS / 3600} h of drags at ${FPS} fps over ${SHAPES} shapes (all frames simulated)`,
    );
    const r = simulateDragSession();
    ctx.log(`growth: ${r.frames} frames in ${r.seconds.toFixed(1)} s`);
    const scenario = `doc growth, 2 h of drags (${r.frames.toLocaleString('en-US')} frames), ${SHAPES} shapes`;
    const note = `written once: ${r.freshBytes} B; binding's doc ${r.editedBytes} B; relayed copy ${r.relayedBytes} B; all frames simulated, not extrapolated`;
    return [
      {
        scenario,
        metric: "size / written once (dragging client's doc, with its last 200 undo steps)",
        unit: 'x',
        values: { ours: r.editedBytes / r.freshBytes },
        note: `${note}; the shared document is the stored copy; the dragging client's copy also holds the undo history its user can still undo (bounded to 200 steps)`,
      },
      {
        scenario,
        metric: 'size / written once (relayed copy, as stored)',
        unit: 'x',
        values: { ours: r.relayedBytes / r.freshBytes },
        target: '<= 2x',
        met: r.relayedBytes <= 2 * r.freshBytes,
      },
    ] satisfies Row[];
  },
};
