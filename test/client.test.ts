import { expect } from '@open-wc/testing';
import { createMobileFlowClient, MobileFlowError, userSetupFilter } from '../src/api/index.js';
import { randomId } from '../src/domain/index.js';
import { failure } from './support/contract-suite.js';

interface Sent {
  url: string;
  method: string;
  headers: Headers;
  body?: string;
}

/** A fetch that records what it was sent and answers with `answer`. */
function fakeFetch(answer: (sent: Sent, signal: AbortSignal) => Promise<Response> | Response) {
  const sent: Sent[] = [];
  const fetchImpl: typeof fetch = async (input, init = {}) => {
    const request: Sent = {
      url: String(input),
      method: init.method ?? 'GET',
      headers: new Headers(init.headers),
      body: init.body as string | undefined,
    };
    sent.push(request);
    return answer(request, init.signal!);
  };
  return { sent, fetchImpl };
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const setup = { id: 'a6af19e6-e65c-42fd-b808-204d23715f94', '@odata.etag': 'W/"7"' };

describe('the typed client', () => {
  it('sends one request per contract row, to the right URL, with JSON', async () => {
    const { sent, fetchImpl } = fakeFetch(() => json(200, {}));
    const client = createMobileFlowClient({ baseUrl: '/api/mobileflow/v1.0/', fetch: fetchImpl });
    await client.getSession();
    await client.changePinCode({ currentPinCode: '58203917', newPinCode: '739204' });
    await client.listUserSetups({
      top: 50,
      skip: 100,
      orderBy: { field: 'displayName', direction: 'desc' },
      search: "O'Brien",
      pinCodeStatus: 'set',
      lockedOnly: true,
    });
    await client.getUserSetup(setup.id);
    await client.updateUserSetup(setup, { allowPinCode: false });
    await client.issueTemporaryPinCode(setup.id);
    await client.unlockPinCode(setup.id);
    await client.listPinCodeEvents(setup.id);
    await client.getResource(setup.id);
    await client.verifyPinCode(setup.id, { pinCode: '739204' });
    const id = `(${setup.id})`;
    expect(
      sent.map((request) => `${request.method} ${decodeURIComponent(request.url).replace(/\+/g, ' ')}`),
    ).to.deep.equal([
      'GET /api/mobileflow/v1.0/session',
      'POST /api/mobileflow/v1.0/session/Microsoft.NAV.changePinCode',
      "GET /api/mobileflow/v1.0/userSetups?$top=50&$skip=100&$orderby=displayName desc&$filter=(contains(userId,'O''Brien') or contains(displayName,'O''Brien')) and pinCodeStatus eq 'set' and lockedUntil gt now()&$count=true",
      `GET /api/mobileflow/v1.0/userSetups${id}`,
      `PATCH /api/mobileflow/v1.0/userSetups${id}`,
      `POST /api/mobileflow/v1.0/userSetups${id}/Microsoft.NAV.issueTemporaryPinCode`,
      `POST /api/mobileflow/v1.0/userSetups${id}/Microsoft.NAV.unlockPinCode`,
      `GET /api/mobileflow/v1.0/userSetups${id}/pinCodeEvents`,
      `GET /api/mobileflow/v1.0/resources${id}`,
      `POST /api/mobileflow/v1.0/resources${id}/Microsoft.NAV.verifyPinCode`,
    ]);
    expect(JSON.parse(sent[1].body!)).to.deep.equal({ currentPinCode: '58203917', newPinCode: '739204' });
    expect(sent[1].headers.get('Content-Type')).to.equal('application/json');
    expect(sent.every((request) => request.headers.get('Accept') === 'application/json')).to.equal(true);
  });

  it("sends If-Match from the entity's @odata.etag", async () => {
    const { sent, fetchImpl } = fakeFetch(() => json(200, {}));
    await createMobileFlowClient({ baseUrl: '/api', fetch: fetchImpl }).updateUserSetup(setup, {
      passwordMandatory: true,
    });
    expect(sent[0].headers.get('If-Match')).to.equal('W/"7"');
  });

  it('sends a fresh Idempotency-Key per action and none on reads', async () => {
    const { sent, fetchImpl } = fakeFetch(() => json(200, {}));
    const client = createMobileFlowClient({ baseUrl: '/api', fetch: fetchImpl });
    await client.unlockPinCode(setup.id);
    await client.unlockPinCode(setup.id);
    await client.getSession();
    const [first, second, read] = sent.map((request) => request.headers.get('Idempotency-Key'));
    expect(first).to.match(/^[0-9a-f-]{36}$/);
    expect(second).to.match(/^[0-9a-f-]{36}$/);
    expect(first).to.not.equal(second);
    expect(read).to.equal(null);
  });

  it('retries a network failure with the same Idempotency-Key, and hands the key back when it gives up', async () => {
    const { sent, fetchImpl } = fakeFetch(() => Promise.reject(new TypeError('Failed to fetch')));
    const client = createMobileFlowClient({ baseUrl: '/api', fetch: fetchImpl, retries: 2 });
    const error = await failure(client.changePinCode({ currentPinCode: '58203917', newPinCode: '739204' }));
    expect([error.code, error.status, error.retryable]).to.deep.equal(['Client_NetworkFailure', 0, true]);
    expect(error.message).to.equal('The host could not be reached.');
    const keys = sent.map((request) => request.headers.get('Idempotency-Key'));
    expect(keys).to.have.length(3);
    expect(new Set(keys).size).to.equal(1);
    expect(error.idempotencyKey).to.equal(keys[0]);

    await failure(
      client.changePinCode(
        { currentPinCode: '58203917', newPinCode: '739204' },
        { idempotencyKey: error.idempotencyKey },
      ),
    );
    expect(sent[3].headers.get('Idempotency-Key')).to.equal(error.idempotencyKey);
  });

  it('gives Client_Timeout when the host does not answer in time', async () => {
    const { fetchImpl } = fakeFetch(
      (_, signal) => new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason))),
    );
    const error = await failure(
      createMobileFlowClient({ baseUrl: '/api', fetch: fetchImpl, timeoutMs: 20 }).getSession(),
    );
    expect([error.code, error.retryable]).to.deep.equal(['Client_Timeout', true]);
  });

  it("gives Client_Aborted when the caller's signal ends the request", async () => {
    const { fetchImpl } = fakeFetch(
      (_, signal) => new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason))),
    );
    const controller = new AbortController();
    const call = createMobileFlowClient({ baseUrl: '/api', fetch: fetchImpl }).getSession({
      signal: controller.signal,
    });
    controller.abort();
    const error = await failure(call);
    expect([error.code, error.retryable]).to.deep.equal(['Client_Aborted', false]);
  });

  it('gives Client_InvalidResponse for a body that is not the contract JSON', async () => {
    for (const response of [
      () => new Response('<html>Bad gateway</html>', { status: 502 }),
      () => new Response('not json', { status: 200 }),
      () => new Response('', { status: 200 }),
      () => json(500, { message: 'no error object' }),
    ]) {
      const { fetchImpl } = fakeFetch(response);
      const error = await failure(createMobileFlowClient({ baseUrl: '/api', fetch: fetchImpl }).getSession());
      expect(error.code).to.equal('Client_InvalidResponse');
    }
  });

  it('gives Client_UnknownError, keeping the host code, for an error code outside the contract', async () => {
    const { fetchImpl } = fakeFetch(() => json(418, { error: { code: 'Teapot_Brewing', message: 'I am a teapot' } }));
    const error = await failure(createMobileFlowClient({ baseUrl: '/api', fetch: fetchImpl }).getSession());
    expect([error.code, error.status, error.hostCode, error.message]).to.deep.equal([
      'Client_UnknownError',
      418,
      'Teapot_Brewing',
      'I am a teapot',
    ]);
  });

  it('carries remainingAttempts, lockedUntil and details from the host', async () => {
    const answers = [
      json(403, { error: { code: 'PinCode_CurrentInvalid', message: 'wrong', remainingAttempts: 2 } }),
      json(423, { error: { code: 'PinCode_Locked', message: 'locked', lockedUntil: '2026-11-26T09:15:00.000Z' } }),
      json(400, { error: { code: 'PinCode_PolicyViolation', message: 'weak', details: [{ rule: 'sequence' }] } }),
    ];
    const { fetchImpl } = fakeFetch(() => answers.shift()!);
    const client = createMobileFlowClient({ baseUrl: '/api', fetch: fetchImpl });
    const request = { currentPinCode: '58203917', newPinCode: '123456' };
    const wrong = await failure(client.changePinCode(request));
    expect([wrong.code, wrong.status, wrong.remainingAttempts]).to.deep.equal(['PinCode_CurrentInvalid', 403, 2]);
    expect((await failure(client.changePinCode(request))).lockedUntil).to.equal('2026-11-26T09:15:00.000Z');
    expect((await failure(client.changePinCode(request))).details).to.deep.equal([{ rule: 'sequence' }]);
    expect(wrong).to.be.instanceOf(MobileFlowError);
    expect(wrong.retryable).to.equal(false);
  });

  it('builds no $filter when nothing is filtered', () => {
    expect(userSetupFilter({ search: '   ' })).to.equal(undefined);
  });
});

describe('randomId', () => {
  it('makes version 4 UUIDs where crypto.randomUUID is missing (pages served over plain http)', () => {
    Object.defineProperty(crypto, 'randomUUID', { configurable: true, value: undefined });
    try {
      const ids = Array.from({ length: 200 }, () => randomId());
      for (const id of ids)
        expect(id).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(new Set(ids).size).to.equal(ids.length);
    } finally {
      delete (crypto as { randomUUID?: unknown }).randomUUID;
    }
    expect(typeof crypto.randomUUID).to.equal('function');
  });
});
