/**
 * After `vite build`: a brotli (.br) and a gzip (.gz) copy beside every text asset, so the server
 * can send the smallest one the browser accepts without compressing on every request. Node's own
 * zlib does it; no plugin needed.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

// A dist folder may be named (the benchmark precompresses a bare tldraw app the same way).
const DIST = process.argv[2] ?? join(import.meta.dirname, '..', 'dist');
const TEXT = new Set(['.js', '.mjs', '.css', '.html', '.svg', '.json', '.txt', '.wasm', '.ttf']);

function* files(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else yield path;
  }
}

let raw = 0;
let br = 0;
for (const path of files(DIST)) {
  if (!TEXT.has(extname(path)) || statSync(path).size < 1024) continue;
  const data = readFileSync(path);
  const brotli = brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 10 } });
  writeFileSync(`${path}.br`, brotli);
  writeFileSync(`${path}.gz`, gzipSync(data, { level: 9 }));
  raw += data.byteLength;
  br += brotli.byteLength;
}
console.log(
  `precompressed: ${(raw / 1024).toFixed(0)} KiB of text assets, ${(br / 1024).toFixed(0)} KiB as brotli`,
);
