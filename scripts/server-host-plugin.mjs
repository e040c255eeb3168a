// A web-test-runner plugin that serves the server host (dist/server) on the test page's own origin, so the browser's
// contract suite runs against it over real HTTP: on PGlite, or on a throwaway PostgreSQL cluster through two host
// instances (each with its own pool) taking turns. Test mode: the browser starts a fresh host with a policy
// (`server-host:start`), moves its clock (`server-host:advance`) and makes its next request fail
// (`server-host:fail-next-request`) through commands; bearer tokens say who is asking.
//
// Test files run side by side, so each test page (session) has a host of its own, at
// /server-host/<session>/api/mobileflow/v1.0, on a database of its own: a PGlite in memory, or a database of its own
// on the one cluster. The server host is imported, and built when dist/server is missing or older than src/, only when
// a test first starts one: a test file that needs no server host runs without a build.
import { builtOutput } from './built-output.mjs';
import { postgresUnavailable, startPostgresCluster } from './postgres-cluster.mjs';

/**
 * The test runner's `plugin` (commands) and `middleware` (serving the hosts) for the server host in test mode. With
 * `prewarm` (a whole run), the server host is loaded, the cluster started and two PGlites opened as the runner starts,
 * so that no test's first `server-host:start` waits seconds for them (the browser gives a command 20 s).
 */
export function serverHostForTests({ prewarm = false } = {}) {
  let serverModule;
  let cluster;
  let databasesMade = 0;
  /** PGlites opened ahead of need, for the next sessions that ask for one. */
  const openedPglites = [];
  /** Per session: its databases by kind, its hosts, its clock and its fault. */
  const sessions = new Map();

  const server = () => (serverModule ??= builtOutput('server').then(() => import('../dist/server/index.js')));

  const openPglite = () => server().then(({ openSqlDatabase }) => openSqlDatabase('memory://'));
  const startCluster = () =>
    (cluster ??= startPostgresCluster().then(async (started) => ({
      ...started,
      admin: await (await server()).openSqlDatabase(started.url),
    })));

  async function openDatabases(kind) {
    const { openSqlDatabase } = await server();
    if (kind !== 'postgres') return [await (openedPglites.shift() ?? openPglite())];
    const { url, admin } = await startCluster();
    // A database of this session's own on the run's one cluster, reached through two pools (two host instances).
    const name = `session_${(databasesMade += 1)}`;
    await admin.query(`CREATE DATABASE ${name}`);
    const databaseUrl = url.replace(/\/postgres$/, `/${name}`);
    return Promise.all([openSqlDatabase(databaseUrl), openSqlDatabase(databaseUrl)]);
  }

  function sessionState(id) {
    let state = sessions.get(id);
    if (!state) {
      state = { key: String(sessions.size + 1), databases: {}, hosts: [], turn: 0, clock: 0, failNextRequest: false };
      state.identify = async () => null;
      sessions.set(id, state);
    }
    return state;
  }

  async function start(state, { policy = {}, now, database: kind = 'pglite', argon2idCost } = {}) {
    if (kind === 'postgres' && postgresUnavailable()) return { unavailable: postgresUnavailable() };
    const { createHostHandler, identifyByDevelopmentToken, issueDevelopmentTokens } = await server();
    state.databases[kind] ??= openDatabases(kind);
    const pools = await state.databases[kind];
    const database = pools[0];
    // Emptied, not opened anew: opening a PGlite takes seconds, and the host migrates and seeds in a tenth of one.
    await database.query('DROP SCHEMA public CASCADE');
    await database.query('CREATE SCHEMA public');
    const basePath = `/server-host/${state.key}/api/mobileflow/v1.0`;
    state.clock = Date.parse(now);
    state.failNextRequest = false;
    state.hosts = [];
    for (const pool of pools) {
      state.hosts.push(
        await createHostHandler({
          database: pool,
          seed: 'demo',
          policy,
          argon2idCost,
          now: () => new Date(state.clock),
          basePath,
          identify: (request) => state.identify(request),
        }),
      );
    }
    state.identify = identifyByDevelopmentToken(database);
    const users = await database.query('SELECT user_id FROM user_setups');
    const tokens = await issueDevelopmentTokens(database, [
      ...users.map((row) => ({ userId: row.user_id })),
      { device: 'device' },
      { device: 'device-2' },
    ]);
    return { baseUrl: basePath, tokens, policy: state.hosts[0].policy, instances: state.hosts.length };
  }

  async function answer(state, request) {
    const { failedOnPurposeResponse } = await server();
    if (state?.failNextRequest) {
      state.failNextRequest = false;
      return failedOnPurposeResponse();
    }
    if (!state?.hosts.length)
      return Response.json(
        { error: { code: 'BadRequest_NotFound', message: 'No server host started.' } },
        { status: 404 },
      );
    state.turn = (state.turn + 1) % state.hosts.length;
    return state.hosts[state.turn](request);
  }

  async function middleware(context, next) {
    const key = /^\/server-host\/([^/]+)\//.exec(context.path)?.[1];
    if (key === undefined) return next();
    const chunks = [];
    for await (const chunk of context.req) chunks.push(chunk);
    const body = chunks.length ? Buffer.concat(chunks) : undefined;
    const request = new Request(new URL(context.url, 'http://localhost'), {
      method: context.method,
      headers: context.headers,
      body: body && !['GET', 'HEAD'].includes(context.method) ? body : undefined,
    });
    const state = [...sessions.values()].find((candidate) => candidate.key === key);
    const response = await answer(state, request);
    context.status = response.status;
    response.headers.forEach((value, name) => context.set(name, value));
    context.body = Buffer.from(await response.arrayBuffer());
    return undefined;
  }

  const plugin = {
    name: 'mobile-flow-pin:server-host',
    serverStart({ server: httpServer }) {
      // A request Node's parser refuses (a header with a control character) gets the contract's 400, as from the
      // server host's own command: the server host's module is loaded only when one comes.
      httpServer.on('clientError', (error, socket) =>
        server().then(
          ({ answerClientError }) => answerClientError(error, socket),
          () => socket.destroy(),
        ),
      );
      if (!prewarm) return;
      // A failure here is the first test's to report, when it takes what failed.
      const ahead = [openPglite(), openPglite(), ...(postgresUnavailable() ? [] : [startCluster()])];
      for (const promise of ahead) promise.catch(() => undefined);
      openedPglites.push(ahead[0], ahead[1]);
    },
    async executeCommand({ command, payload, session }) {
      if (!command.startsWith('server-host:')) return undefined;
      const state = sessionState(session.id);
      if (command === 'server-host:start') return start(state, payload);
      if (command === 'server-host:advance') return ((state.clock += payload.ms), true);
      if (command === 'server-host:fail-next-request') return (state.failNextRequest = true);
      return undefined;
    },
    async serverStop() {
      for (const pglite of openedPglites) await (await pglite).close();
      for (const state of sessions.values())
        for (const pools of Object.values(state.databases)) for (const pool of await pools) await pool.close();
      if (!cluster) return;
      const { admin, stop } = await cluster;
      await admin.close();
      stop();
    },
  };
  return { plugin, middleware };
}
