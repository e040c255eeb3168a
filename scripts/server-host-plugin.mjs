// A web-test-runner plugin that serves the server host (dist/server, on PGlite or a throwaway PostgreSQL cluster) at
// /server-host/api/mobileflow/v1.0 on the test page's own origin, so the browser's contract suite runs against it over real HTTP. Test mode: the
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
  let host;
  let clock = 0;
  let failNextRequest = false;
  let identify = async () => null;

  async function openDatabase(kind) {
    if (kind !== 'postgres') return openSqlDatabase('memory://');
    cluster = await startPostgresCluster();
    return openSqlDatabase(cluster.url);
  }

  async function start(policy = {}, now, kind = 'pglite') {
    if (kind === 'postgres' && postgresUnavailable()) return { unavailable: postgresUnavailable() };
    databases[kind] ??= openDatabase(kind);
    const database = await databases[kind];
    await database.query(`DROP TABLE IF EXISTS ${TABLES.join(', ')}, meta, user_setup_count, schema_version CASCADE`);
    await database.query('DROP FUNCTION IF EXISTS count_added_user_setups, count_removed_user_setups CASCADE');
    clock = Date.parse(now);
    failNextRequest = false;
    host = await createHostHandler({
      database,
      seed: 'demo',
      policy,
      now: () => new Date(clock),
      basePath: SERVER_HOST_BASE,
      identify: (request) => identify(request),
    });
    identify = identifyByDevelopmentToken(database);
    const users = await database.query('SELECT user_id FROM user_setups');
    const tokens = await issueDevelopmentTokens(database, [
      ...users.map((row) => ({ userId: row.user_id })),
      { device: 'device' },
    ]);
    return { baseUrl: SERVER_HOST_BASE, tokens, policy: host.policy };
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
    } else if (!host) {
      response = Response.json(
        { error: { code: 'BadRequest_NotFound', message: 'No server host started.' } },
        { status: 404 },
      );
    } else {
      response = await host(request);
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
      for (const database of Object.values(databases)) await (await database).close();
      cluster?.stop();
    },
  };
  return { plugin, middleware };
}
