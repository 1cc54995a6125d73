// Installs the workspace with the pinned pnpm, using only the Node and npm the machine has.
// Runs on the machine's Node (20 or later), before the pinned Node 24 exists, so: plain JS.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const pnpmVersion = pkg.packageManager.replace(/^pnpm@/, '');
const localPnpm = join(root, 'node_modules', '.bin', 'pnpm');

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
