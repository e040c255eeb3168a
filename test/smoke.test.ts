import { expect } from '@open-wc/testing';
import { startMockHost } from '../src/mock/index.js';

describe('smoke', () => {
  it('starts a host through msw', async () => {
    const host = await startMockHost({ dbName: 'smoke-' + crypto.randomUUID() });
    expect(host.transport).to.equal('msw');
    await host.signIn('ADMIN');
    const session = await host.client.getSession();
    expect(session.userId).to.equal('ADMIN');
    const page = await host.client.listUserSetups({ top: 5 });
    console.log(JSON.stringify(page['@odata.count']), page.value.map((s) => s.userId).join(','));
    await host.stop({ deleteData: true });
  });
});
