import { expect } from '@open-wc/testing';
import { MobileFlowError } from '../src/api/index.js';
import type { UserSetup } from '../src/domain/index.js';
import { failure, startHarness, type Harness } from './support/contract-suite.js';

/**
 * The reference hosts beyond the contract: the demo's users and what our hosts say in words. The contract itself is
 * proved by the conformance kit (contract.*.test.ts); these tests know the seeded data (21 users, ANNA, IDA Larsen,
 * Søren…) and the exact messages of our host core, which another host may word differently.
 */
for (const kind of ['direct', 'server'] as const) {
  describe(`the reference host (${kind}): the demo's data and the host core's words`, () => {
    let t: Harness;
    beforeEach(async () => {
      t = await startHarness(kind);
    });
    afterEach(async () => {
      await t?.host.stop();
    });

    async function issue(userId: string) {
      await t.as('ADMIN');
      return t.client.issueTemporaryPinCode((await t.setupOf(userId)).id);
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
    });

    describe('bad input', () => {
      it('answers BadRequest_UnsupportedMediaType to a body that is not sent as JSON, and changes nothing', async () => {
        const issued = await issue('ANNA');
        await t.as('ANNA');
        const body = JSON.stringify({ currentPinCode: issued.pinCode, newPinCode: '739204' });
        if (t.host.kind === 'bridge') {
          // The add-in bridge carries JSON text to AL, not HTTP media types: the Content-Type never reaches the host.
          const through = await t.raw('POST', 'session/Microsoft.NAV.changePinCode', {
            body,
            headers: { 'Content-Type': 'text/plain' },
          });
          expect(through.status).to.equal(200);
          return;
        }
        for (const contentType of [
          undefined,
          'text/plain',
          'application/x-www-form-urlencoded',
          'multipart/form-data',
        ]) {
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
      it('forgets a key after 24 hours: the same key is then a new request', async () => {
        await issue('ANNA');
        await t.as('ANNA');
        const resourceId = (await t.client.getSession()).resourceId!;
        const guess = () =>
          t.device.verifyPinCode(resourceId, { pinCode: '55555555' }, { idempotencyKey: 'day-old-key' });
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
          const set = page.value
            .filter((setup) => setup.pinCodeStatus === 'set')
            .map((setup) => setup.pinCodeChangedAt!);
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
          [
            `$filter=${encodeURIComponent("pinCodeStatus eq 'weak'")}`,
            /pinCodeStatus is one of notSet, temporary, set/,
          ],
        ];
        for (const [query, message] of cases) {
          const answer = await t.raw('GET', `userSetups?${query}`);
          expect([answer.status, answer.body.error.code], query).to.deep.equal([400, 'BadRequest_Malformed']);
          expect(answer.body.error.message, query).to.match(message);
        }
      });
    });

    describe('words', () => {
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
      it('tells devices whether to ask for a PIN code, and answers PinCode_NotSet, uncounted, to a user without one', async () => {
        await t.as('ADMIN');
        const [emma, anna, peter] = [await t.setupOf('EMMA'), await t.setupOf('ANNA'), await t.setupOf('PETER')];
        const required = async (setup: UserSetup) => (await t.client.getResource(setup.resourceId!)).pinCodeRequired;
        // EMMA: Password mandatory and no PIN code: she cannot sign in until an administrator issues one.
        expect([emma.passwordMandatory, emma.pinCodeStatus, await required(emma)]).to.deep.equal([
          true,
          'notSet',
          true,
        ]);
        // ANNA: no Password mandatory, no PIN code: the device asks for none. PETER: PIN codes off.
        expect(await required(anna)).to.equal(false);
        expect(await required(peter)).to.equal(false);
        for (const setup of [emma, anna]) {
          for (const pinCode of ['739204', '']) {
            const notSet = await failure(t.device.verifyPinCode(setup.resourceId!, { pinCode }));
            expect([notSet.code, notSet.status]).to.deep.equal(['PinCode_NotSet', 409]);
            expect(notSet.message).to.match(/temporary PIN code/);
          }
          expect((await t.client.listPinCodeEvents(setup.id)).value).to.deep.equal([]);
        }
        expect((await failure(t.device.verifyPinCode(peter.resourceId!, { pinCode: '739204' }))).code).to.equal(
          'PinCode_NotAllowed',
        );
        // Once ANNA holds a PIN code, the device asks for it.
        const issued = await t.client.issueTemporaryPinCode(anna.id);
        expect(await required(anna)).to.equal(true);
        expect(await t.device.verifyPinCode(anna.resourceId!, { pinCode: issued.pinCode })).to.deep.equal({
          valid: true,
          mustChange: true,
        });
      });
    });
  });
}
