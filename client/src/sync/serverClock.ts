/**
 * The server's clock as this browser sees it: round timers are end times on the server's clock,
 * so a screen whose own clock is off still shows the same remaining time as everyone else.
 * The offset comes from GET /api/time, taking the sample with the shortest round trip (its
 * midpoint is the best guess of when the server read its clock).
 */
import { getServerTime } from './api.ts';

let offsetMs = 0;

export function serverNow(): number {
  return Date.now() + offsetMs;
}

let running: Promise<void> | null = null;

/**
 * One estimate at a time: asked again while one is under way (a room asks as it opens and again
 * when its socket connects, a moment later), the caller gets that one instead of a second round of
 * requests.
 */
export function syncServerClock(samples = 5): Promise<void> {
  running ??= estimate(samples).finally(() => {
    running = null;
  });
  return running;
}

async function estimate(samples: number): Promise<void> {
  let best: { rtt: number; offset: number } | null = null;
  for (let i = 0; i < samples; i++) {
    const sent = Date.now();
    const sentPerf = performance.now();
    try {
      const { now } = await getServerTime();
      const rtt = performance.now() - sentPerf;
      const offset = now - (sent + rtt / 2);
      if (!best || rtt < best.rtt) best = { rtt, offset };
    } catch {
      // Offline: keep the last estimate (or none); the timer still counts down locally.
    }
  }
  if (best) offsetMs = best.offset;
}
