/**
 * What the server accepts, every screen can show: random schema-valid transactions (the same
 * generator as the admission test) go to the real server through a raw partner client, while a
 * page watches the room; afterwards the open page and a fresh load both draw the room without an
 * error. Two arrows bound to each other once broke every screen for good ("Maximum call stack
 * size exceeded", then tldraw's "Something went wrong" on every load).
 */
import { TEXT_FIELDS } from '@patroonkaart/schema';
import { recordIndex } from '@patroonkaart/tldraw-yjs';
import * as decoding from 'lib0/decoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openPage, shapesOf, type TrackedPage, waitForCanvas } from '../support/browser.ts';
import { useServerAndBrowser } from '../support/e2eSuite.ts';
import { arrowOf, prng, randomTransactions } from '../support/randomTransactions.ts';
import { type RawSocket, rawPeer, syncStep1, syncUpdate, updateOf } from '../support/rawSocket.ts';
import { eventually } from '../support/yclient.ts';

// Refusals are expected here by the dozen: the throttle would only slow the test down.
const suite = useServerAndBrowser({ REFUSALS_PER_MINUTE: '0' });

const TRANSACTIONS = 150;

/** Sync step 2 frames received so far: the server's answers to our step 1s. */
const answers = (socket: RawSocket) =>
  socket.received.filter((data) => {
    const d = decoding.createDecoder(data);
    return decoding.readVarUint(d) === 0 && decoding.readVarUint(d) === 1;
  }).length;

async function brokenScreen(page: TrackedPage): Promise<string | null> {
  const text = (await page.page.locator('body').textContent()) ?? '';
  if (/Something went wrong|Er is iets misgegaan/i.test(text)) return 'an error screen';
  const fatal = page.consoleErrors.find((e) => /Maximum call stack|RangeError|TypeError/.test(e));
  return fatal ?? null;
}

describe('what the server accepts, a browser draws', () => {
  it(`draws the room after ${TRANSACTIONS} random transactions, on an open page and on a fresh load`, async () => {
    const room = await suite.server.createRoom('van-niemand-en-toch-van-iedereen');
    const watcher = await openPage(suite.browser, `${suite.server.url}${room.viewUrl}`);
    await waitForCanvas(watcher.page);
    const rand = prng(3501);
    let peer = await rawPeer(suite.server.wsUrl, room.roomId, room.tokens.edit);
    const generator = randomTransactions(rand, arrowOf(peer.doc));
    let accepted = 0;
    let refused = 0;
    const started = Date.now();
    for (let n = 0; n < TRANSACTIONS && Date.now() - started < 45_000; n++) {
      const update = updateOf(peer.doc, () => generator.change(peer.doc));
      const asked = answers(peer);
      peer.send(syncUpdate(update));
      // A step 1 after the update: its answer comes only once the update was stored, and a
      // refused update closes the socket first.
      peer.send(syncStep1(Y.encodeStateVector(peer.doc)));
      const outcome = await Promise.race([
        peer.closed.then(() => 'refused' as const),
        eventually(() => answers(peer) > asked, 5000, 'the answer after an update').then(
          () => 'stored' as const,
        ),
      ]);
      if (outcome === 'stored') accepted++;
      else {
        refused++;
        // A partner whose change was refused starts again from what the server has.
        peer = await rawPeer(suite.server.wsUrl, room.roomId, room.tokens.edit);
      }
    }
    peer.ws.close();
    expect(accepted).toBeGreaterThan(10);
    expect(refused).toBeGreaterThan(10);

    // The page that watched it all still draws the room, with every shape the server holds.
    const check = await rawPeer(suite.server.wsUrl, room.roomId, room.tokens.view);
    const stored = recordIndex(check.doc, TEXT_FIELDS)
      .ids()
      .filter((id) => id.startsWith('shape:')).length;
    check.ws.close();
    expect(stored).toBeGreaterThan(0);
    expect(await brokenScreen(watcher)).toBeNull();
    await watcher.page.locator('.tl-canvas').waitFor();

    // A fresh load, the facilitator's too, opens the room and not an error screen.
    const fresh = await openPage(suite.browser, `${suite.server.url}${room.facilitatorUrl}`);
    await waitForCanvas(fresh.page);
    await eventually(async () => (await shapesOf(fresh.page)).length > 0, 10_000, 'shapes on a fresh load');
    expect(await brokenScreen(fresh)).toBeNull();
    expect(await fresh.page.getByTestId('history-button').isVisible()).toBe(true);
    await watcher.context.close();
    await fresh.context.close();
  }, 120_000);
});
