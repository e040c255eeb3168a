// Promise 1's hash schemes on the mock host (IndexedDB): a database moved from argon2id to hmac-sha256 and back with
// bursts running on two hosts of different schemes at once, as two tabs of a rolling change would (the steps are
// test/support/hash-scheme-move.mjs, which the server host's test runs too, on PGlite and PostgreSQL).
import { expect } from '@open-wc/testing';
import { openDB } from 'idb';
import { startMockHost, TEST_ARGON2ID, type MockHost, type PinHashScheme } from '../src/mock/index.js';
import { moveHashSchemes, randomHashKey } from './support/hash-scheme-move.mjs';

const start = (dbName: string, hashScheme: PinHashScheme, hashKey?: string) =>
  startMockHost({
    argon2idCost: TEST_ARGON2ID,
    transport: 'direct',
    dbName,
    hashScheme,
    hashKey,
    // Twenty wrong codes from one device across the users would hold it back: not what this test is about.
    policy: { maxDeviceFailures: 1000 },
  });

/** The credentials the host keeps, by resource id: the current hash and the earlier ones. */
async function hashesOf(dbName: string) {
  const db = await openDB(dbName);
  try {
    const credentials: { resourceId: string; pinCodeHash: string; previousHashes: string[] }[] =
      await db.getAll('credentials');
    return new Map(
      credentials.map((credential) => [
        credential.resourceId,
        { current: credential.pinCodeHash, previous: credential.previousHashes },
      ]),
    );
  } finally {
    db.close();
  }
}

describe('hash schemes on the mock host (promise 1)', () => {
  it('moves a database from argon2id to hmac-sha256 and back with bursts running, losing and letting through nothing', async () => {
    const dbName = `schemes-${crypto.randomUUID()}`;
    const hosts: MockHost[] = [];
    const result = await moveHashSchemes({
      open: async ({ scheme, hashKey }: { scheme: PinHashScheme; hashKey?: string }) => {
        const host = await start(dbName, scheme, hashKey);
        hosts.push(host);
        return {
          clientFor: (userId: string) => host.clientFor(userId),
          device: host.deviceClient,
          close: () => host.stop(),
        };
      },
      hashesOf: () => hashesOf(dbName),
    });
    expect(result.users).to.equal(5);
    expect(result.wrongCodes).to.equal(20);
    await hosts.at(-1)!.stop({ deleteData: true });
  });

  it('answers a clear 500, never "wrong code", when it holds hmac-sha256 hashes and was given no key', async () => {
    const dbName = `schemes-${crypto.randomUUID()}`;
    const hmacHost = await start(dbName, 'hmac-sha256', randomHashKey());
    const admin = await hmacHost.clientFor('ADMIN');
    const user = (await admin.listUserSetups({ top: 50 })).value.find(
      (setup) => setup.allowPinCode && setup.resourceId,
    )!;
    const { pinCode } = await admin.issueTemporaryPinCode(user.id);
    await hmacHost.stop();
    const keyless = await start(dbName, 'argon2id');
    try {
      const error = await keyless.deviceClient.verifyPinCode(user.resourceId!, { pinCode }).then(
        () => undefined,
        (caught: { code: string; message: string }) => caught,
      );
      expect(error?.code).to.equal('Internal_ServerError');
      expect(error?.message).to.match(/hmac-sha256 but was given no hash key/);
      // Nothing was counted against the user: the host could not check, which is not a wrong code.
      const events = (await (await keyless.clientFor('ADMIN')).listPinCodeEvents(user.id)).value;
      expect(events.filter((event) => event.type === 'failedAttempt')).to.deep.equal([]);
    } finally {
      await keyless.stop({ deleteData: true });
    }
  });
});
