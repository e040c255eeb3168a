// `npm run bench:server`: the server host's figures from one run — a page sorted, filtered and searched at 100 000
// and 1 000 000 users on PGlite (and on a PostgreSQL server where DATABASE_URL names one), and device checks per
// second on one process. Calls the fetch handler in this process, as any fetch-standard server would.
import { createHostHandler } from '../dist/server/index.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const SIZES = (process.env.BENCH_USERS ?? '100000,1000000').split(',').map(Number);
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const fixed = (ms) => `${ms.toFixed(1)} ms`;
const BASE = 'http://bench.invalid/api/mobileflow/v1.0';
const QUERIES = {
  'page, sorted by name': '$top=50&$orderby=displayName%20asc&$count=true',
  'page, sorted by status, 20th page': '$top=50&$skip=950&$orderby=pinCodeStatus%20desc&$count=true',
  'page, filtered (locked now)': `$top=50&$filter=${encodeURIComponent('lockedUntil gt now()')}&$count=true`,
  'page, searched ("jens")': `$top=50&$filter=${encodeURIComponent("contains(userId,'jens') or contains(displayName,'jens')")}&$count=true`,
};

async function time(run, runs = RUNS) {
  for (let i = 0; i < 2; i += 1) await run(i);
  const times = [];
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now();
    await run(i);
    times.push(performance.now() - start);
  }
  return median(times);
}

async function measure(database, users) {
  const seedStart = performance.now();
  const host = await createHostHandler({
    database,
    seed: { users },
    identify: (request) => ({ userId: request.headers.get('x-bench-user') }),
  });
  const seedMs = performance.now() - seedStart;
  const as = (userId) => ({ headers: { 'x-bench-user': userId } });
  const figures = { seed: `${(seedMs / 1000).toFixed(1)} s` };
  for (const [name, query] of Object.entries(QUERIES)) {
    figures[name] = await time(async () => {
      const response = await host(new Request(`${BASE}/userSetups?${query}`, as('ADMIN')));
      if (response.status !== 200) throw new Error(`${name}: ${response.status} ${await response.text()}`);
      await response.json();
    });
  }
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

const databases = [['PGlite', 'memory://']];
if (process.env.DATABASE_URL) databases.push(['PostgreSQL', process.env.DATABASE_URL]);
for (const [name, location] of databases) {
  const columns = {};
  for (const users of SIZES) columns[`${users.toLocaleString('en')} users`] = await measure(location, users);
  const rows = Object.keys(Object.values(columns)[0]);
  const table = Object.fromEntries(
    rows.map((row) => [
      row,
      Object.fromEntries(
        Object.entries(columns).map(([column, figures]) => [
          column,
          typeof figures[row] === 'number' ? fixed(figures[row]) : figures[row],
        ]),
      ),
    ]),
  );
  console.log(`Server host on ${name}:`);
  console.table(table);
}
console.log(
  'Budgets (PRODUCT.md §5): a page sorted / filtered / searched ≤ 50 ms median, and ≤ 2× at 1 000 000 what it is at 100 000.',
);
