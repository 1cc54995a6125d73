/** The process entry point: read the environment, start, and stop cleanly on SIGTERM/SIGINT. */
import { startServer } from './app.ts';
import { readConfig } from './config.ts';

const config = readConfig();
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
