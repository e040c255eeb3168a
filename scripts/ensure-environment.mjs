// Makes `npm start`, `npm test` and `npm run bench` work on a fresh clone: installs the dependencies when
// node_modules is missing or older than package-lock.json, and Chromium through apt when no Chrome is found.
// Uses only Node's own modules, since it runs before anything is installed.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const at = (path) => `${root}/${path}`;

function dependenciesAreCurrent() {
  const installed = at('node_modules/.package-lock.json');
  if (!existsSync(installed)) return false;
  // npm writes node_modules/.package-lock.json on every install; a lock file changed since then means stale modules.
  const wanted = JSON.parse(readFileSync(at('package-lock.json'), 'utf8')).packages ?? {};
  const present = JSON.parse(readFileSync(installed, 'utf8')).packages ?? {};
  return Object.entries(wanted).every(
    ([path, entry]) => path === '' || entry.optional || present[path]?.version === entry.version,
  );
}

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`\n${command} ${args.join(' ')} failed (exit ${result.status ?? result.signal}).`);
    process.exit(1);
  }
}

/** Flags for headless Chromium on these machines (root needs --no-sandbox; the rest keeps it off the network). */
export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export function findChromium() {
  const candidates = [
    process.env.CHROME_PATH,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/opt/google/chrome/chrome',
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
  ];
  return candidates.find((path) => path && existsSync(path) && statSync(path).isFile());
}

/** Installs Debian's `name` with apt when apt is usable as root; whether it tried and apt succeeded. */
function aptInstall(name, missing) {
  const isRoot = process.getuid?.() === 0;
  const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
  if (!isRoot || !hasApt) return false;
  console.log(`${missing}: installing Debian's ${name} with apt-get…`);
  const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  return update.status === 0 && spawnSync('apt-get', ['install', '-y', '-qq', name], { stdio: 'inherit' }).status === 0;
}

function ensureChromium() {
  if (findChromium()) return;
  if (aptInstall('chromium', 'No Chrome or Chromium found') && findChromium()) return;
  console.error(
    'No Chrome or Chromium found: install Chromium (e.g. `apt-get install -y chromium`) or set CHROME_PATH to a Chrome binary.',
  );
  process.exit(1);
}

/** The folder of PostgreSQL's server programs (initdb, pg_ctl, postgres), newest version first; undefined if none. */
export function findPostgresBin() {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  return versions.map((version) => `${root}/${version}/bin`).find((bin) => existsSync(`${bin}/pg_ctl`));
}

/**
 * The tests of two server hosts on one PostgreSQL server need its programs: installed with apt when missing and apt
 * is usable as root; otherwise those tests say they did not run, and why.
 */
function ensurePostgres() {
  if (findPostgresBin()) return;
  if (aptInstall('postgresql', 'No PostgreSQL server found') && findPostgresBin()) return;
  console.log(
    'No PostgreSQL server (install it with `apt-get install -y postgresql`): the tests of two server hosts on one PostgreSQL will not run.',
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (!dependenciesAreCurrent()) {
    console.log('node_modules is missing or stale: running npm ci…');
    run('npm', ['ci', '--no-audit', '--no-fund']);
  }
  if (!process.argv.includes('--no-browser')) ensureChromium();
  if (process.argv.includes('--postgres')) ensurePostgres();
}
