/**
 * The endpoint while storage answers a join: what a socket sends before its room is read waits, in
 * order, and is handed over once the room answers; a socket that sends too much meanwhile, or
 * closes, costs nothing more.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  CLOSE_CODES,
  type CloseCodeName,
  SYNC_PATH,
  SYNC_SUBPROTOCOL,
  TOKEN_PREFIX,
} from '@patroonkaart/protocol';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { readConfig } from '../config.ts';
import { createSyncEndpoint, type RoomConnection, type SyncRooms } from './syncEndpoint.ts';

const ROOM = 'AAAAAAAAAAAAAAAAAAAAAA';

/** Rooms whose join answers only when the test says so, recording what each connection is handed. */
function slowRooms() {
  const received: number[][] = [];
  let closed = 0;
  let answer: (value: RoomConnection | CloseCodeName) => void = () => {};
  const rooms: SyncRooms = {
    refusalWait: () => 0,
    connect: () =>
      new Promise((resolve) => {
        answer = resolve;
      }),
  };
  const connection: RoomConnection = {
    message: (data) => received.push([...data]),
    refuse: () => {},
    closed: () => closed++,
    lastMessageAt: Date.now(),
  };
  return {
    rooms,
    received,
    closedCount: () => closed,
    join: () => answer(connection),
    turnAway: (code: CloseCodeName) => answer(code),
  };
}

let server: Server | null = null;
afterEach(() => {
  server?.close();
  server = null;
});

async function serve(rooms: SyncRooms): Promise<string> {
  const config = readConfig({ STORAGE: 'memory', MAX_MESSAGE_BYTES: '1000' });
  const endpoint = createSyncEndpoint(config, rooms, pino({ level: 'silent' }));
  server = createServer();
  server.on('upgrade', (req, socket, head) => endpoint.handleUpgrade(req, socket, head));
  server.on('close', () => endpoint.close());
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return `ws://127.0.0.1:${(server.address() as AddressInfo).port}${SYNC_PATH}/${ROOM}`;
}

function open(url: string): Promise<WebSocket> {
  const ws = new WebSocket(url, [SYNC_SUBPROTOCOL, `${TOKEN_PREFIX}token`]);
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
};

describe('the sync endpoint while storage reads the room', () => {
  it('hands over what the socket sent meanwhile, in order, once the room answers', async () => {
    const slow = slowRooms();
    const ws = await open(await serve(slow.rooms));
    for (const n of [1, 2, 3]) ws.send(new Uint8Array([n]));
    await new Promise((r) => setTimeout(r, 50));
    expect(slow.received).toEqual([]);
    slow.join();
    ws.send(new Uint8Array([4]));
    await until(() => slow.received.length === 4);
    expect(slow.received).toEqual([[1], [2], [3], [4]]);
    ws.close();
  });

  it('closes a socket that sends more than one message may hold before its room answers', async () => {
    const slow = slowRooms();
    const ws = await open(await serve(slow.rooms));
    const closed = new Promise<number>((resolve) => ws.once('close', resolve));
    ws.send(new Uint8Array(600));
    ws.send(new Uint8Array(600));
    expect(await closed).toBe(CLOSE_CODES.messageTooLarge.code);
    slow.join();
  });

  it("turns the socket away with the room's answer, and a socket gone meanwhile leaves at once", async () => {
    const slow = slowRooms();
    const url = await serve(slow.rooms);
    const refused = await open(url);
    const code = new Promise<number>((resolve) => refused.once('close', resolve));
    slow.turnAway('unauthorized');
    expect(await code).toBe(CLOSE_CODES.unauthorized.code);

    const gone = await open(url);
    gone.close();
    await new Promise((r) => setTimeout(r, 50));
    slow.join();
    await until(() => slow.closedCount() === 1);
    expect(slow.closedCount()).toBe(1);
  });
});
