// The contract through Business Central's codeunit web service, proven end to end over real HTTP: the server host
// answers the envelope at POST /ODataV4/MobileFlowPin_Handle, and the client speaks it through
// createBusinessCentralFetch. Runs the built modules: dist/server and the DOM-free client.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { serve } from '@hono/node-server';
import {
  createBusinessCentralFetch,
  createMobileFlowClient,
  ENVELOPE_BASE_URL,
  MobileFlowError,
} from '../../dist/lib/client.js';
import { createHostHandler, identifyByDevelopmentToken, issueDevelopmentTokens } from '../../dist/server/index.js';

let host;
let server;
let url;
let tokens;

before(async () => {
  let identify = async () => null;
  host = await createHostHandler({
    database: 'memory://',
    seed: 'demo',
    identify: (request) => identify(request),
    policy: { maxDeviceFailures: 5 },
  });
  identify = identifyByDevelopmentToken(host.database);
  tokens = await issueDevelopmentTokens(host.database, [
    { userId: 'ADMIN' },
    { userId: 'ANNA' },
    { userId: 'LARS' },
    { device: 'device' },
  ]);
  server = await new Promise((resolve) => {
    const started = serve({ fetch: host, port: 0, hostname: '127.0.0.1' }, () => resolve(started));
  });
  url = `http://127.0.0.1:${server.address().port}/ODataV4/MobileFlowPin_Handle?company=CRONUS`;
});

after(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await host?.close();
});

/** A client whose every request travels as an envelope through the codeunit web service, as `who`. */
const clientAs = (who) =>
  createMobileFlowClient({
    baseUrl: ENVELOPE_BASE_URL,
    fetch: createBusinessCentralFetch({ url, headers: { Authorization: `Bearer ${tokens[who]}` } }),
    retries: 0,
  });

const failure = (promise) =>
  promise.then(
    () => assert.fail('it succeeded'),
    (error) => {
      assert.ok(error instanceof MobileFlowError, String(error));
      return error;
    },
  );

/** POSTs `body` (text) to the web service as ANNA and gives the status and JSON answer. */
async function call(body, { method = 'POST', who = 'ANNA' } = {}) {
  const response = await fetch(url, {
    method,
    headers: { Authorization: `Bearer ${tokens[who]}`, 'Content-Type': 'application/json' },
    body: method === 'GET' ? undefined : body,
  });
  return { status: response.status, body: await response.json() };
}

describe('the contract through the codeunit web service (envelope)', () => {
  test('the administrator issues a code and Anna changes it, every call an envelope', async () => {
    const admin = clientAs('ADMIN');
    const anna = clientAs('ANNA');
    assert.equal((await anna.getSession()).userId, 'ANNA');
    const page = await admin.listUserSetups({ search: 'ANNA', count: true });
    assert.equal(page['@odata.count'], 1);
    const setup = page.value[0];
    const { pinCode } = await admin.issueTemporaryPinCode(setup.id);
    await anna.changePinCode({ currentPinCode: pinCode, newPinCode: '739204' });
    const device = clientAs('device');
    assert.deepEqual(await device.verifyPinCode(setup.resourceId, { pinCode: '739204' }), {
      valid: true,
      mustChange: false,
    });
    // If-Match travels: a stale etag is the contract's 412 inside the envelope.
    const read = await admin.getUserSetup(setup.id);
    const updated = await admin.updateUserSetup(read, { passwordMandatory: true });
    const stale = await failure(admin.updateUserSetup(read, { passwordMandatory: false }));
    assert.equal(stale.code, 'Request_EntityChanged');
    assert.equal(updated.passwordMandatory, true);
  });

  test("the contract's statuses, codes and headers come back inside: 403, 404, 429 with Retry-After", async () => {
    const anna = clientAs('ANNA');
    const lars = (await clientAs('ADMIN').listUserSetups({ search: 'LARS' })).value[0];
    assert.equal((await failure(anna.listUserSetups())).code, 'Authorization_Denied');
    assert.equal(
      (await failure(anna.verifyPinCode(lars.resourceId, { pinCode: '000000' }))).code,
      'Authorization_Denied',
    );
    const device = clientAs('device');
    assert.equal(
      (await failure(device.getResource('00000000-0000-4000-8000-000000000000'))).code,
      'BadRequest_NotFound',
    );
    // Five wrong codes spread over users, then the device is held back: Retry-After travels in the envelope.
    const users = (await clientAs('ADMIN').listUserSetups({ pinCodeStatus: 'set', top: 5 })).value;
    for (const user of users) await device.verifyPinCode(user.resourceId, { pinCode: '000000' }).catch(() => undefined);
    const held = await failure(device.verifyPinCode(users[0].resourceId, { pinCode: '000000' }));
    assert.equal(held.code, 'Request_TooManyRequests');
    assert.ok(held.retryAfter > 0 && held.retryAfter <= 600, `retryAfter ${held.retryAfter}`);
  });

  test('who the caller is travels outside the envelope: an unknown token is 401 inside it', async () => {
    const stranger = createMobileFlowClient({
      baseUrl: ENVELOPE_BASE_URL,
      fetch: createBusinessCentralFetch({ url, headers: { Authorization: 'Bearer not-a-token' } }),
      retries: 0,
    });
    assert.equal((await failure(stranger.getSession())).status, 401);
  });

  test('a call that carries no envelope is a clear 400, never a 500, and changes nothing', async () => {
    const cases = [
      ['not json', 'The call is not JSON: send {"requestJson": "<request envelope>"}.'],
      ['{}', 'The call has no "requestJson" text: send {"requestJson": "<request envelope>"}.'],
      ['{"requestJson": 3}', 'The call has no "requestJson" text: send {"requestJson": "<request envelope>"}.'],
      ['{"requestJson": "nope"}', 'The request envelope is not JSON.'],
      [
        '{"requestJson": "{\\"method\\":\\"GET\\",\\"path\\":\\"session\\"}"}',
        'The request envelope has no id: "id" must be a text of 1 to 100 characters.',
      ],
      [
        '{"requestJson": "{\\"id\\":\\"a\\",\\"method\\":\\"GET\\",\\"path\\":\\"/etc/passwd\\"}"}',
        'The request envelope\'s "path" must be a path relative to the contract\'s base, e.g. "session".',
      ],
      [
        JSON.stringify({
          requestJson: JSON.stringify({ id: 'a', method: 'POST', path: 'session', body: 'x'.repeat(70_000) }),
        }),
        /^The request envelope is \d+ bytes, over the limit of 65536 bytes\.$/,
      ],
    ];
    for (const [body, words] of cases) {
      const answer = await call(body);
      assert.equal(answer.status, 400, body.slice(0, 80));
      assert.equal(answer.body.error.code, 'BadRequest_Malformed');
      if (typeof words === 'string') assert.equal(answer.body.error.message, words);
      else assert.match(answer.body.error.message, words);
    }
    const get = await call(undefined, { method: 'GET' });
    assert.deepEqual([get.status, get.body.error.code], [400, 'BadRequest_Malformed']);
    // A body that is not JSON inside a good envelope is the contract's own 400, from the host core.
    const inner = await call(
      JSON.stringify({
        requestJson: JSON.stringify({
          id: 'b',
          method: 'POST',
          path: 'session/Microsoft.NAV.changePinCode',
          body: '{not json',
        }),
      }),
    );
    assert.equal(inner.status, 200);
    const answer = JSON.parse(inner.body.value);
    assert.deepEqual(
      [answer.id, answer.status, JSON.parse(answer.body).error.code],
      ['b', 400, 'BadRequest_Malformed'],
    );
  });

  test('a burst of envelopes in parallel: each caller gets the answer to its own request', async () => {
    const admin = clientAs('ADMIN');
    const ids = ['ANNA', 'LARS', 'IDA', 'JONAS', 'KASPER', 'LAURA', 'MARIA', 'HENRIK'];
    const pages = await Promise.all(ids.map((search) => admin.listUserSetups({ search })));
    // Each page is the answer to its own search ('LARS' finds Ida Larsen too).
    pages.forEach((page, i) =>
      assert.ok(
        page.value.some((setup) => setup.userId === ids[i]),
        `${ids[i]}: ${page.value.map((setup) => setup.userId)}`,
      ),
    );
  });
});
