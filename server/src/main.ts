/** The process entry point: read the environment, start, and stop cleanly on SIGTERM/SIGINT. */
import { startServer } from './app.ts';
import { RedisUnavailable } from './cluster/RedisBus.ts';
import { readConfig } from './config.ts';
import { StorageUnavailable } from './storage/WorkerBridge.ts';

let config: ReturnType<typeof readConfig>;
try {
  config = readConfig();
} catch (error) {
  // A misspelt setting stops the server at once, in one plain sentence naming the variable.
  console.error(`Patroonkaart did not start: ${error instanceof Error ? error.message : String(error)}.`);
  process.exit(2);
}
let running: Awaited<ReturnType<typeof startServer>>;
try {
  running = await startServer(config);
} catch (error) {
  // Storage that is not there (PostgreSQL down, a wrong password) is said in one sentence too.
  if (error instanceof StorageUnavailable) {
    console.error(`Patroonkaart did not start: the database is not reachable (${error.message}).`);
    process.exit(1);
  }
  if (error instanceof RedisUnavailable) {
    console.error(`Patroonkaart did not start: Redis at REDIS_URL is not reachable (${error.message}).`);
    process.exit(1);
  }
  throw error;
}

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    running.log.info({ signal }, 'stopping: writing everything to storage');
    running
      .stop()
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        running.log.error({ err: error }, 'stop failed');
        process.exit(1);
      });
  });
}
process.on('uncaughtException', (error) => {
  running.log.fatal({ err: error }, 'uncaught exception');
  running.stop().finally(() => process.exit(1));
});
