import { expect } from '@open-wc/testing';
import { createMobileFlowClient } from '../src/api/index.js';
import { startMockHost, type MockHost } from '../src/mock/index.js';
import { failure } from './support/contract-suite.js';
import { snapshotDatabase } from './support/database-snapshot.js';

const TEMPORARY = '58203917';
const USER_CODES = ['739204', '640183'];
const WRONG_GUESS = '917305';
const CONSOLE_METHODS = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;

for (const transport of ['msw', 'direct'] as const) {
  describe(`no PIN code leaks out of the host (${transport})`, () => {
    let host: MockHost;
    let dbName: string;
    const answers: Array<{ url: string; body: string }> = [];
    const consoleLines: string[] = [];
    const originals = new Map<string, (...args: unknown[]) => void>();

    before(async () => {
      for (const method of CONSOLE_METHODS) {
        originals.set(method, console[method]);
        console[method] = (...args: unknown[]) => {
          consoleLines.push(
            args.map((arg) => (typeof arg === 'string' ? arg : (JSON.stringify(arg) ?? String(arg)))).join(' '),
          );
        };
      }
      dbName = `leak-${crypto.randomUUID()}`;
      host = await startMockHost({ transport, dbName });
      const recordingFetch: typeof fetch = async (input, init) => {
        const response = await host.fetch(input, init);
        answers.push({ url: String(input), body: await response.clone().text() });
        return response;
      };
      const client = createMobileFlowClient({ baseUrl: host.baseUrl, fetch: recordingFetch });
      const device = createMobileFlowClient({
        baseUrl: host.baseUrl,
        fetch: recordingFetch,
        headers: { Authorization: `Bearer ${host.deviceTokenFor('handheld')}` },
      });

      // The scripted flow: the administrator hands out a code, the user replaces it twice, a device and a guesser try codes.
      await host.signIn('ADMIN');
      const anna = (await client.listUserSetups({ search: 'ANNA' })).value[0];
      await client.issueTemporaryPinCode(anna.id, { pinCode: TEMPORARY });
      await host.signIn('ANNA');
      await device.verifyPinCode(anna.resourceId!, { pinCode: TEMPORARY });
      await client.changePinCode(
        { currentPinCode: TEMPORARY, newPinCode: USER_CODES[0] },
        { idempotencyKey: 'leak-change-1' },
      );
      await client.changePinCode(
        { currentPinCode: TEMPORARY, newPinCode: USER_CODES[0] },
        { idempotencyKey: 'leak-change-1' },
      );
      await failure(client.changePinCode({ currentPinCode: WRONG_GUESS, newPinCode: USER_CODES[1] }));
      await failure(client.changePinCode({ currentPinCode: USER_CODES[0], newPinCode: '123456' }));
      await client.changePinCode({ currentPinCode: USER_CODES[0], newPinCode: USER_CODES[1] });
      await failure(client.changePinCode({ currentPinCode: USER_CODES[1], newPinCode: USER_CODES[0] }));
      await device.verifyPinCode(anna.resourceId!, { pinCode: USER_CODES[1] });
      await device.verifyPinCode(anna.resourceId!, { pinCode: WRONG_GUESS });
      await device.getResource(anna.resourceId!);
      await client.getResource(anna.resourceId!);
      await client.getSession();
      await host.signIn('ADMIN');
      await client.getUserSetup(anna.id);
      await client.listUserSetups({ search: 'anna' });
      await client.listPinCodeEvents(anna.id);
    });

    after(async () => {
      for (const method of CONSOLE_METHODS) console[method] = originals.get(method)!;
      await host.stop({ deleteData: true });
    });

    it('shows the temporary code once, in the answer that issues it, and no other code in any answer', () => {
      expect(answers.length).to.be.greaterThan(10);
      const withTemporary = answers.filter((answer) => answer.body.includes(TEMPORARY));
      expect(withTemporary.map((answer) => answer.url)).to.have.length(1);
      expect(withTemporary[0].url).to.match(/issueTemporaryPinCode$/);
      for (const code of [...USER_CODES, WRONG_GUESS]) {
        expect(
          answers.filter((answer) => answer.body.includes(code)).map((answer) => answer.url),
          code,
        ).to.deep.equal([]);
      }
      expect(answers.filter((answer) => answer.body.includes('$argon2')).map((answer) => answer.url)).to.deep.equal([]);
    });

    it('stores no code in IndexedDB, only argon2id hashes with OWASP parameters', async () => {
      const records = JSON.stringify(await snapshotDatabase(dbName));
      for (const code of [TEMPORARY, ...USER_CODES, WRONG_GUESS]) expect(records.includes(code), code).to.equal(false);
      const hashes = records.match(/\$argon2[a-z]*\$[^"]+/g) ?? [];
      expect(hashes.length).to.be.greaterThan(0);
      for (const hash of hashes)
        expect(hash).to.match(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    });

    it('puts no code in localStorage, sessionStorage or the console', () => {
      const storage = JSON.stringify([{ ...localStorage }, { ...sessionStorage }]);
      const printed = consoleLines.join('\n');
      for (const code of [TEMPORARY, ...USER_CODES, WRONG_GUESS]) {
        expect(storage.includes(code), `storage: ${code}`).to.equal(false);
        expect(printed.includes(code), `console: ${code}`).to.equal(false);
      }
    });
  });
}
