// The server host over real HTTP on PGlite: the contract's flows, parallel bursts, restarts, and no code or hash in
// any answer or log line. Runs the built modules (`npm run build` first): dist/server and the DOM-free client.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { serve } from '@hono/node-server';
import { createMobileFlowClient, MobileFlowError } from '../../dist/lib/client.js';
import {
  createHostHandler,
  identifyByDevelopmentToken,
  issueDevelopmentTokens,
  PostgresStorage,
} from '../../dist/server/index.js';
import { freshPgliteFolder } from '../support/pglite-folders.mjs';

/** Starts a server host on a free port, with a development token per seeded user and one device. */
async function startServerHost({ database = 'memory://', now, policy } = {}) {
  let identify = async () => null;
  const host = await createHostHandler({
    database,
    seed: 'demo',
    identify: (request) => identify(request),
    now,
    policy,
  });
  identify = identifyByDevelopmentToken(host.database);
  const users = await host.database.query('SELECT user_id FROM user_setups');
  const tokens = await issueDevelopmentTokens(host.database, [
    ...users.map((row) => ({ userId: row.user_id })),
    { device: 'device' },
  ]);
  const answers = [];
  const server = await new Promise((resolve) => {
    const started = serve({ fetch: host, port: 0, hostname: '127.0.0.1' }, () => resolve(started));
  });
  const baseUrl = `http://127.0.0.1:${server.address().port}/api/mobileflow/v1.0`;
  /** A fetch that keeps every answer's text, to look for codes and hashes afterwards. */
  const recordingFetch = async (input, init) => {
    const response = await fetch(input, init);
    answers.push(await response.clone().text());
    return response;
  };
  const clientFor = (who) =>
    createMobileFlowClient({ baseUrl, fetch: recordingFetch, headers: { Authorization: `Bearer ${tokens[who]}` } });
  return {
    host,
    baseUrl,
    tokens,
    answers,
    clientFor,
    async stop() {
      await new Promise((resolve) => server.close(resolve));
      await host.close();
    },
  };
}

const outcome = (promise) =>
  promise.then(
    (value) => value,
    (error) => {
      if (!(error instanceof MobileFlowError)) throw error;
      return { code: error.code, remainingAttempts: error.remainingAttempts };
    },
  );

describe('the server host on PGlite, over HTTP', () => {
  let t;
  let admin;
  let anna;
  let device;
  let annaSetup;
  before(async () => {
    t = await startServerHost();
    [admin, anna, device] = ['ADMIN', 'ANNA', 'device'].map(t.clientFor);
    annaSetup = (await admin.listUserSetups({ search: 'ANNA' })).value[0];
  });
  after(() => t.stop());

  test('answers 401 without a token or with an unknown one, and knows who each token is', async () => {
    for (const headers of [{}, { Authorization: 'Bearer not-a-token-of-this-host-at-all' }]) {
      const response = await fetch(`${t.baseUrl}/session`, { headers });
      assert.equal(response.status, 401);
      assert.equal((await response.json()).error.code, 'Authentication_InvalidCredentials');
    }
    assert.equal((await anna.getSession()).userId, 'ANNA');
    assert.equal((await admin.getSession()).canManageUserSetup, true);
    assert.equal((await outcome(device.getSession())).code, 'Authorization_Denied');
  });

  test('the PIN life: issue, must change, change, the device accepts the new code and rejects the old', async () => {
    const issued = await admin.issueTemporaryPinCode(annaSetup.id);
    assert.match(issued.pinCode, /^\d{8}$/);
    assert.deepEqual(await device.verifyPinCode(annaSetup.resourceId, { pinCode: issued.pinCode }), {
      valid: true,
      mustChange: true,
    });
    const changed = await anna.changePinCode({ currentPinCode: issued.pinCode, newPinCode: '739204' });
    assert.equal(changed.resourceNo, 'R0010');
    assert.deepEqual(await device.verifyPinCode(annaSetup.resourceId, { pinCode: '739204' }), {
      valid: true,
      mustChange: false,
    });
    assert.equal((await device.verifyPinCode(annaSetup.resourceId, { pinCode: issued.pinCode })).valid, false);
    const card = await admin.getResource(annaSetup.resourceId);
    const setup = await admin.getUserSetup(annaSetup.id);
    assert.deepEqual(
      [card.pinCodeStatus, card.pinCodeChangedAt, card.pinCodeChangedBy, card.pinCodeRequired],
      [setup.pinCodeStatus, setup.pinCodeChangedAt, setup.pinCodeChangedBy, true],
    );
    // A device reads only what signing in needs; only a device checks a code.
    assert.deepEqual(await device.getResource(annaSetup.resourceId), {
      id: card.id,
      number: 'R0010',
      name: card.name,
      pinCodeRequired: true,
    });
    assert.equal(
      (await outcome(anna.verifyPinCode(annaSetup.resourceId, { pinCode: '739204' }))).code,
      'Authorization_Denied',
    );
    assert.equal(
      (await outcome(admin.verifyPinCode(annaSetup.resourceId, { pinCode: '739204' }))).code,
      'Authorization_Denied',
    );
    const types = (await admin.listPinCodeEvents(annaSetup.id)).value.map((event) => event.type);
    assert.deepEqual(types, ['failedAttempt', 'changedByUser', 'temporaryIssued']);
    await admin.unlockPinCode(annaSetup.id);
  });

  test('counts every one of 60 wrong codes sent at once, and refuses the right one inside the burst', async () => {
    const answers = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        outcome(device.verifyPinCode(annaSetup.resourceId, { pinCode: i === 30 ? '739204' : '55555555' })),
      ),
    );
    assert.deepEqual(answers[30], { code: 'PinCode_Locked', remainingAttempts: undefined });
    const remaining = answers.filter((answer) => answer.valid === false).map((answer) => answer.remainingAttempts);
    assert.deepEqual(remaining.sort(), [1, 2, 3, 4]);
    const types = (await admin.listPinCodeEvents(annaSetup.id)).value.map((event) => event.type);
    assert.equal(types.filter((type) => type === 'failedAttempt').length, 6); // five here, one in the PIN life
    assert.equal(types.filter((type) => type === 'locked').length, 1);
    await admin.unlockPinCode(annaSetup.id);
  });

  test("never overwrites an administrator's change, and refuses a stale etag", async () => {
    const lars = (await admin.listUserSetups({ search: 'LARS' })).value[0];
    const saved = await admin.updateUserSetup(lars, { passwordMandatory: true });
    assert.notEqual(saved['@odata.etag'], lars['@odata.etag']);
    assert.equal(
      (await outcome(admin.updateUserSetup(lars, { passwordMandatory: false }))).code,
      'Request_EntityChanged',
    );
    assert.equal(
      (await outcome(admin.updateUserSetup(saved, { allowPinCode: false }))).code,
      'UserSetup_PasswordNeedsPinCode',
    );
    assert.deepEqual(await admin.getUserSetup(lars.id), saved);
  });

  test('pages, sorts, filters and searches as the mock host does', async () => {
    const page = await admin.listUserSetups({ top: 5, skip: 5, orderBy: { field: 'displayName', direction: 'desc' } });
    assert.equal(page['@odata.count'], 21);
    assert.equal(page.value.length, 5);
    // Counted only when asked: the page alone without $count, the count alone with $top=0.
    const uncounted = await admin.listUserSetups({ top: 2, search: 'sen', count: false });
    assert.deepEqual([uncounted.value.length, '@odata.count' in uncounted], [2, false]);
    const counted = await admin.listUserSetups({ top: 0, search: 'sen' });
    assert.deepEqual([counted.value.length, counted['@odata.count']], [0, 19]);
    const names = (await admin.listUserSetups({ top: 100, orderBy: { field: 'displayName' } })).value.map((setup) =>
      setup.displayName.toLowerCase(),
    );
    assert.deepEqual(names, [...names].sort());
    assert.deepEqual(
      (await admin.listUserSetups({ search: 'soren' })).value.map((setup) => setup.displayName),
      ['Mikkel Sørensen', 'Søren Mortensen'],
    );
    for (const search of ['%', '_', '\\', "'"]) {
      assert.equal((await admin.listUserSetups({ search }))['@odata.count'], 0, `search ${search}`);
    }
    const hostile = await fetch(
      `${t.baseUrl}/userSetups?$filter=${encodeURIComponent("constructor eq 'x' or contains(userId,'%'')--')")}`,
      { headers: { Authorization: `Bearer ${t.tokens.ADMIN}` } },
    );
    assert.equal(hostile.status, 400);
  });

  test('counts the matches only when asked to', async () => {
    const statements = [];
    const { database } = t.host;
    const logged = { ...database, query: (text, params) => (statements.push(text), database.query(text, params)) };
    const storage = new PostgresStorage(logged);
    const query = { orderBy: 'userId', descending: false, now: new Date(), skip: 0, top: 5 };
    assert.equal((await storage.listUserSetups({ ...query, count: false })).count, undefined);
    assert.deepEqual(
      statements.filter((text) => /count/.test(text)),
      [],
    );
    assert.equal((await storage.listUserSetups({ ...query, count: true })).count, 21);
    assert.equal(statements.filter((text) => /count/.test(text)).length, 1);
  });

  test('holds no PIN code or hash in any answer', () => {
    const all = t.answers.join('\n');
    assert.ok(!all.includes('$argon2'), 'an answer holds an argon2 hash');
    assert.ok(!all.includes('739204'), 'an answer holds a PIN code');
  });
});

describe('the server host on a PGlite data directory', () => {
  test('keeps its data across a restart', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'mobile-flow-pin-host-'));
    try {
      const data = await freshPgliteFolder(join(folder, 'data'));
      const first = await startServerHost({ database: data });
      const admin = first.clientFor('ADMIN');
      const anna = (await admin.listUserSetups({ search: 'ANNA' })).value[0];
      const { pinCode } = await admin.issueTemporaryPinCode(anna.id);
      await first.stop();
      const second = await startServerHost({ database: data });
      assert.deepEqual(await second.clientFor('device').verifyPinCode(anna.resourceId, { pinCode }), {
        valid: true,
        mustChange: true,
      });
      assert.equal((await second.host.database.query('SELECT count(*)::int AS n FROM user_setups'))[0].n, 21);
      await second.stop();
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('a generated seed of 10 000 users or more (loaded bare, indexed afterwards)', () => {
  const identify = () => null;
  /** Every index and constraint of the public schema, by its definition. */
  const schemaOf = async (database) => [
    ...(await database.query("SELECT indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY indexname")),
    ...(await database.query(
      "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE connamespace = 'public'::regnamespace ORDER BY conname",
    )),
  ];

  test('has the same indexes and constraints as a small seed, the right count, and rows the store reads', async () => {
    const small = await createHostHandler({ database: 'memory://', seed: 'demo', identify });
    const large = await createHostHandler({ database: 'memory://', seed: { users: 10_000 }, identify });
    try {
      assert.deepEqual(await schemaOf(large.database), await schemaOf(small.database));
      const [counts] = await large.database.query(
        'SELECT (SELECT n FROM user_setup_count)::int AS kept, (SELECT count(*) FROM user_setups)::int AS rows',
      );
      assert.deepEqual(counts, { kept: 10_001, rows: 10_001 });
      const [credential] = await large.database.query(
        'SELECT jsonb_typeof(previous_hashes) AS kind, count(*) OVER ()::int AS n FROM credentials LIMIT 1',
      );
      assert.equal(credential.kind, 'array');
      // A generated user's name is one of 36 first names and 30 last names: "Jens" is the 30th first name.
      const [jens] = await large.database.query(
        "SELECT count(*)::int AS n FROM user_setups WHERE search_display_name LIKE '%jens%'",
      );
      assert.ok(jens.n > 0 && jens.n < 10_001);
    } finally {
      await small.close();
      await large.close();
    }
  });
});
