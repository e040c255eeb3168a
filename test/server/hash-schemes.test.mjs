// Promise 1's hash schemes on the server host: a database moved from argon2id to hmac-sha256 and back with bursts
// running on two hosts of different schemes at once (the steps of test/support/hash-scheme-move.mjs, which the mock
// host's test runs too), on PGlite and on a PostgreSQL server; and what the host says when a key is missing or no key.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { createMobileFlowClient } from '../../dist/lib/client.js';
import {
  createHostHandler,
  identifyByDevelopmentToken,
  issueDevelopmentTokens,
  openSqlDatabase,
  TEST_ARGON2ID,
} from '../../dist/server/index.js';
import { postgresUnavailable, startPostgresDatabase } from '../../scripts/postgres-cluster.mjs';
import { moveHashSchemes, randomHashKey } from '../support/hash-scheme-move.mjs';

const baseUrl = 'http://host.test/api/mobileflow/v1.0';
// Twenty wrong codes from one device across the users would hold it back: not what this test is about.
const policy = { maxDeviceFailures: 1000 };

/** A host on `database` (a URL, or an open database the hosts share), with clients that call its handler. */
async function openHost(database, options) {
  const host = await createHostHandler({
    database,
    seed: 'demo',
    policy,
    argon2idCost: TEST_ARGON2ID,
    identify: (request) => identify(request),
    ...options,
  });
  const identify = identifyByDevelopmentToken(host.database);
  const [device] = Object.values(await issueDevelopmentTokens(host.database, [{ device: 'scanner-1' }]));
  const client = (token) =>
    createMobileFlowClient({
      baseUrl,
      headers: { Authorization: `Bearer ${token}` },
      fetch: (input, init) => host(new Request(input, init)),
    });
  return {
    host,
    clientFor: async (userId) => client(Object.values(await issueDevelopmentTokens(host.database, [{ userId }]))[0]),
    device: client(device),
    // An open database the hosts share stays open: the last test closes it.
    close: async () => (typeof database === 'object' ? undefined : host.close()),
  };
}

async function hashesOf(database) {
  const rows = await database.query('SELECT resource_id, pin_code_hash, previous_hashes FROM credentials');
  return new Map(rows.map((row) => [row.resource_id, { current: row.pin_code_hash, previous: row.previous_hashes }]));
}

const databases = [
  { name: 'PGlite', skip: false, open: async () => ({ shared: await openSqlDatabase('memory://'), stop() {} }) },
  {
    name: 'a PostgreSQL server',
    skip: postgresUnavailable() ?? false,
    open: async () => {
      const postgres = await startPostgresDatabase();
      return { url: postgres.url, shared: await openSqlDatabase(postgres.url), stop: () => postgres.stop() };
    },
  },
];

for (const { name, skip, open } of databases) {
  describe(`hash schemes on the server host, on ${name} (promise 1)`, { skip }, () => {
    let data;
    after(async () => {
      await data?.shared.close();
      await data?.stop();
    });

    test('moves the database from argon2id to hmac-sha256 and back with bursts running, losing and letting through nothing', async (t) => {
      data = await open();
      const target = data.url ?? data.shared;
      const result = await moveHashSchemes({
        open: ({ scheme, hashKey }) => openHost(target, { hashScheme: scheme, hashKey }),
        hashesOf: () => hashesOf(data.shared),
        openWithoutKey: () =>
          openHost(target, { hashScheme: 'argon2id' }).then(
            () => assert.fail('a host without the key started on hmac-sha256 hashes'),
            (error) => error.message,
          ),
      });
      assert.deepEqual([result.users, result.wrongCodes], [5, 20]);
      assert.match(result.refusal, /holds hmac-sha256 PIN code hashes of \d+ users?,.*MF_PIN_HASH_KEY/);
      t.diagnostic(`without the key: ${result.refusal}`);
    });

    test('hmac-sha256 without a key, or with one that is no key, does not start, and says why', async () => {
      const target = data.url ?? data.shared;
      await assert.rejects(
        openHost(target, { hashScheme: 'hmac-sha256' }),
        /hmac-sha256 needs a hash key: set MF_PIN_HASH_KEY/,
      );
      await assert.rejects(
        openHost(target, { hashScheme: 'hmac-sha256', hashKey: randomHashKey().slice(0, 20) }),
        /holds 15 bytes; it needs at least 32/,
      );
    });
  });
}
