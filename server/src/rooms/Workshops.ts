/**
 * Workshops: several tables (rooms) run at once under one facilitator. A workshop is a small
 * record listing its rooms; every table is created with the workshop's facilitator token, so that
 * one token opens the overview and every table as facilitator, with no new token rule. A
 * workshop lives as long as its rooms: once none is left it is gone, and deleting it deletes them.
 */
import {
  MAX_WORKSHOP_TABLES,
  roomPath,
  type WorkshopResponse,
  type WorkshopTable,
  workshopPath,
} from '@patroonkaart/protocol';
import type { Logger } from 'pino';
import type { Storage } from '../storage/Storage.ts';
import type { RoomManager } from './RoomManager.ts';
import { hashToken, matchesToken, newRoomId, newToken, openLinks } from './tokens.ts';

export type WorkshopAccess = { workshop: WorkshopResponse } | { error: 'notFound' | 'unauthorized' };

export class Workshops {
  private readonly storage: Storage;
  private readonly rooms: RoomManager;
  private readonly log: Logger;

  constructor(storage: Storage, rooms: RoomManager, log: Logger) {
    this.storage = storage;
    this.rooms = rooms;
    this.log = log;
  }

  /** Null when the number of tables is out of range or a template is unknown (nothing created). */
  create(templates: readonly string[]): WorkshopResponse | null {
    if (templates.length < 1 || templates.length > MAX_WORKSHOP_TABLES) return null;
    if (!templates.every((t) => this.rooms.knowsTemplate(t))) return null;
    const token = newToken();
    const id = newRoomId();
    const tables: WorkshopTable[] = [];
    for (const template of templates) {
      const created = this.rooms.createRoom(template, { facilitatorToken: token })!;
      tables.push({ ...created, template });
    }
    const createdAt = Date.now();
    this.storage.createWorkshop({
      id,
      createdAt,
      facilitatorTokenHash: hashToken(token),
      roomIds: tables.map((t) => t.roomId),
    });
    this.log.info({ workshopId: id, tables: tables.length }, 'workshop created');
    return { workshopId: id, createdAt, facilitatorUrl: workshopPath(id, token), tables };
  }

  /** The workshop and its tables' links, for its facilitator token only. */
  open(id: string, token: string | null): WorkshopAccess {
    const record = this.storage.getWorkshop(id);
    if (!record) return { error: 'notFound' };
    if (!token || !matchesToken(token, record.facilitatorTokenHash)) return { error: 'unauthorized' };
    const tables: WorkshopTable[] = [];
    for (const roomId of record.roomIds) {
      const room = this.storage.getRoom(roomId);
      const links = room ? openLinks(token, room.sealedLinks) : null;
      if (!room || !links) continue; // expired or deleted on its own
      tables.push({
        roomId,
        template: room.template,
        facilitatorUrl: roomPath(roomId, token),
        editUrl: roomPath(roomId, links.edit),
        viewUrl: roomPath(roomId, links.view),
      });
    }
    if (tables.length === 0) {
      // Its rooms are gone (retention): so is the workshop.
      this.storage.deleteWorkshop(id);
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
  delete(id: string, token: string | null): WorkshopAccess {
    const access = this.open(id, token);
    if ('error' in access) return access;
    for (const table of access.workshop.tables) this.rooms.deleteRoom(table.roomId);
    this.storage.deleteWorkshop(id);
    this.log.info({ workshopId: id }, 'workshop deleted');
    return access;
  }
}
