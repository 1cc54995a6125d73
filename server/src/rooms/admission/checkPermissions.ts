/**
 * Who may write what, checked on an update's forecast (the records before it and after it): the
 * conversation's records have owners (packages/model, mayWrite). The map's records may be written
 * by every partner, until the facilitator ends the conversation with the map closed (mapClosed);
 * a viewer's updates never get this far.
 */
import { CONVERSATION_ID, isConversationType, mapClosed, mayWrite, type Writer } from '@patroonkaart/model';
import type { RecordChanges, RecordView } from '@patroonkaart/tldraw-yjs';
import { type Refusal, refusal } from '../session/Refusal.ts';

export type PermissionCheck =
  | { ok: true /** Late votes, to be removed by the server. */; late: string[] }
  | { ok: false; refusal: Refusal };

/**
 * `writer` null: the merged updates of several senders (admitTurn). Whose a conversation record
 * is cannot be told from a merge, so it may touch none; the room then admits them one by one.
 */
export function checkPermissions(
  writer: Writer | null,
  before: RecordView,
  after: RecordView,
  changes: RecordChanges,
  serverNow: number,
): PermissionCheck {
  const late: string[] = [];
  const votingOpen = before.field(CONVERSATION_ID, 'votingOpen') === true;
  const anonymousVotes = before.field(CONVERSATION_ID, 'anonymousVotes') === true;
  // A silent round's answers wait on the server (rooms/silent): none may be written here.
  const silent = before.field(CONVERSATION_ID, 'silentRounds');
  const silentRounds = Array.isArray(silent) ? (silent as number[]) : [];
  const closed =
    writer?.role !== 'facilitator' &&
    mapClosed({
      ended: before.field(CONVERSATION_ID, 'ended') === true,
      mapOpenAfterEnd: before.field(CONVERSATION_ID, 'mapOpenAfterEnd') !== false,
    });
  const ids = new Set([...changes.added, ...changes.removed, ...changes.fields.keys()]);
  for (const id of ids) {
    // By the id's type, so the map's records (nearly every update) are never built here: a
    // conversation record's id always starts with its type (conversationRecordProblem).
    if (!isConversationType(id.slice(0, id.indexOf(':')))) {
      if (closed)
        return { ok: false, refusal: refusal('notAllowed', 'the conversation ended with the map closed') };
      continue;
    }
    if (!writer)
      return { ok: false, refusal: refusal('notAllowed', 'several senders write the conversation') };
    const was = before.get(id);
    const now = after.get(id);
    const verdict = mayWrite(writer, was, now, { serverNow, votingOpen, anonymousVotes, silentRounds });
    if (verdict.ok === 'late') late.push(id);
    else if (!verdict.ok)
      return { ok: false, refusal: refusal('notAllowed', `${id.slice(0, 80)}: ${verdict.reason}`) };
  }
  return { ok: true, late };
}
