/**
 * What a connection may publish as presence, checked before the room's awareness (and so every
 * other peer) sees it: a few client ids per connection, each owned by the connection that first
 * used it, each state small plain JSON (the limits are the protocol's, PRESENCE_LIMITS). Any plain
 * object passes, not only a whole PresenceState: a stock y-websocket client publishes `{}` first,
 * and readers take what they understand with readPresence. Pure: the room passes who owns which id.
 */
import { PRESENCE_LEADER_FIELDS, PRESENCE_LIMITS } from '@patroonkaart/protocol';
import { checkJsonValue } from '@patroonkaart/tldraw-yjs';
import {
  type AwarenessEntry,
  readAwarenessUpdate,
  writeAwarenessUpdate,
} from '../../sync/awarenessUpdate.ts';
import { type Refusal, refusal } from '../session/Refusal.ts';

/** How deep a presence state may nest (a tldraw presence record needs 4). */
const MAX_STATE_DEPTH = 16;

export type AwarenessVerdict =
  | { ok: true; update: Uint8Array | null; dropped: number }
  | { ok: false; refusal: Refusal };

/**
 * `owner(id)` is the connection that owns an id (undefined: nobody). Entries for an id owned by
 * another connection are dropped, not relayed (a forged cursor, or a reconnect whose old socket
 * the heartbeat has not closed yet); so are entries no newer than what the room knows of an id
 * (`knownClock`: a stock client echoing the state of someone who has just left); the rest is
 * re-encoded as the update to apply.
 */
export function admitAwareness<S>(
  update: Uint8Array,
  session: S,
  ownIds: ReadonlySet<number>,
  owner: (clientId: number) => S | undefined,
  { mayLead, knownClock }: { mayLead: boolean; knownClock?: (clientId: number) => number | undefined } = {
    mayLead: false,
  },
): AwarenessVerdict {
  const entries = readAwarenessUpdate(update, PRESENCE_LIMITS.maxEntriesPerUpdate);
  if (!entries) return { ok: false, refusal: refusal('malformed', 'unreadable awareness update') };
  const kept: AwarenessEntry[] = [];
  const claimed = new Set(ownIds);
  let dropped = 0;
  for (const entry of entries) {
    const current = owner(entry.clientId);
    // Clients relay others' states too (y-websocket does, all at once when they join): those are
    // dropped unread, never held against them.
    if (current !== undefined && current !== session) {
      dropped++;
      continue;
    }
    const known = current === undefined ? knownClock?.(entry.clientId) : undefined;
    if (known !== undefined && entry.clock <= known) {
      dropped++;
      continue;
    }
    if (entry.state.length > PRESENCE_LIMITS.maxStateBytes)
      return {
        ok: false,
        refusal: refusal('messageTooLarge', `awareness state of ${entry.state.length} chars`),
      };
    let parsed: unknown;
    try {
      parsed = JSON.parse(entry.state);
    } catch {
      return { ok: false, refusal: refusal('malformed', 'awareness state is not JSON') };
    }
    const checked = checkJsonValue(parsed, PRESENCE_LIMITS.maxStateBytes, MAX_STATE_DEPTH);
    if (!checked.ok || (parsed !== null && (typeof parsed !== 'object' || Array.isArray(parsed))))
      return { ok: false, refusal: refusal('malformed', 'awareness state is not a plain object') };
    // A leader's field from anyone else is dropped, not refused: an honest client may relay a
    // facilitator's state that arrived just before the facilitator left.
    if (
      !mayLead &&
      parsed !== null &&
      PRESENCE_LEADER_FIELDS.some((f) => Object.hasOwn(parsed as object, f))
    ) {
      dropped++;
      continue;
    }
    claimed.add(entry.clientId);
    if (claimed.size > PRESENCE_LIMITS.maxIdsPerConnection)
      return { ok: false, refusal: refusal('malformed', 'too many awareness ids') };
    kept.push(entry);
  }
  return { ok: true, update: kept.length ? writeAwarenessUpdate(kept) : null, dropped };
}
