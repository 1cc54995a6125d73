/**
 * One table of a workshop, watched from the overview: its document (no local copy, no canvas),
 * who is there (presence), and the facilitator's writes to its conversation (start a round).
 * Reports at most a few times a second, so twelve busy tables cost the overview little.
 */
import {
  CONVERSATION_ID,
  type Conversation,
  conversationPatch,
  conversationWithoutServerFields,
  readConversation,
  startRound,
} from '@patroonkaart/model';
import {
  closeCodeByNumber,
  SYNC_PATH,
  SYNC_SUBPROTOCOL,
  TOKEN_PREFIX,
  type WorkshopTable,
} from '@patroonkaart/protocol';
import { TEXT_FIELDS } from '@patroonkaart/schema';
import { recordIndex } from '@patroonkaart/tldraw-yjs';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { presentPeople } from '../sync/presentPeople.ts';
import { serverNow } from '../sync/serverClock.ts';

export interface TablePerson {
  name: string;
  organisation: string;
  colour: string;
}

export interface TableView {
  table: WorkshopTable;
  synced: boolean;
  records: Record<string, unknown>[];
  conversation: Conversation;
  people: TablePerson[];
}

const REPORT_EVERY_MS = 250;

export class TableWatcher {
  readonly doc = new Y.Doc();
  private readonly provider: WebsocketProvider;
  private readonly table: WorkshopTable;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private synced = false;

  constructor(table: WorkshopTable, token: string, onChange: (view: TableView) => void) {
    this.table = table;
    // The cards' words are texts (packages/schema, TEXT_FIELDS): the index reads them so from the first update.
    recordIndex(this.doc, TEXT_FIELDS);
    this.provider = new WebsocketProvider(
      `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${SYNC_PATH}`,
      table.roomId,
      this.doc,
      {
        protocols: [SYNC_SUBPROTOCOL, `${TOKEN_PREFIX}${token}`],
        disableBc: true,
        maxBackoffTime: 5000,
        // y-websocket gives up on every 44xx code; ours say themselves whether to retry (a table
        // that was full, or a resync after 4412, comes back).
        shouldReconnect: (event) => closeCodeByNumber(event.code)?.retry ?? true,
      },
    );
    // The overview is not a participant: no cursor, no name in the table's presence list.
    this.provider.awareness.setLocalState(null);
    const report = () => {
      if (this.timer) return;
      this.timer = setTimeout(() => {
        this.timer = null;
        onChange(this.view());
      }, REPORT_EVERY_MS);
    };
    this.provider.on('sync', (synced: boolean) => {
      this.synced = synced;
      report();
    });
    this.doc.on('update', report);
    this.provider.awareness.on('change', report);
  }

  view(): TableView {
    const index = recordIndex(this.doc);
    const records = index
      .ids()
      .map((id) => index.get(id))
      .filter((r) => r !== null);
    const stored = index.get(CONVERSATION_ID) as Partial<Conversation> | null;
    const people: TablePerson[] = presentPeople(this.provider.awareness.getStates()).map(
      ({ name, organisation, colour }) => ({ name, organisation, colour }),
    );
    return {
      table: this.table,
      synced: this.synced,
      records,
      conversation: readConversation((stored ?? {}) as Partial<Conversation>),
      people,
    };
  }

  /** Starts round `round` at this table, with the table's own round length. */
  startRound(round: number): void {
    const current = this.view().conversation;
    this.update(current, startRound(current, round, serverNow()));
  }

  setVotingOpen(open: boolean): void {
    const current = this.view().conversation;
    this.update(current, { ...current, votingOpen: open });
  }

  /** Writes only what changes, never the server's fields (a silent round's): as the room's writer. */
  private update(current: Conversation, next: Conversation): void {
    const index = recordIndex(this.doc);
    this.doc.transact(() => {
      if (!index.has(CONVERSATION_ID)) index.write(CONVERSATION_ID, conversationWithoutServerFields(next));
      else index.setFields(CONVERSATION_ID, conversationPatch(current, next));
    }, 'patroonkaart.workshop');
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.provider.destroy();
    this.doc.destroy();
  }
}
