/**
 * Client JS size: gzip (zlib, level 9) of every .js file in client/dist/assets (built by
 * `pnpm run build` just before the bench), against a bare `<Tldraw/>` vite + react app built in
 * this run in a temp dir outside the repo. The bare app uses the client's own node_modules
 * (symlinked: the same tldraw, react, vite and plugin versions, no network).
 *
 * The bare app is tldraw's documented self-hosted setup and nothing more: `<Tldraw
 * assetUrls={getAssetUrlsByImport()} />` (`@tldraw/assets/imports.vite`), so vite bundles tldraw's
 * icons, fonts, embed icons and translations into its dist as our client does (RoomCanvas.tsx).
 * Left on tldraw's CDN (the default) it would load none of them when served the same way: our
 * server's Content-Security-Policy refuses every other host (and there is no internet here), so
 * its icons and fonts were failed requests that cost it no bytes. No store, no shapes, no options.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ROOT } from '../support/server.ts';
import type { Row, Scenario } from './types.ts';

export function gzipJsBytes(assetsDir: string): number {
  return readdirSync(assetsDir)
    .filter((f) => f.endsWith('.js'))
    .reduce((sum, f) => sum + gzipSync(readFileSync(join(assetsDir, f)), { level: 9 }).byteLength, 0);
}

export function buildBareTldrawApp(): { dir: string; assetsDir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'bare-tldraw-'));
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name: 'bare-tldraw', private: true, type: 'module' }, null, 2),
  );
  writeFileSync(
    join(dir, 'index.html'),
    '<!doctype html><html><head><meta charset="utf-8"><title>bare tldraw</title></head>' +
      '<body><div id="root" style="position:fixed;inset:0"></div><script type="module" src="/main.tsx"></script></body></html>\n',
  );
  writeFileSync(
    join(dir, 'main.tsx'),
    [
      "import { getAssetUrlsByImport } from '@tldraw/assets/imports.vite';",
      "import { createRoot } from 'react-dom/client';",
      "import { Tldraw } from 'tldraw';",
      "import 'tldraw/tldraw.css';",
      'const assetUrls = getAssetUrlsByImport();',
      "createRoot(document.getElementById('root')!).render(<Tldraw assetUrls={assetUrls} />);",
      '',
    ].join('\n'),
  );
  // Same build options as client/vite.config.ts.
  writeFileSync(
    join(dir, 'vite.config.mjs'),
    [
      "import react from '@vitejs/plugin-react';",
      "import { defineConfig } from 'vite';",
      "export default defineConfig({ plugins: [react()], build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 4096, assetsInlineLimit: 0 } });",
      '',
    ].join('\n'),
  );
  symlinkSync(join(ROOT, 'client', 'node_modules'), join(dir, 'node_modules'), 'dir');
  execFileSync(
    process.execPath,
    [join(ROOT, 'client', 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'],
    {
      cwd: dir,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, NODE_ENV: 'production' },
    },
  );
  return { dir, assetsDir: join(dir, 'dist', 'assets') };
}

export const clientSizeScenario: Scenario = {
  name: 'clientSize',
  async run(ctx) {
    const ours = gzipJsBytes(join(ROOT, 'client', 'dist', 'assets'));
    ctx.log('clientSize: building a bare <Tldraw/> app with vite');
    const bare = buildBareTldrawApp();
    try {
      const bareBytes = gzipJsBytes(bare.assetsDir);
      return [
        {
          scenario: 'client JS (gzip), bare = <Tldraw/> vite app',
          metric: 'sum of gzipped .js',
          unit: 'KiB',
          values: { ours: ours / 1024, bare: bareBytes / 1024 },
          target: '<= 1.15x bare',
          met: ours <= 1.15 * bareBytes,
          note: 'bare: <Tldraw assetUrls={getAssetUrlsByImport()} /> (tldraw self-hosting its assets, as ours does); every .js of each dist, lazy chunks included',
        },
      ] satisfies Row[];
    } finally {
      rmSync(bare.dir, { recursive: true, force: true });
    }
  },
};
