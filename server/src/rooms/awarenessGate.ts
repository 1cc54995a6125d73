/**
 * What a connection may publish as presence, checked before the room's awareness (and so every
 * other peer) sees it: a few client ids per connection, each owned by the connection that first
 * used it, each state small plain JSON. Pure: the room passes who owns which id.
 */
import { checkJsonValue } from '@patroonkaart/tldraw-yjs';
import { type AwarenessEntry, readAwarenessUpdate, writeAwarenessUpdate } from '../sync/awarenessUpdate.ts';
import { type Refusal, refusal } from './Refusal.ts';

export const AWARENESS_LIMITS = {
  /** Awareness ids one connection may publish: one per tab is normal, a few allow for reconnects. */
  maxIdsPerSession: 4,
  /** One presence state, as JSON text. A cursor, a selection of 100 shapes and a name fit in 8 KiB. */
  maxStateBytes: 8 * 1024,
} as const;

/**
 * Presence fields only the facilitator may publish: `summon` ("Breng iedereen hierheen") makes
 * every screen follow its sender, so screens obey it only because the server lets no one else
 * send it.
 */
export const LEADER_FIELDS: readonly string[] = ['summon'];

export type AwarenessVerdict =
  | { ok: true; update: Uint8Array | null; dropped: number }
  | { ok: false; refusal: Refusal };

/**
 * `owner(id)` is the connection that owns an id (undefined: nobody). Entries for an id owned by
 * another connection are dropped, not relayed (a forged cursor, or a reconnect whose old socket
 * the heartbeat has not closed yet); the rest is re-encoded as the update to apply.
 */
export function admitAwareness<S>(
  update: Uint8Array,
  session: S,
  ownIds: ReadonlySet<number>,
  owner: (clientId: number) => S | undefined,
  { mayLead }: { mayLead: boolean } = { mayLead: false },
): AwarenessVerdict {
  const entries = readAwarenessUpdate(update, AWARENESS_LIMITS.maxIdsPerSession);
  if (!entries) return { ok: false, refusal: refusal('malformed', 'unreadable awareness update') };
  const kept: AwarenessEntry[] = [];
  const claimed = new Set(ownIds);
  let dropped = 0;
  for (const entry of entries) {
    if (entry.state.length > AWARENESS_LIMITS.maxStateBytes)
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
    const checked = checkJsonValue(parsed, AWARENESS_LIMITS.maxStateBytes, 16);
    if (!checked.ok || (parsed !== null && (typeof parsed !== 'object' || Array.isArray(parsed))))
      return { ok: false, refusal: refusal('malformed', 'awareness state is not a plain object') };
    const current = owner(entry.clientId);
    // Clients relay others' states too (y-websocket does): those are dropped, never held against them.
    if (current !== undefined && current !== session) {
      dropped++;
      continue;
    }
    // A leader's field from anyone else is dropped, not refused: an honest client may relay a
    // facilitator's state that arrived just before the facilitator left.
    if (!mayLead && parsed !== null && LEADER_FIELDS.some((f) => Object.hasOwn(parsed as object, f))) {
      dropped++;
      continue;
    }
    claimed.add(entry.clientId);
    if (claimed.size > AWARENESS_LIMITS.maxIdsPerSession)
      return { ok: false, refusal: refusal('malformed', 'too many awareness ids') };
    kept.push(entry);
  }
  return { ok: true, update: kept.length ? writeAwarenessUpdate(kept) : null, dropped };
}
