/**
 * A room's presence: the y-protocols awareness the server relays, and who owns which client id.
 * Updates pass awarenessGate.ts first; an accepted one is relayed to every other session.
 */
import { MAX_NAME_CHARS, MAX_ORGANISATION_CHARS } from '@patroonkaart/model';
import { readPresence } from '@patroonkaart/protocol';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { encodeAwareness } from '../../sync/messages.ts';
import { type Refusal, refusal } from '../session/Refusal.ts';
import { RoomSession } from '../session/RoomSession.ts';
import { admitAwareness } from './awarenessGate.ts';

/** The origin of presence relayed from another server process (it passed the gate there). */
const REMOTE = { name: 'other-process' };

export class RoomPresence {
  readonly awareness: awarenessProtocol.Awareness;
  /** Which connection owns each awareness client id: nobody may speak for another's cursor. */
  private readonly owners = new Map<number, RoomSession>();
  /** Client ids of people connected to another server process: nobody here may speak for them. */
  private readonly remoteIds = new Set<number>();

  /**
   * `relay(message, sender)` sends to every session of the room but the sender; `shared(update)`
   * gets each change made here (not those from other processes), for the other processes.
   */
  constructor(
    relay: (message: Uint8Array, sender: RoomSession | undefined) => void,
    shared?: (update: Uint8Array) => void,
  ) {
    // Awareness needs a doc only for its own client id; the server publishes no state itself.
    this.awareness = new awarenessProtocol.Awareness(new Y.Doc());
    this.awareness.setLocalState(null);
    this.awareness.on(
      'update',
      (
        { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
        origin: unknown,
      ) => {
        const sender = origin instanceof RoomSession ? origin : undefined;
        if (sender) {
          for (const id of [...added, ...updated]) {
            sender.awarenessIds.add(id);
            this.owners.set(id, sender);
          }
        }
        if (origin === REMOTE) for (const id of [...added, ...updated]) this.remoteIds.add(id);
        for (const id of removed) {
          this.owners.get(id)?.awarenessIds.delete(id);
          this.owners.delete(id);
          this.remoteIds.delete(id);
        }
        const changed = [...added, ...updated, ...removed];
        const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed);
        relay(encodeAwareness(update), sender);
        if (origin !== REMOTE) shared?.(update);
      },
    );
  }

  /** Names and organisations of everyone present (for a restore point's description). */
  people(): { name: string; organisation: string }[] {
    const people: { name: string; organisation: string }[] = [];
    for (const state of this.awareness.getStates().values()) {
      const user = readPresence(state)?.user;
      if (!user) continue;
      people.push({
        name: user.name.slice(0, MAX_NAME_CHARS),
        organisation: user.organisation.slice(0, MAX_ORGANISATION_CHARS),
      });
    }
    return people;
  }

  /** Every current state, for a newcomer or a query-awareness; null when nobody is present. */
  everyone(): Uint8Array | null {
    const ids = [...this.awareness.getStates().keys()];
    return ids.length ? encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids)) : null;
  }

  /** Applies what passes the gate; a refusal closes the sender, never the receivers. */
  apply(session: RoomSession, update: Uint8Array): Refusal | null {
    const ownerOf = (id: number) =>
      this.owners.get(id) ?? (this.remoteIds.has(id) ? (REMOTE as unknown as RoomSession) : undefined);
    const verdict = admitAwareness(update, session, session.awarenessIds, ownerOf, {
      mayLead: session.role === 'facilitator',
      knownClock: (id) => this.awareness.meta.get(id)?.clock,
    });
    if (!verdict.ok) return verdict.refusal;
    if (!verdict.update) return null;
    try {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, verdict.update, session);
      return null;
    } catch {
      return refusal('malformed', 'awareness update');
    }
  }

  /** Presence from another server process (it passed that process's gate). */
  applyRemote(update: Uint8Array): void {
    try {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, update, REMOTE);
    } catch {
      // A process sends only what it encoded itself; anything else is dropped.
    }
  }

  /** A session left: its states are removed (and the removal relayed) at once. */
  remove(session: RoomSession): void {
    if (session.awarenessIds.size)
      awarenessProtocol.removeAwarenessStates(this.awareness, [...session.awarenessIds], null);
    for (const id of session.awarenessIds) this.owners.delete(id);
  }

  destroy(): void {
    this.awareness.destroy();
  }
}
