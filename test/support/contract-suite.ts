import { expect } from '@open-wc/testing';
import { createMobileFlowClient, MobileFlowError, type MobileFlowClient } from '../../src/api/index.js';
import { ERROR_CODES, OPERATIONS, type PinPolicy, type UserSetup } from '../../src/domain/index.js';
import {
  HostUnavailable,
  startContractHost,
  START,
  type ContractHost,
  type ContractHostKind,
} from './contract-host.js';
import { ContractRecorder } from './contract-recorder.js';

const HOUR = 3_600_000;

/** A host in test mode with a client whose every answer is checked against the contract. */
export interface Harness {
  host: ContractHost;
  /** Acts as the user of the last `as()`. */
  client: MobileFlowClient;
  /** Moves the host's clock. */
  advance(ms: number): Promise<void>;
  now(): Date;
  /** A request the client would never send, as the same user, through the same transport. */
  raw(
    method: string,
    path: string,
    init?: { body?: string; headers?: Record<string, string> },
  ): Promise<{ status: number; body: any }>;
  /** The setup of `userId`, read as the administrator. */
  setupOf(userId: string): Promise<UserSetup>;
  /** From now on `client` acts as `userId`, or as nobody. */
  as(userId: string | null): Promise<void>;
}

/** Expects `promise` to fail with a MobileFlowError and gives it back. */
export async function failure(promise: Promise<unknown>): Promise<MobileFlowError> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(MobileFlowError);
    return error as MobileFlowError;
  }
  throw new Error('Expected the call to fail, but it succeeded.');
}

export async function startHarness(
  kind: ContractHostKind,
  recorder?: ContractRecorder,
  options: { policy?: Partial<PinPolicy> } = {},
): Promise<Harness> {
  const host = await startContractHost(kind, options);
  let clock = START;
  let user: string | null = null;
  const asUser: typeof fetch = (input, init) => host.fetchAs(user)(input, init);
  const fetchImpl = recorder ? recorder.wrap(asUser) : asUser;
  const client = createMobileFlowClient({ baseUrl: host.baseUrl, fetch: fetchImpl });
  const admin = createMobileFlowClient({ baseUrl: host.baseUrl, fetch: host.fetchAs('ADMIN') });
  return {
    host,
    client,
    async advance(ms) {
      clock += ms;
      await host.advance(ms);
    },
    now: () => new Date(clock),
    async raw(method, path, init = {}) {
      const response = await fetchImpl(`${host.baseUrl}/${path}`, { method, body: init.body, headers: init.headers });
      return { status: response.status, body: await response.json() };
    },
    async setupOf(userId) {
      const page = await admin.listUserSetups({ search: userId, top: 1000 });
      const setup = page.value.find((candidate) => candidate.userId === userId);
      if (!setup) throw new Error(`No user ${userId}`);
      return setup;
    },
    async as(userId) {
      user = userId;
    },
  };
}

/**
 * The host contract, run against one host (the mock through MSW or directly, or the server host over HTTP). Every answer is checked against
 * openapi.json, and the suite ends by proving it reached every operation and every error code.
 */
export function contractSuite(kind: ContractHostKind): void {
  const recorder = new ContractRecorder(
    kind === 'server' || kind === 'postgres' ? '/server-host/api/mobileflow/v1.0' : '/api/mobileflow/v1.0',
  );
  let t: Harness;
  const start = async (options: { policy?: Partial<PinPolicy> } = {}) => {
    await t?.host.stop();
    t = await startHarness(kind, recorder, options);
    return t;
  };

  beforeEach(async function () {
    try {
      await start();
    } catch (error) {
      // Only where this machine cannot run the host at all: said once, loudly, never counted as passed.
      if (!(error instanceof HostUnavailable)) throw error;
      console.warn(`The contract suite on ${kind} did not run: ${error.message}.`);
      this.skip();
    }
  });
  afterEach(async () => {
    await t?.host.stop();
  });

  async function issue(userId: string, pinCode?: string) {
    await t.as('ADMIN');
    const setup = await t.setupOf(userId);
    return t.client.issueTemporaryPinCode(setup.id, pinCode === undefined ? {} : { pinCode });
  }

  describe('GET session', () => {
    it('tells the signed-in user who they are, their PIN code status and the policy', async () => {
      await t.as('ANNA');
      const session = await t.client.getSession();
      expect(session).to.include({
        userId: 'ANNA',
        displayName: 'Anna Jensen',
        resourceNo: 'R0010',
        canManageUserSetup: false,
        pinCodeStatus: 'notSet',
      });
      expect(session.pinPolicy).to.deep.equal(t.host.policy);
      await t.as('ADMIN');
      expect((await t.client.getSession()).canManageUserSetup).to.equal(true);
    });

    it('answers Authentication_InvalidCredentials when nobody is signed in', async () => {
      await t.as(null);
      const error = await failure(t.client.getSession());
      expect([error.code, error.status]).to.deep.equal(['Authentication_InvalidCredentials', 401]);
    });
  });

  describe('the temporary PIN code flow', () => {
    it('administrator issues, user changes with it, the device accepts the new code and rejects the old ones', async () => {
      const issued = await issue('ANNA');
      expect(issued.pinCode).to.match(/^[0-9]{8}$/);
      expect(issued.expiresAt).to.equal(new Date(t.now().getTime() + 72 * HOUR).toISOString());
      expect(issued.userSetup).to.include({
        userId: 'ANNA',
        pinCodeStatus: 'temporary',
        pinCodeChangedBy: 'administrator',
        temporaryPinCodeExpiresAt: issued.expiresAt,
      });

      await t.as('ANNA');
      const session = await t.client.getSession();
      expect(session).to.include({ pinCodeStatus: 'temporary', temporaryPinCodeExpiresAt: issued.expiresAt });
      const resourceId = session.resourceId!;
      expect(await t.client.verifyPinCode(resourceId, { pinCode: issued.pinCode })).to.deep.equal({
        valid: true,
        mustChange: true,
      });

      await t.advance(HOUR);
      const changed = await t.client.changePinCode({ currentPinCode: issued.pinCode, newPinCode: '739204' });
      expect(changed).to.deep.equal({ resourceNo: 'R0010', changedAt: t.now().toISOString() });
      expect(await t.client.getSession()).to.include({
        pinCodeStatus: 'set',
        temporaryPinCodeExpiresAt: null,
        pinCodeChangedAt: changed.changedAt,
      });
      const resource = await t.client.getResource(resourceId);
      expect(resource).to.include({
        number: 'R0010',
        name: 'Anna Jensen',
        pinCodeStatus: 'set',
        pinCodeChangedBy: 'user',
        pinCodeChangedAt: changed.changedAt,
      });

      expect(await t.client.verifyPinCode(resourceId, { pinCode: '739204' })).to.deep.equal({
        valid: true,
        mustChange: false,
      });
      expect(await t.client.verifyPinCode(resourceId, { pinCode: issued.pinCode })).to.deep.equal({
        valid: false,
        mustChange: false,
        remainingAttempts: 4,
      });

      await t.as('ADMIN');
      const anna = await t.setupOf('ANNA');
      expect(anna).to.include({ pinCodeStatus: 'set', pinCodeChangedBy: 'user' });
      const history = await t.client.listPinCodeEvents(anna.id);
      expect(history.value.map((event) => [event.type, event.actor, event.actorUserId])).to.deep.equal([
        ['failedAttempt', 'device', null],
        ['changedByUser', 'user', 'ANNA'],
        ['temporaryIssued', 'administrator', 'ADMIN'],
      ]);
    });

    it('lets the administrator choose the temporary code where the policy allows, and checks it', async () => {
      expect((await issue('ANNA', '58203917')).pinCode).to.equal('58203917');
      const weak = await failure(issue('ANNA', '12345678'));
      expect(weak.code).to.equal('PinCode_PolicyViolation');
      expect(weak.details).to.deep.equal([{ rule: 'sequence' }]);
    });

    it('refuses a chosen code when the policy makes every temporary code generated', async () => {
      await start({ policy: { administratorMayChoosePinCode: false } });
      const error = await failure(issue('ANNA', '58203917'));
      expect([error.code, error.status]).to.deep.equal(['PinCode_PolicyViolation', 400]);
      expect(error.details).to.deep.equal([{ rule: 'administratorMayNotChoose' }]);
      expect((await issue('ANNA')).pinCode).to.match(/^[0-9]{8}$/);
    });

    it('refuses an expired temporary code for the change and on the device, and records the expiry once', async () => {
      const issued = await issue('ANNA');
      await t.advance(72 * HOUR + 1);
      await t.as('ANNA');
      const error = await failure(t.client.changePinCode({ currentPinCode: issued.pinCode, newPinCode: '739204' }));
      expect([error.code, error.status]).to.deep.equal(['PinCode_TemporaryExpired', 410]);
      const resourceId = (await t.client.getSession()).resourceId!;
      expect((await failure(t.client.verifyPinCode(resourceId, { pinCode: issued.pinCode }))).code).to.equal(
        'PinCode_TemporaryExpired',
      );
      await t.as('ADMIN');
      const types = (await t.client.listPinCodeEvents(issued.userSetup.id)).value.map((event) => event.type);
      expect(types).to.deep.equal(['expired', 'temporaryIssued']);
    });
  });

  describe('POST session/Microsoft.NAV.changePinCode', () => {
    it('refuses a weak new code with the rules it breaks, without counting an attempt', async () => {
      const issued = await issue('ANNA');
      await t.as('ANNA');
      const error = await failure(t.client.changePinCode({ currentPinCode: issued.pinCode, newPinCode: '1212' }));
      expect([error.code, error.status]).to.deep.equal(['PinCode_PolicyViolation', 400]);
      expect(error.details).to.deep.equal([
        { rule: 'tooShort', minLength: 6 },
        { rule: 'repeatedGroup' },
        { rule: 'common' },
      ]);
      const same = await failure(
        t.client.changePinCode({ currentPinCode: issued.pinCode, newPinCode: issued.pinCode }),
      );
      expect(same.details).to.deep.equal([{ rule: 'sameAsTemporary' }]);
      expect(
        (await t.client.changePinCode({ currentPinCode: issued.pinCode, newPinCode: '739204' })).resourceNo,
      ).to.equal('R0010');
    });

    it('refuses the last historyDepth PIN codes', async () => {
      const issued = await issue('ANNA');
      await t.as('ANNA');
      await t.client.changePinCode({ currentPinCode: issued.pinCode, newPinCode: '739204' });
      const again = await failure(t.client.changePinCode({ currentPinCode: '739204', newPinCode: '739204' }));
      expect(again.details).to.deep.equal([{ rule: 'recentlyUsed', historyDepth: 3 }]);
      await t.client.changePinCode({ currentPinCode: '739204', newPinCode: '582039' });
      await t.client.changePinCode({ currentPinCode: '582039', newPinCode: '640183' });
      const back = await failure(t.client.changePinCode({ currentPinCode: '640183', newPinCode: '739204' }));
      expect(back.details).to.deep.equal([{ rule: 'recentlyUsed', historyDepth: 3 }]);
      await t.client.changePinCode({ currentPinCode: '640183', newPinCode: '917305' });
      // 739204 is now the fourth code back: allowed again.
      await t.client.changePinCode({ currentPinCode: '917305', newPinCode: '739204' });
    });

    it('counts wrong current codes, locks at maxFailedAttempts until lockoutMinutes have passed', async () => {
      const issued = await issue('ANNA');
      await t.as('ANNA');
      for (const remaining of [4, 3, 2, 1]) {
        const error = await failure(t.client.changePinCode({ currentPinCode: '00000000', newPinCode: '739204' }));
        expect([error.code, error.status, error.remainingAttempts]).to.deep.equal([
          'PinCode_CurrentInvalid',
          403,
          remaining,
        ]);
      }
      const locked = await failure(t.client.changePinCode({ currentPinCode: '00000000', newPinCode: '739204' }));
      const lockedUntil = new Date(t.now().getTime() + 15 * 60_000).toISOString();
      expect([locked.code, locked.status, locked.lockedUntil]).to.deep.equal(['PinCode_Locked', 423, lockedUntil]);
      // Locked means locked: the right code is refused too, and the session says until when.
      expect(
        (await failure(t.client.changePinCode({ currentPinCode: issued.pinCode, newPinCode: '739204' }))).lockedUntil,
      ).to.equal(lockedUntil);
      expect((await t.client.getSession()).lockedUntil).to.equal(lockedUntil);
      await t.advance(15 * 60_000 + 1);
      expect((await t.client.getSession()).lockedUntil).to.equal(null);
      await t.client.changePinCode({ currentPinCode: issued.pinCode, newPinCode: '739204' });
    });

    it('answers PinCode_NotAllowed when PIN codes are off for the user or they have no resource', async () => {
      await t.as('PETER');
      const session = await t.client.getSession();
      expect(session.allowPinCode).to.equal(false);
      const error = await failure(t.client.changePinCode({ currentPinCode: '', newPinCode: '739204' }));
      expect([error.code, error.status]).to.deep.equal(['PinCode_NotAllowed', 409]);
      await t.as('ADMIN'); // no Resource card
      expect((await failure(t.client.changePinCode({ currentPinCode: '', newPinCode: '739204' }))).code).to.equal(
        'PinCode_NotAllowed',
      );
    });

    it('lets a user with no PIN code yet set their first one', async () => {
      await t.as('FREJA');
      expect((await t.client.getSession()).pinCodeStatus).to.equal('notSet');
      await t.client.changePinCode({ currentPinCode: '', newPinCode: '739204' });
      expect((await t.client.getSession()).pinCodeStatus).to.equal('set');
    });

    it("cannot be aimed at someone else's PIN code: the action takes no user id", async () => {
      const other = await issue('LARS');
      await t.as('FREJA');
      const named = await t.raw('POST', 'session/Microsoft.NAV.changePinCode', {
        body: JSON.stringify({ userId: 'LARS', currentPinCode: other.pinCode, newPinCode: '739204' }),
        headers: { 'Content-Type': 'application/json' },
      });
      expect([named.status, named.body.error.code]).to.deep.equal([400, 'BadRequest_Malformed']);
      const queried = await t.raw('POST', 'session/Microsoft.NAV.changePinCode?userId=LARS', {
        body: JSON.stringify({ currentPinCode: other.pinCode, newPinCode: '739204' }),
      });
      expect([queried.status, queried.body.error.code]).to.deep.equal([400, 'BadRequest_Malformed']);
      // Even with LARS's code in it, FREJA's request acts on FREJA, who has no code yet: it sets FREJA's.
      await t.client.changePinCode({ currentPinCode: other.pinCode, newPinCode: '739204' });
      await t.as('LARS');
      const lars = await t.client.getSession();
      expect(lars.pinCodeStatus).to.equal('temporary');
      expect(await t.client.verifyPinCode(lars.resourceId!, { pinCode: other.pinCode })).to.deep.equal({
        valid: true,
        mustChange: true,
      });
    });

    it('never counts a replayed Idempotency-Key twice', async () => {
      const issued = await issue('ANNA');
      await t.as('ANNA');
      const wrong = await failure(
        t.client.changePinCode({ currentPinCode: '00000000', newPinCode: '739204' }, { idempotencyKey: 'retry-key-1' }),
      );
      expect(wrong.remainingAttempts).to.equal(4);
      const replayed = await failure(
        t.client.changePinCode({ currentPinCode: '00000000', newPinCode: '739204' }, { idempotencyKey: 'retry-key-1' }),
      );
      expect([replayed.code, replayed.remainingAttempts]).to.deep.equal(['PinCode_CurrentInvalid', 4]);
      const fresh = await failure(t.client.changePinCode({ currentPinCode: '00000000', newPinCode: '739204' }));
      expect(fresh.remainingAttempts).to.equal(3);

      const changed = await t.client.changePinCode(
        { currentPinCode: issued.pinCode, newPinCode: '739204' },
        { idempotencyKey: 'retry-key-2' },
      );
      await t.advance(60_000);
      expect(
        await t.client.changePinCode(
          { currentPinCode: issued.pinCode, newPinCode: '739204' },
          { idempotencyKey: 'retry-key-2' },
        ),
      ).to.deep.equal(changed);
      await t.as('ADMIN');
      const types = (await t.client.listPinCodeEvents(issued.userSetup.id)).value.map((event) => event.type);
      expect(types).to.deep.equal(['changedByUser', 'failedAttempt', 'failedAttempt', 'temporaryIssued']);
    });
  });

  describe('what the two settings mean (Password mandatory, Allow PIN code)', () => {
    it('tells devices whether to ask for a PIN code, and answers PinCode_NotSet, uncounted, to a user without one', async () => {
      await t.as('ADMIN');
      const [emma, anna, peter] = [await t.setupOf('EMMA'), await t.setupOf('ANNA'), await t.setupOf('PETER')];
      const required = async (setup: UserSetup) => (await t.client.getResource(setup.resourceId!)).pinCodeRequired;
      // EMMA: Password mandatory and no PIN code: she cannot sign in until an administrator issues one.
      expect([emma.passwordMandatory, emma.pinCodeStatus, await required(emma)]).to.deep.equal([true, 'notSet', true]);
      // ANNA: no Password mandatory, no PIN code: the device asks for none. PETER: PIN codes off.
      expect(await required(anna)).to.equal(false);
      expect(await required(peter)).to.equal(false);
      for (const setup of [emma, anna]) {
        for (const pinCode of ['739204', '']) {
          const notSet = await failure(t.client.verifyPinCode(setup.resourceId!, { pinCode }));
          expect([notSet.code, notSet.status]).to.deep.equal(['PinCode_NotSet', 409]);
          expect(notSet.message).to.match(/temporary PIN code/);
        }
        expect((await t.client.listPinCodeEvents(setup.id)).value).to.deep.equal([]);
      }
      expect((await failure(t.client.verifyPinCode(peter.resourceId!, { pinCode: '739204' }))).code).to.equal(
        'PinCode_NotAllowed',
      );
      // Once ANNA holds a PIN code, the device asks for it.
      const issued = await t.client.issueTemporaryPinCode(anna.id);
      expect(await required(anna)).to.equal(true);
      expect(await t.client.verifyPinCode(anna.resourceId!, { pinCode: issued.pinCode })).to.deep.equal({
        valid: true,
        mustChange: true,
      });
    });

    it('refuses any code, uncounted, once a temporary code has expired', async () => {
      const issued = await issue('ANNA');
      await t.advance(73 * 3_600_000);
      await t.as('ANNA');
      for (const pinCode of ['55555555', issued.pinCode, '']) {
        const expired = await failure(t.client.verifyPinCode(issued.userSetup.resourceId!, { pinCode }));
        expect([expired.code, expired.status]).to.deep.equal(['PinCode_TemporaryExpired', 410]);
      }
      await t.as('ADMIN');
      const types = (await t.client.listPinCodeEvents(issued.userSetup.id)).value.map((event) => event.type);
      expect(types).to.deep.equal(['expired', 'temporaryIssued']);
    });
  });

  describe('bad input', () => {
    it('answers BadRequest_UnsupportedMediaType to a body that is not sent as JSON, and changes nothing', async () => {
      const issued = await issue('ANNA');
      await t.as('ANNA');
      const body = JSON.stringify({ currentPinCode: issued.pinCode, newPinCode: '739204' });
      if (kind === 'bridge') {
        // The add-in bridge carries JSON text to AL, not HTTP media types: the Content-Type never reaches the host.
        const through = await t.raw('POST', 'session/Microsoft.NAV.changePinCode', {
          body,
          headers: { 'Content-Type': 'text/plain' },
        });
        expect(through.status).to.equal(200);
        return;
      }
      for (const contentType of [undefined, 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data']) {
        const answer = await t.raw('POST', 'session/Microsoft.NAV.changePinCode', {
          body,
          headers: contentType ? { 'Content-Type': contentType } : {},
        });
        expect([answer.status, answer.body.error.code], contentType).to.deep.equal([
          415,
          'BadRequest_UnsupportedMediaType',
        ]);
        expect(answer.body.error.message).to.match(/application\/json/);
      }
      expect((await t.client.getSession()).pinCodeStatus).to.equal('temporary');
      const accepted = await t.raw('POST', 'session/Microsoft.NAV.changePinCode', {
        body,
        headers: { 'Content-Type': 'application/json; charset=utf-8' },
      });
      expect(accepted.status).to.equal(200);
    });

    it('counts an empty PIN code as a wrong one, on the device and in the change', async () => {
      const issued = await issue('ANNA');
      await t.as('ANNA');
      const resourceId = (await t.client.getSession()).resourceId!;
      expect(await t.client.verifyPinCode(resourceId, { pinCode: '' })).to.deep.equal({
        valid: false,
        mustChange: false,
        remainingAttempts: 4,
      });
      const error = await failure(t.client.changePinCode({ currentPinCode: '', newPinCode: '739204' }));
      expect([error.code, error.remainingAttempts]).to.deep.equal(['PinCode_CurrentInvalid', 3]);
      await t.as('ADMIN');
      const events = (await t.client.listPinCodeEvents(issued.userSetup.id)).value.map((event) => event.type);
      expect(events).to.deep.equal(['failedAttempt', 'failedAttempt', 'temporaryIssued']);
    });

    it('reads $filter field names as the contract names them: inherited object names are unknown fields', async () => {
      await t.as('ADMIN');
      for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf']) {
        for (const filter of [`${name} eq 'x'`, `contains(${name},'x')`, `not (${name} ne null)`]) {
          const answer = await t.raw('GET', `userSetups?$filter=${encodeURIComponent(filter)}`);
          expect([answer.status, answer.body.error.code], filter).to.deep.equal([400, 'BadRequest_Malformed']);
          expect(answer.body.error.message, filter).to.match(/cannot be filtered; use userId/);
        }
      }
    });
  });

  describe('Idempotency-Key', () => {
    it('refuses the same key with a different body, and binds it to who sent it, the operation and the target', async () => {
      const issued = await issue('ANNA');
      await t.as('ANNA');
      const resourceId = (await t.client.getSession()).resourceId!;
      await t.client.verifyPinCode(resourceId, { pinCode: '55555555' }, { idempotencyKey: 'bound-key-1' });
      const reused = await failure(
        t.client.verifyPinCode(resourceId, { pinCode: issued.pinCode }, { idempotencyKey: 'bound-key-1' }),
      );
      expect([reused.code, reused.status]).to.deep.equal(['Request_IdempotencyKeyReused', 422]);
      // The same key for another operation, or sent by someone else, is a request of its own.
      const changed = await t.client.changePinCode(
        { currentPinCode: issued.pinCode, newPinCode: '739204' },
        { idempotencyKey: 'bound-key-1' },
      );
      expect(changed.resourceNo).to.equal('R0010');
      await t.as('LARS');
      expect(
        await t.client.verifyPinCode(resourceId, { pinCode: '55555555' }, { idempotencyKey: 'bound-key-1' }),
      ).to.deep.equal({ valid: false, mustChange: false, remainingAttempts: 4 });
      await t.as('ADMIN');
      const events = (await t.client.listPinCodeEvents(issued.userSetup.id)).value.map((event) => event.type);
      expect(events).to.deep.equal(['failedAttempt', 'changedByUser', 'failedAttempt', 'temporaryIssued']);
    });

    it('never answers a replay that a PIN code is valid when it is not valid now', async () => {
      const issued = await issue('ANNA');
      await t.as('ANNA');
      const resourceId = (await t.client.getSession()).resourceId!;
      const check = (key: string) =>
        t.client.verifyPinCode(resourceId, { pinCode: issued.pinCode }, { idempotencyKey: key });
      expect(await check('valid-then-locked')).to.deep.equal({ valid: true, mustChange: true });
      expect(await check('valid-then-changed')).to.deep.equal({ valid: true, mustChange: true });
      expect(await check('valid-then-off')).to.deep.equal({ valid: true, mustChange: true });
      // A replay while nothing changed is the first answer again.
      expect(await check('valid-then-locked')).to.deep.equal({ valid: true, mustChange: true });

      for (let i = 0; i < 5; i += 1)
        await t.client.verifyPinCode(resourceId, { pinCode: '55555555' }).catch(() => undefined);
      expect((await failure(check('valid-then-locked'))).code).to.equal('PinCode_Locked');
      await t.as('ADMIN');
      await t.client.unlockPinCode(issued.userSetup.id);

      await t.as('ANNA');
      await t.client.changePinCode({ currentPinCode: issued.pinCode, newPinCode: '739204' });
      expect(await check('valid-then-changed')).to.deep.equal({
        valid: false,
        mustChange: false,
        remainingAttempts: 5,
      });

      await t.as('ADMIN');
      const anna = await t.setupOf('ANNA');
      await t.client.updateUserSetup(anna, { allowPinCode: false });
      await t.as('ANNA');
      expect((await failure(check('valid-then-off'))).code).to.equal('PinCode_NotAllowed');
      await t.as('ADMIN');
      const events = (await t.client.listPinCodeEvents(issued.userSetup.id)).value.map((event) => event.type);
      expect(events.filter((type) => type === 'failedAttempt')).to.have.length(5);
    });

    it('forgets a key after 24 hours: the same key is then a new request', async () => {
      await issue('ANNA');
      await t.as('ANNA');
      const resourceId = (await t.client.getSession()).resourceId!;
      const guess = () =>
        t.client.verifyPinCode(resourceId, { pinCode: '55555555' }, { idempotencyKey: 'day-old-key' });
      expect((await guess()).remainingAttempts).to.equal(4);
      await t.advance(23 * 3_600_000);
      expect((await guess()).remainingAttempts).to.equal(4);
      await t.advance(3_600_000 + 1);
      expect((await guess()).remainingAttempts).to.equal(3);
    });
  });

  describe('GET userSetups', () => {
    it('pages through every setup once, with the count', async () => {
      await t.as('ADMIN');
      const all: string[] = [];
      let count = 0;
      for (let skip = 0; ; skip += 6) {
        const page = await t.client.listUserSetups({ top: 6, skip });
        count = page['@odata.count']!;
        all.push(...page.value.map((setup) => setup.userId));
        if (page.value.length < 6) break;
      }
      expect(count).to.equal(21);
      expect(all).to.have.length(21);
      expect(new Set(all).size).to.equal(21);
      expect(all).to.deep.equal([...all].sort());
    });

    it('sorts by every sortable field, both ways', async () => {
      await t.as('ADMIN');
      const rank = { notSet: 0, temporary: 1, set: 2 } as const;
      const keys: Record<string, (setup: UserSetup) => string | number> = {
        userId: (setup) => setup.userId,
        displayName: (setup) => setup.displayName.toLowerCase(),
        resourceNo: (setup) => setup.resourceNo ?? '',
        pinCodeStatus: (setup) => rank[setup.pinCodeStatus],
        pinCodeChangedAt: (setup) => setup.pinCodeChangedAt ?? '',
      };
      for (const [field, key] of Object.entries(keys)) {
        for (const direction of ['asc', 'desc'] as const) {
          const page = await t.client.listUserSetups({ top: 100, orderBy: { field: field as 'userId', direction } });
          const values = page.value.map(key);
          const sorted = [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
          if (direction === 'desc') sorted.reverse();
          expect(values, `${field} ${direction}`).to.deep.equal(sorted);
        }
      }
    });

    it('filters by search text, status and lock, case-insensitively', async () => {
      await t.as('ADMIN');
      const search = await t.client.listUserSetups({ search: 'jEnS' });
      expect(search.value.map((setup) => setup.userId)).to.deep.equal(['ANNA']);
      const idOrName = await t.client.listUserSetups({ search: 'lars' });
      expect(idOrName.value.map((setup) => [setup.userId, setup.displayName])).to.deep.equal([
        ['IDA', 'Ida Larsen'],
        ['LARS', 'Lars Nielsen'],
      ]);
      const temporary = await t.client.listUserSetups({ pinCodeStatus: 'temporary' });
      expect(temporary.value.every((setup) => setup.pinCodeStatus === 'temporary')).to.equal(true);
      expect(temporary['@odata.count']).to.equal(3);
      const locked = await t.client.listUserSetups({ lockedOnly: true });
      expect(locked.value.map((setup) => setup.userId)).to.deep.equal(['MIKKEL']);
      const raw = await t.raw(
        'GET',
        `userSetups?$filter=${encodeURIComponent("passwordMandatory eq true and resourceNo ne null and not (pinCodeStatus ne 'notSet')")}&$count=true`,
      );
      expect(raw.body.value.map((setup: UserSetup) => setup.userId)).to.deep.equal(['EMMA']);
    });

    it('finds a name typed without its accents, and orders each status by when it was set', async () => {
      await t.as('ADMIN');
      for (const search of ['soren', 'SOREN', 'Søren', 'sørensen', 'jorgensen']) {
        const found = (await t.client.listUserSetups({ search })).value.map((setup) => setup.displayName);
        expect(found.length, search).to.be.greaterThan(0);
        for (const name of found) expect(name.toLowerCase(), search).to.match(/s[øo]ren|j[øo]rgensen/);
      }
      for (const direction of ['asc', 'desc'] as const) {
        const page = await t.client.listUserSetups({ top: 100, orderBy: { field: 'pinCodeStatus', direction } });
        const set = page.value.filter((setup) => setup.pinCodeStatus === 'set').map((setup) => setup.pinCodeChangedAt!);
        expect(set.length).to.be.greaterThan(3);
        const inOrder = [...set].sort();
        expect(set).to.deep.equal(direction === 'asc' ? inOrder : inOrder.reverse());
      }
    });

    it('answers BadRequest_Malformed, saying what is wrong, for a query it cannot read', async () => {
      await t.as('ADMIN');
      const cases: Array<[string, RegExp]> = [
        ['$top=ten', /\$top must be a whole number/],
        ['$top=1001', /\$top must be a whole number from 0 to 1000/],
        ['$skip=-1', /\$skip must be a whole number/],
        ['$orderby=pinCode', /\$orderby must be one of/],
        ['$count=yes', /\$count must be true or false/],
        ['$select=userId', /Unknown query option \$select/],
        [`$filter=${encodeURIComponent("contains(userId,'a'")}`, /expected \), found the end/],
        [`$filter=${encodeURIComponent("pinCode eq '1234'")}`, /pinCode at position 1 cannot be filtered/],
        [`$filter=${encodeURIComponent("pinCodeStatus eq 'weak'")}`, /pinCodeStatus is one of notSet, temporary, set/],
      ];
      for (const [query, message] of cases) {
        const answer = await t.raw('GET', `userSetups?${query}`);
        expect([answer.status, answer.body.error.code], query).to.deep.equal([400, 'BadRequest_Malformed']);
        expect(answer.body.error.message, query).to.match(message);
      }
    });

    it('answers Authorization_Denied to a user without access, on every administrator row', async () => {
      await t.as('ADMIN');
      const lars = await t.setupOf('LARS');
      await t.as('ANNA');
      const calls: Array<[string, () => Promise<unknown>]> = [
        ['listUserSetups', () => t.client.listUserSetups()],
        ['getUserSetup', () => t.client.getUserSetup(lars.id)],
        ['updateUserSetup', () => t.client.updateUserSetup(lars, { allowPinCode: false })],
        ['issueTemporaryPinCode', () => t.client.issueTemporaryPinCode(lars.id)],
        ['unlockPinCode', () => t.client.unlockPinCode(lars.id)],
        ['listPinCodeEvents', () => t.client.listPinCodeEvents(lars.id)],
        ['getResource', () => t.client.getResource(lars.resourceId!)],
      ];
      for (const [name, call] of calls) {
        const error = await failure(call());
        expect([error.code, error.status], name).to.deep.equal(['Authorization_Denied', 403]);
      }
      const own = await t.client.getSession();
      expect((await t.client.getResource(own.resourceId!)).number).to.equal('R0010');
      expect((await t.setupOf('LARS'))['@odata.etag']).to.equal(lars['@odata.etag']);
    });
  });

  describe('GET and PATCH userSetups({id})', () => {
    it('reads one setup and answers BadRequest_NotFound for an unknown id', async () => {
      await t.as('ADMIN');
      const lars = await t.setupOf('LARS');
      expect(await t.client.getUserSetup(lars.id)).to.deep.equal(lars);
      const error = await failure(t.client.getUserSetup(crypto.randomUUID()));
      expect([error.code, error.status]).to.deep.equal(['BadRequest_NotFound', 404]);
      expect((await failure(t.client.getResource(crypto.randomUUID()))).code).to.equal('BadRequest_NotFound');
      expect((await t.raw('GET', 'nothingHere')).body.error.code).to.equal('BadRequest_NotFound');
    });

    it('saves Password mandatory and Allow PIN code with If-Match, and refuses a stale etag without overwriting', async () => {
      await t.as('ADMIN');
      const lars = await t.setupOf('LARS');
      const first = await t.client.updateUserSetup(lars, { passwordMandatory: true });
      expect(first).to.include({ passwordMandatory: true, allowPinCode: true });
      expect(first['@odata.etag']).to.not.equal(lars['@odata.etag']);
      const stale = await failure(t.client.updateUserSetup(lars, { passwordMandatory: false }));
      expect([stale.code, stale.status]).to.deep.equal(['Request_EntityChanged', 409]);
      expect(await t.client.getUserSetup(lars.id)).to.deep.equal(first);
      const star = await t.client.updateUserSetup({ id: lars.id, '@odata.etag': '*' }, { passwordMandatory: false });
      expect(star.passwordMandatory).to.equal(false);
    });

    it('refuses Password mandatory without Allow PIN code, whichever setting is changed, and keeps the setup', async () => {
      await t.as('ADMIN');
      const lars = await t.setupOf('LARS');
      const both = await failure(t.client.updateUserSetup(lars, { passwordMandatory: true, allowPinCode: false }));
      expect([both.code, both.status]).to.deep.equal(['UserSetup_PasswordNeedsPinCode', 400]);
      const mandatory = await t.client.updateUserSetup(lars, { passwordMandatory: true });
      const off = await failure(t.client.updateUserSetup(mandatory, { allowPinCode: false }));
      expect([off.code, off.status]).to.deep.equal(['UserSetup_PasswordNeedsPinCode', 400]);
      expect(off.message).to.match(/Turn off Password mandatory first/);
      expect(await t.client.getUserSetup(lars.id)).to.deep.equal(mandatory);
      const peter = await t.setupOf('PETER');
      const on = await failure(t.client.updateUserSetup(peter, { passwordMandatory: true }));
      expect([on.code, on.message]).to.deep.equal([
        'UserSetup_PasswordNeedsPinCode',
        'Password mandatory needs PIN codes allowed: PETER could not sign in on a device at all. Allow PIN codes first.',
      ]);
      // Decided on the setup as it is inside the write: two administrators, each turning on "their" half.
      const [a, b] = await Promise.all([
        t.client.updateUserSetup({ id: peter.id, '@odata.etag': '*' }, { passwordMandatory: true }).catch((e) => e),
        t.client.updateUserSetup({ id: peter.id, '@odata.etag': '*' }, { allowPinCode: true }).catch((e) => e),
      ]);
      const final = await t.client.getUserSetup(peter.id);
      expect(final.passwordMandatory && !final.allowPinCode).to.equal(false);
      expect([a, b].filter((answer) => answer instanceof MobileFlowError).length).to.be.at.most(1);
    });

    it('answers BadRequest_InvalidToken without If-Match, and BadRequest_Malformed for fields it cannot change', async () => {
      await t.as('ADMIN');
      const lars = await t.setupOf('LARS');
      const json = { 'Content-Type': 'application/json' };
      const missing = await t.raw('PATCH', `userSetups(${lars.id})`, {
        body: JSON.stringify({ allowPinCode: false }),
        headers: json,
      });
      expect([missing.status, missing.body.error.code]).to.deep.equal([428, 'BadRequest_InvalidToken']);
      const etag = { ...json, 'If-Match': lars['@odata.etag'] };
      for (const body of [{ pinCodeStatus: 'set' }, { allowPinCode: 'yes' }, {}]) {
        const answer = await t.raw('PATCH', `userSetups(${lars.id})`, { body: JSON.stringify(body), headers: etag });
        expect([answer.status, answer.body.error.code], JSON.stringify(body)).to.deep.equal([
          400,
          'BadRequest_Malformed',
        ]);
      }
      expect(await t.client.getUserSetup(lars.id)).to.deep.equal(lars);
    });
  });

  describe('POST issueTemporaryPinCode, unlockPinCode and verifyPinCode', () => {
    it('issues a temporary code only to a user who may have one', async () => {
      await t.as('ADMIN');
      const peter = await t.setupOf('PETER');
      const error = await failure(t.client.issueTemporaryPinCode(peter.id));
      expect([error.code, error.status]).to.deep.equal(['PinCode_NotAllowed', 409]);
    });

    it('gives the same temporary code to a replayed Idempotency-Key, and issues it once', async () => {
      await t.as('ADMIN');
      const anna = await t.setupOf('ANNA');
      const first = await t.client.issueTemporaryPinCode(anna.id, {}, { idempotencyKey: 'issue-key-1' });
      const again = await t.client
        .issueTemporaryPinCode(anna.id, {}, { idempotencyKey: 'issue-key-1' })
        .catch((error: MobileFlowError) => error);
      if (t.host.kind === 'postgres' && again instanceof MobileFlowError) {
        // Two processes: the code stays in the memory of the one that issued it, and the other says it cannot show it
        // again (never a second code).
        expect(again.code).to.equal('Request_EntityChanged');
      } else expect(again).to.deep.equal(first);
      expect((await t.client.listPinCodeEvents(anna.id)).value.map((event) => event.type)).to.deep.equal([
        'temporaryIssued',
      ]);
    });

    it('locks after wrong codes on the device, and the administrator unlocks', async () => {
      const issued = await issue('ANNA');
      await t.as('ANNA');
      const resourceId = (await t.client.getSession()).resourceId!;
      const wrong = { valid: false, mustChange: false };
      expect(
        await t.client.verifyPinCode(resourceId, { pinCode: '55555555' }, { idempotencyKey: 'device-retry' }),
      ).to.deep.equal({ ...wrong, remainingAttempts: 4 });
      // A retry of the same device request is not a new guess.
      expect(
        await t.client.verifyPinCode(resourceId, { pinCode: '55555555' }, { idempotencyKey: 'device-retry' }),
      ).to.deep.equal({ ...wrong, remainingAttempts: 4 });
      for (const remaining of [3, 2, 1]) {
        expect(await t.client.verifyPinCode(resourceId, { pinCode: '55555555' })).to.deep.equal({
          ...wrong,
          remainingAttempts: remaining,
        });
      }
      expect((await failure(t.client.verifyPinCode(resourceId, { pinCode: '55555555' }))).code).to.equal(
        'PinCode_Locked',
      );
      const locked = await failure(t.client.verifyPinCode(resourceId, { pinCode: issued.pinCode }));
      expect([locked.code, locked.status, locked.lockedUntil]).to.deep.equal([
        'PinCode_Locked',
        423,
        new Date(t.now().getTime() + 15 * 60_000).toISOString(),
      ]);

      await t.as('ADMIN');
      const lockedSetup = await t.client.listUserSetups({ lockedOnly: true, search: 'ANNA' });
      expect(lockedSetup.value.map((setup) => setup.userId)).to.deep.equal(['ANNA']);
      const unlocked = await t.client.unlockPinCode(issued.userSetup.id);
      expect(unlocked.lockedUntil).to.equal(null);
      await t.as('ANNA');
      expect(await t.client.verifyPinCode(resourceId, { pinCode: issued.pinCode })).to.deep.equal({
        valid: true,
        mustChange: true,
      });
      await t.as('ADMIN');
      expect((await t.client.listPinCodeEvents(issued.userSetup.id)).value.map((event) => event.type)).to.deep.equal([
        'unlocked',
        'locked',
        'failedAttempt',
        'failedAttempt',
        'failedAttempt',
        'failedAttempt',
        'failedAttempt',
        'temporaryIssued',
      ]);
    });

    it('answers PinCode_NotAllowed on the device for a user without PIN codes, and BadRequest_NotFound for no resource', async () => {
      await t.as('ADMIN');
      const peter = await t.setupOf('PETER');
      expect((await failure(t.client.verifyPinCode(peter.resourceId!, { pinCode: '739204' }))).code).to.equal(
        'PinCode_NotAllowed',
      );
      expect((await failure(t.client.verifyPinCode(crypto.randomUUID(), { pinCode: '739204' }))).code).to.equal(
        'BadRequest_NotFound',
      );
      expect((await failure(t.client.unlockPinCode(crypto.randomUUID()))).code).to.equal('BadRequest_NotFound');
      expect((await failure(t.client.listPinCodeEvents(crypto.randomUUID()))).code).to.equal('BadRequest_NotFound');
    });
  });

  describe('a failing host', () => {
    it('answers Internal_ServerError and changes nothing', async () => {
      const issued = await issue('ANNA');
      await t.as('ANNA');
      await t.host.failNextRequest();
      const error = await failure(t.client.changePinCode({ currentPinCode: issued.pinCode, newPinCode: '739204' }));
      expect([error.code, error.status]).to.deep.equal(['Internal_ServerError', 500]);
      expect((await t.client.getSession()).pinCodeStatus).to.equal('temporary');
    });
  });

  describe('the whole contract', () => {
    it('was answered as documented, on every operation and with every error code', () => {
      expect(recorder.problems).to.deep.equal([]);
      expect([...recorder.succeeded].sort()).to.deep.equal(OPERATIONS.map((operation) => operation.operationId).sort());
      // Every code; through the bridge, all but the one about HTTP media types, which the bridge does not carry.
      const reachable = ERROR_CODES.filter((code) => kind !== 'bridge' || code !== 'BadRequest_UnsupportedMediaType');
      expect([...recorder.errorCodes].sort()).to.deep.equal([...reachable].sort());
    });
  });
}
