// A web-test-runner plugin that serves the server host (dist/server) at /server-host/api/mobileflow/v1.0 on the test
// page's own origin, so the browser's contract suite runs against it over real HTTP: on PGlite, or on a throwaway
// PostgreSQL cluster through two host instances (each with its own pool) taking turns. Test mode: the
// browser starts a fresh host with a policy (`server-host:start`), moves its clock (`server-host:advance`) and makes
// its next request fail (`server-host:fail-next-request`) through commands; bearer tokens say who is asking.
import {
  createHostHandler,
  identifyByDevelopmentToken,
  issueDevelopmentTokens,
  openSqlDatabase,
} from '../dist/server/index.js';
import { postgresUnavailable, startPostgresCluster } from './postgres-cluster.mjs';

export const SERVER_HOST_BASE = '/server-host/api/mobileflow/v1.0';
const TABLES = ['user_setups', 'resources', 'credentials', 'pin_code_events', 'idempotency', 'tokens'];

/** The test runner's `plugin` (commands) and `middleware` (serving the host) for the server host in test mode. */
export function serverHostForTests() {
  /** One database per kind for the whole run, emptied between tests: a new one per test would cost seconds each. */
  const databases = {};
  let cluster;
  /** On PostgreSQL, two host instances, each with its own connection pool, take turns request by request. */
  let hosts = [];
  let turn = 0;
  let clock = 0;
  let failNextRequest = false;
  let identify = async () => null;

  async function openDatabases(kind) {
    if (kind !== 'postgres') return [await openSqlDatabase('memory://')];
    cluster = await startPostgresCluster();
    return Promise.all([openSqlDatabase(cluster.url), openSqlDatabase(cluster.url)]);
  }

  async function start(policy = {}, now, kind = 'pglite') {
    if (kind === 'postgres' && postgresUnavailable()) return { unavailable: postgresUnavailable() };
    databases[kind] ??= openDatabases(kind);
    const pools = await databases[kind];
    const database = pools[0];
    await database.query(`DROP TABLE IF EXISTS ${TABLES.join(', ')}, meta, user_setup_count, schema_version CASCADE`);
    await database.query('DROP FUNCTION IF EXISTS count_added_user_setups, count_removed_user_setups CASCADE');
    clock = Date.parse(now);
    failNextRequest = false;
    hosts = [];
    for (const pool of pools) {
      hosts.push(
        await createHostHandler({
          database: pool,
          seed: 'demo',
          policy,
          now: () => new Date(clock),
          basePath: SERVER_HOST_BASE,
          identify: (request) => identify(request),
        }),
      );
    }
    identify = identifyByDevelopmentToken(database);
    const users = await database.query('SELECT user_id FROM user_setups');
    const tokens = await issueDevelopmentTokens(database, [
      ...users.map((row) => ({ userId: row.user_id })),
      { device: 'device' },
    ]);
    return { baseUrl: SERVER_HOST_BASE, tokens, policy: hosts[0].policy, instances: hosts.length };
  }

  async function middleware(context, next) {
    if (!context.path.startsWith('/server-host/')) return next();
    const chunks = [];
    for await (const chunk of context.req) chunks.push(chunk);
    const body = chunks.length ? Buffer.concat(chunks) : undefined;
    const request = new Request(new URL(context.url, 'http://localhost'), {
      method: context.method,
      headers: context.headers,
      body: body && !['GET', 'HEAD'].includes(context.method) ? body : undefined,
    });
    let response;
    if (failNextRequest) {
      failNextRequest = false;
      response = Response.json(
        {
          error: {
            code: 'Internal_ServerError',
            message: 'The host failed (a fault switched on); nothing was changed.',
          },
        },
        { status: 500 },
      );
    } else if (hosts.length === 0) {
      response = Response.json(
        { error: { code: 'BadRequest_NotFound', message: 'No server host started.' } },
        { status: 404 },
      );
    } else {
      turn = (turn + 1) % hosts.length;
      response = await hosts[turn](request);
    }
    context.status = response.status;
    response.headers.forEach((value, name) => context.set(name, value));
    context.body = Buffer.from(await response.arrayBuffer());
    return undefined;
  }

  const plugin = {
    name: 'mobile-flow-pin:server-host',
    async executeCommand({ command, payload }) {
      if (command === 'server-host:start') return start(payload?.policy, payload?.now, payload?.database);
      if (command === 'server-host:advance') return ((clock += payload.ms), true);
      if (command === 'server-host:fail-next-request') return (failNextRequest = true);
      return undefined;
    },
    async serverStop() {
      for (const pools of Object.values(databases)) for (const pool of await pools) await pool.close();
      cluster?.stop();
    },
  };
  return { plugin, middleware };
}
