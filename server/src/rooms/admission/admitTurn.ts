/**
 * A room's client updates of one event-loop turn, admitted. Several are first tried as one:
 * merged, checked and applied once, so a busy room's turn costs one admission rather than one
 * per update. When that is refused, each is admitted on its own, as it arrived: a refusal then
 * names its update and its sender, the others still go through, and a refused sender's later
 * updates of the turn are dropped (its socket is closed).
 */
import * as Y from 'yjs';
import type { Refusal } from '../session/Refusal.ts';
import { refusal } from '../session/Refusal.ts';
import type { RoomSession } from '../session/RoomSession.ts';

export type ClientUpdateVerdict =
  | { kind: 'refused'; refusal: Refusal }
  /** Nothing new: a duplicate the document already holds. */
  | { kind: 'duplicate' }
  /** Applied: store `update`, then the server's `repairs` update (if any) after it. */
  | { kind: 'accepted'; repairs: Uint8Array | null };

/** What a turn's admission needs of the room's document (RoomDocument implements it). */
export interface TurnDocument {
  /** Bytes stored for the room (a room stays within MAX_DOC_BYTES). */
  readonly byteSize: number;
  /**
   * Admits and applies one client update (or a turn's merged); `beforeApply` runs once it passed
   * and is about to be applied. `session` null: the merged updates of several senders.
   */
  applyClientUpdate(
    session: RoomSession | null,
    update: Uint8Array,
    beforeApply: (removedShapes: number) => void,
  ): ClientUpdateVerdict;
}

export interface Received {
  session: RoomSession;
  update: Uint8Array;
}

export interface TurnContext {
  document: TurnDocument;
  maxDocBytes: number;
  /** Before an admitted update is applied, with the shapes it removes. */
  beforeApply(removedShapes: number): void;
  /** Applied: store and relay `update` (the client updates of sizes `parts`), then `repairs`. */
  accepted(
    update: Uint8Array,
    sender: RoomSession | null,
    parts: readonly number[],
    repairs: Uint8Array | null,
  ): void;
  /** Refused: the sender is told why and closed. */
  refused(session: RoomSession, why: Refusal): void;
}

export function admitTurn(ctx: TurnContext, batch: readonly Received[]): void {
  if (batch.length === 0) return;
  if (batch.length > 1 && admitTogether(ctx, batch)) return;
  const refused = new Set<RoomSession>();
  for (const { session, update } of batch)
    if (!refused.has(session) && !admitOne(ctx, session, update)) refused.add(session);
}

/** One client update; false when it was refused. */
function admitOne(ctx: TurnContext, session: RoomSession, update: Uint8Array): boolean {
  const stored = ctx.document.byteSize;
  if (stored + update.byteLength > ctx.maxDocBytes) {
    ctx.refused(session, refusal('documentTooLarge', `${stored} bytes stored`));
    return false;
  }
  const verdict = ctx.document.applyClientUpdate(session, update, ctx.beforeApply);
  if (verdict.kind === 'refused') {
    ctx.refused(session, verdict.refusal);
    return false;
  }
  if (verdict.kind === 'accepted') ctx.accepted(update, session, [update.byteLength], verdict.repairs);
  return true;
}

/**
 * The turn's updates as one; false when they must go one by one (nothing was refused or kept
 * then). Several senders together may write only the map's records (admitUpdate).
 */
function admitTogether(ctx: TurnContext, batch: readonly Received[]): boolean {
  const senders = new Set(batch.map((b) => b.session));
  const [first] = batch;
  const sender = senders.size === 1 && first ? first.session : null;
  let merged: Uint8Array;
  try {
    merged = Y.mergeUpdates(batch.map((b) => b.update));
  } catch {
    return false;
  }
  if (ctx.document.byteSize + merged.byteLength > ctx.maxDocBytes) return false;
  const verdict = ctx.document.applyClientUpdate(sender, merged, ctx.beforeApply);
  if (verdict.kind === 'refused') return false;
  if (verdict.kind === 'accepted')
    ctx.accepted(
      merged,
      sender,
      batch.map((b) => b.update.byteLength),
      verdict.repairs,
    );
  return true;
}
