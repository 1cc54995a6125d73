/** The bare relay (bareRelay.ts) as bench targets, in memory and durable; stock y-websocket clients. */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { type Child, startChild } from './childServer.ts';
import type { BenchClient, RunningTarget, TargetFactory } from './types.ts';

const SCRIPT = join(import.meta.dirname, '..', 'bareRelay.ts');

function wrap(
  child: Child,
  name: 'bare' | 'durable',
  env: Record<string, string>,
  dataDir?: string,
): RunningTarget {
  const wsUrl = `ws://127.0.0.1:${child.port}`;
  return {
    name,
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
                    const timer = setTimeout(
                      () => reject(new Error(`${name}: peer did not sync`)),
                      timeoutMs,
                    );
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
      return wrap(await startChild(SCRIPT, env, child.port), name, env, dataDir);
    },
    async cleanup() {
      await child.kill('SIGKILL');
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const bare: TargetFactory = {
  name: 'bare',
  async start() {
    return wrap(await startChild(SCRIPT, {}), 'bare', {});
  },
};

/** The bare relay with a durable SQLite log: relays an update once it is committed. */
export const durable: TargetFactory = {
  name: 'durable',
  async start() {
    const dataDir = mkdtempSync(join(tmpdir(), 'patroonkaart-durable-'));
    const env = { DURABLE_FILE: join(dataDir, 'log.sqlite') };
    return wrap(await startChild(SCRIPT, env), 'durable', env, dataDir);
  },
};
