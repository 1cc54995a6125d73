/**
 * A province (issue 37, item 5): workshops of 8 tables, 8 partners at each table and the
 * facilitator's overview watching every table of its workshop, on one server process with SQLite
 * and on two processes with PostgreSQL and Redis (started here, tests/src/support/services.ts).
 *
 * What each client does, over real sockets with the real protocol (y-websocket, our
 * subprotocols, a partner secret as a partner's browser offers it, a presence state with name,
 * organisation and colour):
 * - a partner owns one card of the table's map (the template's 5 steps and 5 behaviours) and every
 *   2 s either moves it (x and y) or types one character into its words (a Y.Text), in turn;
 * - the overview (one y-websocket provider per table with the workshop's facilitator token, no
 *   presence of its own, as client/src/workshop/TableWatcher.ts) starts the next round at each of
 *   its tables every ROUND_MS (rounds 1-5, then 1 again), opens voting when round 2 starts and
 *   closes it when round 4 starts, as the facilitator's buttons do;
 * - in every round each partner writes one answer (an `answer:` record under its author key), and
 *   in rounds 2 and 3 casts or changes two votes ("herkenbaar?", then "draagt bij?") on steps,
 *   when its own copy of the table says voting is open.
 * One deviation from the stock y-websocket provider: a client sends only its own presence, not the
 * states it was told of (see `provider`).
 *
 * Measured: every partner edit seen by the 7 other partners of its table (each receiver looks the
 * value it sees up among what the table's writers sent), p50/p99 over all (edit, receiver) pairs
 * sent in the window; the same for the overview; the worst event-loop delay of each server process
 * (prom-client's histogram at /metrics, reset at each scrape: scraped at the window's edges only);
 * each process's CPU and RSS (/proc), RSS per table above the process's RSS before any table.
 *
 * The clients run in LOAD_THREADS worker threads of the bench process (a table's 9 clients in one
 * thread, so sender and receivers share a clock), so one busy event loop of the load does not hold
 * up every table; each thread's event-loop delay and the load's CPU are in the notes (a stall there
 * counts as latency).
 *
 * Runs: 1 process (SQLite) at 40 tables, then the capacity search on the same server: more tables
 * (80, 120, 160, 240) while the p99 of edit seen stays within 50 ms, or fewer (32, 24, 16, 8) when 40 is
 * already past it; then, on PostgreSQL, 1 process and 2 processes with Redis at 40 tables each:
 * the 2 processes once with every table's sockets spread over both (the README's proxy without
 * stickiness) and once with each table's sockets on one process (a proxy that hashes the room).
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import {
  CONVERSATION_ID,
  type Conversation,
  conversationPatch,
  conversationWithoutServerFields,
  readConversation,
  startRound,
  VOTE_VALUES,
  type VoteQuestion,
  voteId,
} from '@patroonkaart/model';
import {
  authorKey,
  PARTNER_PREFIX,
  SYNC_SUBPROTOCOL,
  TOKEN_PREFIX,
  type WorkshopResponse,
} from '@patroonkaart/protocol';
import { TEXT_FIELDS } from '@patroonkaart/schema';
import { recordIndex } from '@patroonkaart/tldraw-yjs';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { startTestServer, type TestServer } from '../support/server.ts';
import { startPostgres, startRedis } from '../support/services.ts';
import { cpuMs, rssBytes } from './procStats.ts';
import { type LatencySummary, sleep, summarize } from './stats.ts';
import { OURS_BENCH_ENV } from './targets/ours.ts';
import type { BenchContext, Row, Scenario } from './types.ts';

const TEMPLATE = 'van-niemand-en-toch-van-iedereen';
const PARTNERS = 8;
const TABLES_PER_WORKSHOP = 8;
const TABLES = 40;
/** The capacity search on one process: up while the p99 holds, down when 40 tables do not. */
const LADDER_UP = [80, 120, 160, 240];
const LADDER_DOWN = [32, 24, 16, 8];
const P99_LIMIT_MS = 50;
const EDIT_EVERY_MS = 2000;
const ROUND_MS = 10_000;
const VOTES_PER_ROUND = 2;
const WARMUP_MS = 5000;
const WINDOW_MS = 25_000;
const LADDER_WINDOW_MS = 20_000;
const DRAIN_MS = 5000;
const CONNECT_BATCH = 40;
const LOAD_THREADS = 4;
/** The capacity search takes no further step once the scenario has run this long. */
const LADDER_BUDGET_MS = 150_000;

const ORGANISATIONS = ['Gemeente Utrecht', 'GGD regio Utrecht', 'Woonin', 'Wijkteam Oost'];
const COLOURS = ['#1E88E5', '#D81B60', '#43A047', '#F4511E'];
const ANSWERS = [
  'Wij wachten tot de ander begint.',
  'Bij ons ligt de beslissing steeds ergens anders.',
  'We spreken het niet uit, maar iedereen ziet het.',
  'Dit herken ik van de vorige casus.',
];
const TYPED = 'abcdefghijklmnopqrstuvwxyz ';

type Kind = 'move' | 'type' | 'answer' | 'vote';
const KINDS: readonly Kind[] = ['move', 'type', 'answer', 'vote'];

/** Milliseconds since the epoch, sub-millisecond: the same clock in every thread. */
const clock = () => performance.timeOrigin + performance.now();

// ---------------------------------------------------------------- the clients (a worker thread)

/** One table as the main thread hands it to a load thread. */
interface TablePlan {
  index: number;
  roomId: string;
  edit: string;
  lead: string;
  /** the sync URL each partner connects to */
  partnerUrls: string[];
  overviewUrl: string;
}

interface Sent {
  at: number;
  kind: Kind;
}

interface Card {
  id: string;
  /** the text field the partner types into */
  field: string;
  x: number;
  y: number;
}

interface Partner {
  doc: Y.Doc;
  provider: WebsocketProvider;
  author: string;
  name: string;
  organisation: string;
  card: Card;
  seq: number;
  voted: number;
  votes: Map<string, number>;
}

interface Table {
  index: number;
  partners: Partner[];
  overview: { doc: Y.Doc; provider: WebsocketProvider };
  /** what this table's writers sent, by `<record id>|<field>|<value>` */
  sent: Map<string, Sent>;
  steps: string[];
  round: number;
}

/** What a load thread measured in a window: latencies per kind, sends, closes, its loop's delay. */
interface ThreadResult {
  /** per kind, the latency of every (edit, partner receiver) pair */
  table: Record<Kind, number[]>;
  overview: number[];
  sent: number;
  closes: string[];
  lagMaxMs: number;
  lagP99Ms: number;
}

function provider(url: string, roomId: string, protocols: string[], doc: Y.Doc, closes: string[]) {
  const p = new WebsocketProvider(url, roomId, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    protocols: [SYNC_SUBPROTOCOL, ...protocols],
    disableBc: true,
    maxBackoffTime: 300,
  });
  // A stock y-websocket provider sends on every awareness change, also the states it was told of
  // (all of the table's presence at once when it joins); the server refuses an update of more than
  // PRESENCE_LIMITS.maxIdsPerConnection states as unreadable (4400), so past 5 present partners a
  // newcomer is closed. Here each client sends its own state only (its changes and renewals).
  const relay = (p as unknown as { _awarenessUpdateHandler: (changes: unknown, origin: unknown) => void })
    ._awarenessUpdateHandler;
  p.awareness.off('update', relay);
  p.awareness.on('update', (changes: unknown, origin: unknown) => {
    if (origin === 'local') relay(changes, origin);
  });
  p.on('connection-close', (event) => {
    if (event && event.code !== 1000) closes.push(`${event.code}${event.reason ? ` ${event.reason}` : ''}`);
  });
  return p;
}

function synced(p: WebsocketProvider, timeoutMs = 30_000): Promise<void> {
  if (p.synced) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('a province client did not sync')), timeoutMs);
    const onSync = (isSynced: boolean) => {
      if (!isSynced) return;
      clearTimeout(timer);
      p.off('sync', onSync);
      resolve();
    };
    p.on('sync', onSync);
  });
}

/** The facilitator's write, as TableWatcher.update: only what changes, never the server's fields. */
function writeConversation(doc: Y.Doc, change: (c: Conversation) => Conversation): void {
  const index = recordIndex(doc);
  const current = readConversation((index.get(CONVERSATION_ID) ?? {}) as Partial<Conversation>);
  const next = change(current);
  doc.transact(() => {
    if (!index.has(CONVERSATION_ID)) index.write(CONVERSATION_ID, conversationWithoutServerFields(next));
    else index.setFields(CONVERSATION_ID, conversationPatch(current, next));
  });
}

/** A load thread's tables: their clients, what they do, what they see. */
class Tables {
  private readonly tables: Table[] = [];
  private readonly samples: { sentAt: number; ms: number; kind: Kind }[] = [];
  private readonly overviewSamples: { sentAt: number; ms: number }[] = [];
  private readonly sends: number[] = [];
  private readonly closes: string[] = [];
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private driving = false;
  private lag = monitorEventLoopDelay({ resolution: 10 });

  async open(plans: readonly TablePlan[]): Promise<void> {
    const opened: Table[] = [];
    let pending: Promise<void>[] = [];
    const settle = async () => {
      const batch = pending;
      pending = [];
      await Promise.all(batch).catch((error: unknown) => {
        throw new Error(
          `${error instanceof Error ? error.message : String(error)}; sockets closed: ${[...new Set(this.closes)].join(', ') || 'none'}`,
        );
      });
    };
    for (const plan of plans) {
      const overviewDoc = new Y.Doc();
      recordIndex(overviewDoc, TEXT_FIELDS);
      const overview = {
        doc: overviewDoc,
        provider: provider(
          plan.overviewUrl,
          plan.roomId,
          [`${TOKEN_PREFIX}${plan.lead}`],
          overviewDoc,
          this.closes,
        ),
      };
      // The overview is not a participant: no cursor, no name in the table's presence list.
      overview.provider.awareness.setLocalState(null);
      const table: Table = {
        index: plan.index,
        partners: [],
        overview,
        sent: new Map(),
        steps: [],
        round: 0,
      };
      opened.push(table);
      pending.push(synced(overview.provider));
      for (let i = 0; i < PARTNERS; i++) {
        const secret = `province-${plan.index}-${i}-${randomBytes(12).toString('hex')}`;
        const doc = new Y.Doc();
        recordIndex(doc, TEXT_FIELDS);
        const name = `Partner ${plan.index + 1}.${i + 1}`;
        const organisation = ORGANISATIONS[i % ORGANISATIONS.length]!;
        const p = provider(
          plan.partnerUrls[i]!,
          plan.roomId,
          [`${TOKEN_PREFIX}${plan.edit}`, `${PARTNER_PREFIX}${secret}`],
          doc,
          this.closes,
        );
        p.awareness.setLocalState({
          user: { name, organisation, colour: COLOURS[i % COLOURS.length] },
          presence: null,
        });
        table.partners.push({
          doc,
          provider: p,
          author: await authorKey(secret),
          name,
          organisation,
          card: { id: '', field: '', x: 0, y: 0 },
          seq: 0,
          voted: 0,
          votes: new Map(),
        });
        pending.push(synced(p));
      }
      if (pending.length >= CONNECT_BATCH) await settle();
    }
    await settle();
    for (const table of opened) this.prepare(table);
    this.tables.push(...opened);
  }

  /** Hands each partner its card and starts listening. */
  private prepare(table: Table): void {
    const index = recordIndex(table.partners[0]!.doc);
    const byType = (type: string) =>
      index
        .ids()
        .map((id) => index.get(id)!)
        .filter((r) => r.typeName === 'shape' && r.type === type)
        .sort((a, b) => String(a.id).localeCompare(String(b.id)));
    const steps = byType('loop-step');
    const cards = [
      ...steps.map((r) => ({ r, field: 'props.text' })),
      ...byType('behaviour').map((r) => ({ r, field: 'props.utterance' })),
    ];
    if (cards.length < PARTNERS)
      throw new Error(`${TEMPLATE} has ${cards.length} cards, fewer than partners`);
    table.steps = steps.map((r) => String(r.id));
    table.partners.forEach((p, i) => {
      const { r, field } = cards[i]!;
      p.card = { id: String(r.id), field, x: Number(r.x), y: Number(r.y) };
    });
    for (const p of table.partners)
      this.listen(table, p.doc, (sent, now) =>
        this.samples.push({ sentAt: sent.at, ms: now - sent.at, kind: sent.kind }),
      );
    this.listen(table, table.overview.doc, (sent, now) =>
      this.overviewSamples.push({ sentAt: sent.at, ms: now - sent.at }),
    );
  }

  /** Every value a receiver sees, looked up among what its table's writers sent. */
  private listen(table: Table, doc: Y.Doc, record: (sent: Sent, now: number) => void): void {
    const index = recordIndex(doc);
    const seen = (key: string, now: number) => {
      const sent = table.sent.get(key);
      if (sent) record(sent, now);
    };
    index.onChange((changes, txn) => {
      if (txn.local) return;
      const now = clock();
      for (const id of changes.added) {
        if (id.startsWith('answer:')) seen(`${id}|added`, now);
        else if (id.startsWith('vote:')) seen(`${id}|value|${String(index.field(id, 'value'))}`, now);
      }
      for (const [id, fields] of changes.fields)
        for (const field of fields) {
          if (field === 'x' || field === 'value')
            seen(`${id}|${field}|${String(index.field(id, field))}`, now);
          else if (field === 'props.text' || field === 'props.utterance')
            seen(`${id}|${field}|${String(index.field(id, field) ?? '').length}`, now);
        }
    });
  }

  private later(ms: number, run: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (this.driving) run();
    }, ms);
    this.timers.add(timer);
  }

  private send(table: Table, key: string, kind: Kind): void {
    const at = clock();
    table.sent.set(key, { at, kind });
    this.sends.push(at);
  }

  /** A step moved or a character typed, in turn. */
  private editCard(table: Table, p: Partner): void {
    const index = recordIndex(p.doc);
    const { card } = p;
    p.seq++;
    if (p.seq % 2 === 1) {
      const x = card.x + p.seq;
      this.send(table, `${card.id}|x|${x}`, 'move');
      p.doc.transact(() => index.setFields(card.id, { x, y: card.y + (p.seq % 4) }));
    } else {
      const text = String(index.field(card.id, card.field) ?? '');
      const typed = text + TYPED[(p.seq / 2) % TYPED.length]!;
      this.send(table, `${card.id}|${card.field}|${typed.length}`, 'type');
      p.doc.transact(() => index.setFields(card.id, { [card.field]: typed }));
    }
  }

  private answer(table: Table, p: Partner): void {
    const round = readConversation(recordIndex(p.doc).get(CONVERSATION_ID) ?? {}).round;
    if (round < 1) return;
    const id = `answer:${randomBytes(12).toString('hex')}`;
    this.send(table, `${id}|added`, 'answer');
    p.doc.transact(() =>
      recordIndex(p.doc).write(id, {
        id,
        typeName: 'answer',
        round,
        text: ANSWERS[(p.seq + table.index) % ANSWERS.length]!,
        author: p.author,
        name: p.name,
        organisation: p.organisation,
        createdAt: Date.now(),
      }),
    );
  }

  private vote(table: Table, p: Partner, question: VoteQuestion): void {
    const conversation = readConversation(recordIndex(p.doc).get(CONVERSATION_ID) ?? {});
    if (!conversation.votingOpen) return;
    // Each vote on another step than the partner's vote before: a partner's two votes on one step
    // close together could reach a receiver as one change, the first value never seen.
    const subject = table.steps[(p.voted++ + table.partners.indexOf(p)) % table.steps.length]!;
    const id = voteId(p.author, question, subject);
    // A vote cast again changes its value.
    const choice = ((p.votes.get(id) ?? -1) + 1) % VOTE_VALUES.length;
    p.votes.set(id, choice);
    const value = VOTE_VALUES[choice]!;
    this.send(table, `${id}|value|${value}`, 'vote');
    p.doc.transact(() =>
      recordIndex(p.doc).write(id, {
        id,
        typeName: 'vote',
        author: p.author,
        name: p.name,
        organisation: p.organisation,
        question,
        subject,
        value,
      }),
    );
  }

  /** The overview starts the table's next round; its partners answer and vote in it. */
  private nextRound(table: Table): void {
    table.round = (table.round % 5) + 1;
    const round = table.round;
    const doc = table.overview.doc;
    writeConversation(doc, (c) => startRound(c, round, Date.now()));
    if (round === 2) this.later(500, () => writeConversation(doc, (c) => ({ ...c, votingOpen: true })));
    if (round === 4) writeConversation(doc, (c) => ({ ...c, votingOpen: false }));
    for (const p of table.partners) {
      this.later(1000 + Math.random() * (ROUND_MS - 2000), () => this.answer(table, p));
      if (round === 2 || round === 3)
        for (let v = 0; v < VOTES_PER_ROUND; v++)
          this.later(2000 + Math.random() * (ROUND_MS - 3500), () =>
            this.vote(table, p, round === 2 ? 'recognisable' : 'contributes'),
          );
    }
    this.later(ROUND_MS, () => this.nextRound(table));
  }

  /** Starts every table; `of` tables in all threads, so their rounds start spread over ROUND_MS. */
  start(of: number): void {
    this.samples.length = 0;
    this.overviewSamples.length = 0;
    this.sends.length = 0;
    this.closes.length = 0;
    this.driving = true;
    for (const table of this.tables) {
      this.later((table.index * ROUND_MS) / of, () => this.nextRound(table));
      for (const p of table.partners) {
        const tick = () => {
          this.editCard(table, p);
          this.later(EDIT_EVERY_MS, tick);
        };
        this.later(Math.random() * EDIT_EVERY_MS, tick);
      }
    }
  }

  windowStarts(): void {
    this.lag.reset();
    this.lag.enable();
  }

  /** Stops editing, waits for what is in flight, and reports the edits sent in [start, end). */
  async stop(start: number, end: number): Promise<ThreadResult> {
    this.lag.disable();
    this.driving = false;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    const inWindow = (t: number) => t >= start && t < end;
    const sent = this.sends.filter(inWindow).length;
    const expected = sent * (PARTNERS - 1);
    const seen = () => this.samples.reduce((n, s) => n + (inWindow(s.sentAt) ? 1 : 0), 0);
    const drainUntil = Date.now() + DRAIN_MS;
    while (seen() < expected && Date.now() < drainUntil) await sleep(50);
    const table = Object.fromEntries(KINDS.map((k) => [k, [] as number[]])) as Record<Kind, number[]>;
    for (const s of this.samples) if (inWindow(s.sentAt)) table[s.kind].push(s.ms);
    return {
      table,
      overview: this.overviewSamples.filter((s) => inWindow(s.sentAt)).map((s) => s.ms),
      sent,
      closes: [...this.closes],
      lagMaxMs: this.lag.max / 1e6,
      lagP99Ms: this.lag.percentile(99) / 1e6,
    };
  }

  close(): void {
    this.driving = false;
    for (const t of this.timers) clearTimeout(t);
    for (const table of this.tables)
      for (const c of [...table.partners, table.overview]) {
        c.provider.destroy();
        c.doc.destroy();
      }
  }
}

type Request =
  | { op: 'open'; plans: TablePlan[] }
  | { op: 'start'; of: number }
  | { op: 'window' }
  | { op: 'stop'; start: number; end: number }
  | { op: 'close' };

function runLoadThread(): void {
  // Every y-websocket provider in Node adds a process 'exit' listener.
  process.setMaxListeners(0);
  const tables = new Tables();
  parentPort!.on('message', async ({ id, request }: { id: number; request: Request }) => {
    try {
      let result: unknown = null;
      if (request.op === 'open') await tables.open(request.plans);
      else if (request.op === 'start') tables.start(request.of);
      else if (request.op === 'window') tables.windowStarts();
      else if (request.op === 'stop') result = await tables.stop(request.start, request.end);
      else tables.close();
      parentPort!.postMessage({ id, result });
    } catch (error) {
      parentPort!.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
    }
  });
}

if (!isMainThread && (workerData as { provinceLoad?: boolean } | null)?.provinceLoad) runLoadThread();

// ---------------------------------------------------------------- the servers and the run (main thread)

class LoadThread {
  private readonly worker = new Worker(new URL(import.meta.url), { workerData: { provinceLoad: true } });
  private readonly waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private next = 0;

  constructor() {
    this.worker.on('message', ({ id, result, error }: { id: number; result?: unknown; error?: string }) => {
      const w = this.waiting.get(id);
      this.waiting.delete(id);
      if (error) w?.reject(new Error(error));
      else w?.resolve(result);
    });
    this.worker.on('error', (error) => {
      for (const w of this.waiting.values()) w.reject(error);
      this.waiting.clear();
    });
  }

  ask<T>(request: Request): Promise<T> {
    const id = this.next++;
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.postMessage({ id, request });
    });
  }

  async close(): Promise<void> {
    await this.ask({ op: 'close' }).catch(() => {});
    await this.worker.terminate();
  }
}

/** The server processes of one run; the first one serves the HTTP API. */
interface Deployment {
  label: string;
  servers: TestServer[];
  /** each process's RSS before any table */
  baseRss: number[];
  /** `spread`: a table's sockets over all processes in turn; `table`: all of a table's on one */
  routing: 'spread' | 'table';
}

interface PhaseResult {
  tables: number;
  table: LatencySummary;
  perKind: Record<Kind, LatencySummary>;
  overview: LatencySummary;
  missing: number;
  expected: number;
  overviewMissing: number;
  lagMaxMs: number[];
  lagP99Ms: number[];
  /** per process, % of one core */
  cpuPercent: number[];
  rss: number[];
  sentPerSecond: number;
  acceptedPerSecond: number;
  /** the bench process (all load threads), % of one core */
  loadCpuPercent: number;
  loadLagMaxMs: number;
  loadLagP99Ms: number;
  machineLoad: number;
  closes: string[];
}

const tokenOf = (url: string) => new URL(url, 'http://x').hash.replace('#k=', '');
const f1 = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : 'n/a');
const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

/** One value of the metrics text, by name (labels ignored); as pgLoop.ts reads it. */
function metric(text: string, name: string): number {
  const match = new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'm').exec(text);
  return match ? Number(match[1]) : Number.NaN;
}

async function scrape(server: TestServer) {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  return {
    lagMaxMs: metric(text, 'patroonkaart_nodejs_eventloop_lag_max_seconds') * 1000,
    lagP99Ms: metric(text, 'patroonkaart_nodejs_eventloop_lag_p99_seconds') * 1000,
    accepted: metric(text, 'patroonkaart_updates_accepted_total'),
  };
}

class Province {
  private readonly threads: LoadThread[] = Array.from({ length: LOAD_THREADS }, () => new LoadThread());
  private tables = 0;
  private readonly deployment: Deployment;

  constructor(deployment: Deployment) {
    this.deployment = deployment;
  }

  /** Creates workshops of 8 tables through the first process until there are `count` tables. */
  async grow(count: number, log: (m: string) => void): Promise<void> {
    const { servers, routing } = this.deployment;
    const api = servers[0]!;
    while (this.tables < count) {
      const n = Math.min(TABLES_PER_WORKSHOP, count - this.tables);
      const res = await fetch(`${api.url}/api/workshops`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ tables: Array.from({ length: n }, () => ({ template: TEMPLATE })) }),
      });
      if (res.status !== 201) throw new Error(`creating a workshop: ${res.status} ${await res.text()}`);
      const created = (await res.json()) as WorkshopResponse;
      const lead = tokenOf(created.facilitatorUrl);
      // The overview's page asks for its workshop, then watches every table.
      const again = await fetch(`${api.url}/api/workshops/${created.workshopId}`, {
        headers: { authorization: `Bearer ${lead}` },
      });
      if (!again.ok) throw new Error(`reading a workshop: ${again.status}`);
      const workshop = (await again.json()) as WorkshopResponse;
      const perThread: TablePlan[][] = this.threads.map(() => []);
      for (const t of workshop.tables) {
        const index = this.tables++;
        const url = (i: number) =>
          servers[(routing === 'spread' ? index + i : index) % servers.length]!.wsUrl;
        perThread[index % this.threads.length]!.push({
          index,
          roomId: t.roomId,
          edit: tokenOf(t.editUrl),
          lead,
          partnerUrls: Array.from({ length: PARTNERS }, (_, i) => url(i)),
          overviewUrl: url(PARTNERS),
        });
      }
      await Promise.all(
        this.threads.map((thread, i) =>
          perThread[i]!.length ? thread.ask({ op: 'open', plans: perThread[i]! }) : null,
        ),
      );
    }
    log(
      `province: ${this.deployment.label}: ${this.tables} tables open (${this.tables * (PARTNERS + 1)} sockets)`,
    );
  }

  /** Drives every table for a warm-up and a window; what the window measured. */
  async measure(windowMs: number, log: (m: string) => void): Promise<PhaseResult> {
    const { servers, baseRss } = this.deployment;
    await Promise.all(this.threads.map((t) => t.ask({ op: 'start', of: this.tables })));
    await sleep(WARMUP_MS);
    const before = await Promise.all(servers.map(scrape));
    const cpu0 = servers.map((s) => cpuMs(s.process.pid!));
    const load0 = process.cpuUsage();
    await Promise.all(this.threads.map((t) => t.ask({ op: 'window' })));
    const start = clock();
    await sleep(windowMs);
    const end = clock();
    const after = await Promise.all(servers.map(scrape));
    const cpu1 = servers.map((s) => cpuMs(s.process.pid!));
    const load = process.cpuUsage(load0);
    const rss = servers.map((s) => rssBytes(s.process.pid!));
    const machineLoad = os.loadavg()[0]!;
    const threads = await Promise.all(
      this.threads.map((t) => t.ask<ThreadResult>({ op: 'stop', start, end })),
    );
    const perKind = Object.fromEntries(
      KINDS.map((k) => [k, summarize(threads.flatMap((t) => t.table[k]))]),
    ) as Record<Kind, LatencySummary>;
    const all = threads.flatMap((t) => KINDS.flatMap((k) => t.table[k]));
    const overview = threads.flatMap((t) => t.overview);
    const sent = sum(threads.map((t) => t.sent));
    const seconds = (end - start) / 1000;
    const result: PhaseResult = {
      tables: this.tables,
      table: summarize(all),
      perKind,
      overview: summarize(overview),
      missing: Math.max(0, sent * (PARTNERS - 1) - all.length),
      expected: sent * (PARTNERS - 1),
      overviewMissing: Math.max(0, sent - overview.length),
      lagMaxMs: after.map((a) => a.lagMaxMs),
      lagP99Ms: after.map((a) => a.lagP99Ms),
      cpuPercent: cpu1.map((c, i) => ((c - cpu0[i]!) / (end - start)) * 100),
      rss: rss.map((r, i) => r - baseRss[i]!),
      sentPerSecond: sent / seconds,
      acceptedPerSecond: sum(after.map((a, i) => a.accepted - before[i]!.accepted)) / seconds,
      loadCpuPercent: ((load.user + load.system) / 1000 / (end - start)) * 100,
      loadLagMaxMs: Math.max(...threads.map((t) => t.lagMaxMs)),
      loadLagP99Ms: Math.max(...threads.map((t) => t.lagP99Ms)),
      machineLoad,
      closes: threads.flatMap((t) => t.closes),
    };
    log(
      `province: ${this.deployment.label}, ${this.tables} tables: edit seen p50 ${f1(result.table.p50)} ms, p99 ${f1(result.table.p99)} ms, missing ${result.missing}; server lag ${result.lagMaxMs.map(f1).join('/')} ms, CPU ${result.cpuPercent.map((c) => c.toFixed(0)).join('/')} %; load CPU ${result.loadCpuPercent.toFixed(0)} %, lag ${f1(result.loadLagMaxMs)} ms`,
    );
    return result;
  }

  async close(): Promise<void> {
    await Promise.all(this.threads.map((t) => t.close()));
  }
}

async function deploy(
  label: string,
  envs: Record<string, string>[],
  routing: Deployment['routing'] = 'spread',
): Promise<Deployment> {
  const servers: TestServer[] = [];
  try {
    for (const env of envs) servers.push(await startTestServer({ ...OURS_BENCH_ENV, ...env }));
  } catch (error) {
    await Promise.allSettled(servers.map((s) => s.cleanup()));
    throw error;
  }
  await sleep(1000);
  return { label, servers, routing, baseRss: servers.map((s) => rssBytes(s.process.pid!)) };
}

/**
 * One deployment at TABLES tables; with `ladder`, the capacity search on it: tables added while
 * the p99 holds, or (on a new server each) fewer when 40 do not.
 */
async function runDeployment(
  deployment: Deployment,
  log: (m: string) => void,
  ladder?: { deadline: number; again: () => Promise<Deployment> },
): Promise<PhaseResult[]> {
  const results: PhaseResult[] = [];
  const within = (r: PhaseResult) => r.table.p99 <= P99_LIMIT_MS && r.missing === 0;
  const once = async (d: Deployment, tables: number, windowMs: number) => {
    const province = new Province(d);
    try {
      await province.grow(tables, log);
      results.push(await province.measure(windowMs, log));
      return province;
    } catch (error) {
      await province.close();
      // What the servers said last tells why (a refused update, a close code).
      const said = d.servers.flatMap((s) => s.logs.join('').trim().split('\n').slice(-3));
      throw new Error(`${error instanceof Error ? error.message : String(error)}\n${said.join('\n')}`);
    }
  };
  let province: Province | undefined;
  try {
    province = await once(deployment, TABLES, WINDOW_MS);
    if (!ladder) return results;
    if (within(results[0]!)) {
      for (const tables of LADDER_UP) {
        if (!within(results.at(-1)!)) break;
        if (Date.now() > ladder.deadline) {
          log(`province: time is up before ${tables} tables`);
          break;
        }
        await province.grow(tables, log);
        results.push(await province.measure(LADDER_WINDOW_MS, log));
      }
    } else {
      await province.close();
      province = undefined;
      await Promise.allSettled(deployment.servers.map((s) => s.cleanup()));
      for (const tables of LADDER_DOWN) {
        if (Date.now() > ladder.deadline) break;
        const fresh = await ladder.again();
        try {
          await (await once(fresh, tables, LADDER_WINDOW_MS)).close();
        } finally {
          await Promise.allSettled(fresh.servers.map((s) => s.cleanup()));
        }
        if (within(results.at(-1)!)) break;
      }
    }
    return results;
  } finally {
    await province?.close();
    await Promise.allSettled(deployment.servers.map((s) => s.cleanup()));
  }
}

function detail(r: PhaseResult): string {
  const kinds = KINDS.map((k) => `${k} p99 ${f1(r.perKind[k].p99)} (n=${r.perKind[k].count})`).join(', ');
  return (
    `${r.tables} tables: n=${r.table.count}, missing ${r.missing}/${r.expected}; p95 ${f1(r.table.p95)}, max ${f1(r.table.max)} ms; ${kinds}; ` +
    `overview p50 ${f1(r.overview.p50)}, p99 ${f1(r.overview.p99)} ms (missing ${r.overviewMissing}); ` +
    `server event-loop p99 ${r.lagP99Ms.map(f1).join('/')} ms; server CPU ${r.cpuPercent.map((c) => `${c.toFixed(0)} %`).join('/')}; ` +
    `edits sent ${r.sentPerSecond.toFixed(0)}/s, accepted ${r.acceptedPerSecond.toFixed(0)}/s; ` +
    `load (${LOAD_THREADS} threads) CPU ${r.loadCpuPercent.toFixed(0)} %, worst thread's event loop max ${f1(r.loadLagMaxMs)}, p99 ${f1(r.loadLagP99Ms)} ms; machine load ${r.machineLoad.toFixed(1)}` +
    (r.closes.length ? `; sockets closed: ${[...new Set(r.closes)].join(', ')} (${r.closes.length})` : '')
  );
}

function rowsOf(scenario: string, r: PhaseResult): Row[] {
  const processes = r.cpuPercent.length;
  return [
    {
      scenario,
      metric: 'edit seen by the table (7 other partners), p50',
      unit: 'ms',
      values: { ours: r.table.p50 },
    },
    {
      scenario,
      metric: 'edit seen by the table (7 other partners), p99',
      unit: 'ms',
      values: { ours: r.table.p99 },
      target: `<= ${P99_LIMIT_MS} ms, none missing`,
      met: r.table.p99 <= P99_LIMIT_MS && r.missing === 0,
      note: detail(r),
    },
    {
      scenario,
      metric: `worst server event-loop delay${processes > 1 ? ' (worst process)' : ''}`,
      unit: 'ms',
      values: { ours: Math.max(...r.lagMaxMs) },
      note: `per process ${r.lagMaxMs.map(f1).join(', ')} ms; the monitor samples every 10 ms, so an idle loop reads about 10 ms`,
    },
    {
      scenario,
      metric: `server CPU, % of one core${processes > 1 ? ' (busier process)' : ''}`,
      unit: '%',
      values: { ours: Math.max(...r.cpuPercent) },
      ...(processes > 1 ? { note: `per process ${r.cpuPercent.map((c) => c.toFixed(1)).join(', ')} %` } : {}),
    },
    {
      scenario,
      metric: `server CPU per table, ms per second${processes > 1 ? ' (both processes)' : ''}`,
      unit: 'ms',
      values: { ours: (sum(r.cpuPercent) * 10) / r.tables },
    },
    {
      scenario,
      metric: `server RSS per table, above the idle process${processes > 1 ? ' (both processes)' : ''}`,
      unit: 'KiB',
      values: { ours: sum(r.rss) / 1024 / r.tables },
      note: `RSS above idle ${r.rss.map((b) => `${(b / 1024 ** 2).toFixed(0)} MiB`).join(', ')}`,
    },
  ];
}

/** The two-process run against one process: the same p99, about half the CPU per process. */
function comparedRows(scenario: string, two: PhaseResult, one: PhaseResult, pgOne: PhaseResult): Row[] {
  const p99Ratio = two.table.p99 / one.table.p99;
  const cpuRatio = Math.max(...two.cpuPercent) / one.cpuPercent[0]!;
  return [
    {
      scenario,
      metric: 'edit-seen p99 against 1 process (SQLite)',
      unit: 'x',
      values: { ours: p99Ratio },
      target: '<= 1.2x',
      met: p99Ratio <= 1.2 && two.missing === 0,
      note: `2 processes ${f1(two.table.p99)} ms (missing ${two.missing}), 1 process (SQLite) ${f1(one.table.p99)} ms, 1 process (PostgreSQL) ${f1(pgOne.table.p99)} ms`,
    },
    {
      scenario,
      metric: 'CPU of the busier process against 1 process (SQLite)',
      unit: 'x',
      values: { ours: cpuRatio },
      target: '<= 0.6x',
      met: cpuRatio <= 0.6,
      note: `2 processes ${two.cpuPercent.map((c) => c.toFixed(1)).join(' and ')} %, 1 process (SQLite) ${one.cpuPercent[0]!.toFixed(1)} %, 1 process (PostgreSQL) ${pgOne.cpuPercent[0]!.toFixed(1)} % (against it ${(Math.max(...two.cpuPercent) / pgOne.cpuPercent[0]!).toFixed(2)}x); PostgreSQL and Redis themselves not counted`,
    },
  ];
}

const LOAD = `${TABLES} tables x ${PARTNERS} partners + ${TABLES / TABLES_PER_WORKSHOP} overviews`;

export const provinceScenario: Scenario = {
  name: 'province',
  async run(ctx: BenchContext): Promise<Row[]> {
    const started = Date.now();
    const rows: Row[] = [];

    ctx.log('province: 1 process, SQLite');
    const sqliteDeploy = () => deploy('1 process (SQLite)', [{}]);
    const sqlite = await runDeployment(await sqliteDeploy(), ctx.log, {
      deadline: started + LADDER_BUDGET_MS,
      again: sqliteDeploy,
    });
    const one = sqlite[0]!;
    rows.push(...rowsOf(`province ${LOAD}, 1 process (SQLite)`, one));
    const held = sqlite.filter((r) => r.table.p99 <= P99_LIMIT_MS && r.missing === 0);
    const capacity = held.length ? Math.max(...held.map((r) => r.tables)) : 0;
    const past = sqlite.filter((r) => !held.includes(r)).map((r) => r.tables);
    const steps = [...new Set([TABLES, ...LADDER_UP, ...LADDER_DOWN])].sort((a, b) => a - b);
    rows.push({
      scenario: 'province, 1 process (SQLite): capacity',
      metric: `tables of ${PARTNERS} partners at edit-seen p99 <= ${P99_LIMIT_MS} ms, none missing (steps ${steps.join(', ')})`,
      unit: 'tables',
      values: { ours: capacity },
      note:
        sqlite
          .map((r) => `${r.tables} tables: p99 ${f1(r.table.p99)} ms, server CPU ${f1(r.cpuPercent[0]!)} %`)
          .join('; ') +
        (past.length
          ? `; past the limit: ${Math.min(...past)} tables`
          : `; every step measured held: at least ${capacity} tables`) +
        `; the largest step: ${detail(sqlite.reduce((a, b) => (b.tables > a.tables ? b : a)))}`,
    });

    const [pg, redis] = await Promise.all([startPostgres(), startRedis()]);
    try {
      const env = { STORAGE: 'postgres', DATABASE_URL: pg.url };
      const clusterEnv = { ...env, REDIS_URL: redis.url };
      ctx.log('province: 1 process, PostgreSQL');
      const [pgOne] = await runDeployment(await deploy('1 process (PostgreSQL)', [env]), ctx.log);
      rows.push(...rowsOf(`province ${LOAD}, 1 process (PostgreSQL)`, pgOne!));
      for (const routing of ['spread', 'table'] as const) {
        const how =
          routing === 'spread' ? "every table's sockets spread" : "each table's sockets on one process";
        ctx.log(`province: 2 processes, PostgreSQL + Redis, ${how}`);
        const [two] = await runDeployment(
          await deploy(`2 processes (${routing})`, [clusterEnv, clusterEnv], routing),
          ctx.log,
        );
        const scenario = `province ${LOAD}, 2 processes (PostgreSQL + Redis), ${how}`;
        rows.push(...rowsOf(scenario, two!), ...comparedRows(scenario, two!, one, pgOne!));
      }
    } finally {
      await Promise.allSettled([pg.stop(), redis.stop()]);
    }
    return rows;
  },
};
