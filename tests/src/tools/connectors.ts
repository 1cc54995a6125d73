// Screenshots a room where a bubble and a first step are linked to a step: /tmp/connectors.png.
import { launchBrowser, openPage, selectShapes, shapesOf, waitForCanvas } from '../support/browser.ts';
import { startTestServer } from '../support/server.ts';

const server = await startTestServer();
const browser = await launchBrowser();
try {
  const room = await server.createRoom('structuur-lost-alles-op');
  const { page } = await openPage(browser, server.url + room.editUrl);
  await waitForCanvas(page);
  const step = (await shapesOf(page)).find((s) => s.type === 'loop-step')!;
  await selectShapes(page, step.id);
  await page.getByTestId('add-behaviour-wachten-en-wijzen').click();
  await selectShapes(page, step.id);
  await page.getByTestId('add-first-step').click();
  await page.keyboard.type('Samen een casus bespreken');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  await page.waitForTimeout(500);
  await page.screenshot({ path: '/tmp/connectors.png' });
} finally {
  await browser.close();
  await server.cleanup();
}
