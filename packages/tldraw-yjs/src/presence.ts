/**
 * Presence through Yjs awareness. Each client publishes one awareness state:
 *
 *   { user: { name, colour, organisation? }, presence: <tldraw instance_presence record, as JSON> | null }
 *
 * Peers turn every remote state into an `instance_presence:<clientID>` record in their store
 * (validated like any other record), which tldraw renders as a named cursor and selection.
 * A peer that vanishes without a goodbye is dropped by y-protocols' awareness after 30 s.
 */
import type { Store, UnknownRecord } from '@tldraw/store';
import type { Awareness } from 'y-protocols/awareness';

export interface PresenceUser {
  name: string;
  colour: string;
  organisation?: string;
}

export interface PresenceState {
  user: PresenceUser;
  presence: Record<string, unknown> | null;
}

export interface PresenceBindingOptions<R extends UnknownRecord> {
  store: Store<R>;
  awareness: Awareness;
  user: PresenceUser;
  /** Upper bound on awareness updates this client sends (default 30 per second). */
  maxUpdatesPerSecond?: number;
}

const PRESENCE_TYPE = 'instance_presence';
/**
 * The server closes a connection whose presence state is over 8 KiB (it relays every state to
 * every peer). Ours stays under this: a laser scribble or a selection of hundreds of shapes is
 * trimmed, never the cursor.
 */
export const MAX_PRESENCE_BYTES = 7 * 1024;

/** The presence as sent: scribbles dropped, then the selection shortened, until the state fits. */
export function fitPresence(
  user: PresenceUser,
  presence: Record<string, unknown> | null,
  maxBytes = MAX_PRESENCE_BYTES,
): Record<string, unknown> | null {
  const size = (p: Record<string, unknown> | null) => JSON.stringify({ user, presence: p }).length;
  if (!presence || size(presence) <= maxBytes) return presence;
  const trimmed: Record<string, unknown> = { ...presence, scribbles: [], brush: null, chatMessage: '' };
  const selected = Array.isArray(presence.selectedShapeIds) ? (presence.selectedShapeIds as unknown[]) : [];
  let keep = selected.length;
  while (size({ ...trimmed, selectedShapeIds: selected.slice(0, keep) }) > maxBytes && keep > 0)
    keep = Math.floor(keep / 2);
  return { ...trimmed, selectedShapeIds: selected.slice(0, keep) };
}

export function presenceRecordId(clientId: number): string {
  return `${PRESENCE_TYPE}:${clientId}`;
}

export class PresenceBinding<R extends UnknownRecord> {
  private readonly options: PresenceBindingOptions<R>;
  private readonly minInterval: number;
  private pending: Record<string, unknown> | null | undefined;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private lastSentAt = Number.NEGATIVE_INFINITY;
  private readonly onChange: (
    change: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ) => void;
  sentCount = 0;

  constructor(options: PresenceBindingOptions<R>) {
    this.options = options;
    this.minInterval = 1000 / (options.maxUpdatesPerSecond ?? 30);
    const { awareness } = options;
    awareness.setLocalState({ user: options.user, presence: null } satisfies PresenceState);
    this.onChange = ({ added, updated, removed }) => {
      this.applyRemote([...added, ...updated], removed);
    };
    awareness.on('change', this.onChange);
    this.applyRemote([...awareness.getStates().keys()], []);
  }

  setUser(user: PresenceUser): void {
    this.options.user = user;
    this.options.awareness.setLocalStateField('user', user);
  }

  /** Publishes my presence, throttled: the latest value always goes out, at most N per second. */
  setLocalPresence(presence: Record<string, unknown> | null): void {
    this.pending = presence;
    if (this.timer) return;
    const wait = Math.max(0, this.lastSentAt + this.minInterval - Date.now());
    if (wait === 0) this.send();
    else this.timer = setTimeout(() => this.send(), wait);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.options.awareness.off('change', this.onChange);
    this.options.awareness.setLocalState(null);
    const ids = this.options.store
      .allRecords()
      .filter((r) => r.typeName === PRESENCE_TYPE)
      .map((r) => r.id);
    if (ids.length) this.options.store.mergeRemoteChanges(() => this.options.store.remove(ids));
  }

  private send(): void {
    this.timer = null;
    if (this.pending === undefined) return;
    this.lastSentAt = Date.now();
    this.sentCount++;
    this.options.awareness.setLocalStateField('presence', fitPresence(this.options.user, this.pending));
    this.pending = undefined;
  }

  private applyRemote(changedIds: number[], removedIds: number[]): void {
    const { store, awareness } = this.options;
    const recordType = (store.schema.types as Record<string, { validate(r: unknown): unknown } | undefined>)[
      PRESENCE_TYPE
    ];
    if (!recordType) return;
    const toPut: R[] = [];
    const toRemove: R['id'][] = [];
    for (const clientId of removedIds) {
      const id = presenceRecordId(clientId) as R['id'];
      if (store.has(id)) toRemove.push(id);
    }
    for (const clientId of changedIds) {
      if (clientId === awareness.clientID) continue;
      const id = presenceRecordId(clientId) as R['id'];
      const state = awareness.getStates().get(clientId) as Partial<PresenceState> | undefined;
      const presence = state?.presence;
      if (!presence || typeof presence !== 'object') {
        if (store.has(id)) toRemove.push(id);
        continue;
      }
      const user = state?.user;
      try {
        const candidate = {
          ...presence,
          id,
          typeName: PRESENCE_TYPE,
          // The cursor's label names the organisation too: its colour alone would not (WCAG 1.4.1).
          userName:
            typeof user?.name === 'string'
              ? typeof user.organisation === 'string' && user.organisation
                ? `${user.name} · ${user.organisation}`
                : user.name
              : presence.userName,
          color: typeof user?.colour === 'string' ? user.colour : presence.color,
        };
        toPut.push(recordType.validate(candidate) as R);
      } catch {
        // A malformed presence from a peer only costs that peer its cursor.
      }
    }
    if (toPut.length || toRemove.length) {
      store.mergeRemoteChanges(() => {
        if (toRemove.length) store.remove(toRemove);
        if (toPut.length) store.put(toPut);
      });
    }
  }
}
