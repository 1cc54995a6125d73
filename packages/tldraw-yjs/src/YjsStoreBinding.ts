/**
 * Binds a tldraw store to a Y.Doc, both ways, at property granularity (see docLayout.ts).
 *
 * Local edits: the store's user changes mark records dirty; a throttled flush writes only the
 * fields that differ into one Yjs transaction with `this.origin`, at most once per frame, so a
 * drag or a freehand stroke does not flood the document.
 * Remote edits: each record a transaction touched is rebuilt (changed fields patched onto the
 * store's current record, so a pending local edit of another field survives), validated against
 * the store's schema, and put through `store.mergeRemoteChanges`; an invalid record is skipped and
 * reported, never thrown into the canvas.
 */
import type { Store, UnknownRecord } from '@tldraw/store';
import * as Y from 'yjs';
import { docMetaMap, SCHEMA_KEY } from './docLayout.ts';
import { idTypeName } from './entryRules.ts';
import { type RecordChanges, type RecordIndex, recordIndex } from './RecordIndex.ts';
import { compareSchema, type SchemaComparison } from './schemaVersion.ts';
import { type TextFieldTable, textOf } from './textFields.ts';
import { type InvalidRecordReport, validateIncoming } from './validateIncoming.ts';

export interface YjsStoreBindingOptions<R extends UnknownRecord> {
  store: Store<R>;
  doc: Y.Doc;
  /**
   * Which fields of which record types are texts, merged per character (textFields.ts); every
   * other field is one value. The document's index is made with them, or must have been.
   */
  textFields: TextFieldTable;
  /** Called for every record from the document that was refused. */
  onInvalidRecord?: (report: InvalidRecordReport) => void;
  /** Record types in the document that other code reads (not the canvas's): skipped, not reported. */
  foreignTypes?: Iterable<string>;
  /** Called when the document's schema is newer than ours: we then write nothing. */
  onSchemaMismatch?: (comparison: SchemaComparison) => void;
  /** Minimum milliseconds between two document writes while edits keep coming (default 16). */
  flushIntervalMs?: number;
  /** Undo groups edits made within this many ms into one step (default 500). */
  undoCaptureMs?: number;
  /** Undo steps kept (default 200); older ones are dropped so their tombstones can be collected. */
  maxUndoSteps?: number;
}

export class YjsStoreBinding<R extends UnknownRecord> {
  /** The origin of every transaction this binding writes; Yjs observers use it to skip echoes. */
  readonly origin: object = { name: 'patroonkaart-binding' };
  readonly undoManager: Y.UndoManager;
  private readonly store: Store<R>;
  private readonly doc: Y.Doc;
  private readonly records: RecordIndex;
  private readonly options: YjsStoreBindingOptions<R>;
  private readonly dirty = new Set<string>();
  private readonly disposers: (() => void)[] = [];
  private flushTimer: ReturnType<typeof setTimeout> | null = null;
  private lastFlushAt = Number.NEGATIVE_INFINITY;
  private writable = true;
  invalidCount = 0;

  constructor(options: YjsStoreBindingOptions<R>) {
    this.options = options;
    this.store = options.store;
    this.doc = options.doc;
    this.records = recordIndex(this.doc, options.textFields);
    this.undoManager = new Y.UndoManager(this.records.array, {
      trackedOrigins: new Set([this.origin]),
      captureTimeout: options.undoCaptureMs ?? 500,
    });

    this.undoManager.on('stack-item-added', () => this.trimUndoStack());

    this.checkSchema();
    this.loadAllFromDoc();

    this.disposers.push(
      this.records.onChange((changes, txn) => {
        if (txn.origin !== this.origin) this.applyRemote(changes);
      }),
    );

    const meta = docMetaMap(this.doc);
    const onMeta = () => this.checkSchema();
    meta.observe(onMeta);
    this.disposers.push(() => meta.unobserve(onMeta));

    this.disposers.push(
      this.store.listen(
        ({ changes }) => {
          for (const id of Object.keys(changes.added)) this.dirty.add(id);
          for (const id of Object.keys(changes.updated)) this.dirty.add(id);
          for (const id of Object.keys(changes.removed)) this.dirty.add(id);
          this.scheduleFlush();
        },
        { source: 'user', scope: 'document' },
      ),
    );
  }

  /** Whether local edits reach the document (false when the document's schema is newer). */
  get isWritable(): boolean {
    return this.writable;
  }

  /** Number of local changes not yet written to the document. */
  get pendingCount(): number {
    return this.dirty.size;
  }

  /** Writes pending local edits now (also before undo, and when the page is hidden). */
  flush(): void {
    // The store hands changes to listeners once per animation frame; take the ones still waiting,
    // so a flush on pointer-up or page hide includes the very last movement. tldraw has no public
    // way to ask for them now (`store.listen` only ever delivers on its own schedule), so this is
    // the one private call of the binding; a tldraw upgrade that renames it fails the typecheck.
    this.store._flushHistory();
    if (this.flushTimer) {
      clearTimeout(this.flushTimer);
      this.flushTimer = null;
    }
    if (this.dirty.size === 0 || !this.writable) return;
    const ids = [...this.dirty];
    this.dirty.clear();
    this.lastFlushAt = Date.now();
    const records = ids.map(
      (id) =>
        [id, (this.store.get(id as R['id']) as unknown as Record<string, unknown> | undefined) ?? null] as [
          string,
          Record<string, unknown> | null,
        ],
    );
    for (const [id, record] of records) if (record) this.trackTexts(id, record);
    this.doc.transact(() => {
      this.records.writeMany(records);
    }, this.origin);
  }

  /** Puts a record's texts in the undo manager's scope, so undo takes back my typing (and only mine). */
  private trackTexts(id: string, record: Record<string, unknown>): void {
    for (const field of this.records.textFieldsOf(record.typeName, record.type)) {
      const key = `${id}#${field}`;
      if (this.trackedTexts.has(key)) continue;
      this.trackedTexts.add(key);
      this.undoManager.addToScope(textOf(this.doc, id, field));
    }
  }
  private readonly trackedTexts = new Set<string>();

  /** Ends the current undo step (call when a gesture ends), so the next edit starts a new one. */
  markUndoStep(): void {
    this.flush();
    this.undoManager.stopCapturing();
  }

  undo(): void {
    this.flush();
    this.undoManager.undo();
  }

  redo(): void {
    this.flush();
    this.undoManager.redo();
  }

  dispose(): void {
    this.flush();
    if (this.flushTimer) clearTimeout(this.flushTimer);
    for (const d of this.disposers.splice(0)) d();
    this.undoManager.destroy();
  }

  /**
   * Y.UndoManager keeps every item it could restore, so an unbounded stack would keep a whole
   * session's drags alive in memory (1000x the content after two hours). Past the limit the
   * oldest step is dropped and its deleted items are released to Yjs' garbage collection.
   */
  private trimUndoStack(): void {
    const max = this.options.maxUndoSteps ?? 200;
    const stack = this.undoManager.undoStack;
    while (stack.length > max) {
      const dropped = stack.shift();
      if (!dropped) break;
      const array = this.records.array;
      this.doc.transact((tr) => {
        Y.iterateDeletedStructs(tr, dropped.deletions, (item) => {
          if (item instanceof Y.Item && item.parent === array) item.keep = false;
        });
      });
      Y.tryGc(dropped.deletions, this.doc.store, this.doc.gcFilter);
    }
  }

  private scheduleFlush(): void {
    if (this.flushTimer || this.dirty.size === 0) return;
    const interval = this.options.flushIntervalMs ?? 16;
    const wait = Math.max(0, this.lastFlushAt + interval - Date.now());
    this.flushTimer = setTimeout(() => {
      this.flushTimer = null;
      this.flush();
    }, wait);
  }

  private checkSchema(): void {
    const docSchema = docMetaMap(this.doc).get(SCHEMA_KEY);
    if (docSchema === undefined) return;
    const comparison = compareSchema(this.store.schema, docSchema);
    const writable = comparison !== 'newer';
    if (!writable && this.writable) this.options.onSchemaMismatch?.(comparison);
    this.writable = writable;
  }

  /** Replaces the store's document records with the document's (used once, at start). */
  private loadAllFromDoc(): void {
    const incoming: R[] = [];
    for (const id of this.records.ids()) {
      if (!this.isStoreRecord(id)) continue;
      const record = this.validate(id, this.records.get(id));
      if (record) incoming.push(record);
    }
    const documentTypes = this.store.scopedTypes.document;
    const localOnly = this.store
      .allRecords()
      .filter((r) => documentTypes.has(r.typeName) && !this.records.has(r.id))
      .map((r) => r.id);
    if (this.records.ids().length === 0) {
      // A fresh document: what the store already holds (tldraw's document and page) seeds it.
      for (const id of localOnly) this.dirty.add(id);
      this.scheduleFlush();
      return;
    }
    // An existing document is the truth: drop the store's own defaults so no stray page appears.
    const stale = localOnly;
    this.store.mergeRemoteChanges(() => {
      if (stale.length) this.store.remove(stale);
      if (incoming.length) this.store.put(incoming);
    });
  }

  private applyRemote(changes: RecordChanges): void {
    const toPut: R[] = [];
    const toRemove: R['id'][] = [];
    for (const id of changes.removed) {
      if (this.store.has(id as R['id'])) toRemove.push(id as R['id']);
    }
    for (const id of changes.added) {
      if (!this.isStoreRecord(id)) continue;
      const record = this.validate(id, this.records.get(id));
      if (record) toPut.push(record);
    }
    for (const [id, fields] of changes.fields) {
      if (!this.isStoreRecord(id)) continue;
      const current = this.store.get(id as R['id']) as Record<string, unknown> | undefined;
      // Patch only what changed remotely, so a pending local edit of another field survives.
      const raw = current ? patchFields(current, this.records.get(id), fields) : this.records.get(id);
      const record = this.validate(id, raw);
      if (record) toPut.push(record);
    }
    if (toPut.length === 0 && toRemove.length === 0) return;
    this.store.mergeRemoteChanges(() => {
      if (toRemove.length) this.store.remove(toRemove);
      if (toPut.length) this.store.put(toPut);
    });
  }

  /**
   * The document also holds records that are not the canvas's (the conversation's, read by their
   * own code): they never enter the tldraw store, and are not reported as invalid.
   */
  private isStoreRecord(id: string): boolean {
    this.foreign ??= new Set(this.options.foreignTypes ?? []);
    return !this.foreign.has(idTypeName(id));
  }
  private foreign: ReadonlySet<string> | null = null;

  private validate(id: string, raw: Record<string, unknown> | null): R | null {
    const result = validateIncoming(this.store, id, raw);
    if (result.ok) return result.record;
    this.invalidCount++;
    this.options.onInvalidRecord?.(result.report);
    return null;
  }
}

/** The store's record with the fields a remote transaction changed taken from the document. */
function patchFields(
  current: Record<string, unknown>,
  fromDoc: Record<string, unknown> | null,
  fields: ReadonlySet<string>,
): Record<string, unknown> | null {
  if (!fromDoc) return null;
  const next: Record<string, unknown> = { ...current };
  for (const field of fields) {
    const dot = field.indexOf('.');
    if (dot === -1) {
      next[field] = fromDoc[field];
      continue;
    }
    const outer = field.slice(0, dot);
    const inner = field.slice(dot + 1);
    const source = fromDoc[outer];
    const base = next[outer];
    const copy: Record<string, unknown> = typeof base === 'object' && base !== null ? { ...base } : {};
    const value =
      typeof source === 'object' && source !== null ? (source as Record<string, unknown>)[inner] : undefined;
    if (value === undefined) delete copy[inner];
    else copy[inner] = value;
    next[outer] = copy;
  }
  for (const key of Object.keys(next)) if (next[key] === undefined) delete next[key];
  return next;
}
