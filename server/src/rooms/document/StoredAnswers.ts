/**
 * A big room's answers to newcomers with nothing, read from storage off the event loop (issue 37):
 * a client joining a room of OFF_THREAD_DOC_BYTES or more is sent what storage holds (everything it
 * was shown relayed is stored: the queue was flushed before), merged on the merge worker; what is
 * stored meanwhile reaches it as any peer's update. One read and one encoding serve every newcomer
 * who may share it, and the answer is kept for later ones while the document is unchanged.
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
      ({ syncStep2 }) => {
        this.document.keepFullAnswer(syncStep2, atChange);
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
