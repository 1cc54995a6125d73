// Builds the client only when its sources changed since the last build, so `npm start` after a
// crash or by a process manager is back in a second or two instead of rebuilding for ~20 s.
// The stamp is a hash of everything the build reads; a missing or different stamp builds.
// Runs on the pinned Node before anything else: plain JS.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const stamp = join(root, 'client', 'dist', '.build-stamp');

/** What the client build reads: its own sources and config, the packages it bundles, the lockfile. */
const inputs = [
  'client/src',
  'client/public',
  'client/scripts',
  'client/index.html',
  'client/vite.config.ts',
  'client/package.json',
  'packages',
  'pnpm-lock.yaml',
  'tsconfig.base.json',
];

function files(path) {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .filter((name) => name !== 'node_modules' && name !== 'dist')
    .sort()
    .flatMap((name) => files(join(path, name)));
}

const hash = createHash('sha256');
for (const file of inputs.flatMap((i) => files(join(root, i)))) {
  hash.update(relative(root, file));
  hash.update(readFileSync(file));
}
const current = hash.digest('hex');

if (existsSync(stamp) && readFileSync(stamp, 'utf8') === current) {
  console.log('Client build is current (client/dist); not rebuilding.');
} else {
  try {
    execFileSync(join(root, 'node_modules', '.bin', 'pnpm'), ['run', 'build'], {
      cwd: root,
      stdio: 'inherit',
    });
  } catch {
    console.error('\nDe client kon niet worden gebouwd / the client build failed: see the messages above.');
    process.exit(1);
  }
  writeFileSync(stamp, current);
}
