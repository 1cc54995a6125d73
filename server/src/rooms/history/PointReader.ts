/**
 * Reads restore points off the event loop (pointWorker.ts): a 2 MB map takes tens of milliseconds
 * to decode and migrate, which would stop every room of the process while a facilitator looks at a
 * point or puts the map back. The point's bytes move to the worker rather than being copied. The
 * worker starts on first use: most rooms never open their history.
 */
import { wholeBuffers } from '../../storage/DocReader.ts';
import { WorkerBridge } from '../../storage/WorkerBridge.ts';
import type { RecordChange } from './pointRecords.ts';

export class PointReader {
  private bridge: WorkerBridge | null = null;

  /** The map's records at a point as JSON, in UTF-8 bytes; null when this server cannot read the point. */
  recordsJson(state: Uint8Array): Promise<Uint8Array | null> {
    return this.started().requestMoving('recordsJson', [state], wholeBuffers([state]));
  }

  /** What puts a room whose state is `current` back to the point's map; null as above. */
  changesToRestore(point: Uint8Array, current: Uint8Array): Promise<RecordChange[] | null> {
    return this.started().requestMoving('changesToRestore', [point, current], wholeBuffers([point, current]));
  }

  private started(): WorkerBridge {
    this.bridge ??= new WorkerBridge(new URL('./pointWorker.ts', import.meta.url), {}, 60_000);
    return this.bridge;
  }

  close(): void {
    this.bridge?.close();
    this.bridge = null;
  }
}
