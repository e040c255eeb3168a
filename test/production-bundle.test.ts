// The shipped file at work, as a host page loads it: `npm test` builds dist/lib before the browser tests run. Nothing
// here imports the elements' source, so every element on this page comes from the bundle.
import { expect, fixture, html } from '@open-wc/testing';
import { startMockHost, type MockHost } from '../src/mock/index.js';
import { text, waitFor } from './support/dom.js';

type Bundle = typeof import('../src/index.js');
const BUNDLE = new URL('../dist/lib/mobile-flow-pin.js', import.meta.url).href;

let host: MockHost;
beforeEach(async () => {
  host = await startMockHost({ dbName: `bundle-${crypto.randomUUID()}` });
});
afterEach(async () => {
  document.documentElement.removeAttribute('lang');
  await host.stop({ deleteData: true });
});

describe('the production bundle', () => {
  it('defines both elements, which work against a host and follow the page into Danish (loading that chunk)', async () => {
    const bundle: Bundle = await import(/* @vite-ignore */ BUNDLE);
    expect(customElements.get('mf-change-pin-dialog')).to.equal(bundle.MfChangePinDialog);
    expect(customElements.get('mf-user-setup-table')).to.equal(bundle.MfUserSetupTable);

    await host.signIn('ADMIN');
    const table = await fixture<InstanceType<Bundle['MfUserSetupTable']>>(
      html`<mf-user-setup-table base-url=${host.baseUrl}></mf-user-setup-table>`,
    );
    const root = table.shadowRoot!;
    await waitFor(() => root.querySelector('tr[data-user-id="ANNA"]'), 'the table shows the seeded users');
    expect(text(root.querySelector('caption'))).to.equal('Mobile Flow user setup');

    const dialog = await fixture<InstanceType<Bundle['MfChangePinDialog']>>(
      html`<mf-change-pin-dialog base-url=${host.baseUrl}></mf-change-pin-dialog>`,
    );
    const status = () => text(dialog.shadowRoot!.querySelector('[part~="status"]'));
    await waitFor(() => status() === 'PIN codes are not used for your account.', `the status line: "${status()}"`);

    document.documentElement.lang = 'da';
    await waitFor(() => status() === 'Din konto bruger ikke pinkoder.', `the status line in Danish: "${status()}"`);
    await waitFor(() => text(root.querySelector('caption')) === 'Mobile Flow-brugeropsætning', 'the table in Danish');
    expect(bundle.getLocale()).to.equal('da');
  });
});
