import { expect } from '@open-wc/testing';
import { startMockHost, type MockHost, TEST_ARGON2ID } from '../src/mock/index.js';
import { failure } from './support/contract-suite.js';
import { snapshotDatabase } from './support/database-snapshot.js';

describe('a PIN code write that fails half-way', () => {
  let host: MockHost;
  let dbName: string;
  let temporaryPinCode: string;
  let userSetupId: string;

  beforeEach(async () => {
    dbName = `atomicity-${crypto.randomUUID()}`;
    host = await startMockHost({ argon2idCost: TEST_ARGON2ID, transport: 'direct', dbName });
    await host.signIn('ADMIN');
    const anna = (await host.client.listUserSetups({ search: 'ANNA' })).value[0];
    userSetupId = anna.id;
    temporaryPinCode = (await host.client.issueTemporaryPinCode(anna.id)).pinCode;
    await host.signIn('ANNA');
  });
  afterEach(() => host.stop({ deleteData: true }));

  for (const stage of ['afterHash', 'duringWrite'] as const) {
    it(`leaves user setup, Resource card, credential and events exactly as before (${stage})`, async () => {
      const before = await snapshotDatabase(dbName);
      host.faults.failNextWrite = stage;
      const error = await failure(
        host.client.changePinCode(
          { currentPinCode: temporaryPinCode, newPinCode: '739204' },
          { idempotencyKey: 'atomic-1' },
        ),
      );
      expect([error.code, error.status]).to.deep.equal(['Internal_ServerError', 500]);
      expect(await snapshotDatabase(dbName)).to.deep.equal(before);

      // The old code still works, the new one does not, and the retry of the same action now goes through.
      const { resourceId } = await host.client.getSession();
      expect(await host.deviceClient.verifyPinCode(resourceId!, { pinCode: temporaryPinCode })).to.deep.equal({
        valid: true,
        mustChange: true,
      });
      await host.client.changePinCode(
        { currentPinCode: temporaryPinCode, newPinCode: '739204' },
        { idempotencyKey: 'atomic-1' },
      );
      expect(await host.deviceClient.verifyPinCode(resourceId!, { pinCode: '739204' })).to.deep.equal({
        valid: true,
        mustChange: false,
      });
    });
  }

  it('leaves everything as before when issuing a temporary code fails in the middle of the write', async () => {
    await host.signIn('ADMIN');
    const before = await snapshotDatabase(dbName);
    host.faults.failNextWrite = 'duringWrite';
    expect((await failure(host.client.issueTemporaryPinCode(userSetupId))).code).to.equal('Internal_ServerError');
    expect(await snapshotDatabase(dbName)).to.deep.equal(before);
  });
});
