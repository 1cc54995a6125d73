/**
 * Test helper (not exported): peers with a real tldraw store (tldraw's schema plus ours) bound to
 * their own Y.Doc, joined by an in-memory relay that can be cut, like a network.
 */

import { getTemplate } from '@patroonkaart/model';
import { createPatroonkaartSchema, TEXT_FIELDS, templateRecords } from '@patroonkaart/schema';
import { createTLStore, type TLRecord, type TLStore } from '@tldraw/editor';
import * as Y from 'yjs';
import { docMetaMap, SCHEMA_KEY } from '../src/docLayout.ts';
import { recordIndex } from '../src/RecordIndex.ts';
import type { TextFieldTable } from '../src/textFields.ts';
import type { InvalidRecordReport } from '../src/validateIncoming.ts';
import { YjsStoreBinding } from '../src/YjsStoreBinding.ts';

export interface Peer {
  name: string;
  doc: Y.Doc;
  store: TLStore;
  binding: YjsStoreBinding<TLRecord>;
  invalid: InvalidRecordReport[];
  updates: Uint8Array[];
}

/** A document holding a template's loop, indexed with `textFields` (our cards' by default). */
export function seedDoc(
  templateId = 'structuur-lost-alles-op',
  textFields: TextFieldTable = TEXT_FIELDS,
): Y.Doc {
  const doc = new Y.Doc();
  recordIndex(doc, textFields);
  const schema = createPatroonkaartSchema();
  doc.transact(() => {
    docMetaMap(doc).set(SCHEMA_KEY, schema.serialize());
    const records = [
      { id: 'document:document', typeName: 'document', gridSize: 10, name: '', meta: {} },
      { id: 'page:page', typeName: 'page', name: 'Pagina 1', index: 'a1', meta: {} },
      ...templateRecords(getTemplate(templateId)!, { pageId: 'page:page' }),
    ];
    recordIndex(doc).writeMany(records.map((r) => [r.id, r] as [string, Record<string, unknown>]));
  });
  return doc;
}

export function makePeer(
  name: string,
  seed: Y.Doc,
  options: { flushIntervalMs?: number; onSchemaMismatch?: () => void; textFields?: TextFieldTable } = {},
): Peer {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(seed));
  const store = createTLStore({ schema: createPatroonkaartSchema() });
  const invalid: InvalidRecordReport[] = [];
  const updates: Uint8Array[] = [];
  const binding = new YjsStoreBinding<TLRecord>({
    store,
    doc,
    textFields: options.textFields ?? TEXT_FIELDS,
    onInvalidRecord: (r) => invalid.push(r),
    flushIntervalMs: options.flushIntervalMs ?? 0,
    ...(options.onSchemaMismatch ? { onSchemaMismatch: options.onSchemaMismatch } : {}),
  });
  doc.on('update', (u: Uint8Array, origin: unknown) => {
    if (origin === binding.origin) updates.push(u);
  });
  return { name, doc, store, binding, invalid, updates };
}

/** Relays every update between the docs while connected; queues nothing while cut. */
export class Relay {
  private readonly docs: Y.Doc[];
  private connected = true;
  private readonly REMOTE = { name: 'relay' };

  constructor(docs: Y.Doc[]) {
    this.docs = docs;
    for (const doc of docs) {
      doc.on('update', (update: Uint8Array, origin: unknown) => {
        if (!this.connected || origin === this.REMOTE) return;
        for (const other of this.docs) if (other !== doc) Y.applyUpdate(other, update, this.REMOTE);
      });
    }
  }

  cut(): void {
    this.connected = false;
  }

  /** Reconnects and exchanges what each side missed, as y-websocket's sync step 1/2 does. */
  heal(): void {
    this.connected = true;
    for (const a of this.docs) {
      for (const b of this.docs) {
        if (a !== b) Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)), this.REMOTE);
      }
    }
  }
}

export function stepIds(store: TLStore): string[] {
  return store
    .allRecords()
    .filter((r) => r.typeName === 'shape' && (r as { type: string }).type === 'loop-step')
    .map((r) => r.id);
}

export function getShape<T = Record<string, unknown>>(
  store: TLStore,
  id: string,
): T & { x: number; y: number; props: Record<string, unknown> } {
  return store.get(id as TLRecord['id']) as unknown as T & {
    x: number;
    y: number;
    props: Record<string, unknown>;
  };
}

export function updateShape(
  store: TLStore,
  id: string,
  patch: Record<string, unknown>,
  props?: Record<string, unknown>,
): void {
  const current = store.get(id as TLRecord['id']) as unknown as Record<string, unknown>;
  const next = { ...current, ...patch, props: { ...(current.props as object), ...(props ?? {}) } };
  store.put([next as unknown as TLRecord]);
}
