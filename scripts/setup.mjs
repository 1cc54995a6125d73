// Installs the workspace with the pinned pnpm, using only the Node and npm the machine has.
// Runs on the machine's Node (20 or later), before the pinned Node 24 exists, so: plain JS.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const pnpmVersion = pkg.packageManager.replace(/^pnpm@/, '');
const localPnpm = join(root, 'node_modules', '.bin', 'pnpm');

// A restart with nothing changed skips pnpm (4-5 s): the stamp holds a hash of what the install reads.
const manifests = [
  'package.json',
  'pnpm-lock.yaml',
  'pnpm-workspace.yaml',
  'client/package.json',
  'server/package.json',
  'tests/package.json',
]
  .concat(readdirSync(join(root, 'packages')).map((p) => `packages/${p}/package.json`))
  .filter((f) => existsSync(join(root, f)));
const installed = createHash('sha256');
for (const f of manifests) installed.update(f).update(readFileSync(join(root, f)));
const want = installed.digest('hex');
const stamp = join(root, 'node_modules', '.patroonkaart-installed');
if (!process.env.CI && existsSync(stamp) && readFileSync(stamp, 'utf8') === want) {
  console.log('Dependencies are installed and current; not reinstalling.');
  process.exit(0);
}

const args = ['install', '--prefer-offline'];
if (process.env.CI) args.push('--frozen-lockfile');
const run = (cmd, argv) => execFileSync(cmd, argv, { cwd: root, stdio: 'inherit' });

try {
  if (existsSync(localPnpm)) run(localPnpm, args);
  else run('npx', ['-y', `pnpm@${pnpmVersion}`, ...args]);
} catch {
  console.error(
    '\nDe installatie is mislukt / installation failed. Patroonkaart needs Node 20 or later with npm,\n' +
      'and access to the npm registry. See README.md, "Set-up".',
  );
  process.exit(1);
}
writeFileSync(stamp, want);
