/**
 * A silent round against the real server process (README, "Silent rounds"): the HTTP contract
 * with its typed refusals; no socket (facilitator, partner, viewer, raw partner) receives a waiting
 * answer before the reveal; the answers survive a SIGKILL of the server while hidden; the reveal
 * writes each once, also across another restart.
 */
import { CONVERSATION_ID, readConversation } from '@patroonkaart/model';
import { PARTNER_HEADER } from '@patroonkaart/protocol';
import { recordIndex } from '@patroonkaart/tldraw-yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { type RawSocket, rawPeer, receivedUpdates } from '../support/rawSocket.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { eventually } from '../support/yclient.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.cleanup();
});

const ANNA = { secret: 'anna-secret-anna-secret-01', text: 'Wij zwijgen over de wachtlijst.' };
const BEN = { secret: 'ben-secret-ben-secret-ben-02', text: 'Wij sturen liever niemand door.' };

interface Call {
  method?: string;
  token?: string;
  secret?: string;
  body?: unknown;
  raw?: string;
}

async function call(path: string, { method = 'GET', token, secret, body, raw }: Call = {}) {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (secret) headers[PARTNER_HEADER] = secret;
  if (method === 'POST') headers['content-type'] = 'application/json';
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers,
    ...(raw !== undefined ? { body: raw } : body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : null };
}

const bytesOf = (socket: RawSocket) => socket.received.map((d) => Buffer.from(d).toString('utf8')).join('\n');

/** The answers waiting per round, as the socket was told (every document update it received, applied). */
function waitingOn(socket: RawSocket): number[] {
  const doc = new Y.Doc();
  for (const u of receivedUpdates(socket)) Y.applyUpdate(doc, u);
  return readConversation(recordIndex(doc).get(CONVERSATION_ID) ?? {}).waiting;
}

/** The room's conversation and answers as a fresh raw client is given them. */
async function roomAsSeen(roomId: string, token: string) {
  const peer = await rawPeer(server.wsUrl, roomId, token);
  const index = recordIndex(peer.doc);
  const answers = index
    .ids()
    .filter((id) => id.startsWith('answer:'))
    .map((id) => index.get(id)!);
  const conversation = readConversation(index.get(CONVERSATION_ID) ?? {});
  peer.ws.terminate();
  return { answers, conversation, bytes: bytesOf(peer) };
}

describe('a silent round on the real server', () => {
  it('keeps waiting answers off every socket, through a SIGKILL, and reveals each once', async () => {
    const room = await server.createRoom('structuur-lost-alles-op');
    const { facilitator: lead, edit, view } = room.tokens;
    const base = `/api/rooms/${room.roomId}`;
    const sockets: RawSocket[] = [
      await rawPeer(server.wsUrl, room.roomId, lead, new Y.Doc(), { partner: 'lead-secret-lead-secret-03' }),
      await rawPeer(server.wsUrl, room.roomId, edit, new Y.Doc(), { partner: ANNA.secret }),
      await rawPeer(server.wsUrl, room.roomId, edit, new Y.Doc(), { partner: 'raw-secret-raw-secret-0004' }),
      await rawPeer(server.wsUrl, room.roomId, view),
    ];

    // Only the facilitator marks and reveals.
    expect(await call(`${base}/rounds/2/silence`, { method: 'POST', token: edit })).toMatchObject({
      status: 403,
      body: { error: 'forbidden' },
    });
    expect(await call(`${base}/rounds/9/silence`, { method: 'POST', token: lead })).toMatchObject({
      status: 400,
      body: { error: 'invalid-round' },
    });
    expect(await call(`${base}/rounds/2/silence`, { token: lead })).toMatchObject({ status: 405 });
    expect(await call(`${base}/rounds/2/silence`, { method: 'POST', token: 'nope' })).toMatchObject({
      status: 401,
    });
    expect(
      await call(`${base}/hidden-answers`, {
        method: 'POST',
        token: edit,
        secret: ANNA.secret,
        body: { round: 2, text: 'x' },
      }),
    ).toMatchObject({
      status: 409,
      body: { error: 'round-not-silent' },
    });
    expect(await call(`${base}/rounds/2/silence`, { method: 'POST', token: lead })).toEqual({
      status: 200,
      body: { round: 2, silentRounds: [2], waiting: [0, 0, 0, 0, 0], revealed: 0 },
    });

    // Refusals of a waiting answer, each with its code.
    const post = (who: { secret?: string; token?: string }, body: unknown, raw?: string) =>
      call(`${base}/hidden-answers`, {
        method: 'POST',
        token: who.token ?? edit,
        secret: who.secret,
        body,
        raw,
      });
    expect(await post({}, { round: 2, text: 'x' })).toMatchObject({
      status: 400,
      body: { error: 'partner-secret' },
    });
    expect(await post({ secret: 'short' }, { round: 2, text: 'x' })).toMatchObject({
      status: 400,
      body: { error: 'partner-secret' },
    });
    expect(await post({ secret: ANNA.secret, token: view }, { round: 2, text: 'x' })).toMatchObject({
      status: 403,
    });
    expect(await post({ secret: ANNA.secret }, { round: 2, text: '' })).toMatchObject({
      status: 400,
      body: { error: 'invalid-answer' },
    });
    expect(await post({ secret: ANNA.secret }, { round: 2, text: 'x'.repeat(501) })).toMatchObject({
      status: 400,
      body: { error: 'invalid-answer' },
    });
    expect(await post({ secret: ANNA.secret }, { round: 2, text: 'x', name: ['Anna'] })).toMatchObject({
      status: 400,
      body: { error: 'invalid-answer' },
    });
    expect(await post({ secret: ANNA.secret }, { round: 7, text: 'x' })).toMatchObject({
      status: 400,
      body: { error: 'invalid-round' },
    });
    expect(await post({ secret: ANNA.secret }, null, '{"round": 2,')).toMatchObject({
      status: 400,
      body: { error: 'bad-json' },
    });
    expect(
      await post({ secret: ANNA.secret }, null, JSON.stringify({ round: 2, text: 'x'.repeat(9000) })),
    ).toMatchObject({
      status: 413,
      body: { error: 'too-large' },
    });
    expect(
      await call(`/api/rooms/AAAAAAAAAAAAAAAAAAAAAA/hidden-answers`, { token: edit, secret: ANNA.secret }),
    ).toMatchObject({
      status: 404,
      body: { error: 'room-not-found' },
    });

    // Two partners answer; each reads back only their own.
    const anna = await post(
      { secret: ANNA.secret },
      { round: 2, text: ANNA.text, name: 'Anna', organisation: 'GGD' },
    );
    expect(anna.status).toBe(201);
    expect(anna.body).toMatchObject({
      typeName: 'answer',
      round: 2,
      text: ANNA.text,
      name: 'Anna',
      organisation: 'GGD',
    });
    const ben = await post({ secret: BEN.secret, token: lead }, { round: 2, text: BEN.text, name: 'Ben' });
    expect(ben.status).toBe(201);
    const mine = await call(`${base}/hidden-answers`, { token: edit, secret: ANNA.secret });
    expect((mine.body!.answers as { text: string }[]).map((a) => a.text)).toEqual([ANNA.text]);
    const others = await call(`${base}/hidden-answers`, {
      token: edit,
      secret: 'raw-secret-raw-secret-0004',
    });
    expect(others.body).toEqual({ answers: [] });
    // Someone else's id is not found, for changing or taking back.
    const annaId = String(anna.body!.id);
    expect(
      await call(`${base}/hidden-answers/${encodeURIComponent(annaId)}`, {
        method: 'POST',
        token: edit,
        secret: BEN.secret,
        body: { text: 'van Ben' },
      }),
    ).toMatchObject({ status: 404, body: { error: 'answer-not-found' } });
    expect(
      await call(`${base}/hidden-answers/${annaId}`, { method: 'DELETE', token: edit, secret: BEN.secret }),
    ).toMatchObject({ status: 404, body: { error: 'answer-not-found' } });

    // Every socket saw the count, none the words.
    await eventually(() => sockets.every((s) => waitingOn(s)[1] === 2), 5000, 'the count on every socket');
    expect((await roomAsSeen(room.roomId, view)).conversation.waiting).toEqual([0, 2, 0, 0, 0]);

    // SIGKILL: nothing flushed, nothing said. The answers wait on, still hidden.
    await server.kill();
    server = await server.restart();
    const after = await roomAsSeen(room.roomId, edit);
    expect(after.conversation).toMatchObject({ silentRounds: [2], waiting: [0, 2, 0, 0, 0] });
    expect(after.answers).toEqual([]);
    const back = await call(`${base}/hidden-answers`, { token: edit, secret: ANNA.secret });
    expect(back.body).toEqual({ answers: [anna.body] });
    for (const socket of sockets)
      for (const text of [ANNA.text, BEN.text]) expect(bytesOf(socket).includes(text)).toBe(false);
    expect(after.bytes.includes(ANNA.text)).toBe(false);

    // The reveal, watched by a socket: both answers in one message, the silence over.
    const watcher = await rawPeer(server.wsUrl, room.roomId, view);
    expect(await call(`${base}/rounds/2/reveal`, { method: 'POST', token: edit })).toMatchObject({
      status: 403,
    });
    expect(await call(`${base}/rounds/2/reveal`, { method: 'POST', token: lead })).toEqual({
      status: 200,
      body: { round: 2, silentRounds: [], waiting: [0, 0, 0, 0, 0], revealed: 2 },
    });
    await eventually(
      () =>
        watcher.received.some((d) =>
          [ANNA.text, BEN.text].every((t) => Buffer.from(d).toString('utf8').includes(t)),
        ),
      5000,
      'both answers in one message',
    );
    watcher.ws.terminate();
    // Revealed: no longer waiting, no longer changeable through the API.
    expect((await call(`${base}/hidden-answers`, { token: edit, secret: ANNA.secret })).body).toEqual({
      answers: [],
    });
    expect(
      await call(`${base}/hidden-answers/${annaId}`, {
        method: 'POST',
        token: edit,
        secret: ANNA.secret,
        body: { text: 'later' },
      }),
    ).toMatchObject({ status: 404 });
    // A second reveal writes nothing; after a restart each answer is there once, as its author wrote it.
    expect((await call(`${base}/rounds/2/reveal`, { method: 'POST', token: lead })).body).toMatchObject({
      revealed: 0,
    });
    await server.stop();
    server = await server.restart();
    const final = await roomAsSeen(room.roomId, view);
    expect(final.answers.map((a) => a.text).sort()).toEqual([ANNA.text, BEN.text].sort());
    expect(final.answers.find((a) => a.id === annaId)).toEqual(anna.body);
    expect(final.conversation.silentRounds).toEqual([]);
    for (const s of sockets) s.ws.terminate();
  }, 60_000);
});
