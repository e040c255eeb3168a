import { expect } from '@open-wc/testing';
import { MobileFlowError, type MobileFlowClient } from '../src/api/index.js';
import type { UserSetup } from '../src/domain/index.js';
import { startMockHost, TEST_ARGON2ID } from '../src/mock/index.js';
import { HostUnavailable } from './support/contract-host.js';
import { startHarness, type Harness } from './support/contract-suite.js';

/** What a call ended with: its result, or the error's code and what came with it. */
async function outcome<T>(call: Promise<T>): Promise<T | { code: string; remainingAttempts?: number }> {
  try {
    return await call;
  } catch (error) {
    if (!(error instanceof MobileFlowError)) throw error;
    return {
      code: error.code,
      ...(error.remainingAttempts !== undefined && { remainingAttempts: error.remainingAttempts }),
    };
  }
}

const WRONG = '55555555';
const count = (types: string[], type: string) => types.filter((candidate) => candidate === type).length;
const sorted = (values: unknown[]) => values.map((value) => JSON.stringify(value)).sort();

for (const transport of ['msw', 'direct', 'server', 'postgres'] as const) {
  describe(`the host under parallel requests and replays (${transport})`, () => {
    let t: Harness;
    let admin: MobileFlowClient;
    let anna: MobileFlowClient;
    let device: MobileFlowClient;
    let annaSetup: UserSetup;
    let temporaryPinCode: string;

    beforeEach(async function () {
      try {
        t = await startHarness(transport);
      } catch (error) {
        if (!(error instanceof HostUnavailable)) throw error;
        console.warn(`The race tests on ${transport} did not run: ${error.message}.`);
        this.skip();
      }
      admin = await t.host.clientFor('ADMIN');
      anna = await t.host.clientFor('ANNA');
      device = await t.host.clientFor('device');
      annaSetup = (await admin.listUserSetups({ search: 'ANNA' })).value[0];
      const issued = await admin.issueTemporaryPinCode(annaSetup.id);
      temporaryPinCode = issued.pinCode;
      annaSetup = issued.userSetup;
    });
    afterEach(() => t?.host.stop());

    const eventTypes = async () => (await admin.listPinCodeEvents(annaSetup.id)).value.map((event) => event.type);
    const verify = (pinCode: string, idempotencyKey?: string) =>
      outcome(device.verifyPinCode(annaSetup.resourceId!, { pinCode }, { idempotencyKey }));
    const change = (currentPinCode: string, newPinCode = '739204', idempotencyKey?: string) =>
      outcome(anna.changePinCode({ currentPinCode, newPinCode }, { idempotencyKey }));

    it('counts every one of 20 wrong current codes sent at once, and locks from the fifth on', async () => {
      const answers = await Promise.all(Array.from({ length: 20 }, () => change(WRONG)));
      expect(sorted(answers)).to.deep.equal(
        sorted([
          ...[4, 3, 2, 1].map((remainingAttempts) => ({ code: 'PinCode_CurrentInvalid', remainingAttempts })),
          ...Array.from({ length: 16 }, () => ({ code: 'PinCode_Locked' })),
        ]),
      );
      const types = await eventTypes();
      expect([count(types, 'failedAttempt'), count(types, 'locked')]).to.deep.equal([5, 1]);
      expect(await change(temporaryPinCode)).to.deep.equal({ code: 'PinCode_Locked' });
    });

    it('refuses the right code inside a burst of 60 device checks, and after three such bursts', async () => {
      const burst = () =>
        Promise.all(Array.from({ length: 60 }, (_, i) => verify(i === 30 ? temporaryPinCode : WRONG)));
      const first = await burst();
      expect(first[30]).to.deep.equal({ code: 'PinCode_Locked' });
      const wrongAnswers = first.filter((answer) => 'valid' in answer);
      expect(sorted(wrongAnswers)).to.deep.equal(
        sorted([4, 3, 2, 1].map((remainingAttempts) => ({ valid: false, mustChange: false, remainingAttempts }))),
      );
      for (const answers of [await burst(), await burst()]) {
        expect(answers.every((answer) => 'code' in answer && answer.code === 'PinCode_Locked')).to.equal(true);
      }
      expect(await verify(temporaryPinCode)).to.deep.equal({ code: 'PinCode_Locked' });
      const types = await eventTypes();
      expect([count(types, 'failedAttempt'), count(types, 'locked')]).to.deep.equal([5, 1]);
    });

    it('counts device checks and changes together, and never wipes a lock set meanwhile', async () => {
      for (const remaining of [4, 3, 2, 1])
        expect((await verify(WRONG)) as object).to.include({ remainingAttempts: remaining });
      const [checked, changed] = await Promise.all([verify(WRONG), change(temporaryPinCode)]);
      const session = await anna.getSession();
      if ('code' in changed) {
        // The device check came first and locked: the change was refused, and the lock stands.
        expect(checked).to.deep.equal({ code: 'PinCode_Locked' });
        expect(changed).to.deep.equal({ code: 'PinCode_Locked' });
        expect(session.lockedUntil).to.not.equal(null);
        expect(session.pinCodeStatus).to.equal('temporary');
      } else {
        // The change came first and cleared the count: the device check after it is the first wrong one.
        expect(checked).to.deep.equal({ valid: false, mustChange: false, remainingAttempts: 4 });
        expect(session.lockedUntil).to.equal(null);
        expect(session.pinCodeStatus).to.equal('set');
      }
    });

    it("never overwrites an administrator's change with a user's change read before it", async () => {
      const [patched, changed] = await Promise.all([
        outcome(admin.updateUserSetup(annaSetup, { passwordMandatory: true })),
        change(temporaryPinCode),
      ]);
      expect(changed).to.have.property('resourceNo', 'R0010');
      const now = await admin.getUserSetup(annaSetup.id);
      expect(now.pinCodeStatus).to.equal('set');
      if ('code' in patched) {
        // The change came first: the administrator's etag was stale, and nothing of theirs was written.
        expect(patched.code).to.equal('Request_EntityChanged');
        expect(now.passwordMandatory).to.equal(false);
      } else {
        expect(now.passwordMandatory).to.equal(true);
        // Two different states never carry the same etag.
        expect(patched['@odata.etag']).to.not.equal(now['@odata.etag']);
      }
    });

    it('keeps setup, Resource card and credential together when an issue races a change', async () => {
      const [issued, changed] = await Promise.all([
        outcome(admin.issueTemporaryPinCode(annaSetup.id)),
        change(temporaryPinCode),
      ]);
      expect(issued).to.have.property('pinCode');
      const newTemporary = (issued as { pinCode: string }).pinCode;
      const setup = await admin.getUserSetup(annaSetup.id);
      const resource = await admin.getResource(annaSetup.resourceId!);
      expect([resource.pinCodeStatus, resource.pinCodeChangedAt, resource.pinCodeChangedBy]).to.deep.equal([
        setup.pinCodeStatus,
        setup.pinCodeChangedAt,
        setup.pinCodeChangedBy,
      ]);
      if (setup.pinCodeStatus === 'temporary') {
        // The issue came last (the change may have come first, or been refused): the new temporary code is the one.
        expect(await verify(newTemporary)).to.deep.equal({ valid: true, mustChange: true });
        if (!('code' in changed)) expect((await verify('739204')) as object).to.include({ valid: false });
      } else {
        expect(changed).to.have.property('resourceNo');
        expect(await verify('739204')).to.deep.equal({ valid: true, mustChange: false });
      }
    });

    it('changes once on a double submit, and a retry with the same key is the same answer', async () => {
      const [first, second] = await Promise.all([
        change(temporaryPinCode, '739204', 'double-submit-1'),
        change(temporaryPinCode, '739204', 'double-submit-1'),
      ]);
      expect(first).to.have.property('resourceNo', 'R0010');
      expect(second).to.deep.equal(first);
      const answers = await Promise.all([change(temporaryPinCode, '840315'), change(temporaryPinCode, '840315')]);
      // Both were sent with the temporary code, which is no longer current: each is a wrong code, counted once.
      expect(sorted(answers)).to.deep.equal(
        sorted([4, 3].map((remainingAttempts) => ({ code: 'PinCode_CurrentInvalid', remainingAttempts }))),
      );
      const types = await eventTypes();
      expect([count(types, 'changedByUser'), count(types, 'failedAttempt')]).to.deep.equal([1, 2]);
      const resource = await admin.getResource(annaSetup.resourceId!);
      expect(resource.pinCodeStatus).to.equal('set');
      expect(await verify('739204')).to.deep.equal({ valid: true, mustChange: false });
    });

    it('counts a wrong code once when its retry is sent ten times at once', async () => {
      const answers = await Promise.all(Array.from({ length: 10 }, () => verify(WRONG, 'ten-retries-1')));
      for (const answer of answers)
        expect(answer).to.deep.equal({ valid: false, mustChange: false, remainingAttempts: 4 });
      expect(count(await eventTypes(), 'failedAttempt')).to.equal(1);
    });
  });
}

for (const transport of ['msw', 'direct', 'server', 'postgres'] as const) {
  describe(`a device's throttle under bursts (${transport})`, () => {
    let t: Harness;
    // Each user's own lock far away, so that only the device's throttle (20 wrong codes in 10 minutes) decides.
    beforeEach(async function () {
      try {
        t = await startHarness(transport, { policy: { maxFailedAttempts: 100, maxDeviceFailures: 20 } });
      } catch (error) {
        if (!(error instanceof HostUnavailable)) throw error;
        this.skip();
      }
    });
    afterEach(() => t?.host.stop());

    it('counts exactly maxDeviceFailures of 60 wrong codes for three users sent at once, refuses the rest with 429, and holds no other device back', async () => {
      const admin = await t.host.clientFor('ADMIN');
      const setups = (await admin.listUserSetups({ top: 3, pinCodeStatus: 'set' })).value;
      expect(setups).to.have.length(3);
      const device = await t.host.clientFor('device');
      const answers = await Promise.all(
        Array.from({ length: 60 }, (_, i) =>
          outcome(device.verifyPinCode(setups[i % 3].resourceId!, { pinCode: WRONG })),
        ),
      );
      const checked = answers.filter((answer) => 'valid' in answer && answer.valid === false);
      const refused = answers.filter((answer) => 'code' in answer && answer.code === 'Request_TooManyRequests');
      expect([checked.length, refused.length]).to.deep.equal([20, 40]);
      const events = await Promise.all(setups.map((setup) => admin.listPinCodeEvents(setup.id)));
      const types = events.flatMap((list) => list.value.map((event) => event.type));
      expect([count(types, 'failedAttempt'), count(types, 'deviceThrottled')]).to.deep.equal([20, 3]);
      // Another device is not held back: its wrong code is checked and counted.
      const other = await t.host.clientFor('device-2');
      expect(await outcome(other.verifyPinCode(setups[0].resourceId!, { pinCode: WRONG }))).to.include({
        valid: false,
      });
      // The held device may check again once its window has passed.
      await t.advance(10 * 60_000);
      expect(await outcome(device.verifyPinCode(setups[1].resourceId!, { pinCode: WRONG }))).to.include({
        valid: false,
      });
    });
  });
}

describe('two tabs on one database (two mock hosts, as two tabs of the demo would run)', () => {
  it('counts wrong codes sent from both at once, and neither wipes the lock the other set', async () => {
    const dbName = `two-tabs-${crypto.randomUUID()}`;
    const first = await startMockHost({ argon2idCost: TEST_ARGON2ID, transport: 'direct', dbName });
    const second = await startMockHost({ argon2idCost: TEST_ARGON2ID, transport: 'direct', dbName });
    try {
      const admin = await first.clientFor('ADMIN');
      const anna = (await admin.listUserSetups({ search: 'ANNA' })).value[0];
      const { pinCode } = await admin.issueTemporaryPinCode(anna.id);
      const tabs = [await first.clientFor('ANNA'), await second.clientFor('ANNA')];
      const answers = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          outcome(tabs[i % 2].changePinCode({ currentPinCode: WRONG, newPinCode: '739204' })),
        ),
      );
      expect(sorted(answers)).to.deep.equal(
        sorted([
          ...[4, 3, 2, 1].map((remainingAttempts) => ({ code: 'PinCode_CurrentInvalid', remainingAttempts })),
          ...Array.from({ length: 8 }, () => ({ code: 'PinCode_Locked' })),
        ]),
      );
      for (const tab of tabs) {
        expect(await outcome(tab.changePinCode({ currentPinCode: pinCode, newPinCode: '739204' }))).to.deep.equal({
          code: 'PinCode_Locked',
        });
      }
      const types = (await admin.listPinCodeEvents(anna.id)).value.map((event) => event.type);
      expect(types.filter((type) => type === 'failedAttempt')).to.have.length(5);
    } finally {
      await second.stop();
      await first.stop({ deleteData: true });
    }
  });
});
