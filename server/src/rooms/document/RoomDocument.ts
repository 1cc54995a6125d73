/**
 * One room's document and what storage holds of it: the Y.Doc, its record index, the stored
 * size and sequence number, the ids it removed lately. The only place a room's document changes:
 * a client's update (admitted before it is applied, checked after, rolled back if that fails) or
 * the server's own change (repairs, a restore). Knows nothing of sockets or sessions.
 */
import { CONVERSATION_TYPES } from '@patroonkaart/model';
import {
  applyRepairs,
  type RecordIndex,
  type ReferenceRule,
  type Repairs,
  recordIndex,
  type TextFieldTable,
  textRootsOf,
} from '@patroonkaart/tldraw-yjs';
import type { StoreSchema, UnknownRecord } from '@tldraw/store';
import * as Y from 'yjs';
import type { StoredDoc } from '../../storage/Storage.ts';
import { encodeSyncStep2, encodeUpdate } from '../../sync/messages.ts';
import type { ClientUpdateVerdict, TurnDocument } from '../admission/admitTurn.ts';
import { admitUpdate } from '../admission/admitUpdate.ts';
import type { RoomSession } from '../session/RoomSession.ts';
import { applyAndRecheck, transactionChanged } from './applyAndRecheck.ts';
import { docFromStorage, SERVER_ORIGIN } from './docFromStorage.ts';
import { migrateDoc, migrateTexts } from './migration.ts';
import { RemovalMemory } from './RemovalMemory.ts';
import { SeqTracker } from './SeqTracker.ts';

/** More shapes than this removed in one update is a large deletion: a restore point comes first. */
export const LARGE_DELETION = 5;

export interface RoomRules {
  schema: StoreSchema<UnknownRecord, unknown>;
  references: readonly ReferenceRule[];
  /** Which fields of which records are texts (the schema's TEXT_FIELDS). */
  textFields: TextFieldTable;
  /** Stored updates after which the log is compacted into a snapshot. */
  compactAfterUpdates: number;
}

/** What the document needs from storage and the persist queue to roll itself back. */
export interface DocumentSource {
  loadStored(): StoredDoc;
  /** Accepted updates not yet written. */
  pending(): Uint8Array[];
}

/** What migrating a document on load did (the room's log says it). */
export interface Migration {
  /** The server's own changes that migrated it, to be stored and relayed (none: nothing changed). */
  updates: Uint8Array[];
  migrated: number;
  failed: string[];
  /** The document was written by a newer schema than this server's. */
  docIsNewer: boolean;
}

export class RoomDocument implements TurnDocument {
  private ydoc: Y.Doc;
  private index!: RecordIndex;
  private storedBytes: number;
  private readonly seqs: SeqTracker;
  private sinceCompaction = 0;
  private readonly removed = new RemovalMemory();
  private readonly rules: RoomRules;
  private readonly documentTypes: ReadonlySet<string>;
  private readonly source: DocumentSource;
  /**
   * The answer for a newcomer with nothing, until the document changes (deletions included), and
   * only while something still holds it (a socket sending it): a loaded room does not keep a copy
   * of its whole document besides the document itself.
   */
  private fullAnswer: WeakRef<Uint8Array> | null = null;
  /** Counts the transactions that changed the document (a kept full answer is of one count). */
  private changes = 0;

  constructor(stored: StoredDoc, rules: RoomRules, source: DocumentSource) {
    this.rules = rules;
    this.source = source;
    this.documentTypes = new Set([
      ...Object.values(rules.schema.types as Record<string, { typeName: string; scope: string }>)
        .filter((t) => t.scope === 'document')
        .map((t) => t.typeName),
      ...CONVERSATION_TYPES,
    ]);
    this.storedBytes = stored.byteSize;
    this.seqs = new SeqTracker(stored.lastSeq);
    this.ydoc = docFromStorage(stored, rules.textFields);
    this.observe();
  }

  get doc(): Y.Doc {
    return this.ydoc;
  }

  /** Bytes stored for the room, kept current as updates are accepted. */
  get byteSize(): number {
    return this.storedBytes;
  }

  /**
   * A client's update: everything that can be decided before applying is (a refusal then costs
   * nothing to undo); the applied result is checked once more, and the rare update that passes
   * the one and fails the other (a crafted concurrent write) is rolled back.
   * `beforeApply` runs when the update passed and is about to be applied. `session` null: the
   * merged updates of several senders, which may then write only records nobody owns.
   */
  applyClientUpdate(
    session: RoomSession | null,
    update: Uint8Array,
    beforeApply: (removedShapes: number) => void,
  ): ClientUpdateVerdict {
    const wasRemoved = (id: string) => this.removed.has(id);
    const checks = { schema: this.rules.schema, rules: this.rules.references, wasRemoved };
    const admission = admitUpdate(
      { doc: this.ydoc, index: this.index, documentTypes: this.documentTypes, ...checks },
      session,
      update,
      Date.now(),
    );
    if (!admission.ok) return { kind: 'refused', refusal: admission.refusal };
    beforeApply(admission.removedShapes);
    const outcome = applyAndRecheck(this.ydoc, this.index, update, session ?? SEVERAL_SENDERS, {
      ...checks,
      validated: admission.foresaw,
    });
    if (!outcome.ok) {
      this.rollback();
      return { kind: 'refused', refusal: { ...outcome.refusal, rolledBack: true } };
    }
    if (!outcome.changed) return { kind: 'duplicate' };
    this.removed.remember(outcome.removed);
    this.storedBytes += update.byteLength;
    // A vote that crossed the closing of voting on the wire is removed, not refused.
    const repairs: Repairs = outcome.repairs;
    for (const id of admission.late) if (this.index.has(id)) repairs.set(id, null);
    // Texts of a removed record are tidied, not kept: removing it again clears them.
    for (const id of admission.tidy) if (!this.index.has(id) && this.hasText(id)) repairs.set(id, null);
    const repairUpdate =
      repairs.size > 0 ? this.applyServerChange((index) => applyRepairs(index, repairs)) : null;
    return { kind: 'accepted', repairs: repairUpdate };
  }

  /** A change of the server's own (repairs, a restore); returns the update to store, if any. */
  applyServerChange(change: (index: RecordIndex) => void): Uint8Array | null {
    const updates: Uint8Array[] = [];
    const onUpdate = (u: Uint8Array) => updates.push(u);
    this.ydoc.on('update', onUpdate);
    try {
      this.ydoc.transact(() => change(this.index), SERVER_ORIGIN);
    } finally {
      this.ydoc.off('update', onUpdate);
    }
    if (updates.length === 0) return null;
    const update = Y.mergeUpdates(updates);
    this.storedBytes += update.byteLength;
    return update;
  }

  /**
   * Brings the document to the current schema (migration.ts: the records' migrations, then texts
   * kept as entries into their texts), as the server's own change: counted in the stored size,
   * and what it removes is remembered like any removal.
   */
  migrate(): Migration {
    const off = this.index.onChange((changes) => this.removed.remember([...changes.removed]));
    let migration: ReturnType<typeof migrateDoc>;
    let texts: Uint8Array | null;
    try {
      migration = migrateDoc(this.ydoc, this.rules.schema, this.rules.textFields);
      texts = migrateTexts(this.ydoc, this.rules.textFields);
    } finally {
      off();
    }
    const updates = [migration.update, texts].filter((u): u is Uint8Array => u !== null);
    for (const update of updates) this.storedBytes += update.byteLength;
    const { update: _update, ...outcome } = migration;
    return { updates, ...outcome };
  }

  /** Storage wrote `updates` accepted updates as its rows `from` to `to`; true when a compaction is due. */
  written(updates: number, from: number, to: number): boolean {
    this.seqs.own(from, to);
    this.sinceCompaction += updates;
    if (this.sinceCompaction < this.rules.compactAfterUpdates) return false;
    this.sinceCompaction = 0;
    return true;
  }

  /** Rebuilds the document from storage plus what is still queued: drops what was not stored. */
  rollback(): void {
    const stored = this.source.loadStored();
    const pending = this.source.pending();
    this.ydoc.destroy();
    this.ydoc = docFromStorage(
      { ...stored, updates: [...stored.updates, ...pending] },
      this.rules.textFields,
    );
    this.storedBytes = stored.byteSize + pending.reduce((n, u) => n + u.byteLength, 0);
    this.seqs.caughtUp(stored.lastSeq);
    this.observe();
  }

  /**
   * Updates another server process stored as [from, to] (validated there): applied in sequence
   * order; returns the ones applied now, for this process's peers.
   */
  applyStored(from: number, to: number, update: Uint8Array): Uint8Array[] {
    const ready = this.seqs.offer(from, to, update);
    for (const u of ready) this.applyFromStorage(u);
    return ready;
  }

  /** Whether an update stored by another process is still missing here. */
  get hasHole(): boolean {
    return this.seqs.hasHole;
  }

  /** Reads what storage holds and merges it in; returns what was new to this document, if anything. */
  catchUp(): Uint8Array | null {
    const stored = this.source.loadStored();
    const before = Y.encodeStateVector(this.ydoc);
    if (stored.snapshot) this.applyFromStorage(stored.snapshot);
    for (const u of stored.updates) this.applyFromStorage(u);
    this.seqs.caughtUp(stored.lastSeq);
    this.storedBytes = Math.max(this.storedBytes, stored.byteSize);
    const after = Y.encodeStateVector(this.ydoc);
    return uint8Equal(before, after) ? null : Y.encodeStateAsUpdate(this.ydoc, before);
  }

  private applyFromStorage(update: Uint8Array): void {
    const off = this.index.onChange((changes) => this.removed.remember([...changes.removed]));
    try {
      Y.applyUpdate(this.ydoc, update, STORED_ORIGIN);
    } finally {
      off();
    }
    this.storedBytes += update.byteLength;
  }

  /** The whole document for a compaction, or null while updates still wait to be written. */
  /** Storage replaced `removedBytes` of the room (snapshot and log) by `addedBytes` (a compaction). */
  compacted(removedBytes: number, addedBytes: number): void {
    this.storedBytes += addedBytes - removedBytes;
  }

  /**
   * The answer to a sync step 1. Newcomers with nothing (the empty state vector) all get the same
   * bytes while the document is unchanged: encoded once, and one buffer shared by every socket
   * still sending it, instead of one copy of the whole map per viewer. Any change to the document
   * drops it: a deletion leaves the state vector as it was, so that cannot be the key.
   */
  syncStep2For(stateVector: Uint8Array): Uint8Array {
    const isEmpty = stateVector.byteLength === 1 && stateVector[0] === 0;
    if (!isEmpty) return encodeSyncStep2(Y.encodeStateAsUpdate(this.ydoc, stateVector));
    const cached = this.fullAnswer?.deref();
    if (cached) return cached;
    const answer = encodeSyncStep2(Y.encodeStateAsUpdate(this.ydoc));
    this.fullAnswer = new WeakRef(answer);
    return answer;
  }

  /**
   * What this document holds beyond `stateVector` (and every deletion), framed as an update: a
   * newcomer given a kept answer of that state gets this with it. Far cheaper than encoding the
   * map: only the structs after `stateVector` are written (the delete set walks every struct, but
   * copies none of their content).
   */
  updateSince(stateVector: Uint8Array): Uint8Array {
    return encodeUpdate(Y.encodeStateAsUpdate(this.ydoc, stateVector));
  }

  /** Whether a newcomer with nothing would be answered with a kept answer, encoding nothing. */
  hasFullAnswer(): boolean {
    return this.fullAnswer?.deref() !== undefined;
  }

  /** The document's change count now, for `keepFullAnswer`. */
  get changeCount(): number {
    return this.changes;
  }

  /**
   * An answer for newcomers with nothing made elsewhere (from storage, off the event loop): kept
   * as `syncStep2For`'s own while the document has not changed since `atChange`.
   */
  keepFullAnswer(answer: Uint8Array, atChange: number): void {
    if (atChange === this.changes) this.fullAnswer = new WeakRef(answer);
  }

  private hasText(recordId: string): boolean {
    return textRootsOf(this.ydoc, recordId).some((name) => (this.ydoc.share.get(name)?._length ?? 0) > 0);
  }

  shapeCount(): number {
    return this.index.ids().filter((id) => id.startsWith('shape:')).length;
  }

  destroy(): void {
    this.ydoc.destroy();
  }

  private observe(): void {
    this.index = recordIndex(this.ydoc, this.rules.textFields);
    this.fullAnswer = null;
    this.changes++;
    // Not the 'update' event: listening to it makes Yjs encode every transaction once more.
    // Only a transaction that added or deleted something: every newcomer's reply to our sync
    // step 1 is an update with nothing in it, and dropping the answer for it made each newcomer
    // encode (and hold, until its socket sent it) a whole document of its own. (Parked structs are
    // part of the encoded state too: while there are any, nothing is kept.)
    this.ydoc.on('afterTransaction', (transaction: Y.Transaction) => {
      const store = this.ydoc.store;
      if (transactionChanged(transaction) || store.pendingStructs !== null || store.pendingDs !== null) {
        this.fullAnswer = null;
        this.changes++;
      }
    });
  }
}

/** The origin of a turn's updates of several senders, applied as one. */
const SEVERAL_SENDERS = { name: 'several senders' };

/** The origin of updates read from storage or another process: already validated and stored. */
const STORED_ORIGIN = { name: 'stored' };

function uint8Equal(a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength) return false;
  for (let i = 0; i < a.byteLength; i++) if (a[i] !== b[i]) return false;
  return true;
}
