// `npm run bench:server`: the server host's figures from one run — a page sorted, filtered and searched at 100 000
// and 1 000 000 users on PGlite (and on a PostgreSQL server where DATABASE_URL names one), and device checks per
// second on one process. Calls the fetch handler in this process, as any fetch-standard server would.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createMobileFlowClient, MobileFlowError } from '../dist/lib/client.js';
import {
  createHostCore,
  createHostHandler,
  createNativeHasher,
  openSqlDatabase,
  PostgresStorage,
} from '../dist/server/index.js';
import { freePort, postgresUnavailable, startPostgresCluster } from '../scripts/postgres-cluster.mjs';
import { median, medianTime } from './timing.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const SIZES = (process.env.BENCH_USERS ?? '100000,1000000').split(',').map(Number);
const fixed = (ms) => `${ms.toFixed(1)} ms`;
const BASE = 'http://bench.invalid/api/mobileflow/v1.0';
const LOCKED = `$filter=${encodeURIComponent('lockedUntil gt now()')}`;
const search = (text) =>
  `$filter=${encodeURIComponent(`contains(userId,'${text}') or contains(displayName,'${text}')`)}`;
const SEARCH = search('jens');
// One user looked for by id: the 12 345th generated user, whose id is as wide as the largest (U012345, U0012345).
const oneUser = (users) => `U${String(12345).padStart(String(users).length, '0')}`;
// As <mf-user-setup-table> asks for them: a page never waits for its count; the count of what matches is asked apart,
// once per search and filters (when the table opens, when they change), not with every page or sort. Last, the
// searched page and its count in one answer, as a client that asks for both at once gets them.
const queries = (users) => ({
  'page, sorted by name': '$top=50&$orderby=displayName%20asc',
  'page, sorted by status, 20th page': '$top=50&$skip=950&$orderby=pinCodeStatus%20desc',
  'page, filtered (locked now)': `$top=50&${LOCKED}`,
  'page, searched ("jens")': `$top=50&${SEARCH}`,
  'page, searched (one user by id)': `$top=50&${search(oneUser(users))}`,
  'count, all users': '$top=0&$count=true',
  'count, filtered (locked now)': `$top=0&${LOCKED}&$count=true`,
  'count, searched ("jens")': `$top=0&${SEARCH}&$count=true`,
  'count, searched (one user by id)': `$top=0&${search(oneUser(users))}&$count=true`,
  'page and count in one answer, searched ("jens")': `$top=50&${SEARCH}&$count=true`,
});

const time = (run) => medianTime(run, RUNS);
// The seed leaves a million users' records behind as garbage: collected before anything is timed, not during it
// (the first size measured was slower than the second, by the collections its timings paid for).
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc');

async function measure(database, users) {
  const seedStart = performance.now();
  const host = await createHostHandler({
    database,
    seed: { users },
    identify: (request) => ({ userId: request.headers.get('x-bench-user') }),
  });
  const seedMs = performance.now() - seedStart;
  collectGarbage();
  // The seed's pages written out now, not by a checkpoint in the middle of the timings (a server's own user may not
  // be allowed to; then it is left to the server).
  await host.database.query('CHECKPOINT').catch(() => undefined);
  const as = (userId) => ({ headers: { 'x-bench-user': userId } });
  const figures = { seed: `${(seedMs / 1000).toFixed(1)} s` };
  const matches = {};
  for (const [name, query] of Object.entries(queries(users))) {
    figures[name] = await time(async () => {
      const response = await host(new Request(`${BASE}/userSetups?${query}`, as('ADMIN')));
      if (response.status !== 200) throw new Error(`${name}: ${response.status} ${await response.text()}`);
      const count = (await response.json())['@odata.count'];
      if (name.startsWith('count, ')) matches[name.slice('count, '.length)] ??= count;
    });
  }
  for (const [name, count] of Object.entries(matches)) figures[`matching: ${name}`] = count.toLocaleString('en');
  // Device checks: a wrong code for many different users, one after another (each costs one argon2id run).
  const [{ resource_id: first }] = await host.database.query(
    "SELECT resource_id FROM user_setups WHERE pin_code_status = 'set' AND resource_id IS NOT NULL LIMIT 1",
  );
  const resources = (
    await host.database.query(
      "SELECT resource_id FROM user_setups WHERE pin_code_status = 'set' AND allow_pin_code AND (locked_until IS NULL) LIMIT 200",
    )
  ).map((row) => row.resource_id);
  const checks = 40;
  const start = performance.now();
  for (let i = 0; i < checks; i += 1) {
    const request = new Request(
      `${BASE}/resources(${resources[i % resources.length] ?? first})/Microsoft.NAV.verifyPinCode`,
      {
        method: 'POST',
        headers: { 'x-bench-user': 'ADMIN', 'Content-Type': 'application/json' },
        body: JSON.stringify({ pinCode: '55555555' }),
      },
    );
    await (await host(request)).json();
  }
  figures['device checks per second (one after another)'] = (checks / ((performance.now() - start) / 1000)).toFixed(1);
  await host.close();
  return figures;
}

/** Two host processes on one PostgreSQL server, 200 wrong device checks for one user sent to both at once. */
async function burstOnTwoProcesses(url) {
  const folder = mkdtempSync(join(tmpdir(), 'mobile-flow-pin-bench-'));
  const cli = new URL('../dist/server/cli.js', import.meta.url).pathname;
  const processes = [];
  try {
    const hosts = await Promise.all(
      ['first', 'second'].map(async (name) => {
        const port = await freePort();
        const tokensFile = join(folder, `${name}.json`);
        const child = spawn(process.execPath, [cli, '--port', String(port), '--tokens-file', tokensFile], {
          env: { ...process.env, DATABASE_URL: url },
          stdio: ['ignore', 'pipe', 'inherit'],
        });
        processes.push(child);
        let output = '';
        child.stdout.on('data', (chunk) => (output += chunk));
        await new Promise((resolve) => {
          const check = setInterval(() => output.includes('Bearer') && (clearInterval(check), resolve()), 50);
        });
        const tokens = JSON.parse(readFileSync(tokensFile, 'utf8'));
        const baseUrl = `http://127.0.0.1:${port}/api/mobileflow/v1.0`;
        return (who) => createMobileFlowClient({ baseUrl, headers: { Authorization: `Bearer ${tokens[who]}` } });
      }),
    );
    const admin = hosts[0]('ADMIN');
    const lars = (await admin.listUserSetups({ search: 'LARS' })).value[0];
    const devices = hosts.map((clientFor) => clientFor('device'));
    const start = performance.now();
    const answers = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        devices[i % 2].verifyPinCode(lars.resourceId, { pinCode: '55555555' }).catch((error) => {
          if (error instanceof MobileFlowError) return { code: error.code };
          throw error;
        }),
      ),
    );
    const ms = performance.now() - start;
    const events = (await admin.listPinCodeEvents(lars.id)).value;
    return {
      'all 200 answered in': `${ms.toFixed(0)} ms`,
      'wrong codes counted': events.filter((event) => event.type === 'failedAttempt').length,
      'answered PinCode_Locked': answers.filter((answer) => answer.code === 'PinCode_Locked').length,
    };
  } finally {
    for (const child of processes) child.kill('SIGTERM');
    rmSync(folder, { recursive: true, force: true });
  }
}

/** The hash schemes a device check is measured in, and how a host is told to use each. */
const SCHEMES = {
  argon2id: {},
  'hmac-sha256': { hashScheme: 'hmac-sha256', hashKey: Buffer.alloc(32, 9).toString('base64') },
};

/**
 * Where the time of one wrong device check goes, with its user's code hashed in `scheme`: the hash, the section
 * (BEGIN, the row lock and the reads), the commit (the writes and COMMIT), and everything else (routing, reading the
 * request, the answer).
 */
async function deviceCheckSteps(location, scheme) {
  const identify = () => ({ device: 'bench' });
  const seeded = await createHostHandler({ database: location, seed: 'demo', identify, ...SCHEMES[scheme] });
  const database = seeded.database;
  const steps = { hash: [], section: [], commit: [], other: [] };
  const storage = new PostgresStorage(database);
  const section = storage.withUserSection.bind(storage);
  let opened = 0;
  let committed = 0;
  storage.withUserSection = (id, work, options) => {
    const start = performance.now();
    return section(
      id,
      (state) => {
        opened = performance.now() - start;
        const commit = state.commit;
        return work({
          ...state,
          idempotencyRecord: state.idempotencyRecord,
          async commit(write) {
            const begin = performance.now();
            await commit(write);
            committed = performance.now() - begin;
          },
        });
      },
      options,
    );
  };
  const native = await createNativeHasher(Buffer.alloc(32, 7).toString('base64'), {
    scheme: SCHEMES[scheme].hashScheme,
    hashKey: SCHEMES[scheme].hashKey,
  });
  let hashed = 0;
  const hasher = {
    ...native,
    async hashLike(pinCode, hash) {
      const start = performance.now();
      const like = await native.hashLike(pinCode, hash);
      hashed = performance.now() - start;
      return like;
    },
  };
  const core = createHostCore({ storage, hasher, identify, policy: seeded.policy, basePath: '/api/mobileflow/v1.0' });
  const lars = (await database.query("SELECT id, resource_id FROM user_setups WHERE user_id = 'LARS'"))[0];
  for (let i = 0; i < RUNS + 2; i += 1) {
    // Unlocked before each check, outside the measurement: the fifth wrong code would lock.
    await database.query('UPDATE user_setups SET failed_attempts = 0, locked_until = NULL WHERE id = $1', [lars.id]);
    // And the device's throttle emptied: the step by step measures a check, not a refusal.
    await database.query("UPDATE devices SET failures = '[]', held_for = '[]'");
    const start = performance.now();
    const response = await core(
      new Request(`${BASE}/resources(${lars.resource_id})/Microsoft.NAV.verifyPinCode`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '{"pinCode":"55555555"}',
      }),
    );
    await response.json();
    const total = performance.now() - start;
    if (i < 2) continue;
    steps.hash.push(hashed);
    steps.section.push(opened);
    steps.commit.push(committed);
    steps.other.push(total - hashed - opened - committed);
  }
  await seeded.close();
  return Object.fromEntries(Object.entries(steps).map(([step, times]) => [step, fixed(median(times))]));
}

let cluster;
const databases = [['PGlite', 'memory://']];
if (process.env.DATABASE_URL) databases.push(['PostgreSQL', process.env.DATABASE_URL]);
else if (!postgresUnavailable()) {
  // Buffers that hold a million users' setups with their indexes (about 630 MB), as a server for them would be given; the
  // default 128 MB sends every 20th page and count through the kernel's cache.
  cluster = await startPostgresCluster({ settings: { shared_buffers: '1GB' } });
  // Stopped however the run ends: done, failed, Ctrl-C, or its output cut short (`| head` left clusters running).
  process.on('exit', () => cluster.stop());
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(130));
  process.stdout.on('error', () => process.exit(1));
  databases.push(['PostgreSQL (a throwaway cluster, shared_buffers 1 GB)', cluster.url]);
}
for (const [name, location] of databases) {
  if (location.startsWith('postgres')) {
    // A fresh database per size on the server: the host seeds only an empty one.
    const admin = (await import('pg')).default;
    for (const users of [
      'warmup',
      ...SIZES,
      ...Object.keys(SCHEMES).map((scheme) => `steps_${scheme.replace('-', '_')}`),
    ]) {
      const client = new admin.Client({ connectionString: location });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS bench_${users}`);
      await client.query(`CREATE DATABASE bench_${users}`);
      await client.end();
    }
  }
  const on = (name) => (location.startsWith('postgres') ? location.replace(/\/[^/]*$/, `/bench_${name}`) : location);
  // A whole pass on 1 000 users first, not shown: the first size timed paid for PGlite's WebAssembly and the
  // handler's code being compiled to their faster tiers, and came out slower than the next, ten times larger.
  await measure(on('warmup'), 1_000);
  const columns = {};
  for (const users of SIZES) {
    const database = on(users);
    columns[`${users.toLocaleString('en')} users`] = await measure(database, users);
  }
  const rows = Object.keys(Object.values(columns)[0]);
  // The budget's second half: each time at the largest size against the time at the smallest.
  const [smallest, largest] = [Object.values(columns)[0], Object.values(columns).at(-1)];
  const ratio = `${SIZES.at(-1).toLocaleString('en')} ÷ ${SIZES[0].toLocaleString('en')}`;
  const table = Object.fromEntries(
    rows.map((row) => [
      row,
      {
        ...Object.fromEntries(
          Object.entries(columns).map(([column, figures]) => [
            column,
            typeof figures[row] === 'number' ? fixed(figures[row]) : figures[row],
          ]),
        ),
        ...(SIZES.length > 1 && typeof largest[row] === 'number'
          ? { [ratio]: `${(largest[row] / smallest[row]).toFixed(1)}×` }
          : {}),
      },
    ]),
  );
  console.log(`Server host on ${name}:`);
  console.table(table);
}
for (const [name, location] of databases) {
  for (const scheme of Object.keys(SCHEMES)) {
    const steps = location.startsWith('postgres')
      ? location.replace(/\/[^/]*$/, `/bench_steps_${scheme.replace('-', '_')}`)
      : location;
    console.log(`One wrong device check on ${name}, the code hashed with ${scheme}, step by step (median):`);
    console.table(await deviceCheckSteps(steps, scheme));
  }
}
const burstDatabase = process.env.DATABASE_URL ?? cluster?.url;
if (burstDatabase) {
  console.log('Two host processes on one PostgreSQL server, 200 wrong device checks for one user at once:');
  console.table(await burstOnTwoProcesses(burstDatabase));
} else console.log(`Two processes on one PostgreSQL server: not measured, ${postgresUnavailable()}.`);
console.log(
  'Budgets (docs/promises.md, the budgets): a page sorted / filtered / searched ≤ 50 ms median, and ≤ 2× at 1 000 000 what it is at 100 000.\n' +
    'The table shows a page at once and its count when that arrives; a count reads every match, and has no budget of its own.',
);
