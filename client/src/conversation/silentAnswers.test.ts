import { PARTNER_HEADER } from '@patroonkaart/protocol';
import { recordIndex } from '@patroonkaart/tldraw-yjs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';

const ROOM = 'AAAAAAAAAAAAAAAAAAAAAA';
const SECRET = 's'.repeat(32);
const user = { id: 'u1', name: 'Anna', organisation: 'Gemeente', secret: SECRET, confirmed: true };

const waiting = (id: string, text: string, round = 3) => ({
  id,
  typeName: 'answer' as const,
  round,
  text,
  author: 'a'.repeat(24),
  name: 'Anna',
  organisation: 'Gemeente',
  createdAt: 5,
});

/** Stubs fetch with answers in turn; returns the mock, to read the requests from. */
function answers(...replies: [number, unknown][]) {
  const fetch = vi.fn(async (_url: string, _init?: RequestInit) => {
    const [status, body] = replies.shift() ?? [500, { error: 'internal' }];
    return new Response(body === null ? null : JSON.stringify(body), { status });
  });
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

async function fresh() {
  vi.resetModules();
  return import('./silentAnswers.ts');
}

beforeEach(() => {
  const stored = new Map([['patroonkaart.user', JSON.stringify(user)]]);
  vi.stubGlobal('localStorage', {
    getItem: (k: string) => stored.get(k) ?? null,
    setItem: (k: string, v: string) => void stored.set(k, v),
  });
  vi.stubGlobal('location', { pathname: `/r/${ROOM}`, hash: '#k=edit-token' });
});
afterEach(() => vi.unstubAllGlobals());

describe('my answers in a silent round', () => {
  it('go to the server with the room token and my secret, and show as mine until the reveal', async () => {
    const { silentAnswers, useHiddenAnswers, waitingOfRound } = await fresh();
    const fetch = answers([201, waiting('answer:1', 'Wij wachten af')]);
    expect(await silentAnswers.add(new Y.Doc(), 3, '  Wij wachten af  ')).toBe(true);
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe(`/api/rooms/${ROOM}/hidden-answers`);
    expect(init!.headers).toMatchObject({ authorization: 'Bearer edit-token', [PARTNER_HEADER]: SECRET });
    expect(JSON.parse(String(init!.body))).toEqual({
      round: 3,
      text: 'Wij wachten af',
      name: 'Anna',
      organisation: 'Gemeente',
    });
    const mine = useHiddenAnswers.getState().answers;
    expect(waitingOfRound(mine, 3, new Set()).map((a) => a.text)).toEqual(['Wij wachten af']);
    // Revealed: the document shows it under the same id, so it is no longer "mine waiting".
    expect(waitingOfRound(mine, 3, new Set(['answer:1']))).toEqual([]);
    expect(waitingOfRound(mine, 2, new Set())).toEqual([]);
  });

  it('go into the document as any answer when the round is no longer silent', async () => {
    const { silentAnswers, useHiddenAnswers } = await fresh();
    answers([409, { error: 'round-not-silent', message: 'Conflict' }]);
    const doc = new Y.Doc();
    recordIndex(doc);
    const { useMe } = await import('../state/meStore.ts');
    await vi.waitFor(() => expect(useMe.getState().author).not.toBeNull());
    expect(await silentAnswers.add(doc, 3, 'Toch gewoon')).toBe(true);
    const written = recordIndex(doc)
      .ids()
      .map((id) => recordIndex(doc).get(id)!);
    expect(written.map((r) => r.text)).toEqual(['Toch gewoon']);
    expect(useHiddenAnswers.getState()).toMatchObject({ answers: [], problem: null, busy: false });
  });

  it('say in my language why the server refused, and keep nothing', async () => {
    const { silentAnswers, useHiddenAnswers } = await fresh();
    answers([409, { error: 'too-many-answers', message: 'Conflict' }]);
    expect(await silentAnswers.add(new Y.Doc(), 3, 'Nog een')).toBe(false);
    expect(useHiddenAnswers.getState().problem).toContain('te veel antwoorden');
    expect(useHiddenAnswers.getState().answers).toEqual([]);
  });

  it('are changed and taken back by id, and fetched again as the server has them', async () => {
    const { silentAnswers, useHiddenAnswers } = await fresh();
    const fetch = answers(
      [200, { answers: [waiting('answer:1', 'eerste'), waiting('answer:2', 'tweede')] }],
      [200, waiting('answer:1', 'beter')],
      [204, null],
    );
    await silentAnswers.refresh();
    await silentAnswers.edit(useHiddenAnswers.getState().answers[0]!, 'beter');
    await silentAnswers.withdraw(useHiddenAnswers.getState().answers[1]!);
    expect(useHiddenAnswers.getState().answers.map((a) => a.text)).toEqual(['beter']);
    expect(fetch.mock.calls.map(([url, init]) => `${init?.method} ${url}`)).toEqual([
      `GET /api/rooms/${ROOM}/hidden-answers`,
      `POST /api/rooms/${ROOM}/hidden-answers/answer%3A1`,
      `DELETE /api/rooms/${ROOM}/hidden-answers/answer%3A2`,
    ]);
  });

  it("are the facilitator's to reveal: silence and reveal by round", async () => {
    const { silentAnswers } = await fresh();
    const state = { round: 3, silentRounds: [3], waiting: [0, 0, 2, 0, 0], revealed: 0 };
    const fetch = answers([200, state], [200, { ...state, silentRounds: [], revealed: 2 }]);
    expect(await silentAnswers.silence(3)).toEqual(state);
    expect(await silentAnswers.reveal(3)).toMatchObject({ revealed: 2 });
    expect(fetch.mock.calls.map(([url]) => url)).toEqual([
      `/api/rooms/${ROOM}/rounds/3/silence`,
      `/api/rooms/${ROOM}/rounds/3/reveal`,
    ]);
  });
});
