/**
 * "Speel de lus af" on this screen only: a partner plays a loop for themselves. The facilitator's
 * run for every screen is in the conversation record instead (conversation.loopRun), started at the
 * same server time everywhere; a run of one's own takes precedence on one's own screen until it ends.
 */
import { create } from 'zustand';

export interface LoopRunState {
  /** The loop's key and when it starts, in server milliseconds; null when none plays here. */
  own: { loop: string; startsAt: number } | null;
  play(loop: string, startsAt: number): void;
  stop(): void;
}

export const useLoopRun = create<LoopRunState>((set) => ({
  own: null,
  play: (loop, startsAt) => set({ own: { loop, startsAt } }),
  stop: () => set({ own: null }),
}));
