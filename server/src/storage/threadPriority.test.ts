/**
 * The workers whose work can wait run below the event loop's priority, and only they: on a busy
 * machine the event loop gets the core first.
 */
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { PointReader } from '../rooms/history/PointReader.ts';
import { StateMerger } from './merge/StateMerger.ts';
import { BACKGROUND_NICE } from './threadPriority.ts';

/** Every thread of this process with its nice value (Linux's /proc). */
function niceOfThreads(): number[] {
  return readdirSync('/proc/self/task').map((tid) => {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    // Fields after the command's closing parenthesis; nice is the 19th field of the line.
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
  });
}

const backgroundThreads = () => niceOfThreads().filter((n) => n === BACKGROUND_NICE).length;

describe.runIf(process.platform === 'linux')('runInBackground', () => {
  it('lowers the merge worker and the point worker, not the thread that started them', async () => {
    const before = backgroundThreads();
    const merger = new StateMerger();
    const points = new PointReader();
    try {
      const doc = new Y.Doc();
      doc.getMap('m').set('a', 1);
      await merger.merge(null, [Y.encodeStateAsUpdate(doc)]);
      await points.recordsJson(Y.encodeStateAsUpdate(doc));
      expect(backgroundThreads()).toBe(before + 2);
      expect(os.getPriority()).toBe(0);
    } finally {
      merger.close();
      points.close();
    }
  });
});
