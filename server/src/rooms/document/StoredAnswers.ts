/**
 * A big room's answers to newcomers with nothing, read from storage off the event loop (issue 37):
 * a client joining a room of OFF_THREAD_DOC_BYTES or more is sent what storage holds (everything it
 * was shown relayed is stored: the queue was flushed before), merged on the merge worker; what is
 * stored meanwhile reaches it as any peer's update. One read and one encoding serve every newcomer
 * who may share it, and the answer is kept for later ones while the document is unchanged.
 *
 * Once the map has changed, a later newcomer is given the last answer read, as it is, with what
 * the document holds beyond it (`keptWithTail`, a few kilobytes where the map is megabytes), until
 * that tail grows past KEPT_TAIL_SHARE of it: a new read then. Without this, each newcomer to a
 * map that is being edited brought a whole map's bytes through this thread, and a major garbage
 * collection with them.
 */
import type { StoredStates } from '../persistence/StoredStates.ts';
import type { RoomDocument } from './RoomDocument.ts';

/**
 * A document at least this big is not encoded on the event loop for a newcomer with nothing: a
 * 16 MB map takes a quarter of a second.
 */
export const OFF_THREAD_DOC_BYTES = 512 * 1024;

/** The state vector of a client with nothing. */
const EMPTY_STATE_VECTOR = new Uint8Array([0]);

/** A kept answer serves newcomers while what changed since is at most this share of it. */
const KEPT_TAIL_SHARE = 1 / 16;

/** The last answer read from storage, and the state vector of what it holds. */
interface KeptAnswer {
  syncStep2: Uint8Array;
  stateVector: Uint8Array;
}

/** When a newcomer joined: the order of joins and reads, and the document's change count then. */
export interface Joined {
  at: number;
  atChange: number;
}

export class StoredAnswers {
  private readonly roomId: string;
  private readonly document: RoomDocument;
  private readonly states: Pick<StoredStates, 'read'>;
  private clock = 0;
  /** The read under way, if any: its moment, the change count then, the answer it will give. */
  private reading: { at: number; atChange: number; answer: Promise<Uint8Array> } | null = null;
  private kept: KeptAnswer | null = null;

  constructor(roomId: string, document: RoomDocument, states: Pick<StoredStates, 'read'>) {
    this.roomId = roomId;
    this.document = document;
    this.states = states;
  }

  /** A newcomer joins now. */
  joined(): Joined {
    return { at: ++this.clock, atChange: this.document.changeCount };
  }

  /** Whether a sync step 1 with this state vector is answered from storage (`answer`). */
  wanted(stateVector: Uint8Array, storedBytes: number): boolean {
    const isEmpty = stateVector.byteLength === 1 && stateVector[0] === 0;
    return isEmpty && storedBytes >= OFF_THREAD_DOC_BYTES && !this.document.hasFullAnswer();
  }

  /**
   * The kept answer and, framed as an update, what the document holds beyond it: both together
   * are the whole map. Null when none is kept or the tail has grown too big (it is then dropped).
   */
  keptWithTail(): { tail: Uint8Array; syncStep2: Uint8Array } | null {
    const kept = this.kept;
    if (!kept) return null;
    const tail = this.document.updateSince(kept.stateVector);
    if (tail.byteLength <= kept.syncStep2.byteLength * KEPT_TAIL_SHARE)
      return { tail, syncStep2: kept.syncStep2 };
    this.kept = null;
    return null;
  }

  /**
   * The answer for a newcomer who joined at `joined`. A read holds all the newcomer was not
   * relayed if it began after the newcomer joined, or the document did not change between its
   * beginning and the joining. Should the read fail, the document is encoded here.
   */
  answer(joined: Joined): Promise<Uint8Array> {
    const under = this.reading;
    if (under && (under.at > joined.at || under.atChange === joined.atChange)) return under.answer;
    const at = ++this.clock;
    // Kept for later newcomers only if the document did not change while storage was read.
    const atChange = this.document.changeCount;
    const answer = this.states.read(this.roomId).then(
      ({ syncStep2, stateVector }) => {
        this.document.keepFullAnswer(syncStep2, atChange);
        this.kept = { syncStep2, stateVector };
        return syncStep2;
      },
      () => this.document.syncStep2For(EMPTY_STATE_VECTOR),
    );
    const reading = { at, atChange, answer };
    this.reading = reading;
    const done = () => {
      if (this.reading === reading) this.reading = null;
    };
    answer.then(done, done);
    return answer;
  }
}
