/**
 * The set-up every browser test file shares: one real server process and one Chromium for the
 * file, both torn down afterwards. Call at the top level of a test file.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser } from './browser.ts';
import { startTestServer, type TestServer } from './server.ts';

export interface E2eSuite {
  readonly server: TestServer;
  readonly browser: Browser;
}

export function useServerAndBrowser(env: Record<string, string> = {}): E2eSuite {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    server = await startTestServer(env);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.cleanup();
  });
  return {
    get server() {
      if (!server) throw new Error('server not started: use inside a test');
      return server;
    },
    get browser() {
      if (!browser) throw new Error('browser not started: use inside a test');
      return browser;
    },
  };
}
