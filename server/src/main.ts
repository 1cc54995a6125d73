/** The process entry point: read the environment, start, and stop cleanly on SIGTERM/SIGINT. */
import { startServer } from './app.ts';
import { readConfig } from './config.ts';

let config: ReturnType<typeof readConfig>;
try {
  config = readConfig();
} catch (error) {
  // A misspelt setting stops the server at once, in one plain sentence naming the variable.
  console.error(`Patroonkaart did not start: ${error instanceof Error ? error.message : String(error)}.`);
  process.exit(2);
}
const running = await startServer(config);

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
