// End-to-end tests drive Debian's Chromium with playwright-core. Installs it with apt when missing.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (existsSync(path)) process.exit(0);

const isRoot = process.getuid?.() === 0;
const sudo = isRoot ? '' : 'sudo -n ';
console.log(`Chromium not found at ${path}: installing Debian's chromium with apt ...`);
try {
  execSync(
    `${sudo}apt-get update -q && ${sudo}env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends chromium fonts-dejavu-core`,
    {
      stdio: 'inherit',
    },
  );
} catch {
  console.error(
    '\nCould not install Chromium. The end-to-end tests need a Chromium browser.\n' +
      '  On Debian/Ubuntu: sudo apt-get install chromium\n' +
      '  Elsewhere: install Chromium or Chrome and set CHROMIUM_PATH=/path/to/chromium\n',
  );
  process.exit(1);
}
