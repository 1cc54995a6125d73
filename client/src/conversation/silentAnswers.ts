/**
 * My answers in a silent round. The room's document goes to every screen, so they are not in it:
 * they wait on the server (sync/api.ts, the hidden-answers calls, with my partner secret) and this
 * screen keeps the list the server last gave, shown here alone and marked "nog verborgen", until
 * the facilitator's reveal writes them into the document, under the same ids, for everyone. The
 * facilitator's "Stille ronde" and "Antwoorden tonen" are here too. Every call's failure is told in
 * the partner's language (`problem`); a call that failed changes nothing.
 */
import type { HiddenAnswer } from '@patroonkaart/protocol';
import type * as Y from 'yjs';
import { create } from 'zustand';
import { useLocale } from '../i18n/i18n.ts';
import { signature, useMe } from '../state/meStore.ts';
import {
  ApiFailure,
  addHiddenAnswer,
  apiFailureMessage,
  editHiddenAnswer,
  listHiddenAnswers,
  type RoomKey,
  revealRound,
  silenceRound,
  withdrawHiddenAnswer,
} from '../sync/api.ts';
import { readRoomAddress } from '../sync/roomAccess.ts';
import { conversationActions } from './conversationActions.ts';

interface HiddenAnswersState {
  /** My waiting answers, oldest first, as the server last said. */
  answers: HiddenAnswer[];
  /** What went wrong with the last call, in the partner's language; null when it went well. */
  problem: string | null;
  /** A call is under way (its button waits). */
  busy: boolean;
}

export const useHiddenAnswers = create<HiddenAnswersState>(() => ({
  answers: [],
  problem: null,
  busy: false,
}));

function roomKey(): RoomKey | null {
  const address = readRoomAddress();
  return address?.token ? { roomId: address.roomId, token: address.token } : null;
}

const secret = () => useMe.getState().user.secret;

/** Runs one call; a failure becomes `problem` (in my language) and the answer null. */
async function attempt<T>(call: (key: RoomKey) => Promise<T>): Promise<T | null> {
  const key = roomKey();
  if (!key) return null;
  useHiddenAnswers.setState({ busy: true });
  try {
    const answer = await call(key);
    useHiddenAnswers.setState({ problem: null });
    return answer;
  } catch (failure) {
    useHiddenAnswers.setState({ problem: apiFailureMessage(useLocale.getState().locale, failure) });
    return null;
  } finally {
    useHiddenAnswers.setState({ busy: false });
  }
}

export const silentAnswers = {
  /** Asks the server for my waiting answers (offline: the list stays as it was). */
  async refresh(): Promise<void> {
    const key = roomKey();
    if (!key) return;
    try {
      const { answers } = await listHiddenAnswers(key, secret());
      useHiddenAnswers.setState({ answers });
    } catch {
      // Offline or refused: what this screen was last told stays.
    }
  },

  /**
   * My answer in a silent round, sent to the server. When the round turned out not to be silent
   * (any more: revealed meanwhile), it is written into the document as any answer. Whether it is
   * kept, one way or the other (else `problem` says why).
   */
  async add(doc: Y.Doc, round: number, text: string): Promise<boolean> {
    const trimmed = text.trim();
    const key = roomKey();
    if (!trimmed || !key) return false;
    useHiddenAnswers.setState({ busy: true });
    try {
      const answer = await addHiddenAnswer(key, secret(), { round, text: trimmed, ...signature() });
      useHiddenAnswers.setState((s) => ({ answers: [...s.answers, answer], problem: null }));
      return true;
    } catch (failure) {
      if (failure instanceof ApiFailure && failure.code === 'round-not-silent') {
        conversationActions.addAnswer(doc, round, trimmed);
        useHiddenAnswers.setState({ problem: null });
        return true;
      }
      useHiddenAnswers.setState({ problem: apiFailureMessage(useLocale.getState().locale, failure) });
      return false;
    } finally {
      useHiddenAnswers.setState({ busy: false });
    }
  },

  async edit(answer: HiddenAnswer, text: string): Promise<void> {
    const trimmed = text.trim();
    if (!trimmed) return;
    const changed = await attempt((key) => editHiddenAnswer(key, secret(), answer.id, trimmed));
    if (changed)
      useHiddenAnswers.setState((s) => ({
        answers: s.answers.map((a) => (a.id === changed.id ? changed : a)),
      }));
    else void silentAnswers.refresh();
  },

  async withdraw(answer: HiddenAnswer): Promise<void> {
    const done = await attempt((key) => withdrawHiddenAnswer(key, secret(), answer.id));
    if (done !== null || useHiddenAnswers.getState().problem === null)
      useHiddenAnswers.setState((s) => ({ answers: s.answers.filter((a) => a.id !== answer.id) }));
    else void silentAnswers.refresh();
  },

  /** "Stille ronde": round `round`'s answers wait on the server from now on (the facilitator). */
  silence: (round: number) => attempt((key) => silenceRound(key, round)),

  /** "Antwoorden tonen": every screen gets round `round`'s answers at once; its silence ends. */
  reveal: (round: number) => attempt((key) => revealRound(key, round)),
};

/** My waiting answers of one round that the document does not show yet (the reveal puts them there). */
export function waitingOfRound(
  answers: readonly HiddenAnswer[],
  round: number,
  shown: ReadonlySet<string>,
): HiddenAnswer[] {
  return answers.filter((a) => a.round === round && !shown.has(a.id));
}
