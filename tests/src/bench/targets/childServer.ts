/**
 * Spawns a bench server script (bareRelay.ts, hocuspocusServer.ts) as its own Node process and
 * waits for it to print `LISTENING <port>`.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { freePort } from '../../support/server.ts';

export interface Child {
  process: ChildProcess;
  pid: number;
  port: number;
  logs: string[];
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export async function startChild(script: string, env: Record<string, string>, port?: number): Promise<Child> {
  const usePort = port ?? (await freePort());
  const logs: string[] = [];
  const child = spawn(process.execPath, [script], {
    env: { ...process.env, PORT: String(usePort), HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr!.on('data', (d: Buffer) => logs.push(d.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script} did not start:\n${logs.join('')}`)), 20_000);
    child.stdout!.on('data', (d: Buffer) => {
      const text = d.toString();
      logs.push(text);
      if (text.includes('LISTENING')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited early (${code}):\n${logs.join('')}`));
    });
  });
  const exited = () =>
    new Promise<void>((res) =>
      child.exitCode !== null || child.signalCode !== null ? res() : child.once('exit', () => res()),
    );
  return {
    process: child,
    pid: child.pid!,
    port: usePort,
    logs,
    async kill(signal: NodeJS.Signals = 'SIGKILL') {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill(signal);
        await exited();
      }
    },
  };
}
