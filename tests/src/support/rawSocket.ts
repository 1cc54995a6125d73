/**
 * A raw WebSocket peer that speaks the y-websocket bytes itself (see server/PROTOCOL.md): for
 * rogue clients, malformed frames and limits, where the stock provider would be too polite.
 */
import { PARTNER_PREFIX, SYNC_SUBPROTOCOL, TOKEN_PREFIX } from '@patroonkaart/protocol';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as Y from 'yjs';

export interface RawSocket {
  ws: WebSocket;
  received: Uint8Array[];
  /** Resolves with the close code and reason (1006 when the connection just dropped). */
  closed: Promise<{ code: number; reason: string }>;
  opened: Promise<void>;
  send(data: Uint8Array): void;
}

export interface RawOptions {
  /** Extra request headers (X-Forwarded-For, to act as another address behind TRUST_PROXY). */
  headers?: Record<string, string>;
  /** A partner secret, offered as the third subprotocol (`partner.<secret>`), as a partner's browser does. */
  partner?: string;
}

export function openRaw(
  wsUrl: string,
  roomId: string,
  token: string | null,
  options: RawOptions = {},
): RawSocket {
  const protocols = token === null ? [SYNC_SUBPROTOCOL] : [SYNC_SUBPROTOCOL, `${TOKEN_PREFIX}${token}`];
  if (options.partner) protocols.push(`${PARTNER_PREFIX}${options.partner}`);
  const ws = new WebSocket(`${wsUrl}/${roomId}`, protocols, { headers: options.headers });
  const received: Uint8Array[] = [];
  ws.binaryType = 'nodebuffer';
  ws.on('message', (data: Buffer) => received.push(new Uint8Array(data)));
  ws.on('error', () => {});
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  const opened = new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('close', () => reject(new Error('closed before open')));
  });
  opened.catch(() => {});
  return {
    ws,
    received,
    closed,
    opened,
    send(data) {
      if (ws.readyState === WebSocket.OPEN) ws.send(data);
    },
  };
}

function frame(type: number, write?: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, type);
  write?.(e);
  return encoding.toUint8Array(e);
}

export const syncStep1 = (stateVector: Uint8Array) =>
  frame(0, (e) => {
    encoding.writeVarUint(e, 0);
    encoding.writeVarUint8Array(e, stateVector);
  });
export const syncUpdate = (update: Uint8Array) =>
  frame(0, (e) => {
    encoding.writeVarUint(e, 2);
    encoding.writeVarUint8Array(e, update);
  });
export const awarenessFrame = (update: Uint8Array) => frame(1, (e) => encoding.writeVarUint8Array(e, update));
export const queryAwareness = () => frame(3);

/** Document updates (sync step 2 and update) among the frames a raw socket received. */
export function receivedUpdates(socket: RawSocket, steps: readonly number[] = [1, 2]): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (const data of socket.received) {
    const d = decoding.createDecoder(data);
    if (decoding.readVarUint(d) !== 0) continue;
    const step = decoding.readVarUint(d);
    if (steps.includes(step)) out.push(decoding.readVarUint8Array(d));
  }
  return out;
}

/** Opens a raw socket and fetches the room's document into `doc` (sync step 1 → step 2). */
export async function rawPeer(
  wsUrl: string,
  roomId: string,
  token: string,
  doc = new Y.Doc(),
  options: RawOptions = {},
): Promise<RawSocket & { doc: Y.Doc }> {
  const socket = openRaw(wsUrl, roomId, token, options);
  await socket.opened;
  socket.send(syncStep1(Y.encodeStateVector(doc)));
  const deadline = Date.now() + 5000;
  // Wait for the answer to our step 1 (sync step 2): a relayed update may arrive before it.
  while (receivedUpdates(socket, [1]).length === 0) {
    if (Date.now() > deadline) throw new Error('no sync step 2 from the server');
    await new Promise((r) => setTimeout(r, 10));
  }
  for (const u of receivedUpdates(socket)) Y.applyUpdate(doc, u);
  return { ...socket, doc };
}

/** The update a change to `doc` produces, as a client would send it. */
export function updateOf(doc: Y.Doc, change: () => void): Uint8Array {
  const updates: Uint8Array[] = [];
  const onUpdate = (u: Uint8Array) => updates.push(u);
  doc.on('update', onUpdate);
  doc.transact(change);
  doc.off('update', onUpdate);
  return Y.mergeUpdates(updates);
}
