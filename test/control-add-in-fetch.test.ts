import { expect } from '@open-wc/testing';
import {
  createControlAddInFetch,
  createMobileFlowClient,
  MobileFlowError,
  REQUEST_ENVELOPE_LIMIT,
  type TransportError,
} from '../src/api/index.js';
import { startMockHost, type MockHost, TEST_ARGON2ID } from '../src/mock/index.js';
import { errorWords } from '../src/elements/words.js';
import { simulatedAl, type SimulatedAlOptions } from './support/simulated-al.js';

describe('the Business Central add-in bridge (createControlAddInFetch)', () => {
  let host: MockHost;
  beforeEach(async () => {
    host = await startMockHost({
      argon2idCost: TEST_ARGON2ID,
      transport: 'direct',
      dbName: `bridge-${crypto.randomUUID()}`,
    });
    await host.signIn('ADMIN');
  });
  afterEach(() => host.stop({ deleteData: true }));

  /** A client in an add-in whose AL answers through the mock host. */
  function addIn(options: Partial<SimulatedAlOptions> = {}, timeoutMs?: number) {
    const al = simulatedAl({ serve: (request) => host.fetch(request), baseUrl: host.baseUrl, ...options });
    const addInFetch = createControlAddInFetch({ baseUrl: host.baseUrl, nav: al.nav });
    al.answerTo(addInFetch.receive);
    const client = createMobileFlowClient({ baseUrl: host.baseUrl, fetch: addInFetch, timeoutMs, retries: 0 });
    return { al, addInFetch, client };
  }

  it('matches answers to requests by id, whatever order AL answers in', async () => {
    // The first request is answered last.
    const { al, client } = addIn({ delayMs: (request) => (request?.path === 'session' ? 80 : 5) });
    const [session, page] = await Promise.all([client.getSession(), client.listUserSetups({ search: 'ANNA' })]);
    expect(session.userId).to.equal('ADMIN');
    expect(page.value.map((setup) => setup.userId)).to.deep.equal(['ANNA']);
    expect(al.seen.map((request) => request.path.split('?')[0])).to.deep.equal(['session', 'userSetups']);
    const query = new URLSearchParams(al.seen[1].path.split('?')[1]);
    expect([query.get('$filter'), query.get('$count')]).to.deep.equal([
      "(contains(userId,'ANNA') or contains(displayName,'ANNA'))",
      'true',
    ]);
  });

  it('hands AL the path under the base, the JSON text and only If-Match and Idempotency-Key', async () => {
    const { al, client } = addIn();
    const anna = (await client.listUserSetups({ search: 'ANNA' })).value[0];
    await client.updateUserSetup(anna, { passwordMandatory: true });
    await client.unlockPinCode(anna.id, { idempotencyKey: 'bridge-unlock-1' });
    const [, patch, unlock] = al.seen;
    expect(patch).to.deep.include({
      method: 'PATCH',
      path: `userSetups(${anna.id})`,
      headers: { 'If-Match': anna['@odata.etag'] },
      body: '{"passwordMandatory":true}',
    });
    expect(unlock).to.deep.include({ method: 'POST', headers: { 'Idempotency-Key': 'bridge-unlock-1' }, body: null });
  });

  it('fails with Client_Timeout when AL never answers, and goes on with the next request', async () => {
    const { client } = addIn({ drops: (request) => request.path === 'session' }, 300);
    const error = await client.getSession().catch((caught) => caught);
    expect(error).to.be.instanceOf(MobileFlowError);
    expect((error as MobileFlowError).code).to.equal('Client_Timeout');
    expect((await client.listUserSetups({ search: 'ANNA' })).value).to.have.length(1);
  });

  it('fails with Client_Aborted when the caller aborts, and ignores the late answer', async () => {
    const { client } = addIn({ delayMs: () => 100 });
    const controller = new AbortController();
    const call = client.getSession({ signal: controller.signal }).catch((caught) => caught);
    setTimeout(() => controller.abort(), 10);
    expect(((await call) as MobileFlowError).code).to.equal('Client_Aborted');
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect((await client.getSession()).userId).to.equal('ADMIN');
  });

  it('never calls AL while the web client is busy, and sends what waited once it is not', async () => {
    const { al, client } = addIn();
    al.setBusy(true);
    const waiting = Promise.all([client.getSession(), client.getSession()]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(al.seen).to.have.length(0);
    al.setBusy(false);
    expect((await waiting).map((session) => session.userId)).to.deep.equal(['ADMIN', 'ADMIN']);
    expect(al.seen).to.have.length(2);
  });

  it('sends one request at a time, the next when the previous is answered, in the order the page sent them', async () => {
    let waiting = 0;
    let most = 0;
    const { al, client } = addIn({
      delayMs: () => {
        waiting += 1;
        most = Math.max(most, waiting);
        setTimeout(() => (waiting -= 1), 20);
        return 20;
      },
    });
    const searches = ['ANNA', 'CAMILLA', 'EMMA', 'FREJA', 'HENRIK', 'JONAS'];
    const pages = await Promise.all(searches.map((search) => client.listUserSetups({ search })));
    // Each caller got the answer to its own request.
    expect(pages.map((page) => page.value.map((setup) => setup.userId))).to.deep.equal(searches.map((id) => [id]));
    expect(most).to.equal(1);
    const sent = al.seen.map((request) => new URLSearchParams(request.path.split('?')[1]).get('$filter'));
    expect(sent).to.deep.equal(
      searches.map((search) => `(contains(userId,'${search}') or contains(displayName,'${search}'))`),
    );
  });

  it('fails a call Business Central refuses at once, in words that say so, and sends the next one', async () => {
    const { al, client } = addIn({ rejects: (request) => request.path === 'session' }, 30_000);
    const started = performance.now();
    const [refused, page] = await Promise.all([
      client.getSession().catch((caught) => caught),
      client.listUserSetups({ search: 'ANNA' }),
    ]);
    expect(refused).to.be.instanceOf(MobileFlowError);
    expect((refused as MobileFlowError).code).to.equal('Client_NetworkFailure');
    expect((refused as MobileFlowError).message).to.match(/^Business Central refused the request/);
    expect(((refused as MobileFlowError).cause as TransportError).failure).to.equal('refused');
    // What the elements say.
    expect(errorWords(refused)).to.equal('Business Central refused the request. Try again in a moment.');
    // Not after the client's 30 s timeout: the refusal came back with errorCallback.
    expect(performance.now() - started).to.be.below(10_000);
    expect(page.value.map((setup) => setup.userId)).to.deep.equal(['ANNA']);
    expect(al.seen.map((request) => request.path.split('?')[0])).to.deep.equal(['session', 'userSetups']);
  });

  it("answers an AL error as the contract's 500, and nothing was changed", async () => {
    const { client } = addIn({
      failsInAl: (request) =>
        request.method === 'PATCH' ? 'The field Password Mandatory cannot be changed.' : undefined,
    });
    const anna = (await client.listUserSetups({ search: 'ANNA' })).value[0];
    const error = (await client
      .updateUserSetup(anna, { passwordMandatory: !anna.passwordMandatory })
      .catch((caught) => caught)) as MobileFlowError;
    expect([error.code, error.status]).to.deep.equal(['Internal_ServerError', 500]);
    expect(error.message).to.equal(
      'The request failed in Business Central: The field Password Mandatory cannot be changed.',
    );
    expect((await client.getUserSetup(anna.id)).passwordMandatory).to.equal(anna.passwordMandatory);
  });

  it('takes a queued request out when its caller aborts, and never sends it', async () => {
    const { al, client } = addIn({ delayMs: () => 40 });
    const controller = new AbortController();
    const first = client.getSession();
    const second = client.listUserSetups({ search: 'BO' }, { signal: controller.signal }).catch((caught) => caught);
    const third = client.listUserSetups({ search: 'ANNA' });
    controller.abort();
    expect(((await second) as MobileFlowError).code).to.equal('Client_Aborted');
    await Promise.all([first, third]);
    expect(al.seen.map((request) => request.path.split('?')[0])).to.deep.equal(['session', 'userSetups']);
    expect(al.seen[1].path).to.contain('ANNA');
  });

  it('fails what is on its way and queued when the page closes (OnClosed), and sends nothing after', async () => {
    const { al, client } = addIn({ delayMs: () => 50 });
    const calls = [client.getSession(), client.getSession(), client.getSession()].map((call) =>
      call.catch((caught) => caught as MobileFlowError),
    );
    await new Promise((resolve) => setTimeout(resolve, 10));
    al.close();
    const errors = (await Promise.all(calls)) as MobileFlowError[];
    expect(errors.map((error) => error.code)).to.deep.equal(Array(3).fill('Client_NetworkFailure'));
    expect(errors[0].message).to.equal('The Business Central page closed before it answered.');
    const after = (await client.getSession().catch((caught) => caught)) as MobileFlowError;
    expect(after.code).to.equal('Client_NetworkFailure');
    expect(al.seen).to.have.length(1);
  });

  it("refuses a request over the envelope's limit before sending it, and sends it only once", async () => {
    const { al, client } = addIn();
    const anna = (await client.listUserSetups({ search: 'ANNA' })).value[0];
    const error = (await client
      .issueTemporaryPinCode(anna.id, { pinCode: '1'.repeat(REQUEST_ENVELOPE_LIMIT) })
      .catch((caught) => caught)) as MobileFlowError;
    expect([error.code, error.status]).to.deep.equal(['BadRequest_Malformed', 400]);
    expect(error.message).to.match(
      /^The request is \d+ bytes, over the envelope's limit of 65536\. It was not sent to Business Central\.$/,
    );
    expect(al.seen).to.have.length(1);
  });

  it('fails the request on its way when AL answers a broken envelope, and ignores answers for no request', async () => {
    const { addInFetch, client } = addIn({ drops: (request) => request.path === 'session' }, 5_000);
    const call = client.getSession().catch((caught) => caught as MobileFlowError);
    await new Promise((resolve) => setTimeout(resolve, 20));
    addInFetch.receive('{"id":"nobody","status":200,"headers":{},"body":"{}"}');
    addInFetch.receive('not json');
    const error = (await call) as MobileFlowError;
    expect(error.code).to.equal('Client_NetworkFailure');
    expect(error.message).to.equal('AL answered with a broken envelope: The answer envelope is not JSON.');
    expect((await client.listUserSetups({ search: 'ANNA' })).value).to.have.length(1);
  });
});
