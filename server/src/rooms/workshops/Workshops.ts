/**
 * Workshops: several tables (rooms) run at once under one facilitator. A workshop is a small
 * record listing its rooms, opened with the workshop's key. Each table has its own facilitator
 * token, derived from the key (access/tokens.ts, tableToken): the key opens the overview and acts as
 * facilitator at every table, a table's token opens only that table, so a co-facilitator invited
 * to one table gets neither the others nor the workshop. A workshop made before tables had their
 * own tokens used its key as every table's token; that key still opens it all. A workshop lives
 * as long as its rooms: once none is left it is gone, and deleting it deletes them.
 */
import {
  MAX_WORKSHOP_TABLES,
  roomPath,
  type WorkshopResponse,
  type WorkshopTable,
  workshopPath,
} from '@patroonkaart/protocol';
import type { Logger } from 'pino';
import type { Storage } from '../../storage/Storage.ts';
import type { RoomAccess } from '../access/RoomAccess.ts';
import {
  hashToken,
  matchesToken,
  newRoomId,
  newToken,
  openLinks,
  ownFacilitatorToken,
} from '../access/tokens.ts';

/** What workshops need of the loaded rooms (RoomManager implements it). */
export interface DeletableRooms {
  /** Deletes a room everywhere (closing its peers). */
  deleteRoom(roomId: string): Promise<void>;
}

export type WorkshopAccess = { workshop: WorkshopResponse } | { error: 'notFound' | 'unauthorized' };

export class Workshops {
  private readonly storage: Storage;
  private readonly access: RoomAccess;
  private readonly rooms: DeletableRooms;
  private readonly log: Logger;

  constructor(storage: Storage, access: RoomAccess, rooms: DeletableRooms, log: Logger) {
    this.storage = storage;
    this.access = access;
    this.rooms = rooms;
    this.log = log;
  }

  /** Null when the number of tables is out of range or a template is unknown (nothing created). */
  async create(templates: readonly string[]): Promise<WorkshopResponse | null> {
    if (templates.length < 1 || templates.length > MAX_WORKSHOP_TABLES) return null;
    for (const t of templates) if (!(await this.access.knowsTemplate(t))) return null;
    const token = newToken();
    const id = newRoomId();
    const tables: WorkshopTable[] = [];
    for (const template of templates) {
      const created = await this.access.createRoom(template, { workshopKey: token });
      // Checked with knowsTemplate above, just now: only a bug makes it unknown now.
      if (!created) throw new Error(`Template ${template} is known but made no room`);
      tables.push({ ...created, template });
    }
    const createdAt = Date.now();
    await this.storage.createWorkshop({
      id,
      createdAt,
      facilitatorTokenHash: hashToken(token),
      roomIds: tables.map((t) => t.roomId),
    });
    this.log.info({ workshopId: id, tables: tables.length }, 'workshop created');
    return { workshopId: id, createdAt, facilitatorUrl: workshopPath(id, token), tables };
  }

  /** The workshop and each table's own links, for the workshop's key only. */
  async open(id: string, token: string | null): Promise<WorkshopAccess> {
    const record = await this.storage.getWorkshop(id);
    if (!record) return { error: 'notFound' };
    if (!token || !matchesToken(token, record.facilitatorTokenHash)) return { error: 'unauthorized' };
    const tables: WorkshopTable[] = [];
    for (const roomId of record.roomIds) {
      const room = await this.storage.getRoom(roomId);
      const own = room ? ownFacilitatorToken(room, token) : null;
      if (!room || !own) continue; // expired or deleted on its own
      const links = openLinks(own, room.sealedLinks);
      if (!links) continue;
      tables.push({
        roomId,
        template: room.template,
        facilitatorUrl: roomPath(roomId, own),
        editUrl: roomPath(roomId, links.edit),
        viewUrl: roomPath(roomId, links.view),
      });
    }
    if (tables.length === 0) {
      // Its rooms are gone (retention): so is the workshop.
      await this.storage.deleteWorkshop(id);
      return { error: 'notFound' };
    }
    return {
      workshop: {
        workshopId: id,
        createdAt: record.createdAt,
        facilitatorUrl: workshopPath(id, token),
        tables,
      },
    };
  }

  /** Deletes the workshop and every table of it. */
  async delete(id: string, token: string | null): Promise<WorkshopAccess> {
    const access = await this.open(id, token);
    if ('error' in access) return access;
    for (const table of access.workshop.tables) await this.rooms.deleteRoom(table.roomId);
    await this.storage.deleteWorkshop(id);
    this.log.info({ workshopId: id }, 'workshop deleted');
    return access;
  }
}
