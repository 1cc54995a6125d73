/**
 * A worker thread whose work can wait (merging a whole map, reading a restore point) runs at a
 * lower priority than the server's event loop. On a busy machine the kernel then gives the event
 * loop a core first, so a 2 MB map being merged beside it never delays an edit's relay or a
 * /healthz answer; when the event loop is idle, the worker has the core as before (a nice value
 * shares the CPU, it never starves). The threads on an edit's path (SQLite's writer, PostgreSQL's
 * worker) and SQLite's reader stay at the server's priority.
 */
import os from 'node:os';

/** CFS gives a thread at nice 10 about a tenth of the weight of one at 0. */
export const BACKGROUND_NICE = 10;

/**
 * Lowers the calling thread's priority. Linux keeps a nice value per thread, and os.setPriority
 * with no pid sets the calling thread's; elsewhere it would set the whole process's (the event
 * loop's too), so it is done only on Linux. Not allowed (a sandbox): the thread runs as before.
 */
export function runInBackground(): void {
  if (process.platform !== 'linux') return;
  try {
    os.setPriority(Math.max(os.getPriority(), BACKGROUND_NICE));
  } catch {
    // Runs at the server's priority: slower to yield, never wrong.
  }
}
