/** The bare relay (bareRelay.ts) as a bench target; stock y-websocket clients. */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { type Child, startChild } from './childServer.ts';
import type { BenchClient, RunningTarget, TargetFactory } from './types.ts';

const SCRIPT = join(import.meta.dirname, '..', 'bareRelay.ts');

function wrap(child: Child): RunningTarget {
  const wsUrl = `ws://127.0.0.1:${child.port}`;
  return {
    name: 'bare',
    pid: child.pid,
    logs: child.logs,
    async createRoom() {
      const id = randomUUID();
      return {
        id,
        seeded: false,
        connect(doc = new Y.Doc()): BenchClient {
          const provider = new WebsocketProvider(wsUrl, id, doc, {
            WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
            disableBc: true,
            maxBackoffTime: 300,
          });
          return {
            doc,
            whenSynced: (timeoutMs = 30_000) =>
              provider.synced
                ? Promise.resolve()
                : new Promise((resolve, reject) => {
                    const timer = setTimeout(() => reject(new Error('bare: peer did not sync')), timeoutMs);
                    provider.once('sync', () => {
                      clearTimeout(timer);
                      resolve();
                    });
                  }),
            destroy() {
              provider.destroy();
              doc.destroy();
            },
          };
        },
      };
    },
    kill: () => child.kill('SIGKILL'),
    async restart() {
      return wrap(await startChild(SCRIPT, {}, child.port));
    },
    cleanup: () => child.kill('SIGKILL'),
  };
}

export const bare: TargetFactory = {
  name: 'bare',
  async start() {
    return wrap(await startChild(SCRIPT, {}));
  },
};
