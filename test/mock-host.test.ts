import { expect } from '@open-wc/testing';
import { openDB, deleteDB } from 'idb';
import { startMockHost, TEST_ARGON2ID } from '../src/mock/index.js';
import { SCHEMA_UPGRADES, SCHEMA_VERSION, type MockHostSchema } from '../src/mock/store.js';
import { snapshotDatabase } from './support/database-snapshot.js';

const dbName = () => `mock-host-${crypto.randomUUID()}`;

describe('startMockHost', () => {
  it('seeds the demo: the administrator ADMIN and twenty users with resources R0010, R0020, …', async () => {
    const host = await startMockHost({ argon2idCost: TEST_ARGON2ID, transport: 'direct', dbName: dbName() });
    await host.signIn('ADMIN');
    const page = await host.client.listUserSetups({ top: 100, orderBy: { field: 'resourceNo' } });
    expect(page['@odata.count']).to.equal(21);
    expect(page.value[0]).to.include({ userId: 'ADMIN', resourceNo: null });
    expect(page.value.slice(1).map((setup) => setup.resourceNo)).to.deep.equal(
      Array.from({ length: 20 }, (_, i) => `R${String((i + 1) * 10).padStart(4, '0')}`),
    );
    expect(new Set(page.value.map((setup) => setup.pinCodeStatus))).to.deep.equal(
      new Set(['notSet', 'temporary', 'set']),
    );
    await host.stop({ deleteData: true });
  });

  it('seeds { users: n } users and an administrator', async () => {
    const host = await startMockHost({
      argon2idCost: TEST_ARGON2ID,
      transport: 'direct',
      dbName: dbName(),
      seed: { users: 2000 },
    });
    await host.signIn('ADMIN');
    const page = await host.client.listUserSetups({ top: 3, skip: 1000 });
    expect(page['@odata.count']).to.equal(2001);
    expect(page.value.map((setup) => setup.userId)).to.deep.equal(['U1000', 'U1001', 'U1002']);
    await host.stop({ deleteData: true });
  });

  it('keeps its data across a restart, and deletes it on request', async () => {
    const name = dbName();
    let host = await startMockHost({ argon2idCost: TEST_ARGON2ID, transport: 'direct', dbName: name, seed: 'empty' });
    const added = await host.addUser({
      userId: 'KIM',
      displayName: 'Kim Berg',
      resourceNo: 'R9000',
      administrator: true,
    });
    expect(added).to.include({
      userId: 'KIM',
      resourceNo: 'R9000',
      pinCodeStatus: 'notSet',
      allowPinCode: true,
      passwordMandatory: false,
    });
    await host.stop();
    host = await startMockHost({ argon2idCost: TEST_ARGON2ID, transport: 'direct', dbName: name, seed: 'demo' });
    await host.signIn('KIM');
    const page = await host.client.listUserSetups();
    expect(page.value.map((setup) => setup.userId)).to.deep.equal(['KIM']);
    await host.stop({ deleteData: true });
    expect((await indexedDB.databases()).map((database) => database.name)).to.not.include(name);
  });

  it('never stores a temporary code: after a restart, a replay of its issue says to issue a new one', async () => {
    const name = dbName();
    let host = await startMockHost({ argon2idCost: TEST_ARGON2ID, transport: 'direct', dbName: name });
    await host.signIn('ADMIN');
    const anna = (await host.client.listUserSetups({ search: 'ANNA' })).value[0];
    const issued = await host.client.issueTemporaryPinCode(anna.id, {}, { idempotencyKey: 'issue-before-restart' });
    expect(
      await host.client.issueTemporaryPinCode(anna.id, {}, { idempotencyKey: 'issue-before-restart' }),
    ).to.deep.equal(issued);
    await host.stop();
    host = await startMockHost({ argon2idCost: TEST_ARGON2ID, transport: 'direct', dbName: name });
    await host.signIn('ADMIN');
    let error: { code?: string; message?: string } = {};
    try {
      await host.client.issueTemporaryPinCode(anna.id, {}, { idempotencyKey: 'issue-before-restart' });
    } catch (caught) {
      error = caught as typeof error;
    }
    expect(error.code).to.equal('Request_EntityChanged');
    expect(error.message).to.match(/no longer holds it to show it again: issue a new one/);
    expect(JSON.stringify(await snapshotDatabase(name))).to.not.include(issued.pinCode);
    await host.stop({ deleteData: true });
  });

  it('upgrades a database made by an older schema version, keeping its records', async () => {
    const name = dbName();
    // A database as the first version of the mock host left it.
    const old = await openDB<MockHostSchema>(name, 1, { upgrade: (db) => SCHEMA_UPGRADES[0](db) });
    old.close();
    const host = await startMockHost({ argon2idCost: TEST_ARGON2ID, transport: 'direct', dbName: name, seed: 'demo' });
    await host.stop();
    const upgraded = await openDB(name);
    expect(upgraded.version).to.equal(SCHEMA_VERSION);
    expect([...upgraded.objectStoreNames].sort()).to.deep.equal([
      'credentials',
      'devices',
      'idempotency',
      'meta',
      'pinCodeEvents',
      'resources',
      'userSetups',
    ]);
    upgraded.close();
    expect((await snapshotDatabase(name)).userSetups).to.have.length(21);
    await deleteDB(name);
  });

  it('refuses a bad policy, an unknown user and a duplicate, saying which', async () => {
    let error: unknown;
    try {
      await startMockHost({
        argon2idCost: TEST_ARGON2ID,
        transport: 'direct',
        dbName: dbName(),
        policy: { maxFailedAttempts: 101 },
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).to.be.instanceOf(RangeError);
    expect((error as Error).message).to.equal(
      'PIN policy: maxFailedAttempts must be a whole number from 3 to 100, not 101.',
    );

    const host = await startMockHost({ argon2idCost: TEST_ARGON2ID, transport: 'direct', dbName: dbName() });
    const refusals: Array<[() => Promise<unknown>, string]> = [
      [() => host.signIn('NOBODY'), 'There is no user NOBODY in the mock host.'],
      [() => host.addUser({ userId: 'ANNA', displayName: 'Another Anna' }), 'The mock host already has a user ANNA.'],
      [
        () => host.addUser({ userId: 'NEW', displayName: 'New', resourceNo: 'R0010' }),
        'The mock host already has a resource R0010.',
      ],
    ];
    for (const [attempt, message] of refusals) {
      let refusal: unknown;
      try {
        await attempt();
      } catch (caught) {
        refusal = caught;
      }
      expect((refusal as Error)?.message).to.equal(message);
    }
    await host.stop({ deleteData: true });
  });

  it('serves through MSW with the page controlled by the service worker', async () => {
    const host = await startMockHost({ argon2idCost: TEST_ARGON2ID, dbName: dbName() });
    expect(host.transport).to.equal('msw');
    expect(navigator.serviceWorker.controller?.scriptURL).to.match(/\/mockServiceWorker\.js$/);
    await host.signIn('ADMIN');
    const response = await fetch(`${host.baseUrl}/session`);
    expect(response.headers.get('Content-Type')).to.match(/^application\/json/);
    expect((await response.json()).userId).to.equal('ADMIN');
    await host.stop({ deleteData: true });
  });

  it('fails the next action, and only that, when failNextAction is on', async () => {
    const host = await startMockHost({ argon2idCost: TEST_ARGON2ID, transport: 'direct', dbName: dbName() });
    await host.signIn('ADMIN');
    host.faults.failNextAction = true;
    const anna = (await host.client.listUserSetups({ search: 'ANNA' })).value[0];
    let error: { code?: string } | undefined;
    try {
      await host.client.unlockPinCode(anna.id);
    } catch (caught) {
      error = caught as { code: string };
    }
    expect(error?.code).to.equal('Internal_ServerError');
    expect(host.faults.failNextAction).to.equal(false);
    expect((await host.client.unlockPinCode(anna.id)).userId).to.equal('ANNA');
    await host.stop({ deleteData: true });
  });

  for (const transport of ['direct', 'msw'] as const) {
    it(`applies offline to every request of this host, not of an earlier one (${transport})`, async () => {
      const earlier = await startMockHost({ argon2idCost: TEST_ARGON2ID, transport, dbName: dbName() });
      await earlier.stop({ deleteData: true });
      const host = await startMockHost({ argon2idCost: TEST_ARGON2ID, transport, dbName: dbName() });
      await host.signIn('ADMIN');
      host.network.offline = true;
      let error: { code?: string } | undefined;
      try {
        await host.client.getSession();
      } catch (caught) {
        error = caught as { code: string };
      }
      expect(error?.code).to.equal('Client_NetworkFailure');
      host.network.offline = false;
      expect((await host.client.getSession()).userId).to.equal('ADMIN');
      await host.stop({ deleteData: true });
    });
  }
});
