/**
 * A sync server under test, as the scenarios see it: a child process that can create rooms and
 * accept Yjs clients. Four implementations: ours, the bare relay (in memory and durable) and Hocuspocus.
 */
import type * as Y from 'yjs';

/** `durable`: the bare relay with a SQLite log, relaying only what is committed. */
export type TargetName = 'ours' | 'bare' | 'durable' | 'hocuspocus';

export interface BenchClient {
  doc: Y.Doc;
  whenSynced(timeoutMs?: number): Promise<void>;
  destroy(): void;
}

export interface BenchRoom {
  id: string;
  /** Whether the server seeded the room with the template (ours does; the others start empty). */
  seeded: boolean;
  connect(doc?: Y.Doc): BenchClient;
  /** Ours only: where the room's HTTP API is, and the facilitator's token for it (history, say). */
  facilitator?: { apiUrl: string; token: string };
}

export interface RunningTarget {
  name: TargetName;
  pid: number;
  /** What the process printed (stdout and stderr). */
  logs: string[];
  /** Where the server's Prometheus metrics are read, for those that serve them (ours). */
  metricsUrl?: string;
  createRoom(): Promise<BenchRoom>;
  /** SIGKILL, no goodbye. */
  kill(): Promise<void>;
  /** A new process on the same port and data (after kill). */
  restart(): Promise<RunningTarget>;
  /** Stops the process and removes its data. */
  cleanup(): Promise<void>;
}

export interface TargetFactory {
  name: TargetName;
  start(options?: { env?: Record<string, string> }): Promise<RunningTarget>;
}
