/** Node-side Yjs peers: the stock y-websocket provider, as any compatible client would connect. */
import { SYNC_SUBPROTOCOL, TOKEN_PREFIX } from '@patroonkaart/protocol';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

export interface NodePeer {
  doc: Y.Doc;
  provider: WebsocketProvider;
  closes: { code: number; reason: string }[];
  destroy(): void;
}

export function connectPeer(wsUrl: string, roomId: string, token: string, doc = new Y.Doc()): NodePeer {
  const closes: { code: number; reason: string }[] = [];
  const provider = new WebsocketProvider(wsUrl, roomId, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    protocols: [SYNC_SUBPROTOCOL, `${TOKEN_PREFIX}${token}`],
    disableBc: true,
    maxBackoffTime: 300,
  });
  provider.on('connection-close', (event) => {
    if (event) closes.push({ code: event.code, reason: event.reason });
  });
  return {
    doc,
    provider,
    closes,
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

export function whenSynced(peer: NodePeer, timeoutMs = 10_000): Promise<void> {
  if (peer.provider.synced) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('peer did not sync')), timeoutMs);
    const onSync = (synced: boolean) => {
      if (!synced) return;
      clearTimeout(timer);
      peer.provider.off('sync', onSync);
      resolve();
    };
    peer.provider.on('sync', onSync);
  });
}

/** Polls until `check` holds, or fails with what was last seen. */
export async function eventually<T>(
  check: () => T | Promise<T>,
  timeoutMs = 5000,
  what: string | (() => string) = 'condition',
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value) return value as NonNullable<T>;
      last = value;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(
    `timed out waiting for ${typeof what === 'function' ? what() : what}; last: ${last instanceof Error ? last.message : String(last)}`,
  );
}
