// A throwaway PostgreSQL cluster in a temporary folder, for tests of the server host on a real PostgreSQL server.
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
