/**
 * Starts the real server as its own process (as users run it), on a free port, with its own
 * data directory. Tests talk to it only over HTTP and WebSockets.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type CreateRoomResponse, SYNC_PATH } from '@patroonkaart/protocol';

export const ROOT = resolve(import.meta.dirname, '..', '..', '..');
/** The flags `npm start` runs the server with (server/package.json): tests run what users run. */
export const SERVER_NODE_FLAGS = ['--disable-proto=throw'];

export async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => res(port));
    });
    srv.on('error', rej);
  });
}

export interface TestServer {
  url: string;
  wsUrl: string;
  port: number;
  dataDir: string;
  process: ChildProcess;
  logs: string[];
  /** SIGKILL: no flush, no goodbye. */
  kill(): Promise<void>;
  /** SIGTERM: the graceful stop. */
  stop(): Promise<void>;
  /** Starts a new process on the same port and data directory. */
  restart(): Promise<TestServer>;
  createRoom(
    template?: string,
  ): Promise<CreateRoomResponse & { tokens: { facilitator: string; edit: string; view: string } }>;
  cleanup(): Promise<void>;
}

export async function startTestServer(
  env: Record<string, string> = {},
  reuse?: { port: number; dataDir: string },
): Promise<TestServer> {
  const port = reuse?.port ?? (await freePort());
  const dataDir = reuse?.dataDir ?? mkdtempSync(join(tmpdir(), 'patroonkaart-test-'));
  const logs: string[] = [];
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, join(ROOT, 'server', 'src', 'main.ts')], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'info',
      // The app exposes window.__patroonkaart (editor, connection) only with this.
      TEST_HOOKS: '1',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d: Buffer) => logs.push(d.toString()));
  child.stderr!.on('data', (d: Buffer) => logs.push(d.toString()));
  const url = `http://127.0.0.1:${port}`;
  await waitForHealth(url, child, logs);

  // A process ended by a signal has `signalCode` set and `exitCode` null: both mean it is gone.
  const gone = () => child.exitCode !== null || child.signalCode !== null;
  const exited = () => new Promise<void>((res) => (gone() ? res() : child.once('exit', () => res())));
  const server: TestServer = {
    url,
    wsUrl: `ws://127.0.0.1:${port}${SYNC_PATH}`,
    port,
    dataDir,
    process: child,
    logs,
    async kill() {
      child.kill('SIGKILL');
      await exited();
    },
    async stop() {
      child.kill('SIGTERM');
      await exited();
    },
    restart: () => startTestServer(env, { port, dataDir }),
    async createRoom(template = 'blank') {
      const res = await fetch(`${url}/api/rooms`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ template }),
      });
      if (res.status !== 201) throw new Error(`createRoom: ${res.status} ${await res.text()}`);
      const body = (await res.json()) as CreateRoomResponse;
      const token = (u: string) => new URL(u, url).hash.replace('#k=', '');
      return {
        ...body,
        tokens: {
          facilitator: token(body.facilitatorUrl),
          edit: token(body.editUrl),
          view: token(body.viewUrl),
        },
      };
    },
    async cleanup() {
      if (!gone()) {
        child.kill('SIGKILL');
        await exited();
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return server;
}

async function waitForHealth(url: string, child: ChildProcess, logs: string[]): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${logs.join('')}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server did not become healthy:\n${logs.join('')}`);
}
