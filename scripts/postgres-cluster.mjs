// A throwaway PostgreSQL cluster in a temporary folder, for tests of the server host on a real PostgreSQL server; and a
// database of a test's own (startPostgresDatabase), on the one cluster npm test starts for its Node tests.
// initdb and postgres refuse to run as root: as root, they run as the postgres user.
import { execFile, spawnSync } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findPostgresBin } from './ensure-environment.mjs';

/** A free TCP port on the loopback address. */
export const freePort = () =>
  new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

/** Why no cluster can be started here, or undefined when one can. */
export const postgresUnavailable = () =>
  findPostgresBin() ? undefined : 'no PostgreSQL server is installed (apt-get install -y postgresql)';

/** How to run one of PostgreSQL's programs: as root, as the postgres user. */
function command(bin, program, args) {
  const asRoot = process.getuid?.() === 0;
  return asRoot ? ['runuser', ['-u', 'postgres', '--', `${bin}/${program}`, ...args]] : [`${bin}/${program}`, args];
}

function run(bin, program, args) {
  const result = spawnSync(...command(bin, program, args), { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${program} failed: ${result.stderr || result.stdout}`);
}

/** As `run`, without blocking the process meanwhile (a test server goes on answering while a cluster starts). */
const runAsync = (bin, program, args) =>
  new Promise((resolve, reject) => {
    execFile(...command(bin, program, args), { encoding: 'utf8' }, (error, stdout, stderr) =>
      error ? reject(new Error(`${program} failed: ${stderr || stdout || error.message}`)) : resolve(),
    );
  });

/**
 * Starts a cluster on a free port; `url` reaches its `postgres` database, `stop()` ends it and removes its files.
 * `settings` are server settings beyond the defaults (`{ shared_buffers: '1GB' }`).
 */
export async function startPostgresCluster({ settings = {} } = {}) {
  const bin = findPostgresBin();
  if (!bin) throw new Error(postgresUnavailable());
  const folder = mkdtempSync(join(tmpdir(), 'mobile-flow-pin-pg-'));
  if (process.getuid?.() === 0) chownSync(folder, Number(spawnSync('id', ['-u', 'postgres']).stdout), 0);
  const cluster = join(folder, 'cluster');
  const port = await freePort();
  await runAsync(bin, 'initdb', ['-D', cluster, '-A', 'trust', '-U', 'postgres', '--no-sync']);
  const options = [
    `-p ${port} -k ${folder} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`,
    ...Object.entries(settings).map(([name, value]) => `-c ${name}=${value}`),
  ].join(' ');
  await runAsync(bin, 'pg_ctl', ['-D', cluster, '-l', join(cluster, 'log'), '-w', '-o', options, 'start']);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop() {
      run(bin, 'pg_ctl', ['-D', cluster, '-w', '-m', 'fast', 'stop']);
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

/** The cluster `npm test` starts for its Node tests (scripts/test.mjs): its files share it, a database each. */
export const SHARED_CLUSTER_VARIABLE = 'MF_TEST_POSTGRES_URL';

/** This process's own cluster, where npm test shares none (a test file run alone): stopped when the process ends. */
let ownCluster;
let databases = 0;

/**
 * A new, empty database of the caller's own on a PostgreSQL server: on the cluster npm test shares between its Node
 * test files (MF_TEST_POSTGRES_URL), since a cluster of each file's own costs it seconds of initdb; else on one cluster
 * this process starts for all of its databases. `url` reaches it; `stop()` drops it.
 */
export async function startPostgresDatabase() {
  const bin = findPostgresBin();
  if (!bin) throw new Error(postgresUnavailable());
  let server = process.env[SHARED_CLUSTER_VARIABLE];
  if (!server) {
    ownCluster ??= startPostgresCluster().then((cluster) => {
      process.on('exit', () => cluster.stop());
      return cluster;
    });
    server = (await ownCluster).url;
  }
  const { hostname, port } = new URL(server);
  const connection = ['-h', hostname, '-p', port, '-U', 'postgres'];
  // A name no other test process takes: this process's id, and a count within it.
  const name = `test_${process.pid}_${(databases += 1)}`;
  await runClient(bin, 'createdb', [...connection, name]);
  return {
    url: server.replace(/\/postgres$/, `/${name}`),
    // A host killed mid-request may leave a connection behind: --force ends it.
    stop: () => runClient(bin, 'dropdb', [...connection, '--force', name]),
  };
}

/** Runs one of PostgreSQL's client programs (createdb, dropdb), which any user may run. */
const runClient = (bin, program, args) =>
  new Promise((resolve, reject) => {
    execFile(`${bin}/${program}`, args, { encoding: 'utf8' }, (error, stdout, stderr) =>
      error ? reject(new Error(`${program} failed: ${stderr || stdout || error.message}`)) : resolve(),
    );
  });
