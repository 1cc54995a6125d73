/**
 * First load on a slow link, as a partner on a hotel network meets it: Chromium with network
 * emulation (10 Mbit/s down and up, 40 ms round trip), an empty cache, the page opened until a
 * live canvas. Ours: a template room's partner link, until the map's shapes are drawn and the
 * room is connected. Bare: a `<Tldraw/>` vite app (clientSize.ts) served the same way, by our own
 * server (CLIENT_DIR) with the same brotli/gzip files, until its canvas is drawn. Median of 3.
 */
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../support/browser.ts';
import { ROOT, startTestServer, type TestServer } from '../support/server.ts';
import { buildBareTldrawApp } from './clientSize.ts';
import { OURS_BENCH_ENV } from './targets/ours.ts';
import type { Row, Scenario } from './types.ts';

const LINK = { latency: 40, downloadThroughput: 10e6 / 8, uploadThroughput: 10e6 / 8 };
const RUNS = 3;

interface Load {
  ms: number;
  bytes: number;
}

/** `live`: selectors that must all match for the canvas to count as live. */
async function loadOnce(browser: Browser, url: string, live: string[]): Promise<Load> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    // A returning partner's confirmed profile, so the first-visit dialog does not count.
    await context.addInitScript(() => {
      localStorage.setItem(
        'patroonkaart.user',
        JSON.stringify({
          id: crypto.randomUUID(),
          name: 'Bench',
          organisation: '',
          secret: 'x'.repeat(32),
          confirmed: true,
        }),
      );
    });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', { offline: false, ...LINK });
    let bytes = 0;
    cdp.on('Network.loadingFinished', (e: { encodedDataLength: number }) => {
      bytes += e.encodedDataLength;
    });
    const started = performance.now();
    await page.goto(url);
    await page.waitForFunction((all) => all.every((sel) => document.querySelector(sel)), live, {
      timeout: 60_000,
      polling: 'raf',
    });
    const ms = performance.now() - started;
    return { ms, bytes };
  } finally {
    await context.close();
  }
}

function median(loads: Load[]): Load {
  const by = (k: keyof Load) => [...loads].sort((a, b) => a[k] - b[k])[Math.floor(loads.length / 2)]![k];
  return { ms: by('ms'), bytes: by('bytes') };
}

export const firstLoadScenario: Scenario = {
  name: 'firstLoad',
  async run(ctx): Promise<Row[]> {
    ctx.log('firstLoad: building and precompressing a bare <Tldraw/> app');
    const bare = buildBareTldrawApp();
    execFileSync(
      process.execPath,
      [join(ROOT, 'client', 'scripts', 'precompress.ts'), join(bare.dir, 'dist')],
      {
        stdio: 'ignore',
      },
    );
    const servers: TestServer[] = [];
    const browser = await launchBrowser();
    try {
      const ours = await startTestServer(OURS_BENCH_ENV);
      const bareServer = await startTestServer({ ...OURS_BENCH_ENV, CLIENT_DIR: join(bare.dir, 'dist') });
      servers.push(ours, bareServer);
      const oursLoads: Load[] = [];
      const bareLoads: Load[] = [];
      for (let i = 0; i < RUNS; i++) {
        const room = await ours.createRoom('structuur-lost-alles-op');
        oursLoads.push(
          await loadOnce(browser, `${ours.url}${room.editUrl}`, [
            '[data-testid="connection-status"][data-status="online"]',
            '.tl-shape',
          ]),
        );
        bareLoads.push(await loadOnce(browser, `${bareServer.url}/`, ['.tl-canvas']));
      }
      const o = median(oursLoads);
      const b = median(bareLoads);
      const scenario =
        'first load, 10 Mbit/s, 40 ms RTT, empty cache (bare = <Tldraw/> app, served the same way)';
      return [
        {
          scenario,
          metric: 'bytes transferred until a live canvas',
          unit: 'KiB',
          values: { ours: o.bytes / 1024, bare: b.bytes / 1024 },
        },
        {
          scenario,
          metric: 'time to a live canvas (ours: the room’s map drawn and connected), median of 3',
          unit: 'ms',
          values: { ours: o.ms, bare: b.ms },
          note: `runs: ours ${oursLoads.map((l) => Math.round(l.ms)).join(', ')} ms; bare ${bareLoads.map((l) => Math.round(l.ms)).join(', ')} ms`,
        },
      ];
    } finally {
      await browser.close();
      await Promise.allSettled(servers.map((s) => s.cleanup()));
      rmSync(bare.dir, { recursive: true, force: true });
    }
  },
};
