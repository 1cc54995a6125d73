/**
 * A rogue peer in a live workshop: a raw Yjs client writes invalid records into a room where two
 * partners have the map open in Chromium. The server refuses them, the partners' canvases keep
 * working, and after a restart the stored room loads clean.
 */
import { describe, expect, it } from 'vitest';
import { openPage, shapesOf, waitForCanvas } from '../support/browser.ts';
import { useServerAndBrowser } from '../support/e2eSuite.ts';
import { rawPeer, syncUpdate, updateOf } from '../support/rawSocket.ts';
import { geoShape, loopStep, records } from '../support/records.ts';
import { eventually } from '../support/yclient.ts';

const suite = useServerAndBrowser();

describe('a rogue peer', () => {
  it('cannot break the partners’ canvases or the stored room', async () => {
    const { server, browser } = suite;
    const room = await server.createRoom('structuur-lost-alles-op');
    const a = await openPage(browser, `${server.url}${room.editUrl}`);
    const b = await openPage(browser, `${server.url}${room.editUrl}`);
    await Promise.all([waitForCanvas(a.page), waitForCanvas(b.page)]);
    const stepCount = (await shapesOf(a.page)).filter((s) => s.type === 'loop-step').length;

    const attacks: [string, (doc: import('yjs').Doc) => void][] = [
      ['negative size', (doc) => records(doc).set('shape:bad1', loopStep('shape:bad1', { w: -10 }))],
      [
        'unknown type',
        (doc) => records(doc).set('shape:bad2', { ...geoShape('shape:bad2', 0), type: 'virus' }),
      ],
      ['id mismatch', (doc) => records(doc).set('shape:bad3', geoShape('shape:other', 0))],
      [
        'session record',
        (doc) => records(doc).set('instance:instance', { id: 'instance:instance', typeName: 'instance' }),
      ],
      ['remove the document', (doc) => records(doc).delete('document:document')],
    ];
    for (const [name, attack] of attacks) {
      const rogue = await rawPeer(server.wsUrl, room.roomId, room.tokens.edit);
      rogue.send(syncUpdate(updateOf(rogue.doc, () => attack(rogue.doc))));
      expect((await rogue.closed).code, name).toBe(4409);
    }

    // Both canvases still work: a partner's edit still reaches the other, and nothing bad arrived.
    await a.page.getByTestId('add-behaviour-evalueren').click();
    await eventually(
      async () => (await shapesOf(b.page)).some((s) => s.type === 'behaviour'),
      5000,
      'B sees A’s bubble',
    );
    for (const page of [a.page, b.page]) {
      const shapes = await shapesOf(page);
      expect(shapes.filter((s) => s.type === 'loop-step')).toHaveLength(stepCount);
      expect(shapes.some((s) => s.id.startsWith('shape:bad'))).toBe(false);
      expect(await page.getByTestId('invalid-records').count()).toBe(0);
    }

    // The stored room reloads clean after a hard stop.
    await server.kill();
    const restarted = await server.restart();
    try {
      const c = await openPage(browser, `${restarted.url}${room.viewUrl}`);
      await waitForCanvas(c.page);
      const shapes = await eventually(async () => {
        const s = await shapesOf(c.page);
        return s.some((x) => x.type === 'behaviour') ? s : null;
      });
      expect(shapes.filter((s) => s.type === 'loop-step')).toHaveLength(stepCount);
      expect(shapes.some((s) => s.id.startsWith('shape:bad'))).toBe(false);
      expect(c.consoleErrors.filter((e) => !e.includes('WebSocket'))).toEqual([]);
    } finally {
      await restarted.kill();
    }
  });
});
