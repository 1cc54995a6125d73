/**
 * The silent round's part of the one Storage interface (Storage extends it): the answers of a
 * silent round, kept with their room until the facilitator reveals the round (rooms/silent). They
 * are never in the room's document, so no connection receives them before the reveal; deleting
 * the room deletes them.
 */
import type { Answer } from '@patroonkaart/model';

/** A waiting answer: exactly the `answer:` record the reveal writes into the document. */
export type WaitingAnswer = Answer;

export interface SilentAnswerStore {
  /** Stores a waiting answer of the room, or replaces the room's one with its id. */
  putWaitingAnswer(roomId: string, answer: WaitingAnswer): Promise<void>;
  /** The room's waiting answers, oldest first (by `createdAt`, then id). */
  waitingAnswers(roomId: string): Promise<WaitingAnswer[]>;
  /** Removes the room's waiting answers with these ids (revealed, or withdrawn); returns how many. */
  deleteWaitingAnswers(roomId: string, ids: readonly string[]): Promise<number>;
}

/** The one order of a room's waiting answers, for every storage. */
export function oldestAnswerFirst(a: WaitingAnswer, b: WaitingAnswer): number {
  return a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
