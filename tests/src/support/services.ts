/**
 * PostgreSQL and Redis for the tests that need them, from Debian's packages (installed when
 * missing by scripts/ensure-services.mjs): each started by the test itself on a free port with a
 * temporary data directory, and stopped (and its directory removed) at the end.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './server.ts';

export interface Service {
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

export interface PostgresService extends Service {
  /** Runs one SQL statement (psql), for a test's own setup. */
  sql(statement: string): string;
}

const isRoot = process.getuid?.() === 0;

function postgresBin(name: string): string {
  const versions = existsSync('/usr/lib/postgresql') ? readdirSync('/usr/lib/postgresql').sort() : [];
  for (const v of versions.reverse()) {
    const path = `/usr/lib/postgresql/${v}/bin/${name}`;
    if (existsSync(path)) return path;
  }
  throw new Error(
    'PostgreSQL is not installed: run `node scripts/ensure-services.mjs` (or apt-get install postgresql)',
  );
}

/** PostgreSQL refuses to run as root: as root, the cluster belongs to Debian's `postgres` user. */
function asOwner(command: string, args: string[]): [string, string[]] {
  return isRoot ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
}

/** Starts a server and waits until it says `ready` on `stream`; on a timeout, says what it printed. */
async function startUntil(
  command: string,
  args: string[],
  stream: 'stdout' | 'stderr',
  ready: string,
  what: string,
  ms = 20_000,
): Promise<ChildProcess> {
  const child = spawn(command, args, {
    stdio: ['ignore', stream === 'stdout' ? 'pipe' : 'ignore', stream === 'stderr' ? 'pipe' : 'ignore'],
  });
  let log = '';
  child[stream]?.on('data', (d: Buffer) => {
    log += d.toString();
  });
  const until = Date.now() + ms;
  while (!log.includes(ready)) {
    if (Date.now() > until || child.exitCode !== null) {
      child.kill('SIGKILL');
      throw new Error(`${what} did not start within ${ms / 1000} s:\n${log.slice(-1000)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return child;
}

function stopper(child: ChildProcess, dir: string): () => Promise<void> {
  return async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    rmSync(dir, { recursive: true, force: true });
  };
}

export async function startPostgres(): Promise<PostgresService> {
  const dir = mkdtempSync(join(tmpdir(), 'patroonkaart-pg-'));
  if (isRoot) chownSync(dir, uidOf('postgres'), gidOf('postgres'));
  const data = join(dir, 'data');
  const port = await freePort();
  execFileSync(
    ...asOwner(postgresBin('initdb'), ['-D', data, '-U', 'patroonkaart', '--auth=trust', '-E', 'UTF8']),
    { stdio: 'ignore' },
  );
  const [cmd, args] = asOwner(postgresBin('postgres'), [
    '-D',
    data,
    '-p',
    String(port),
    '-h',
    '127.0.0.1',
    '-k',
    dir,
    '-c',
    'fsync=on',
  ]);
  const child = await startUntil(cmd, args, 'stderr', 'ready to accept connections', 'PostgreSQL');
  // psql and createdb reach the server the same way.
  const conn = ['-h', '127.0.0.1', '-p', String(port), '-U', 'patroonkaart'];
  execFileSync(postgresBin('createdb'), [...conn, 'patroonkaart']);
  return {
    url: `postgres://patroonkaart@127.0.0.1:${port}/patroonkaart`,
    process: child,
    stop: stopper(child, dir),
    sql: (statement) =>
      execFileSync(postgresBin('psql'), [
        ...conn,
        '-d',
        'patroonkaart',
        '-v',
        'ON_ERROR_STOP=1',
        '-qAtc',
        statement,
      ]).toString(),
  };
}

/** `port`: to start Redis again where it was (a test of Redis going away and coming back). */
export async function startRedis(port?: number): Promise<Service> {
  if (!existsSync('/usr/bin/redis-server'))
    throw new Error(
      'Redis is not installed: run `node scripts/ensure-services.mjs` (or apt-get install redis-server)',
    );
  const dir = mkdtempSync(join(tmpdir(), 'patroonkaart-redis-'));
  port ??= await freePort();
  const child = await startUntil(
    '/usr/bin/redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir],
    'stdout',
    'Ready to accept connections',
    'Redis',
  );
  return { url: `redis://127.0.0.1:${port}`, process: child, stop: stopper(child, dir) };
}

function uidOf(user: string): number {
  return Number(execFileSync('id', ['-u', user]).toString().trim());
}
function gidOf(user: string): number {
  return Number(execFileSync('id', ['-g', user]).toString().trim());
}
