/** Hocuspocus 4 (hocuspocusServer.ts) as a bench target; its own provider as the client. */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { type Child, startChild } from './childServer.ts';
import type { BenchClient, RunningTarget, TargetFactory } from './types.ts';

const SCRIPT = join(import.meta.dirname, '..', 'hocuspocusServer.ts');

function wrap(child: Child, dataDir: string): RunningTarget {
  const url = `ws://127.0.0.1:${child.port}`;
  const env = { SQLITE_FILE: join(dataDir, 'hocuspocus.sqlite') };
  return {
    name: 'hocuspocus',
    pid: child.pid,
    logs: child.logs,
    async createRoom() {
      const id = randomUUID();
      return {
        id,
        seeded: false,
        connect(doc = new Y.Doc()): BenchClient {
          const socket = new HocuspocusProviderWebsocket({
            url,
            WebSocketPolyfill: WebSocket,
            maxDelay: 300,
          });
          const provider = new HocuspocusProvider({
            websocketProvider: socket,
            name: id,
            document: doc,
            token: 'bench',
          });
          provider.attach();
          let synced = false;
          provider.on('synced', () => {
            synced = true;
          });
          return {
            doc,
            whenSynced: (timeoutMs = 30_000) =>
              synced || provider.isSynced
                ? Promise.resolve()
                : new Promise((resolve, reject) => {
                    const timer = setTimeout(
                      () => reject(new Error('hocuspocus: peer did not sync')),
                      timeoutMs,
                    );
                    provider.on('synced', () => {
                      clearTimeout(timer);
                      resolve();
                    });
                  }),
            destroy() {
              provider.destroy();
              socket.destroy();
              doc.destroy();
            },
          };
        },
      };
    },
    kill: () => child.kill('SIGKILL'),
    async restart() {
      return wrap(await startChild(SCRIPT, env, child.port), dataDir);
    },
    async cleanup() {
      await child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const hocuspocus: TargetFactory = {
  name: 'hocuspocus',
  async start() {
    const dataDir = mkdtempSync(join(tmpdir(), 'patroonkaart-hocuspocus-'));
    return wrap(await startChild(SCRIPT, { SQLITE_FILE: join(dataDir, 'hocuspocus.sqlite') }), dataDir);
  },
};
