/** Counters and gauges for GET /metrics, in Prometheus' text format. */

export class Metrics {
  updatesAccepted = 0;
  updatesRejected = 0;
  /** Refusals found only after applying, which cost a rebuild of the room (should stay near 0). */
  updatesRolledBack = 0;
  messagesRejected = 0;
  persistFailures = 0;
  persistBatches = 0;
  persistSecondsTotal = 0;
  persistMaxMs = 0;
  roomsCreated = 0;
  private readonly windowStart = Date.now();
  private recent: { at: number; count: number }[] = [];

  observePersist(ms: number, updates: number): void {
    this.persistBatches++;
    this.persistSecondsTotal += ms / 1000;
    this.persistMaxMs = Math.max(this.persistMaxMs, ms);
    this.updatesAccepted += updates;
    const now = Date.now();
    this.recent.push({ at: now, count: updates });
    this.recent = this.recent.filter((r) => r.at > now - 10_000);
  }

  /** Accepted updates per second over the last ten seconds. */
  updatesPerSecond(now = Date.now()): number {
    const since = Math.max(this.windowStart, now - 10_000);
    const seconds = Math.max(1, (now - since) / 1000);
    return this.recent.filter((r) => r.at > since).reduce((n, r) => n + r.count, 0) / seconds;
  }

  render(gauges: { roomsLoaded: number; peers: number; roomsStored: number }): string {
    const lines: string[] = [];
    const metric = (name: string, type: 'counter' | 'gauge', help: string, value: number) => {
      lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`, `${name} ${value}`);
    };
    metric('patroonkaart_rooms_loaded', 'gauge', 'Rooms held in memory.', gauges.roomsLoaded);
    metric('patroonkaart_rooms_stored', 'gauge', 'Rooms in storage.', gauges.roomsStored);
    metric('patroonkaart_peers', 'gauge', 'Connected peers.', gauges.peers);
    metric(
      'patroonkaart_updates_per_second',
      'gauge',
      'Accepted updates per second (10 s window).',
      this.updatesPerSecond(),
    );
    metric(
      'patroonkaart_updates_accepted_total',
      'counter',
      'Updates stored and relayed.',
      this.updatesAccepted,
    );
    metric(
      'patroonkaart_updates_rejected_total',
      'counter',
      'Updates refused by validation.',
      this.updatesRejected,
    );
    metric(
      'patroonkaart_updates_rolled_back_total',
      'counter',
      'Refused updates that passed the forecast and were undone by rebuilding the room.',
      this.updatesRolledBack,
    );
    metric(
      'patroonkaart_messages_rejected_total',
      'counter',
      'Connections closed for a bad or excess message.',
      this.messagesRejected,
    );
    metric('patroonkaart_persist_failures_total', 'counter', 'Failed storage writes.', this.persistFailures);
    metric(
      'patroonkaart_persist_batches_total',
      'counter',
      'Storage write transactions.',
      this.persistBatches,
    );
    metric(
      'patroonkaart_persist_seconds_total',
      'counter',
      'Time spent in storage writes.',
      this.persistSecondsTotal,
    );
    metric('patroonkaart_persist_max_ms', 'gauge', 'Slowest storage write so far, ms.', this.persistMaxMs);
    metric('patroonkaart_rooms_created_total', 'counter', 'Rooms created.', this.roomsCreated);
    return `${lines.join('\n')}\n`;
  }
}
