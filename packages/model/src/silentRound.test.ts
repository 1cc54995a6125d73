import { describe, expect, it } from 'vitest';
import type { Answer } from './answers.ts';
import { CONVERSATION_ID, defaultConversation, readConversation, startRound } from './conversation.ts';
import { conversationRecordProblem, mayWrite, type Writer } from './conversationRecords.ts';
import {
  conversationPatch,
  conversationWithoutServerFields,
  isSilent,
  MAX_WAITING_PER_ROOM,
  markSilent,
  revealRound,
  sameSilence,
  silenceOf,
  waitingCounts,
} from './silentRound.ts';

const ANNA = 'a'.repeat(24);
const facilitator: Writer = { role: 'facilitator', author: 'f'.repeat(24), ballot: null };
const anna: Writer = { role: 'edit', author: ANNA, ballot: null };
const ctx = (silentRounds: number[] = []) => ({ serverNow: 1_000_000, votingOpen: false, silentRounds });

const record = (c = defaultConversation()) => ({ ...c }) as unknown as Record<string, unknown>;

function answer(round: number, text = 'Wij wachten af', author = ANNA): Answer {
  return {
    id: 'answer:1',
    typeName: 'answer',
    round,
    text,
    author,
    name: 'Anna',
    organisation: 'Gemeente',
    createdAt: 5,
  };
}
const asRecord = (a: Answer) => ({ ...a }) as unknown as Record<string, unknown>;

describe('a silent round', () => {
  it('is none by default, also for a record written before silent rounds existed', () => {
    const c = defaultConversation();
    expect(c.silentRounds).toEqual([]);
    expect(c.waiting).toEqual([0, 0, 0, 0, 0]);
    const old = { ...c } as Partial<typeof c>;
    delete old.silentRounds;
    delete old.waiting;
    expect(readConversation(old).waiting).toEqual([0, 0, 0, 0, 0]);
    expect(silenceOf(old as Record<string, unknown>)).toEqual(silenceOf(null));
    expect(conversationRecordProblem(old as Record<string, unknown>)).toBeNull();
  });

  it('is marked once per round, in round order, and only for a round of the method', () => {
    let c = markSilent(defaultConversation(), 3);
    c = markSilent(c, 1);
    c = markSilent(c, 3);
    expect(c.silentRounds).toEqual([1, 3]);
    expect(isSilent(c, 3)).toBe(true);
    expect(isSilent(c, 2)).toBe(false);
    expect(markSilent(c, 0).silentRounds).toEqual([1, 3]);
    expect(markSilent(c, 6).silentRounds).toEqual([1, 3]);
    expect(markSilent(c, 2.5).silentRounds).toEqual([1, 3]);
  });

  it('counts the waiting answers per round, and a reveal clears its own round only', () => {
    const counts = waitingCounts([answer(3), answer(3), answer(1), answer(9)]);
    expect(counts).toEqual([1, 0, 2, 0, 0]);
    const c = { ...markSilent(markSilent(defaultConversation(), 1), 3), waiting: counts };
    const revealed = revealRound(c, 3);
    expect(revealed.silentRounds).toEqual([1]);
    expect(revealed.waiting).toEqual([1, 0, 0, 0, 0]);
    expect(conversationRecordProblem(record(revealed))).toBeNull();
  });

  it('is validated: ascending rounds of 1-5, five whole counts within the room cap', () => {
    const ok = record({ ...markSilent(defaultConversation(), 2), waiting: [0, 4, 0, 0, 0] });
    expect(conversationRecordProblem(ok)).toBeNull();
    for (const silentRounds of [[3, 1], [2, 2], [0], [6], [1.5], 'all', [1, 2, 3, 4, 5, 5]])
      expect(conversationRecordProblem({ ...ok, silentRounds }), JSON.stringify(silentRounds)).toMatch(
        /silent rounds/,
      );
    for (const waiting of [
      [0, 0, 0, 0],
      [0, 0, 0, 0, 0, 0],
      [-1, 0, 0, 0, 0],
      [0.5, 0, 0, 0, 0],
      [MAX_WAITING_PER_ROOM + 1, 0, 0, 0, 0],
      null,
    ])
      expect(conversationRecordProblem({ ...ok, waiting }), JSON.stringify(waiting)).toMatch(/waiting/);
  });
});

describe('who may write a silent round', () => {
  it('is the server only: the facilitator cannot mark, reveal or count', () => {
    const silent = record({ ...markSilent(defaultConversation(), 3), waiting: [0, 0, 2, 0, 0] });
    const mark = record(markSilent(defaultConversation(), 3));
    expect(mayWrite(facilitator, record(), mark, ctx())).toMatchObject({ ok: false });
    expect(mayWrite(facilitator, silent, { ...silent, silentRounds: [] }, ctx([3]))).toMatchObject({
      ok: false,
    });
    expect(mayWrite(facilitator, silent, { ...silent, waiting: [0, 0, 9, 0, 0] }, ctx([3]))).toMatchObject({
      ok: false,
    });
    expect(mayWrite(facilitator, silent, { ...silent, waiting: [0, 0, 0, 0, 0] }, ctx([3]))).toMatchObject({
      ok: false,
    });
    // Removing the record would forget the answers waiting.
    expect(mayWrite(facilitator, silent, null, ctx([3]))).toMatchObject({ ok: false });
    // A partner writes no conversation record at all.
    expect(mayWrite(anna, silent, { ...silent, silentRounds: [] }, ctx([3]))).toMatchObject({ ok: false });
  });

  it('lets the facilitator lead as before, keeping what the server wrote', () => {
    const silent = record({ ...markSilent(defaultConversation(), 3), waiting: [0, 0, 2, 0, 0] });
    const next = { ...record(startRound(readConversation(silent), 3, 1_000_000)), ...silenceOf(silent) };
    expect(mayWrite(facilitator, silent, next, ctx([3]))).toEqual({ ok: true });
    // A record written before silent rounds existed reads as none: writing the defaults changes nothing.
    const old = record();
    delete old.silentRounds;
    delete old.waiting;
    expect(sameSilence(old, record())).toBe(true);
    expect(mayWrite(facilitator, old, record(), ctx())).toEqual({ ok: true });
    expect(mayWrite(facilitator, null, old, ctx())).toEqual({ ok: true });
  });

  it('refuses an answer written into the document in a silent round, and takes it in any other', () => {
    expect(mayWrite(anna, null, asRecord(answer(3)), ctx([3]))).toMatchObject({ ok: false });
    expect(mayWrite(anna, null, asRecord(answer(2)), ctx([3]))).toEqual({ ok: true });
    // Moved into the silent round: refused as well.
    expect(mayWrite(anna, asRecord(answer(2)), asRecord(answer(3)), ctx([3]))).toMatchObject({ ok: false });
    // An answer already shown (written before the round went silent, or revealed) may still be
    // corrected or removed by its author, and removed by the facilitator.
    expect(mayWrite(anna, asRecord(answer(3)), asRecord(answer(3, 'Beter zo')), ctx([3]))).toEqual({
      ok: true,
    });
    expect(mayWrite(anna, asRecord(answer(3)), null, ctx([3]))).toEqual({ ok: true });
    expect(mayWrite(facilitator, asRecord(answer(3)), null, ctx([3]))).toEqual({ ok: true });
    // Nor may the facilitator write one there.
    const own = answer(3, 'Ik ook', facilitator.author!);
    expect(mayWrite(facilitator, null, asRecord(own), ctx([3]))).toMatchObject({ ok: false });
  });

  it('still checks the conversation record id', () => {
    expect(conversationRecordProblem({ ...record(), id: 'conversation:other' })).toBe(
      'the conversation record has one id',
    );
    expect(CONVERSATION_ID).toBe('conversation:conversation');
  });

  it("gives a screen only the fields it changes to write, never the server's", () => {
    const known = { ...markSilent(defaultConversation(), 3), waiting: [0, 0, 1, 0, 0] };
    // The screen's idea of the silence is stale, or it tries to change it: left out either way.
    const next = { ...known, votingOpen: true, silentRounds: [], waiting: [0, 0, 0, 0, 0] };
    expect(conversationPatch(known, next)).toEqual({ votingOpen: true });
    expect(conversationPatch(known, { ...known })).toEqual({});
    expect(conversationPatch(known, { ...known, plan: [5, 3, 3, 3, 3] })).toEqual({ plan: [5, 3, 3, 3, 3] });
    const whole = conversationWithoutServerFields(known);
    expect(Object.keys(whole)).not.toContain('silentRounds');
    expect(Object.keys(whole)).not.toContain('waiting');
    expect(conversationRecordProblem(whole)).toBeNull();
  });
});
