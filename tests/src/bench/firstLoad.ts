/**
 * First load on a slow link, as a partner on a hotel network meets it: Chromium with network
 * emulation (10 Mbit/s down and up, 40 ms round trip), an empty cache, the page opened until a
 * live canvas. Ours: a template room's partner link, until the map's shapes are drawn and the
 * room is connected. Bare: a `<Tldraw/>` vite app (clientSize.ts) served the same way, by our own
 * server (CLIENT_DIR) with the same brotli/gzip files and headers, until its canvas is drawn. Like
 * our client it self-hosts tldraw's assets (`assetUrls` from `@tldraw/assets/imports.vite`), so
 * both load the same icon sprite and fonts from that server (bare also preloads the sixteen icons of
 * tldraw's embed dialog; ours offers no embeds, which our policy's `frame-src 'none'` would leave
 * empty, and loads none); on tldraw's default CDN
 * its requests for them would fail here (no internet, and our Content-Security-Policy refuses
 * other hosts) and cost it nothing. Median of 3 (bytes: the run with the median bytes).
 * `BENCH_REQUESTS=1` logs that run's requests for each app, largest first.
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
  /** Every request finished or failed before the canvas was live, in order. */
  requests: { url: string; bytes: number; failed?: string }[];
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
    const urls = new Map<string, string>();
    const requests: Load['requests'] = [];
    cdp.on('Network.requestWillBeSent', (e: { requestId: string; request: { url: string } }) => {
      urls.set(e.requestId, e.request.url);
    });
    // The list keeps network requests only (not data: or blob: URLs, which cost no bytes).
    const urlOf = (id: string) => urls.get(id) ?? '?';
    cdp.on('Network.loadingFinished', (e: { requestId: string; encodedDataLength: number }) => {
      bytes += e.encodedDataLength;
      if (urlOf(e.requestId).startsWith('http'))
        requests.push({ url: urlOf(e.requestId), bytes: e.encodedDataLength });
    });
    cdp.on('Network.loadingFailed', (e: { requestId: string; errorText: string; blockedReason?: string }) => {
      const why = [e.errorText, e.blockedReason].filter(Boolean).join(', ') || 'failed';
      if (urlOf(e.requestId).startsWith('http'))
        requests.push({ url: urlOf(e.requestId), bytes: 0, failed: why });
    });
    const started = performance.now();
    await page.goto(url);
    await page.waitForFunction((all) => all.every((sel) => document.querySelector(sel)), live, {
      timeout: 60_000,
      polling: 'raf',
    });
    const ms = performance.now() - started;
    return { ms, bytes, requests: [...requests] };
  } finally {
    await context.close();
  }
}

function median(loads: Load[]): Load {
  const mid = (k: 'ms' | 'bytes') => [...loads].sort((a, b) => a[k] - b[k])[Math.floor(loads.length / 2)]!;
  const byBytes = mid('bytes');
  return { ms: mid('ms').ms, bytes: byBytes.bytes, requests: byBytes.requests };
}

/** `BENCH_REQUESTS=1`: the requests of a load, largest first, to see what the bytes are. */
function logRequests(log: (m: string) => void, name: string, load: Load): void {
  const origin = (url: string) => url.replace(/^https?:\/\/127\.0\.0\.1:\d+/, '');
  log(`firstLoad: ${name}, ${load.requests.length} requests, ${(load.bytes / 1024).toFixed(1)} KiB`);
  for (const r of [...load.requests].sort((a, b) => b.bytes - a.bytes))
    log(
      `  ${(r.bytes / 1024).toFixed(1).padStart(7)} KiB  ${origin(r.url).slice(0, 120)}${r.failed ? `  FAILED ${r.failed}` : ''}`,
    );
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
      if (process.env.BENCH_REQUESTS === '1') {
        logRequests(ctx.log, 'ours', o);
        logRequests(ctx.log, 'bare', b);
      }
      const scenario =
        'first load, 10 Mbit/s, 40 ms RTT, empty cache (bare = <Tldraw/> app, served the same way)';
      const counted = (l: Load) =>
        `${l.requests.length} requests (${l.requests.filter((r) => r.failed).length} failed)`;
      // Issue 37, item 7: within 1.15x of the bare app in bytes and in time.
      return [
        {
          scenario,
          metric: 'bytes transferred until a live canvas',
          unit: 'KiB',
          values: { ours: o.bytes / 1024, bare: b.bytes / 1024 },
          target: '<= 1.15x bare',
          met: o.bytes <= 1.15 * b.bytes,
          note: `bare: <Tldraw assetUrls={getAssetUrlsByImport()} /> and nothing else, its icons, embed icons and fonts self-hosted as ours are (@tldraw/assets; ours offers no embeds, so fetches no embed icons); ours ${counted(o)}, bare ${counted(b)}`,
        },
        {
          scenario,
          metric: 'time to a live canvas (ours: the room’s map drawn and connected), median of 3',
          unit: 'ms',
          values: { ours: o.ms, bare: b.ms },
          target: '<= 1.15x bare',
          met: o.ms <= 1.15 * b.ms,
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
