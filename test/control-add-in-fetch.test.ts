import { expect } from '@open-wc/testing';
import { createControlAddInFetch, createMobileFlowClient, MobileFlowError } from '../src/api/index.js';
import { startMockHost, type MockHost, TEST_ARGON2ID } from '../src/mock/index.js';
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
    return { al, client: createMobileFlowClient({ baseUrl: host.baseUrl, fetch: addInFetch, timeoutMs, retries: 0 }) };
  }

  it('matches answers to requests by id, whatever order AL answers in', async () => {
    // The first request is answered last.
    const { al, client } = addIn({ delayMs: (request) => (request?.path === 'session' ? 80 : 5) });
    const [session, page] = await Promise.all([client.getSession(), client.listUserSetups({ search: 'ANNA' })]);
    expect(session.userId).to.equal('ADMIN');
    expect(page.value.map((setup) => setup.userId)).to.deep.equal(['ANNA']);
    expect(al.seen.map((request) => request.path)).to.deep.equal(['session', 'userSetups']);
    const query = new URLSearchParams(al.seen[1].query);
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
      query: '',
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

  it('keeps at most four requests waiting for AL at once, however many the page sends', async () => {
    let waiting = 0;
    let most = 0;
    const { client } = addIn({
      delayMs: () => {
        waiting += 1;
        most = Math.max(most, waiting);
        setTimeout(() => (waiting -= 1), 20);
        return 20;
      },
    });
    const sessions = await Promise.all(Array.from({ length: 12 }, () => client.getSession()));
    expect(sessions).to.have.length(12);
    expect(most).to.equal(4);
  });
});
