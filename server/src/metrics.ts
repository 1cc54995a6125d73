/**
 * GET /metrics, in Prometheus' text format, through prom-client (the client library Prometheus
 * users expect: its process and event-loop metrics, histograms with the standard exposition).
 * Counters and histograms are ours; gauges of the rooms are read when Prometheus scrapes.
 */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/** Seconds, for what waits on the disk or the queue: half a millisecond to a second. */
const WAIT_BUCKETS = [0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 1];

export interface MetricGauges {
  roomsLoaded: number;
  peers: number;
  roomsStored: number;
}

export class Metrics {
  readonly registry = new Registry();
  private readonly accepted: Counter;
  private readonly rejected: Counter;
  private readonly rolledBack: Counter;
  private readonly messagesRejectedCounter: Counter;
  private readonly persistFailuresCounter: Counter;
  private readonly roomsCreatedCounter: Counter;
  private readonly persistSeconds: Histogram;
  private readonly relaySeconds: Histogram;
  private readonly admissionSeconds: Histogram;
  private readonly diskSyncSeconds: Histogram;
  private readonly updateBytes: Histogram;
  /** Plain numbers for the tests and the benchmarks that read them in-process. */
  updatesAccepted = 0;
  updatesRejected = 0;
  updatesRolledBack = 0;
  messagesRejected = 0;
  persistFailures = 0;
  roomsCreated = 0;

  /**
   * `gauges` may answer later (the stored rooms are counted by storage): prom-client waits for it.
   * `loopMonitorMs`: the event-loop monitor's interval (Config.loopMonitorMs).
   */
  constructor(gauges?: () => Promise<MetricGauges>, loopMonitorMs = 10) {
    const registers = [this.registry];
    collectDefaultMetrics({
      register: this.registry,
      prefix: 'patroonkaart_',
      eventLoopMonitoringPrecision: loopMonitorMs,
    });
    const counter = (name: string, help: string) => new Counter({ name, help, registers });
    this.accepted = counter('patroonkaart_updates_accepted_total', 'Updates stored and relayed.');
    this.rejected = counter('patroonkaart_updates_rejected_total', 'Updates refused by validation.');
    this.rolledBack = counter(
      'patroonkaart_updates_rolled_back_total',
      'Refused updates that passed the forecast and were undone by rebuilding the room.',
    );
    this.messagesRejectedCounter = counter(
      'patroonkaart_messages_rejected_total',
      'Connections closed for a bad or excess message.',
    );
    this.persistFailuresCounter = counter('patroonkaart_persist_failures_total', 'Failed storage writes.');
    this.roomsCreatedCounter = counter('patroonkaart_rooms_created_total', 'Rooms created.');
    const histogram = (name: string, help: string, buckets: number[]) =>
      new Histogram({ name, help, buckets, registers });
    this.persistSeconds = histogram(
      'patroonkaart_persist_seconds',
      'Time of one storage write (one transaction for every room of a tick).',
      WAIT_BUCKETS,
    );
    this.relaySeconds = histogram(
      'patroonkaart_relay_seconds',
      'From an update accepted to it being relayed (stored first).',
      WAIT_BUCKETS,
    );
    this.admissionSeconds = histogram(
      'patroonkaart_admission_seconds',
      "Time to admit one room's client updates of a tick: read, forecast, check, apply.",
      [0.0001, 0.00025, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.05, 0.25],
    );
    // etcd's wal_fsync histogram, for the same reason: every relayed update waits for one sync,
    // so a slow disk shows here before it shows as a slow room.
    this.diskSyncSeconds = histogram(
      'patroonkaart_disk_sync_seconds',
      "Time of one sync of SQLite's WAL to the disk (SQLITE_SYNCHRONOUS=full): on the writer thread, or after a write of the server's own.",
      [0.00025, ...WAIT_BUCKETS],
    );
    this.updateBytes = histogram(
      'patroonkaart_update_bytes',
      'Size of accepted updates.',
      [64, 256, 1024, 4096, 16_384, 65_536, 262_144, 1_048_576],
    );
    if (gauges) {
      const gauge = (name: string, help: string, read: (g: MetricGauges) => number) =>
        new Gauge({
          name,
          help,
          registers,
          async collect() {
            this.set(read(await gauges()));
          },
        });
      gauge('patroonkaart_rooms_loaded', 'Rooms held in memory.', (g) => g.roomsLoaded);
      gauge('patroonkaart_rooms_stored', 'Rooms in storage.', (g) => g.roomsStored);
      gauge('patroonkaart_peers', 'Connected peers.', (g) => g.peers);
    }
  }

  updateAccepted(bytes: number): void {
    this.updateBytes.observe(bytes);
  }

  observePersist(ms: number, updates: number): void {
    this.persistSeconds.observe(ms / 1000);
    this.accepted.inc(updates);
    this.updatesAccepted += updates;
  }

  observeRelay(ms: number): void {
    this.relaySeconds.observe(ms / 1000);
  }

  /** One room's turn admitted (admitTurn), in `ms`. */
  observeAdmission(ms: number): void {
    this.admissionSeconds.observe(ms / 1000);
  }

  /** One sync of the WAL to the disk (WalSync, on the writer thread or the server's), in `ms`. */
  observeDiskSync(ms: number): void {
    this.diskSyncSeconds.observe(ms / 1000);
  }

  countRejected(kind: 'update' | 'rolledBack' | 'message'): void {
    if (kind === 'update') {
      this.rejected.inc();
      this.updatesRejected++;
    } else if (kind === 'rolledBack') {
      this.rolledBack.inc();
      this.updatesRolledBack++;
    } else {
      this.messagesRejectedCounter.inc();
      this.messagesRejected++;
    }
  }

  persistFailed(): void {
    this.persistFailuresCounter.inc();
    this.persistFailures++;
  }

  roomCreated(): void {
    this.roomsCreatedCounter.inc();
    this.roomsCreated++;
  }

  render(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
