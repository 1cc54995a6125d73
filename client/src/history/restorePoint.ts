/**
 * "Zet de kaart terug": asks the server to restore a point, then tells every screen (the
 * conversation record's lastRestore), with the point taken just before as the way back.
 */
import type * as Y from 'yjs';
import { apiErrorMessage } from '../i18n/apiError.ts';
import type { Locale } from '../i18n/i18n.ts';
import { updateConversation } from '../state/conversationStore.ts';
import { apiFailureMessage, restoreToPoint } from '../sync/api.ts';
import { readRoomAddress } from '../sync/roomAccess.ts';
import { serverNow } from '../sync/serverClock.ts';

/** Restores point `pointId` (taken at `pointTime`); throws an Error with a plain message. */
export async function restorePoint(
  doc: Y.Doc,
  pointId: number,
  pointTime: number,
  locale: Locale,
): Promise<void> {
  const address = readRoomAddress();
  if (!address?.token) throw new Error(apiErrorMessage(locale, null, 401));
  const answer = await restoreToPoint({ roomId: address.roomId, token: address.token }, pointId).catch(
    (failure: unknown) => {
      throw new Error(apiFailureMessage(locale, failure));
    },
  );
  const undo = typeof answer?.before?.id === 'number' ? answer.before.id : null;
  if (undo !== null)
    updateConversation(doc, (c) => ({ ...c, lastRestore: { at: serverNow(), to: pointTime, undo } }));
}
