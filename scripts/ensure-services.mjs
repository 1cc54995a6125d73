// The multi-process tests run PostgreSQL and Redis (started by the tests themselves, on free
// ports, in temporary directories). Installs Debian's packages with apt when they are missing.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';

const hasPostgres = () =>
  existsSync('/usr/lib/postgresql') &&
  readdirSync('/usr/lib/postgresql').some((v) => existsSync(`/usr/lib/postgresql/${v}/bin/postgres`));
const hasRedis = () => existsSync('/usr/bin/redis-server');

const missing = [];
if (!hasPostgres()) missing.push('postgresql');
if (!hasRedis()) missing.push('redis-server');
if (missing.length === 0) process.exit(0);

const isRoot = process.getuid?.() === 0;
const sudo = isRoot ? '' : 'sudo -n ';
console.log(`Not found: ${missing.join(', ')}; installing Debian's packages with apt ...`);
try {
  execSync(
    `${sudo}apt-get update -q && ${sudo}env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends ${missing.join(' ')}`,
    { stdio: 'inherit' },
  );
  // Debian starts the services it installs; the tests start their own, on their own ports.
  execSync(`${sudo}sh -c 'service redis-server stop; service postgresql stop' >/dev/null 2>&1 || true`);
} catch {
  console.error(
    `\nCould not install ${missing.join(' and ')}. The multi-process tests need PostgreSQL and Redis.\n` +
      `  On Debian/Ubuntu: sudo apt-get install ${missing.join(' ')}\n`,
  );
  process.exit(1);
}
