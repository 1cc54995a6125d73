/** A misspelt setting stops the server at start with one sentence naming the variable. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SERVER_NODE_FLAGS } from '../support/server.ts';

const MAIN = join(import.meta.dirname, '..', '..', '..', 'server', 'src', 'main.ts');

function start(env: Record<string, string>) {
  return spawnSync(process.execPath, [...SERVER_NODE_FLAGS, MAIN], {
    env: { ...process.env, PORT: '0', STORAGE: 'memory', ...env },
    encoding: 'utf8',
    timeout: 20_000,
  });
}

describe('configuration is checked', () => {
  it.each([
    ['STORAGE', 'sqlit'],
    ['SQLITE_SYNCHRONOUS', 'NORMAL'],
    ['MAX_PEERS_PER_ROOM', '-3'],
  ])('refuses %s=%s in one sentence naming it', (name, value) => {
    const run = start({ [name]: value });
    expect(run.status).toBe(2);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(name);
    expect(lines[0]).toMatch(/^Patroonkaart did not start: /);
  });
});
