/**
 * Hocuspocus 4 as a Yjs team would deploy it: @hocuspocus/server with its SQLite extension,
 * default debounce (2 s, at most 10 s). Run as its own process:
 *   node tests/src/bench/hocuspocusServer.ts   (PORT, HOST, SQLITE_FILE from the environment)
 */
import { SQLite } from '@hocuspocus/extension-sqlite';
import { Server } from '@hocuspocus/server';

const server = new Server({
  port: Number(process.env.PORT ?? 0),
  address: process.env.HOST ?? '127.0.0.1',
  quiet: true,
  stopOnSignals: false,
  extensions: [new SQLite({ database: process.env.SQLITE_FILE ?? ':memory:' })],
});
await server.listen();
console.log(`LISTENING ${server.address.port}`);
