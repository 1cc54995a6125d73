/**
 * Who gets into which room: creating a room (its id, its three role tokens, its first document),
 * the role a token grants, and the share links only the facilitator may see again. Tokens are
 * stored only as hashes, the partner and viewer tokens sealed with the facilitator's (tokens.ts).
 * Knows nothing of loaded rooms: that is the RoomManager.
 */
import { EMPTY_TEMPLATE_ID, getTemplate } from '@patroonkaart/model';
import { type Role, roomPath } from '@patroonkaart/protocol';
import { baseRecords, type JsonRecord, TEXT_FIELDS, templateRecords } from '@patroonkaart/schema';
import type { StoreSchema, UnknownRecord } from '@tldraw/store';
import type { Logger } from 'pino';
import type { Metrics } from '../../metrics.ts';
import type { Storage } from '../../storage/Storage.ts';
import { createRoomDoc } from '../document/docFromStorage.ts';
import {
  hashToken,
  newRoomId,
  newToken,
  openLinks,
  ownFacilitatorToken,
  roleForToken,
  sealLinks,
  tableToken,
} from './tokens.ts';

/** The room of an imported map: only a page (see packages/model, EMPTY_TEMPLATE_ID). */
export const EMPTY_TEMPLATE = EMPTY_TEMPLATE_ID;

export interface CreatedRoom {
  roomId: string;
  facilitatorUrl: string;
  editUrl: string;
  viewUrl: string;
}

export type Authentication = { role: Role } | { error: 'roomNotFound' | 'unauthorized' };

/** What room creation needs of the saved templates (server/src/library, TemplateLibrary, implements it). */
export interface SavedTemplates {
  has(templateId: string): Promise<boolean>;
  /** The template's map for a new room, with new ids, its shapes on `pageId`; null when there is none. */
  roomRecords(templateId: string, pageId: string): Promise<JsonRecord[] | null>;
}

/** A new room's one page. */
const ROOM_PAGE = 'page:page';

/** The role a token grants in a stored room, or why none (unknown room, wrong token). */
export async function authenticate(
  storage: Pick<Storage, 'getRoom'>,
  roomId: string,
  token: string | null,
): Promise<Authentication> {
  const room = await storage.getRoom(roomId);
  if (!room) return { error: 'roomNotFound' };
  const role = roleForToken(room, token);
  return role ? { role } : { error: 'unauthorized' };
}

export class RoomAccess {
  private readonly storage: Storage;
  private readonly schema: StoreSchema<UnknownRecord, unknown>;
  private readonly log: Logger;
  private readonly metrics: Metrics;
  private readonly saved: SavedTemplates | null;

  /** `saved`: the template library, whose templates a room may start from besides the seed loops. */
  constructor(
    storage: Storage,
    schema: StoreSchema<UnknownRecord, unknown>,
    log: Logger,
    metrics: Metrics,
    saved: SavedTemplates | null = null,
  ) {
    this.storage = storage;
    this.schema = schema;
    this.log = log;
    this.metrics = metrics;
    this.saved = saved;
  }

  async knowsTemplate(templateId: string): Promise<boolean> {
    return (
      templateId === EMPTY_TEMPLATE ||
      getTemplate(templateId) !== undefined ||
      ((await this.saved?.has(templateId)) ?? false)
    );
  }

  /**
   * `workshopKey`: the room is a table of that workshop; its facilitator token is derived from the
   * key (tokens.ts, tableToken), so the key opens it and its own token opens nothing else.
   */
  async createRoom(templateId: string, options: { workshopKey?: string } = {}): Promise<CreatedRoom | null> {
    // 'empty' is a room with only a page: the target of an imported map.
    const template = templateId === EMPTY_TEMPLATE ? null : getTemplate(templateId);
    // A saved template's map, with new ids as a seed loop's records get.
    const saved =
      template || templateId === EMPTY_TEMPLATE
        ? null
        : ((await this.saved?.roomRecords(templateId, ROOM_PAGE)) ?? null);
    if (!template && !saved && templateId !== EMPTY_TEMPLATE) return null;
    const roomId = newRoomId();
    const tokens = {
      facilitator: options.workshopKey ? tableToken(options.workshopKey, roomId) : newToken(),
      edit: newToken(),
      view: newToken(),
    };
    const records = [
      ...baseRecords('Pagina 1'),
      ...(template ? templateRecords(template, { pageId: ROOM_PAGE }) : (saved ?? [])),
    ];
    const roomTemplate = template?.id ?? (saved ? templateId : EMPTY_TEMPLATE);
    const now = Date.now();
    await this.storage.createRoom(
      {
        id: roomId,
        template: roomTemplate,
        createdAt: now,
        touchedAt: now,
        facilitatorTokenHash: hashToken(tokens.facilitator),
        editTokenHash: hashToken(tokens.edit),
        viewTokenHash: hashToken(tokens.view),
        sealedLinks: sealLinks(tokens.facilitator, { edit: tokens.edit, view: tokens.view }),
      },
      createRoomDoc(this.schema, TEXT_FIELDS, records),
    );
    this.metrics.roomCreated();
    this.log.info({ roomId, template: roomTemplate }, 'room created');
    return {
      roomId,
      facilitatorUrl: roomPath(roomId, tokens.facilitator),
      editUrl: roomPath(roomId, tokens.edit),
      viewUrl: roomPath(roomId, tokens.view),
    };
  }

  /** The role a token grants in a room, or null (unknown room or wrong token). */
  authenticate(roomId: string, token: string | null): Promise<Authentication> {
    return authenticate(this.storage, roomId, token);
  }

  /**
   * The share links, for the facilitator only (their token unseals the others): always this
   * room's own, never a workshop's key, so a table's co-facilitator gets that table alone.
   */
  async shareLinks(roomId: string, facilitatorToken: string): Promise<CreatedRoom | null> {
    const room = await this.storage.getRoom(roomId);
    const own = room ? ownFacilitatorToken(room, facilitatorToken) : null;
    if (!room || !own) return null;
    const links = openLinks(own, room.sealedLinks);
    if (!links) return null;
    return {
      roomId,
      facilitatorUrl: roomPath(roomId, own),
      editUrl: roomPath(roomId, links.edit),
      viewUrl: roomPath(roomId, links.view),
    };
  }
}
