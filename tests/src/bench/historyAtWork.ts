/**
 * A facilitator working with a room's history while partners edit (bigMap's third part): every
 * HISTORY_EVERY_MS, in turn, a point on demand ("Bewaar dit moment"), a look at the newest point (the
 * history dialog's preview), and a restore of the point taken before it ("Zet de kaart terug", which
 * takes a point of its own first). Each is a whole map to encode or decode: none may stop the room.
 */
import type { Fleet } from './fleet.ts';

const HISTORY_EVERY_MS = 2000;

export interface HistoryWork {
  points: number;
  previews: number;
  restores: number;
  /** How long each answer took, in ms (the facilitator's wait, not the partners'). */
  answers: number[];
  failures: string[];
}

/** Starts the facilitator's round of history actions in the fleet's first room; returns how to stop. */
export function historyAtWork(fleets: Fleet[], work: HistoryWork): () => Promise<void> {
  const api = fleets[0]?.rooms[0]?.facilitator;
  if (!api) throw new Error('historyAtWork needs a room with a facilitator link (ours)');
  const headers = { authorization: `Bearer ${api.token}`, 'content-type': 'application/json' };
  const taken: number[] = [];
  let turn = 0;
  let stopped = false;
  let acting: Promise<void> = Promise.resolve();
  const call = async (path: string, method: 'GET' | 'POST', body?: unknown) => {
    const started = performance.now();
    const res = await fetch(`${api.apiUrl}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const answer = (await res.json()) as Record<string, unknown>;
    work.answers.push(performance.now() - started);
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(answer)}`);
    return answer;
  };
  const act = async () => {
    const kind = turn++ % 3;
    if (kind === 0 || taken.length < 2) {
      const point = (await call('/history', 'POST', { label: `bench ${turn}` })) as { id: number };
      taken.push(point.id);
      work.points++;
    } else if (kind === 1) {
      await call(`/history/${taken.at(-1)}`, 'GET');
      work.previews++;
    } else {
      await call(`/history/${taken.at(-2)}/restore`, 'POST');
      work.restores++;
    }
  };
  const timer = setInterval(() => {
    if (stopped) return;
    acting = acting.then(act).catch((error: unknown) => {
      work.failures.push(String((error as Error).message ?? error));
    });
  }, HISTORY_EVERY_MS);
  return async () => {
    stopped = true;
    clearInterval(timer);
    await acting;
  };
}
