import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { createTestRooms } from '../../../test/testRooms.ts';
import { hashToken, newToken, sealLinks } from '../access/tokens.ts';
import { Workshops } from './Workshops.ts';

const tokenOf = (url: string) => url.slice(url.indexOf('#k=') + 3);

describe('a workshop made before tables had their own tokens', () => {
  it('still opens with its one token, as overview and at every table', async () => {
    const t = createTestRooms();
    const workshops = new Workshops(t.storage, t.access, t.manager, pino({ level: 'silent' }));
    // As such a workshop was stored: every table's facilitator token is the workshop's.
    const key = newToken();
    const roomIds: string[] = [];
    for (const n of ['a', 'b']) {
      const id = `legacy-table-${n}-000000`;
      const edit = newToken();
      const view = newToken();
      await t.storage.createRoom(
        {
          id,
          template: 'blank',
          createdAt: 1,
          touchedAt: Date.now(),
          facilitatorTokenHash: hashToken(key),
          editTokenHash: hashToken(edit),
          viewTokenHash: hashToken(view),
          sealedLinks: sealLinks(key, { edit, view }),
        },
        new Uint8Array([0, 0]),
      );
      roomIds.push(id);
    }
    await t.storage.createWorkshop({
      id: 'legacy',
      createdAt: 1,
      facilitatorTokenHash: hashToken(key),
      roomIds,
    });
    const opened = await workshops.open('legacy', key);
    expect('workshop' in opened && opened.workshop.tables.map((x) => tokenOf(x.facilitatorUrl))).toEqual([
      key,
      key,
    ]);
    for (const id of roomIds) expect(await t.access.authenticate(id, key)).toEqual({ role: 'facilitator' });
    expect((await t.access.shareLinks(roomIds[0]!, key))?.facilitatorUrl).toContain(key);
  });
});

describe('a new workshop', () => {
  it('gives each table its own facilitator token, which opens neither the other tables nor the workshop', async () => {
    const t = createTestRooms();
    const workshops = new Workshops(t.storage, t.access, t.manager, pino({ level: 'silent' }));
    const created = (await workshops.create(['blank', 'blank']))!;
    const key = tokenOf(created.facilitatorUrl);
    const [a, b] = created.tables.map((x) => ({ roomId: x.roomId, token: tokenOf(x.facilitatorUrl) }));
    expect(a!.token).not.toBe(key);
    expect(a!.token).not.toBe(b!.token);
    expect(await t.access.authenticate(a!.roomId, a!.token)).toEqual({ role: 'facilitator' });
    expect(await t.access.authenticate(b!.roomId, a!.token)).toEqual({ error: 'unauthorized' });
    expect(await t.access.authenticate(b!.roomId, key)).toEqual({ role: 'facilitator' });
    expect(await workshops.open(created.workshopId, a!.token)).toEqual({ error: 'unauthorized' });
    // The key at a table hands out that table's own links, never itself.
    expect(tokenOf((await t.access.shareLinks(a!.roomId, key))!.facilitatorUrl)).toBe(a!.token);
  });
});
