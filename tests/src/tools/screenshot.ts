// Screenshots the landing page and a template room: `node_modules/.bin/node tests/src/tools/screenshot.ts <template>`.
// Writes /tmp/landing.png, /tmp/room.png and /tmp/share.png, to look at what partners see.
import { launchBrowser, openPage, waitForCanvas } from '../support/browser.ts';
import { startTestServer } from '../support/server.ts';

const server = await startTestServer();
const browser = await launchBrowser();
try {
  const landing = await openPage(browser, `${server.url}/`);
  await landing.page.waitForTimeout(800);
  await landing.page.screenshot({ path: '/tmp/landing.png' });
  const room = await server.createRoom(process.argv[2] ?? 'structuur-lost-alles-op');
  const a = await openPage(browser, server.url + room.facilitatorUrl);
  try {
    await waitForCanvas(a.page);
  } catch (e) {
    console.log('canvas wait failed', String(e));
  }
  await a.page.waitForTimeout(1500);
  await a.page.screenshot({ path: '/tmp/room.png' });
  await a.page.getByText('Delen', { exact: true }).click();
  await a.page
    .getByTestId('share-editUrl')
    .inputValue()
    .then((v) => console.log('edit link', v.replace(/#k=.*/, '#k=…')));
  await a.page.waitForTimeout(300);
  await a.page.screenshot({ path: '/tmp/share.png' });
  await a.page.keyboard.press('Escape');
  console.log('errors', a.consoleErrors.slice(0, 10));
  console.log('hosts', [...new Set(a.requests.map((u) => new URL(u).host))]);
} finally {
  await browser.close();
  await server.cleanup();
  console.log(
    server.logs
      .join('')
      .split('\n')
      .filter((l) => l.includes('"level":40') || l.includes('"level":50'))
      .slice(0, 5),
  );
}
